"""Build time, size and query latency of a quote index of generated quotes.

    python bench/search.py                  # 1,000,000 quotes (a few minutes)
    python bench/search.py --quotes 100000  # quicker

The quotes are generated: French-like sentences of frequent function words and content
words that follow a Zipf-Mandelbrot law (a few frequent words, a long tail), 5,000
speakers, dates over five years, and one quote in ten repeated by another document (so
`quote_id` grouping has work to do). Queries
are drawn from the indexed text, then timed one by one through `quotes.search` (opening
the index each time, as a notebook call or a CLI run does), on one core:

- phrase: two or three consecutive words of an indexed quote, in "…", at least one of
  them a content word (what one searches for);
- stopwords: the same with function words only ("et le"): reported, not a target (the
  phrase check then reads the position lists of the most frequent words of the corpus);
- prefix: the first four or five letters of a word, with *;
- speaker: a word and --speaker with a speaker's surname;
- repeated: `--distinct` with no query (the most repeated quotes of the corpus).

Target: p95 under 50 ms for each kind. Each search returns at most 20 rows (the default).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

FUNCTION_WORDS = (
    "de la le et les des en un une du que est pour pas nous il qui dans sur au ne se "
    "plus ce elle on ils avec mais tout"
).split()
SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga gi go la le li lo lu ma "
    "me mi mo mu na ne ni no pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu "
    "va ve vi vo tra tre pro pre con dé ré mé é an on in our eur ion ment té gé"
).split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Quotes, speakers and dates with a fixed seed."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, 20_000)
        # Zipf-Mandelbrot: the commonest content word is in about 4% of quotes, as
        # "gouvernement" or "France" are in news (function words are drawn apart)
        weights = [1 / (k + 50) for k in range(len(self.words))]
        self.cum = list(_accumulate(weights))
        first = vocabulary(self.rng, 300)
        last = vocabulary(self.rng, 3_000)
        self.speakers = sorted(
            {
                f"{self.rng.choice(first).title()} {self.rng.choice(last).title()}"
                for _ in range(5_000)
            }
        )

    def sentence(self) -> str:
        out = []
        for _ in range(self.rng.randint(8, 25)):
            if self.rng.random() < 0.35:
                out.append(self.rng.choice(FUNCTION_WORDS))
            else:
                out.append(self.rng.choices(self.words, cum_weights=self.cum)[0])
        return " ".join(out).capitalize()

    def date(self) -> str:
        year, month, day = (
            self.rng.randint(2020, 2024),
            self.rng.randint(1, 12),
            self.rng.randint(1, 28),
        )
        return f"{year}-{month:02d}-{day:02d}"


def _accumulate(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


def build(db: Path, n_quotes: int, gen: Generator) -> list[tuple[str, str]]:
    """Index `n_quotes` generated quotes, 5 per document; returns (quote, speaker) samples."""
    from quotes.index.store import Writer, connect

    con = connect(db, create=True)
    writer = Writer(con)
    seen: list[str] = []
    samples: list[tuple[str, str]] = []
    for d in range(n_quotes // 5):
        date = gen.date()
        rows = []
        for k in range(5):
            repeat = seen and gen.rng.random() < 0.1
            quote = gen.rng.choice(seen) if repeat else gen.sentence()
            speaker = gen.rng.choice(gen.speakers)
            if len(seen) < 50_000:
                seen.append(quote)
            rows.append(
                {
                    "quote": quote,
                    "speaker": speaker,
                    "speaker_mention": speaker,
                    "cue": "a déclaré",
                    "kind": "direct",
                    "start": 100 * k,
                    "end": 100 * k + len(quote),
                    "context": f"« {quote} », a déclaré {speaker}.",
                    "confidence": 0.9,
                }
            )
            if gen.rng.random() < 0.001:
                samples.append((quote, speaker))
        writer.replace_document(f"doc{d}", rows, {"date": date, "source": f"source{d % 40}"})
        if d % 2000 == 0:
            writer.commit()
    writer.commit()
    con.execute("PRAGMA optimize")
    con.close()
    return samples


def reread(db: Path) -> list[tuple[str, str]]:
    """(quote, speaker) samples of an existing index, about one in a thousand."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return list(con.execute("SELECT quote, speaker FROM quotes WHERE id % 1000 = 7"))
    finally:
        con.close()


def queries(samples: list[tuple[str, str]], gen: Generator, n: int) -> dict[str, list[dict]]:
    rng = random.Random(5)
    kinds = ("phrase", "prefix", "speaker", "repeated", "stopwords")
    out: dict[str, list[dict]] = {kind: [] for kind in kinds}
    function = set(FUNCTION_WORDS)
    while len(out["phrase"]) < n or len(out["stopwords"]) < n:
        words = rng.choice(samples)[0].lower().split()
        k = rng.randint(0, len(words) - 3)
        phrase = words[k : k + rng.randint(2, 3)]
        kind = "stopwords" if set(phrase) <= function else "phrase"
        if len(out[kind]) < n:
            out[kind].append({"query": '"' + " ".join(phrase) + '"'})
    for _ in range(n):
        quote, speaker = rng.choice(samples)
        words = quote.split()
        word = rng.choice([w for w in words if len(w) >= 6] or words)
        out["prefix"].append({"query": word[: rng.randint(4, 5)] + "*"})
        out["speaker"].append({"query": rng.choice(words), "speaker": speaker.split()[-1]})
        out["repeated"].append({"query": "", "distinct": True})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200, help="queries of each kind")
    ap.add_argument("--keep", help="write the index here instead of a temporary folder")
    ap.add_argument("--index", help="time the queries on an index this script built before")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from quotes.index.search import search

    gen = Generator()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.index or args.keep or Path(tmp) / "bench.db")
        if args.index:
            samples = reread(db)
        else:
            start = time.perf_counter()
            samples = build(db, args.quotes, gen)
            built = time.perf_counter() - start
            size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
            print(f"index: {args.quotes} quotes in {built:.0f} s, {size / 2**20:.0f} MiB")
        for kind, items in queries(samples, gen, args.queries).items():
            times, hits = [], 0
            for q in items:
                t = time.perf_counter()
                found = search(
                    db, q["query"], speaker=q.get("speaker"), distinct=q.get("distinct", False)
                )
                hits += len(found)
                times.append((time.perf_counter() - t) * 1000)
            p50 = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{kind:8} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"({len(items)} queries, {hits / len(items):.1f} rows each)"
            )


if __name__ == "__main__":
    main()
