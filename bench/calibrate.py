"""Measure the rates behind the `confidence` column on annotated articles.

    python bench/calibrate.py data/sample_fr_gold.jsonl [MORE_GOLD.jsonl ...]

Prints, pooled over the gold files:
- for each classifier score, how many marked spans are real (non-ambiguous) gold quotes;
- for each attribution rule, how many quotes it attributed have the right speaker
  (lenient, as `quotes eval` counts it).
These are the tables in `quotes/confidence.py` (rounded down). Run it after changing the
classifier or the rules, and update the tables when the rates move.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from quotes.evaluation import load_gold, speaker_match
from quotes.pipeline import explain


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    by_score: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in paths:
        for doc in load_gold(path):
            gold = [g for g in doc.quotes if not g.ambiguous]
            for row in explain(doc.text):
                start, end = int(row["start"]), int(row["end"])
                match = next(
                    (
                        g
                        for g in gold
                        if min(g.end, end) - max(g.start, start) >= 0.3 * (g.end - g.start)
                    ),
                    None,
                )
                score = max(-6, min(8, int(row["score"])))
                by_score[score][0] += match is not None
                by_score[score][1] += 1
                if match is not None and match.speaker is not None and row["kind"] != "term":
                    rule = str(row["rule"])
                    by_rule[rule][0] += speaker_match(match.speaker, row["speaker"], strict=False)
                    by_rule[rule][1] += 1
    print("classifier score -> real quotes / spans")
    for score, (ok, n) in sorted(by_score.items()):
        print(f"  {score:>3}: {ok:>4} / {n:<4} = {ok / n:.2f}")
    print("attribution rule -> right speakers / quotes")
    for rule, (ok, n) in sorted(by_rule.items(), key=lambda kv: -kv[1][1]):
        print(f"  {rule:<18} {ok:>4} / {n:<4} = {ok / n:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
