"""Check the `confidence` column against annotated articles.

    python bench/calibrate.py GOLD.jsonl [MORE_GOLD.jsonl ...] [--by outlet] [--exclude F=V]

Without --by: the rates behind the hand tables of `quotes/confidence.py` (the rules mode),
pooled over the gold files: per classifier score, how many marked spans are real
(non-ambiguous) gold quotes; per attribution rule, how many of its quotes have the right
speaker (lenient, as `quotes eval` counts it).

With --by FIELD (e.g. outlet): the model's confidence, honestly: for each value, the
ranker and its confidence map (quotes.calibration) are fitted on the other values only
(`quotes train`'s `leave_one_out`; the map itself fitted inside those training folds),
then every extracted (non-term) row of the left-out documents gets its confidence. The
table pools the left-out rows per 0.2-wide confidence bucket: rows, mean confidence, share
right (a real gold quote at 30% overlap whose speaker is right, lenient; for a gold
speaker of null, no speaker). A calibrated column has the last two within 0.1. The
`chance` column is how far the share may stray from the mean by chance alone (two
binomial standard errors at that many rows): a bucket of a few rows can miss by more
than 0.1 even when the column is calibrated.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict

from rich.console import Console

from quotes import pipeline
from quotes.eval_groups import load_gold_files, parse_filters, select_docs
from quotes.evaluation import GoldDoc, GoldError, speaker_match
from quotes.train_cli import gather, leave_one_out


def calibration_tables(docs: list[GoldDoc], by: str) -> str:
    """Leave-one-group-out confidence buckets (see the module docstring), of the model's
    choice and of the cascade's (the rules mode, whose confidence is the same map's)."""
    examples = gather(docs, by, Console(stderr=True), quiet=False)
    folds = leave_one_out(examples)
    model = [row for fold in folds for row in fold.confidences]
    rules = [row for fold in folds for row in fold.rule_confidences]
    return "\n".join(
        [
            "model's choice (QUOTES_ATTRIBUTION=model)",
            bucket_table(model),
            "",
            "cascade's choice (rules, the default mode)",
            bucket_table(rules),
        ]
    )


def bucket_table(rows: list[tuple[float, bool]]) -> str:
    """Rows, mean confidence and share right per 0.2-wide bucket."""
    buckets: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for conf, ok in rows:
        buckets[min(4, int(conf / 0.2))].append((conf, ok))
    lines = ["confidence   rows   mean conf   share right   |diff|   chance"]
    for b in range(5):
        got = buckets.get(b, [])
        if got:
            mean = sum(c for c, _ in got) / len(got)
            share = sum(ok for _, ok in got) / len(got)
            chance = 2 * math.sqrt(mean * (1 - mean) / len(got))
            lines.append(
                f"{b * 0.2:.1f}-{b * 0.2 + 0.2:.1f}  {len(got):>6}   {mean:>9.3f}"
                f"   {share:>11.3f}   {abs(share - mean):>6.3f}   {chance:>6.3f}"
            )
    n = sum(len(v) for v in buckets.values())
    mean = sum(c for v in buckets.values() for c, _ in v) / max(1, n)
    share = sum(ok for v in buckets.values() for _, ok in v) / max(1, n)
    lines.append(f"all      {n:>6}   {mean:>9.3f}   {share:>11.3f}   {abs(share - mean):>6.3f}")
    return "\n".join(lines)


def rule_rates(docs: list[GoldDoc]) -> str:
    """The rates of the hand tables (rules mode), pooled."""
    by_score: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc in docs:
        gold = [g for g in doc.quotes if not g.ambiguous]
        for row in pipeline.explain(doc.text):
            start, end = int(str(row["start"])), int(str(row["end"]))
            match = next(
                (
                    g
                    for g in gold
                    if min(g.end, end) - max(g.start, start) >= 0.3 * (g.end - g.start)
                ),
                None,
            )
            score = max(-6, min(8, int(str(row["score"]))))
            by_score[score][0] += match is not None
            by_score[score][1] += 1
            if match is not None and match.speaker is not None and row["kind"] != "term":
                rule = str(row["rule"])
                speaker = row["speaker"] if isinstance(row["speaker"], str) else None
                by_rule[rule][0] += speaker_match(match.speaker, speaker, strict=False)
                by_rule[rule][1] += 1
    lines = ["classifier score -> real quotes / spans"]
    for score, (ok, n) in sorted(by_score.items()):
        lines.append(f"  {score:>3}: {ok:>4} / {n:<4} = {ok / n:.2f}")
    lines.append("attribution rule -> right speakers / quotes")
    for rule, (ok, n) in sorted(by_rule.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"  {rule:<18} {ok:>4} / {n:<4} = {ok / n:.2f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths, by, exclude, only = [], None, [], []
    args = iter(argv)
    for a in args:
        if a == "--by":
            by = next(args, None)
        elif a == "--exclude":
            exclude.append(next(args, ""))
        elif a == "--only":
            only.append(next(args, ""))
        else:
            paths.append(a)
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        docs = select_docs(
            load_gold_files(paths),
            parse_filters("--only", only),
            parse_filters("--exclude", exclude),
        )
    except (GoldError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if by is None:
        print(rule_rates(docs))
    else:
        print(calibration_tables(docs, by))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
