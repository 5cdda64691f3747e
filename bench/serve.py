"""Server-side latency of the pages of `quotes serve` on a large index.

    python bench/search.py --keep /tmp/bench1m.db      # build the 1,000,000-quote index once
    python bench/serve.py --index /tmp/bench1m.db      # then time the pages on it

Each request goes through the ASGI app in process (Starlette's TestClient: routing,
`quotes.search`, templates, no network), one core, as `bench/search.py` times the bare
search. The queries are those of `bench/search.py` (phrases, prefixes, a word with a
speaker filter, the distinct view), each as the search page a browser would ask for,
plus filters (a source and a date range), the second page of a search, the CSV download
of a search, a quote page, a speaker page and the sources overview. Target: the search
page p95 under 150 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search as search_bench  # bench/search.py: its index and queries


def timed(client, url: str, params: dict) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    got = client.get(url, params=params)
    ms = (time.perf_counter() - t) * 1000
    if got.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {got.status_code}\n{got.text[:500]}")
    return ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", required=True, help="an index built by bench/search.py --keep")
    ap.add_argument("--queries", type=int, default=100, help="requests of each kind")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from starlette.testclient import TestClient

    from quotes.serve.app import make_app

    db = Path(args.index)
    client = TestClient(make_app(db))
    samples = search_bench.reread(db)
    asked = search_bench.queries(samples, search_bench.Generator(), args.queries)
    rng = random.Random(3)
    pages: dict[str, list[tuple[str, dict]]] = {}
    for kind, items in asked.items():
        pages[f"search: {kind}"] = [
            (
                "/",
                {
                    "q": q["query"],
                    **({"speaker": q["speaker"]} if "speaker" in q else {}),
                    **({"distinct": "1"} if q.get("distinct") else {}),
                },
            )
            for q in items
        ]
    phrases = [p for _, p in pages["search: phrase"]]
    pages["search: phrase + source + dates"] = [
        (
            "/",
            {
                **p,
                "source": f"source{rng.randrange(40)}",
                "since": "2021-01-01",
                "until": "2022-12-31",
            },
        )
        for p in phrases
    ]
    pages["search: no query, page 2"] = [("/", {"page": "2"})] * args.queries
    pages["search: phrase, page 2"] = [("/", {**p, "page": "2"}) for p in phrases]
    pages["download: phrase as CSV"] = [("/search.csv", p) for p in phrases]
    ids = [rng.randrange(1, len(samples) * 1000) for _ in range(args.queries)]
    pages["quote page"] = [(f"/quote/{i}", {}) for i in ids]
    pages["speaker page"] = [
        ("/speaker", {"name": s}) for _, s in rng.sample(samples, args.queries)
    ]
    pages["sources overview"] = [("/sources", {})] * max(3, args.queries // 20)
    client.get("/")  # warm: templates compiled, sources listed
    print(f"{'page':36} {'p50 ms':>8} {'p95 ms':>8}  requests")
    for name, requests in pages.items():
        times = [timed(client, url, params) for url, params in requests]
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
        print(f"{name:36} {p50:8.1f} {p95:8.1f}  {len(times)}", flush=True)


if __name__ == "__main__":
    main()
