"""Evaluation results and their presentation: counts, errors, text tables, JSON.

Split from `quotes.evaluation`, which computes these results and re-exports every public
name here. The dependency is one way (this module imports `quotes.evaluation` only for
type checking), so there is no import cycle at run time.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotes.evaluation import GoldDoc

THRESHOLDS = (0.3, 0.8)
#: `--by file` groups on the gold file a document was read from (not on a "file" key).
FILE_FIELD = "file"
#: The group of documents that lack the field (or have it null or empty).
MISSING = "-"


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


class _Counts:
    """Adds up the integer fields of a dataclass: totals are sums of per-document counts."""

    def add(self, other: _Counts) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            if type(getattr(self, f.name)) is int:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class SpanScores(_Counts):
    """Counts behind one P/R/F1 line; zero denominators give 0.0 (counts tell them apart)."""

    threshold: float
    gold: int = 0
    system: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.system)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SpeakerScores(_Counts):
    """Speaker accuracy over matched quotes (@30%) whose gold speaker is not null.

    Accuracy is None, not 0, when there is nothing to judge: "n/a" is not "all wrong".
    """

    n: int = 0
    strict_correct: int = 0
    lenient_correct: int = 0

    @property
    def strict(self) -> float | None:
        return self.strict_correct / self.n if self.n else None

    @property
    def lenient(self) -> float | None:
        return self.lenient_correct / self.n if self.n else None


@dataclass
class EvalError:
    """One thing to look at: what gold says, what the system said, and where."""

    doc_id: str
    cause: str
    gold_text: str | None
    system_text: str | None
    gold_speaker: str | None
    system_speaker: str | None
    context: str
    detail: str = ""


@dataclass
class Report(_Counts):
    """Everything `score` computes, micro-averaged over documents.

    Per-document rows (`docs`) are Reports too, with `doc_id` set, so a bad total can be
    traced to its documents with the same fields. `system_quotes` excludes "term" quotes;
    the P/R denominators are in `spans` (they also leave out quotes over ambiguous gold).
    """

    spans: dict[float, SpanScores] = field(
        default_factory=lambda: {t: SpanScores(t) for t in THRESHOLDS}
    )
    end_to_end: SpanScores = field(default_factory=lambda: SpanScores(THRESHOLDS[0]))
    speaker: SpeakerScores = field(default_factory=SpeakerScores)
    documents: int = 0
    ambiguous_gold: int = 0
    system_quotes: int = 0
    terms_ignored: int = 0
    doc_id: str | None = None
    docs: list[Report] = field(default_factory=list)
    errors: list[EvalError] = field(default_factory=list)
    failed_docs: list[str] = field(default_factory=list)
    unknown_docs: list[str] = field(default_factory=list)

    @property
    def gold_quotes(self) -> int:
        return self.spans[THRESHOLDS[0]].gold

    def add(self, other: _Counts) -> None:
        assert isinstance(other, Report)
        super().add(other)
        for t, s in other.spans.items():
            self.spans[t].add(s)
        self.end_to_end.add(other.end_to_end)
        self.speaker.add(other.speaker)
        self.failed_docs += other.failed_docs


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """`width` characters either side of a span, on one line; long spans keep head and tail."""
    middle = text[start:end]
    if len(middle) > 2 * width + 20:
        middle = f"{middle[:width]} … {middle[-width:]}"
    before, after = text[max(0, start - width) : start], text[end : end + width]
    out = ("…" if start > width else "") + before + middle + after
    out += "…" if end + width < len(text) else ""
    return " ".join(out.split())


def _pct(t: float) -> str:
    return f"{round(t * 100)}"


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def format_report(report: Report, *, per_document: bool = False) -> str:
    """A plain-text summary table (plain text, not rich markup, so it can be diffed)."""
    lines = [
        f"{'documents':<22}{report.documents:>7}   ({len(report.failed_docs)} failed)",
        f"{'gold quotes':<22}{report.gold_quotes:>7}   "
        f"({report.ambiguous_gold} ambiguous, not scored)",
        f"{'system quotes':<22}{report.system_quotes:>7}   ({report.terms_ignored} terms ignored)",
        "",
        f"{'':<22}{'matched':>8}{'gold':>7}{'system':>8}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    rows = [(f"spans @{_pct(t)}%", s) for t, s in report.spans.items()]
    rows.append((f"end-to-end @{_pct(report.end_to_end.threshold)}%", report.end_to_end))
    for name, s in rows:
        lines.append(
            f"{name:<22}{s.matched:>8}{s.gold:>7}{s.system:>8}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )
    sp = report.speaker
    lines += ["", f"speaker accuracy over {sp.n} matched quotes with a gold speaker"]
    lines.append(f"{'  strict':<22}{_num(sp.strict):>8}   ({sp.strict_correct}/{sp.n})")
    lines.append(f"{'  lenient':<22}{_num(sp.lenient):>8}   ({sp.lenient_correct}/{sp.n})")
    if report.unknown_docs:
        lines += ["", f"predictions for ids not in gold (ignored): {len(report.unknown_docs)}"]
    if per_document:
        low, high = THRESHOLDS[0], THRESHOLDS[-1]
        lines += [
            "",
            f"{'document':<22}{'gold':>7}{'system':>8}{'F1@' + _pct(low):>8}"
            f"{'F1@' + _pct(high):>8}{'e2e F1':>8}",
        ]
        for r in report.docs:
            lines.append(
                f"{str(r.doc_id)[:21]:<22}{r.spans[low].gold:>7}{r.spans[low].system:>8}"
                f"{r.spans[low].f1:>8.3f}{r.spans[high].f1:>8.3f}"
                f"{r.end_to_end.f1:>8.3f}" + ("  FAILED" if r.failed_docs else "")
            )
    return "\n".join(lines)


def _scores_json(r: Report) -> dict[str, Any]:
    def span(s: SpanScores) -> dict[str, Any]:
        return {**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1}

    return {
        "documents": r.documents,
        "gold_quotes": r.gold_quotes,
        "ambiguous_gold": r.ambiguous_gold,
        "system_quotes": r.system_quotes,
        "terms_ignored": r.terms_ignored,
        "failed_docs": r.failed_docs,
        "spans": {f"at{_pct(t)}": span(s) for t, s in r.spans.items()},
        "end_to_end": span(r.end_to_end),
        "speaker": {**asdict(r.speaker), "strict": r.speaker.strict, "lenient": r.speaker.lenient},
    }


def report_to_json(
    report: Report,
    *,
    errors: bool = True,
    groups: Mapping[str, Report] | None = None,
    group_by: str | None = None,
) -> dict[str, Any]:
    """The report as JSON-ready data; threshold keys are "at30", "at80".

    With `groups` (from `group_reports`), "groups" maps each group value to the same scores
    as the pooled top level (plus its "error_counts" when `errors`), and "group_by" names
    the field, so a script reads a group exactly as it reads the pooled report.
    """
    out = _scores_json(report)
    out["unknown_docs"] = report.unknown_docs
    out["docs"] = [{"doc_id": r.doc_id, **_scores_json(r)} for r in report.docs]
    if errors:
        out["error_counts"] = dict(_cause_counts(report))
        out["errors"] = [asdict(e) for e in report.errors]
    if groups is not None:
        out["group_by"] = group_by
        out["groups"] = {
            name: {
                **_scores_json(g),
                **({"error_counts": dict(_cause_counts(g))} if errors else {}),
            }
            for name, g in groups.items()
        }
    return out


def _cause_counts(report: Report) -> list[tuple[str, int]]:
    counts = Counter(e.cause for e in report.errors)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _clip(s: str | None, width: int = 100) -> str:
    if s is None:
        return "-"
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def format_errors(report: Report) -> str:
    """Errors grouped by cause, largest group first, each with its count."""
    if not report.errors:
        return "no errors"
    blocks = []
    for cause, n in _cause_counts(report):
        lines = [f"== {cause} ({n})"]
        for e in (e for e in report.errors if e.cause == cause):
            lines.append(f"[{e.doc_id}]" + (f" {e.detail}" if e.detail else ""))
            lines.append(f"  gold:    {_clip(e.gold_text)}   speaker: {e.gold_speaker or '-'}")
            lines.append(f"  system:  {_clip(e.system_text)}   speaker: {e.system_speaker or '-'}")
            lines.append(f"  context: {_clip(e.context, 200)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- groups: scores per outlet, per gold file... ---------------------------------------


def file_labels(docs: Sequence[GoldDoc]) -> dict[str, str]:
    """The label of each gold file: its name, or the path as given when two share a name.

    Names keep the table narrow; two different files must still never pool into one group.
    """
    paths = {d.gold_file for d in docs if d.gold_file}
    names = Counter(PurePath(p).name for p in paths)
    return {p: PurePath(p).name if names[PurePath(p).name] == 1 else p for p in paths}


def group_value(doc: GoldDoc, field: str, labels: Mapping[str, str] | None = None) -> str:
    """The group `doc` falls in for `field`: a metadata value as text, or MISSING ("-").

    Non-string values are written as JSON (true, 3) so that `--only FIELD=VALUE` can name
    them; `labels` (from `file_labels`) is needed for the "file" field only.
    """
    if field == FILE_FIELD:
        if not doc.gold_file:
            return MISSING
        return (labels or {}).get(doc.gold_file, PurePath(doc.gold_file).name)
    value = doc.meta.get(field)
    if value is None or value == "":
        return MISSING
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def group_reports(report: Report, docs: Sequence[GoldDoc], field: str) -> dict[str, Report]:
    """One Report per value of `field` (sorted), each the sum of its documents' rows.

    The per-document Reports that `score` kept in `report.docs` are added up rather than
    scored again, so there is one scoring path and the groups add up to the pooled report.
    A row is matched to its document by id (ids are unique in a scored set), never by
    position, so a reordered list cannot put a document in the wrong group.
    """
    by_id = {d.doc_id: d for d in docs}
    labels = file_labels(docs)
    groups: dict[str, Report] = {}
    for row in report.docs:
        doc = by_id.get(str(row.doc_id))
        if doc is None:
            raise ValueError(f"document {row.doc_id!r} of the report is not in the gold documents")
        group = groups.setdefault(group_value(doc, field, labels), Report())
        group.add(row)
        group.docs.append(row)
        group.errors += row.errors
    return dict(sorted(groups.items()))


def format_groups(groups: Mapping[str, Report], pooled: Report, field: str) -> str:
    """One row per group, then the pooled row: the table to compare outlets or files.

    Speaker accuracy comes with its n (the matched quotes with a gold speaker): on a small
    group one quote moves it a lot, and the table must show when that is the case.
    """
    low, high = THRESHOLDS[0], THRESHOLDS[-1]
    width = max(len(field), len("pooled"), *(len(k) for k in groups)) + 2
    lines = [
        f"{field:<{width}}{'docs':>6}{'gold':>6}{'F1@' + _pct(low):>7}{'F1@' + _pct(high):>7}"
        f"{'spk lenient':>13}{'spk strict':>12}{'e2e F1':>8}{'spk n':>7}"
    ]
    for name, r in [*groups.items(), ("pooled", pooled)]:
        lines.append(
            f"{name:<{width}}{r.documents:>6}{r.gold_quotes:>6}"
            f"{r.spans[low].f1:>7.3f}{r.spans[high].f1:>7.3f}"
            f"{_num(r.speaker.lenient):>13}{_num(r.speaker.strict):>12}"
            f"{r.end_to_end.f1:>8.3f}{r.speaker.n:>7}"
        )
    return "\n".join(lines)


def format_group_errors(groups: Mapping[str, Report], field: str) -> str:
    """Error counts by cause (rows, largest first) and group (columns), with totals."""
    # (label, counts) columns, not a dict: a group may itself be called "total".
    cols = [(name, Counter(e.cause for e in r.errors)) for name, r in groups.items()]
    total: Counter[str] = sum((c for _, c in cols), Counter())
    if not total:
        return "no errors"
    cols.append(("total", total))
    causes = sorted(total, key=lambda c: (-total[c], c))
    first = max(len("cause"), *(len(c) for c in causes)) + 2
    widths = [max(len(name), 3) + 2 for name, _ in cols]
    head = "".join(f"{name:>{w}}" for (name, _), w in zip(cols, widths, strict=True))
    lines = [f"errors by cause and {field}", "cause".ljust(first) + head]
    for cause in causes:
        cells = (f"{c[cause]:>{w}}" for (_, c), w in zip(cols, widths, strict=True))
        lines.append(cause.ljust(first) + "".join(cells))
    sums = (f"{c.total():>{w}}" for (_, c), w in zip(cols, widths, strict=True))
    lines.append("total".ljust(first) + "".join(sums))
    return "\n".join(lines)
