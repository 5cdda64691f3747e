"""Time and peak memory of `quotes extract` on one long document, by size, in one run.

    python bench/longdoc.py                    # 0.1, 1, 5 and 20 MB
    python bench/longdoc.py --sizes 0.01,0.1,1 --jobs 1
    python bench/longdoc.py --fast             # no model: lexicon tagging (quotes.fast)

A long document (a book, a transcript, a day's wire dump in one file) must cost time in
proportion to its length. The text is generated: paragraphs of invented French press
copy, one quote in two with an incise, a colon or a pronoun, names drawn from a list so
that the registry of mentions keeps growing. Each size runs `quotes extract FILE -o
OUT.csv --jobs J -q` in a subprocess, the model and lexicons loaded first and timed
apart, and prints the wall seconds (what a user waits), the loading, the work, the work
per MB and the peak RSS, then the ratios of the work per MB (flat is 1.0; the goal is
<= 1.5). A document over quotes.chunks.CHUNK_CHARS is attributed in parts, so the
memory stays flat too.

`--floor` also times the model alone on the same text (spaCy's `nlp.pipe` over its
paragraphs, with the pipes `quotes` runs, in another subprocess) and prints the ratio of
the work to it: the part of the time that is ours, and the least any size can take here.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = "Anne Paul Claire Luc Sophie Marc Julie Pierre Hélène Yves Nadia Omar Léa Hugo".split()
LAST = "Roy Petit Marchand Vidal Morin Garnier Fontaine Lefort Caron Dumas Benali Keller".split()
ROLES = ["maire de Sainte-Aube", "porte-parole du syndicat", "directrice de l'usine"]
SAID = ["a déclaré", "a affirmé", "a expliqué", "a ajouté", "a lancé", "a estimé"]
WORDS = (
    "le conseil a voté la nouvelle route après des mois de débats tandis que les habitants "
    "attendaient une réponse claire sur le budget et les travaux du pont"
).split()


def paragraph(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
    said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12)))
    kind = rng.randrange(4)
    if kind == 0:
        return f"« {said.capitalize()} », {rng.choice(SAID)} {name}, {rng.choice(ROLES)}."
    if kind == 1:
        return f"{name} l'a dit : « {said.capitalize()}. » {words.capitalize()}."
    if kind == 2:
        return f"{words.capitalize()}. « {said.capitalize()} », a-t-elle ajouté."
    return f"{words.capitalize()}, selon {name}."


def document(mb: float, seed: int = 7) -> str:
    rng, parts, size = random.Random(seed), [], 0
    while size < mb * 1_000_000:
        p = paragraph(rng)
        parts.append(p)
        size += len(p.encode()) + 2
    return "\n\n".join(parts)


# `quotes extract` with the model, lexicons and ranker weights loaded (one sentence
# extracted) before the clock starts: the work of a size is timed inside the process,
# free of the start-up's noise
_CLI = """
import sys, time
from quotes.model import Document
from quotes.pipeline import extract_document
t0 = time.perf_counter()
extract_document(Document("warm", "« Oui », a dit Paul Roy."), fast="--fast" in sys.argv)
t1 = time.perf_counter()
from quotes.cli import app
code = 0
try:
    app(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(f"{t1 - t0:.3f} {time.perf_counter() - t1:.3f}", file=sys.stderr)
sys.exit(code)
"""


def run(path: Path, jobs: int, fast: bool = False) -> tuple[float, float, float, float]:
    """Wall seconds, model-loading seconds, work seconds and peak RSS (MB) of one
    `quotes extract FILE -o OUT.csv --jobs J -q` subprocess."""
    out = path.with_suffix(".csv")
    cmd = [sys.executable, "-c", _CLI, "extract", str(path), "-o", str(out), "-q"]
    cmd += ["--fast"] if fast else []
    t = time.perf_counter()
    done = subprocess.run(
        [*cmd, "--jobs", str(jobs)], check=True, stderr=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - t
    load, work = (float(x) for x in done.stderr.split()[-2:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, load, work, peak


# the model alone: every paragraph of the file through nlp.pipe with the pipes quotes runs
_FLOOR = """
import sys, time
from quotes.nlp import PIPE_BATCH, get_nlp, skipped_pipes
nlp = get_nlp()
paragraphs = open(sys.argv[1], encoding="utf-8").read().split("\\n\\n")
t = time.perf_counter()
for _ in nlp.pipe(paragraphs, batch_size=PIPE_BATCH, disable=list(skipped_pipes(nlp))):
    pass
print(f"{time.perf_counter() - t:.3f}")
"""


def floor(path: Path) -> float:
    """Seconds the model alone takes over the file's paragraphs (see _FLOOR)."""
    done = subprocess.run(
        [sys.executable, "-c", _FLOOR, str(path)], check=True, stdout=subprocess.PIPE, text=True
    )
    return float(done.stdout.split()[-1])


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,1,5,20", help="document sizes in MB")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--fast", action="store_true", help="quotes extract --fast (no model)")
    ap.add_argument("--floor", action="store_true", help="also time the model alone")
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    per_mb = []
    print("size MB   wall s        load s   work s   work s per MB   peak RSS MB (largest so far)")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"doc_{mb}.txt"
            path.write_text(document(mb), encoding="utf-8")
            wall, load, work, rss = run(path, args.jobs, args.fast)
            per_mb.append(work / mb)
            row = f"{mb:>7.2f}   {wall:>6.1f}   {load:>12.1f}   {work:>6.1f}   {work / mb:>13.1f}"
            print(f"{row}   {rss:>8.0f}", flush=True)
            if args.floor:
                alone = floor(path)
                print(
                    f"          model alone {alone:.1f} s ({alone / mb:.1f} s per MB); "
                    f"work / model alone {work / alone:.2f}",
                    flush=True,
                )
    print(f"ratio of work s per MB, largest / smallest size: {per_mb[-1] / per_mb[0]:.2f}")
    print(f"ratio of work s per MB, slowest / fastest size: {max(per_mb) / min(per_mb):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
