"""Time and peak memory of `quotes extract` on one long document, by size, in one run.

    python bench/longdoc.py                    # 0.1, 1, 5 and 20 MB
    python bench/longdoc.py --sizes 0.01,0.1,1 --jobs 1

A long document (a book, a transcript, a day's wire dump in one file) must cost time in
proportion to its length. The text is generated: paragraphs of invented French press
copy, one quote in two with an incise, a colon or a pronoun, names drawn from a list so
that the registry of mentions keeps growing. Each size runs `quotes extract FILE -o
OUT.csv --jobs J -q` in a subprocess (model loading included, printed apart from a
0.01 MB run) and prints seconds, seconds per MB and peak RSS, then the ratio of the
largest to the smallest seconds per MB (flat is 1.0; the goal is <= 1.5).
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


def run(path: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `quotes extract` subprocess."""
    out = path.with_suffix(".csv")
    cli = "from quotes.cli import app; app()"
    cmd = [sys.executable, "-c", cli, "extract", str(path), "-o", str(out), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([*cmd, "--jobs", str(jobs)], check=True)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,1,5,20", help="document sizes in MB")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        start = Path(tmp) / "start.txt"
        start.write_text(document(0.01), encoding="utf-8")
        base, _ = run(start, args.jobs)
        print(f"start-up (0.01 MB document): {base:.1f} s, subtracted below")
        per_mb = []
        print("size MB   seconds   s per MB   peak RSS MB (largest so far)")
        for mb in sizes:
            path = Path(tmp) / f"doc_{mb}.txt"
            path.write_text(document(mb), encoding="utf-8")
            seconds, rss = run(path, args.jobs)
            work = max(seconds - base, 1e-3)
            per_mb.append(work / mb)
            print(f"{mb:>7.2f}   {seconds:>7.1f}   {work / mb:>8.1f}   {rss:>8.0f}", flush=True)
        print(f"ratio of s per MB, largest / smallest size: {per_mb[-1] / per_mb[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
