"""The `quotes train` command: fit the speaker ranker (quotes.ranker) on gold files.

Each gold document is parsed once (`pipeline.quotes_with_candidates`); every fit after
that, the final one and those of the leave-one-group-out comparison, works on the
collected feature matrices. A candidate is labelled right when
`speaker_match(gold speaker, candidate, strict=False)` holds for the gold quote its quote
matches (`match_quotes` at 0.3; non-ambiguous gold quotes with a speaker only), so the
figures printed are the speaker lenient accuracy of `quotes eval`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.console import Console

from quotes import calibration as cal
from quotes import cli_options as opt
from quotes import pipeline, ranker
from quotes.attribution.candidates import FEATURE_NAMES, Candidate, Pool
from quotes.eval_cli import extraction_progress
from quotes.eval_groups import (
    SelectionError,
    check_field,
    load_gold_files,
    parse_filters,
    select_docs,
)
from quotes.eval_report import group_value
from quotes.evaluation import GoldDoc, GoldError, match_quotes, speaker_match
from quotes.lang import detect
from quotes.model import Document, Quote

TRAIN_HELP = """Fit the speaker ranker on gold JSONL files and write its weights.

Runs the extractor once per gold document, collects every candidate
speaker of every quote, labels them against the gold speaker (lenient
match) and fits the ranker (a conditional logit, L2, numpy only) with a
calibration of its probabilities. --by outlet also prints, per outlet,
the speaker lenient accuracy of the hand cascade and of the model fitted
on the other outlets, and the pooled leave-one-outlet-out figure.

Example:

    quotes train dev.jsonl dev2.jsonl -o attribution.json --by outlet --exclude outlet=ch-b

    quotes extract articles/ -o quotes.csv   # with QUOTES_WEIGHTS or weights=... in Python
"""


@dataclass
class Example:
    """One extracted quote: its candidates as a matrix, which are right, the cascade's.

    `kind` is "speaker" (matched to a gold quote with a speaker), "none" (a gold quote
    whose speaker is null: the right candidate is "no speaker") or "false" (no gold
    quote: no candidate is right; such rows only train the confidence map)."""

    doc_id: str
    group: str  # value of the --by field (or the document id)
    x: np.ndarray
    right: np.ndarray
    cascade_right: bool
    speakers: list[str | None]
    kind: str = "speaker"
    quote_p: float = 1.0  # P(real quote | classifier score)
    rule_p: np.ndarray | None = None  # per candidate, the hand rate of its rule
    named: np.ndarray | None = None  # per candidate, calibration.is_named


def matrix(cands: Sequence[Candidate], features: Sequence[str] = FEATURE_NAMES) -> np.ndarray:
    return ranker.Ranker(list(features), np.zeros(len(features))).matrix(cands)


def examples_of(doc: GoldDoc, group: str, backend: str = "spacy") -> list[Example]:
    """The labelled examples of one gold document (one parse)."""
    found = pipeline.quotes_with_candidates(Document(doc_id=doc.doc_id, text=doc.text), backend)
    return examples_from(doc, group, found)


def examples_from(
    doc: GoldDoc, group: str, found: Sequence[tuple[Quote, Pool, float]]
) -> list[Example]:
    """The labelled examples of a document from `pipeline.quotes_with_candidates`: every
    extracted quote, matched or not (see `Example.kind`)."""
    rows = [q for q, _, _ in found]
    gold = [g for g in doc.quotes if not g.ambiguous]
    matched = {si: gold[gi] for gi, si in match_quotes(gold, rows, 0.3).items()}
    out = []
    for si, (row, pool, quote_p) in enumerate(found):
        g = matched.get(si)
        cands = pool.candidates()
        if g is None:
            right = np.zeros(len(cands), dtype=bool)
            cascade, kind = False, "false"
        else:
            right = np.array([speaker_match(g.speaker, c.speaker, strict=False) for c in cands])
            cascade = speaker_match(g.speaker, row.speaker, strict=False)
            kind = "speaker" if g.speaker is not None else "none"
        rates = np.array(cal.rule_rates(cands, pool.cascade_rule))
        speakers = [c.speaker for c in cands]
        named = np.array([cal.is_named(c.features) for c in cands])
        out.append(
            Example(
                doc.doc_id,
                group,
                matrix(cands),
                right,
                cascade,
                speakers,
                kind,
                quote_p,
                rates,
                named,
            )
        )
    return out


def gather(
    docs: Sequence[GoldDoc], by: str | None, console: Console, quiet: bool, backend: str = "spacy"
) -> list[Example]:
    """Examples of every document, with a progress bar on stderr; a document whose
    extraction crashes is reported and skipped."""
    out: list[Example] = []
    with extraction_progress(console, quiet) as progress:
        task = progress.add_task("extract", total=len(docs))
        for doc in docs:
            group = group_value(doc, by) if by else doc.doc_id
            try:
                out += examples_of(doc, group, backend)
            except Exception as exc:  # one extractor bug must not lose the other documents
                console.print(f"error: {doc.doc_id}: {type(exc).__name__}: {exc}", markup=False)
            progress.advance(task)
    return out


def _groups(examples: Sequence[Example]) -> list[ranker.Group]:
    return [ranker.Group(e.x, e.right) for e in examples]


_CASCADE = FEATURE_NAMES.index("cascade")


def _chosen(w: np.ndarray, e: Example, rules: bool = False) -> tuple[bool, list[float]]:
    """Whether the weights pick a right candidate (`rules`: whether the cascade's is
    right), and the confidence map's inputs for that choice."""
    cascade = int(np.argmax(e.x[:, _CASCADE])) if rules else None
    best, _, margin = ranker.summary(e.x @ w, cascade)
    rule_p = e.rule_p[best] if e.rule_p is not None else 0.6
    named = bool(e.named[best]) if e.named is not None else False
    x = cal.inputs(margin, e.quote_p, rule_p, e.speakers[best] is None, named)
    return bool(e.right[best]), x


def _folds(examples: Sequence[Example]) -> list[list[int]]:
    """Inner folds for calibration: one per group when there are several, else 5 by
    document (a quote's neighbours share a document: they stay in the same fold)."""
    groups = sorted({e.group for e in examples})
    if len(groups) < 2:
        docs = sorted({e.doc_id for e in examples})
        fold_of = {d: i % 5 for i, d in enumerate(docs)}
        keys = [fold_of[e.doc_id] for e in examples]
    else:
        index = {g: i for i, g in enumerate(groups)}
        keys = [index[e.group] for e in examples]
    return [[i for i, k in enumerate(keys) if k == f] for f in sorted(set(keys))]


def fit_model(examples: Sequence[Example], l2: float = ranker.DEFAULT_L2) -> ranker.Ranker:
    """Weights on all `examples`; the confidence map (quotes.calibration) fitted on the
    choices of weights that did not see the row (inner held-out folds), its target
    "real quote and speaker right"."""
    prior = ranker.prior_vector(FEATURE_NAMES)
    w = ranker.fit(_groups(examples), l2, prior=prior)
    xs, ys, groups = [], [], []
    folds = _folds(examples)
    if len(folds) > 1:
        for fold in folds:
            inside = set(fold)
            rest = [e for i, e in enumerate(examples) if i not in inside]
            wf = ranker.fit(_groups(rest), l2, prior=prior)
            for i in fold:
                ok, x = _chosen(wf, examples[i])
                ys.append(ok)
                xs.append(x)
                groups.append(examples[i].group)
    # outlets weigh the same (quotes.calibration); without --by a group is one document
    by_field = any(e.group != e.doc_id for e in examples)
    balanced = cal.group_weights(groups) if by_field else None
    model = ranker.Ranker(list(FEATURE_NAMES), w, calibration=cal.fit(xs, ys, weights=balanced))
    model.meta = {
        "examples": len(examples),
        "l2": l2,
        "groups": sorted({e.group for e in examples}),
    }
    return model


@dataclass
class FoldResult:
    group: str
    n: int  # quotes with a gold speaker (what `quotes eval` scores)
    rules: int
    model: int
    confidences: list[tuple[float, bool]]  # every row: (confidence, real and right)
    rule_confidences: list[tuple[float, bool]]  # the same for the cascade's choice
    none_n: int = 0  # gold quotes whose speaker is null
    none_rules: int = 0
    none_model: int = 0


def leave_one_out(
    examples: Sequence[Example],
    l2: float = ranker.DEFAULT_L2,
    on_fold: Callable[[], None] = lambda: None,
) -> list[FoldResult]:
    """For each group: the cascade's and the model's (fitted on the other groups) hits,
    and the model's confidence on every row of the group."""
    out = []
    for g in sorted({e.group for e in examples}):
        test = [e for e in examples if e.group == g]
        model = fit_model([e for e in examples if e.group != g], l2)
        r = FoldResult(g, 0, 0, 0, [], [])
        conf = model.calibration or (lambda _: 0.0)
        for e in test:
            ok, x = _chosen(model.weights, e)
            r.confidences.append((conf(x), ok))
            rok, rx = _chosen(model.weights, e, rules=True)
            r.rule_confidences.append((conf(rx), rok))
            if e.kind == "speaker":
                r.n, r.rules, r.model = r.n + 1, r.rules + e.cascade_right, r.model + ok
            elif e.kind == "none":
                r.none_n += 1
                r.none_rules, r.none_model = r.none_rules + e.cascade_right, r.none_model + ok
        out.append(r)
        on_fold()
    return out


def format_folds(results: Sequence[FoldResult], by: str) -> str:
    """The leave-one-out table: per group and pooled, cascade vs model (speaker lenient
    accuracy over gold quotes with a speaker; then right "no speaker" of null ones)."""
    w = max([12, len(by), *(len(r.group) for r in results)])  # the longest outlet name
    head = f"{'spk n':>6} {'rules':>7} {'model':>7}   {'null n':>6} {'rules':>5} {'model':>5}"
    lines = [f"{by:<{w}} {head}"]

    def line(name: str, n: int, rules: int, model: int, nn: int, nr: int, nm: int) -> str:
        acc = f"{rules / n:>7.3f} {model / n:>7.3f}" if n else f"{'-':>7} {'-':>7}"
        return f"{name:<{w}} {n:>6} {acc}   {nn:>6} {nr:>5} {nm:>5}"

    for r in results:
        lines.append(line(r.group, r.n, r.rules, r.model, r.none_n, r.none_rules, r.none_model))
    totals = [sum(getattr(r, f) for r in results) for f in ("n", "rules", "model")]
    nulls = [sum(getattr(r, f) for r in results) for f in ("none_n", "none_rules", "none_model")]
    if totals[0]:
        lines.append(line("pooled", *totals, *nulls))
    return "\n".join(lines)


def load_docs(
    paths: Sequence[Path],
    by: str | None,
    only: Sequence[str],
    exclude: Sequence[str],
    say: Callable[[str], None],
) -> list[GoldDoc]:
    """The gold documents to train on; any problem is one `error:` line and exit code 2."""
    try:
        docs = load_gold_files(paths)
        if by is not None and by != "file":
            check_field(docs, by, "--by")
        kept = select_docs(docs, parse_filters("--only", only), parse_filters("--exclude", exclude))
    except (GoldError, SelectionError) as exc:
        say(f"error: {exc}")
        raise typer.Exit(2) from None
    if not kept:
        say("error: no gold document left to train on")
        raise typer.Exit(2)
    langs = Counter(detect(d.text) for d in kept)
    if len(langs) > 1:  # weights are per language: its rules propose the candidates
        counts = ", ".join(f"{langs[c]} {c}" for c in sorted(langs))
        say(f"error: the gold documents are in several languages ({counts}): train one at a time")
        raise typer.Exit(2)
    return kept


def register(app: typer.Typer) -> None:
    """Add the `train` command to `app` (called by quotes/cli.py)."""

    @app.command("train", help=TRAIN_HELP)
    def train_command(
        gold: Annotated[
            list[Path], typer.Argument(metavar="GOLD", help="Gold JSONL files, pooled.")
        ],
        output: Annotated[
            Path, typer.Option("--output", "-o", help="Where to write the weights (JSON).")
        ],
        by: Annotated[
            str | None,
            typer.Option(
                "--by", metavar="FIELD", help="Print a leave-one-out table per value (outlet)."
            ),
        ] = None,
        only: Annotated[
            list[str] | None,
            typer.Option("--only", metavar="FIELD=VALUE", help="Train on these only."),
        ] = None,
        exclude: Annotated[
            list[str] | None,
            typer.Option("--exclude", metavar="FIELD=VALUE", help="Leave out (repeatable)."),
        ] = None,
        l2: Annotated[
            float, typer.Option("--l2", help="L2 penalty of the fit.")
        ] = ranker.DEFAULT_L2,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        backend: opt.Backend = opt.BackendName.spacy,
        device: opt.Device = opt.DeviceName.cpu,
    ) -> None:
        err = Console(stderr=True, soft_wrap=True)

        def say(text: str) -> None:
            err.print(text, markup=False, highlight=False)

        name = opt.prepare_backend(backend, device, say)
        docs = load_docs(gold, by, only or [], exclude or [], say)
        examples = gather(docs, by, err, quiet, name)
        if not any(e.right.any() for e in examples):
            say("error: no gold quote was matched: nothing to fit")
            raise typer.Exit(2)
        model = fit_model(examples, l2)
        model.meta["documents"] = len(docs)
        model.meta["lang"] = detect(docs[0].text)
        if by is not None:
            results = leave_one_out(examples, l2)
            model.meta["leave_one_out"] = {
                r.group: {"n": r.n, "rules": r.rules, "model": r.model, "null": r.none_n}
                for r in results
            }
            typer.echo(f"leave-one-{by}-out speaker accuracy (lenient)")
            typer.echo(format_folds(results, by))
        try:
            model.save(output)
        except OSError as exc:
            say(f"error: cannot write {output}: {exc}")
            raise typer.Exit(2) from None
        if not quiet:
            say(f"{len(docs)} documents, {len(examples)} quotes, weights written to {output}")
