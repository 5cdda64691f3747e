"""Score extracted quotes against a gold file (format and metric: /work/shared/eval/README.md).

Pure Python on purpose (no spaCy): scoring must stay cheap and must not change when the
extractor's dependencies do. The metric is implemented exactly as the README states; where
the README is silent, the choice is written next to the code that makes it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from quotes.model import Quote

THRESHOLDS = (0.3, 0.8)
#: Overlap (share of the gold span) above which a system quote "is" a given gold entry.
#: Fixed at 30% for ambiguous and nonquote entries, whatever threshold is being scored.
SIDE_OVERLAP = 0.3
STOPWORDS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d",
    "m", "mme", "mr", "mrs", "ms", "dr", "the", "a", "an",
})
#: Speakers that only repeat a pronoun: the attribution step found the cue but not the name.
PRONOUNS = frozenset({
    "il", "elle", "ils", "elles", "on", "lui", "eux",
    "celui-ci", "celle-ci", "ceux-ci", "celles-ci", "he", "she", "they",
})


class GoldError(ValueError):
    """A gold file that cannot be scored against; `problems` lists every defect found."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(self.problems[0] + more)


@dataclass(frozen=True)
class GoldSpan:
    """A pair of marks in the gold text: `text[start:end] == self.text`."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class GoldQuote(GoldSpan):
    """A gold quote with its source; `ambiguous` entries are never scored."""

    speaker: str | None = None
    mention: str | None = None
    cue: str | None = None
    ambiguous: bool = False


@dataclass(frozen=True)
class GoldDoc:
    """One gold document; `line` is kept so later messages can point back at the file."""

    doc_id: str
    text: str
    quotes: list[GoldQuote]
    nonquotes: list[GoldSpan] = field(default_factory=list)
    line: int = 0


def _short(value: object, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _entry_problem(e: Any, text: str) -> str | None:
    """Why a `quotes`/`nonquotes` entry cannot be scored, or None when it can."""
    if not isinstance(e, dict):
        return "expected an object"
    missing = [k for k in ("start", "end", "text") if k not in e]
    if missing:
        return f"missing field {', '.join(missing)}"
    start, end = e["start"], e["end"]
    if type(start) is not int or type(end) is not int or not isinstance(e["text"], str):
        return "start/end must be integers and text a string"
    if not 0 <= start < end <= len(text):
        return f"offsets {start}:{end} outside the text ({len(text)} characters)"
    if text[start:end] != e["text"]:
        return f"text[{start}:{end}] is {_short(text[start:end])}, not {_short(e['text'])}"
    if e.get("speaker") is not None and not isinstance(e["speaker"], str):
        return "speaker must be a string or null"
    return None


def _spans(raw: Any, where: str, text: str, quotes: bool, problems: list[str]) -> list[Any]:
    """Parse the entries of one list, recording (not raising) every bad one."""
    if not isinstance(raw, list):
        problems.append(f"{where}: expected a list, got {type(raw).__name__}")
        return []
    out: list[Any] = []
    for i, e in enumerate(raw):
        problem = _entry_problem(e, text)
        if problem:
            problems.append(f"{where}[{i}]: {problem}")
            continue
        base = (e["start"], e["end"], e["text"], str(e.get("kind", "")))
        out.append(GoldQuote(*base, e.get("speaker"), e.get("mention"), e.get("cue"),
                             bool(e.get("ambiguous", False))) if quotes else GoldSpan(*base))
    return out


def _doc_problem(obj: Any, seen: dict[str, int]) -> str | None:
    """Why a line cannot be a gold document, or None when it can."""
    if not isinstance(obj, dict):
        return f"expected a JSON object, got {type(obj).__name__}"
    missing = [k for k in ("id", "text", "quotes") if k not in obj]
    if missing:
        return f"missing field {', '.join(missing)}"
    if not isinstance(obj["id"], str) or not obj["id"] or not isinstance(obj["text"], str):
        return "id must be a non-empty string and text a string"
    if obj["id"] in seen:
        return f"duplicate id {obj['id']!r} (first on line {seen[obj['id']]})"
    return None


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold JSONL file, checking everything the scorer relies on.

    Every defect is collected first and raised as one `GoldError` (message: first problem,
    `problems`: all of them) so a broken file is fixed in one pass, not one error at a time.
    Offsets are checked against the text because a shifted span would silently score wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise GoldError([f"{path}: no such gold file"])
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError([f"{path}: cannot read gold file: {exc}"]) from exc
    docs: list[GoldDoc] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{lineno}: bad JSON: {exc.msg} (column {exc.colno})")
            continue
        problem = _doc_problem(obj, seen)
        if problem:
            problems.append(f"{path}:{lineno}: {problem}")
            continue
        doc_id, text = obj["id"], obj["text"]
        seen[doc_id] = lineno
        where = f"{path}:{lineno}: doc {doc_id!r}"
        quotes = _spans(obj["quotes"], f"{where} quotes", text, True, problems)
        nonquotes = _spans(obj.get("nonquotes", []), f"{where} nonquotes", text, False, problems)
        docs.append(GoldDoc(doc_id, text, quotes, nonquotes, lineno))
    if not docs and not problems:
        problems.append(f"{path}: no documents in gold file")
    if problems:
        raise GoldError(problems)
    return docs


def normalise_name(s: str | None) -> list[str]:
    """Words of a name as the README compares them ("M. Castaner" -> ["castaner"]).

    Apostrophes are punctuation too, so "l’un d’eux" -> "l un d eux" -> ["eux"].
    """
    if not s:
        return []
    decomposed = unicodedata.normalize("NFKD", s)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return [w for w in re.sub(r"[\W_]+", " ", plain).split() if w not in STOPWORDS]


def _no_speaker(s: str | None) -> bool:
    return s is None or not s.strip()


def speaker_match(gold: str | None, system: str | None, strict: bool) -> bool:
    """Whether the system speaker names the gold speaker.

    None (or blank) on both sides matches: the end-to-end rule wants "no speaker" for a
    null gold speaker. A name that normalises to no words (e.g. "M.") only matches another
    such name: otherwise the lenient subset test would accept it for any speaker.
    """
    if _no_speaker(gold) or _no_speaker(system):
        return _no_speaker(gold) and _no_speaker(system)
    g, s = normalise_name(gold), normalise_name(system)
    if strict or not g or not s:
        return g == s
    short, long = (g, s) if len(g) <= len(s) else (s, g)
    return set(short) <= set(long)


def is_pronoun(speaker: str | None) -> bool:
    """A speaker that is only a pronoun (il, elle...), i.e. an unresolved mention."""
    return bool(speaker) and " ".join(str(speaker).lower().split()) in PRONOUNS


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_quotes(gold: Sequence[GoldSpan], system: Sequence[Quote],
                 threshold: float) -> dict[int, int]:
    """One-to-one matching {gold index: system index}, global greedy by decreasing overlap.

    A pair qualifies when the overlap is positive and covers >= threshold of the gold span.
    Ties go to the pair with fewer unshared characters (the tighter span), then document
    order, so the result never depends on dict or set ordering.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = _overlap(g.start, g.end, s.start, s.end)
            if ov > 0 and ov >= threshold * (g.end - g.start):
                extra = (g.end - g.start) + (s.end - s.start) - 2 * ov
                pairs.append((-ov, extra, gi, si))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, si in pairs:
        if gi not in matched and si not in used:
            matched[gi] = si
            used.add(si)
    return matched


def _covers(q: Quote, spans: Iterable[GoldSpan]) -> GoldSpan | None:
    """The first span that `q` overlaps by SIDE_OVERLAP of the span's length, if any."""
    for sp in spans:
        ov = _overlap(sp.start, sp.end, q.start, q.end)
        if ov > 0 and ov >= SIDE_OVERLAP * (sp.end - sp.start):
            return sp
    return None


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
        default_factory=lambda: {t: SpanScores(t) for t in THRESHOLDS})
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
    before, after = text[max(0, start - width):start], text[end:end + width]
    out = ("…" if start > width else "") + before + middle + after
    out += "…" if end + width < len(text) else ""
    return " ".join(out.split())


def _score_doc(doc: GoldDoc, system_all: Sequence[Quote], failed: bool) -> Report:
    """Score one document: a one-document Report with its errors."""
    gold = [g for g in doc.quotes if not g.ambiguous]
    ambiguous = [g for g in doc.quotes if g.ambiguous]
    system = [q for q in system_all if q.kind != "term"]
    row = Report(documents=1, ambiguous_gold=len(ambiguous), system_quotes=len(system),
                 terms_ignored=len(system_all) - len(system), doc_id=doc.doc_id,
                 failed_docs=[doc.doc_id] if failed else [])
    matches: dict[float, dict[int, int]] = {}
    for t in THRESHOLDS:
        matches[t] = match_quotes(gold, system, t)
        used = set(matches[t].values())
        counted = sum(1 for si, q in enumerate(system)
                      if si in used or _covers(q, ambiguous) is None)
        row.spans[t] = SpanScores(t, len(gold), counted, len(matches[t]))
    low, high = THRESHOLDS[0], THRESHOLDS[-1]
    speaker, e2e = row.speaker, row.end_to_end
    e2e.gold, e2e.system = len(gold), row.spans[low].system

    def err(cause: str, g: GoldQuote | None, s: Quote | None, detail: str = "") -> None:
        start, end = (g.start, g.end) if g else (s.start, s.end) if s else (0, 0)
        row.errors.append(EvalError(
            doc.doc_id, cause, g.text if g else None, s.quote if s else None,
            g.speaker if g else None, s.speaker if s else None,
            snippet(doc.text, start, end), detail))

    for gi, g in enumerate(gold):
        if gi not in matches[low]:
            err("missed quote", g, None)
            continue
        s = system[matches[low][gi]]
        if gi not in matches[high]:
            ov = _overlap(g.start, g.end, s.start, s.end)
            err("wrong span", g, s, f"overlap {ov / (g.end - g.start):.0%} of gold")
        if g.speaker is not None:
            speaker.n += 1
            speaker.strict_correct += speaker_match(g.speaker, s.speaker, strict=True)
            speaker.lenient_correct += speaker_match(g.speaker, s.speaker, strict=False)
        if speaker_match(g.speaker, s.speaker, strict=False):
            e2e.matched += 1
        elif _no_speaker(s.speaker):
            err("missing speaker", g, s)
        else:
            err("unresolved pronoun" if is_pronoun(s.speaker) else "wrong speaker", g, s)
    used_low = set(matches[low].values())
    for si, s in enumerate(system):
        if si in used_low or _covers(s, ambiguous) is not None:
            continue
        term = _covers(s, doc.nonquotes)
        if term is None:
            err("false quote", None, s)
        else:
            err("term taken for a quote", None, s, f"gold {term.kind}: {term.text}")
    return row


def score(gold_docs: Sequence[GoldDoc], predictions: Mapping[str, Sequence[Quote]],
          *, failed: Iterable[str] = ()) -> Report:
    """Score predictions ({doc_id: quotes}) against gold documents.

    A gold document absent from `predictions` scores as "no quotes found"; `failed` names
    documents whose extraction crashed (scored the same way, but listed so it shows).
    Predictions for ids not in the gold are ignored and listed in `unknown_docs`.
    """
    failed_set = set(failed)
    total = Report()
    for doc in gold_docs:
        row = _score_doc(doc, list(predictions.get(doc.doc_id, ())), doc.doc_id in failed_set)
        total.add(row)
        total.docs.append(row)
        total.errors += row.errors
    known = {d.doc_id for d in gold_docs}
    total.unknown_docs = sorted(k for k in predictions if k not in known)
    return total


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
        f"{'system quotes':<22}{report.system_quotes:>7}   "
        f"({report.terms_ignored} terms ignored)",
        "",
        f"{'':<22}{'matched':>8}{'gold':>7}{'system':>8}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    rows = [(f"spans @{_pct(t)}%", s) for t, s in report.spans.items()]
    rows.append((f"end-to-end @{_pct(report.end_to_end.threshold)}%", report.end_to_end))
    for name, s in rows:
        lines.append(f"{name:<22}{s.matched:>8}{s.gold:>7}{s.system:>8}"
                     f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    sp = report.speaker
    lines += ["", f"speaker accuracy over {sp.n} matched quotes with a gold speaker"]
    lines.append(f"{'  strict':<22}{_num(sp.strict):>8}   ({sp.strict_correct}/{sp.n})")
    lines.append(f"{'  lenient':<22}{_num(sp.lenient):>8}   ({sp.lenient_correct}/{sp.n})")
    if report.unknown_docs:
        lines += ["", f"predictions for ids not in gold (ignored): {len(report.unknown_docs)}"]
    if per_document:
        low, high = THRESHOLDS[0], THRESHOLDS[-1]
        lines += ["", f"{'document':<22}{'gold':>7}{'system':>8}{'F1@' + _pct(low):>8}"
                      f"{'F1@' + _pct(high):>8}{'e2e F1':>8}"]
        for r in report.docs:
            lines.append(f"{str(r.doc_id)[:21]:<22}{r.spans[low].gold:>7}{r.spans[low].system:>8}"
                         f"{r.spans[low].f1:>8.3f}{r.spans[high].f1:>8.3f}"
                         f"{r.end_to_end.f1:>8.3f}" + ("  FAILED" if r.failed_docs else ""))
    return "\n".join(lines)


def _scores_json(r: Report) -> dict[str, Any]:
    def span(s: SpanScores) -> dict[str, Any]:
        return {**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1}

    return {
        "documents": r.documents, "gold_quotes": r.gold_quotes,
        "ambiguous_gold": r.ambiguous_gold, "system_quotes": r.system_quotes,
        "terms_ignored": r.terms_ignored, "failed_docs": r.failed_docs,
        "spans": {f"at{_pct(t)}": span(s) for t, s in r.spans.items()},
        "end_to_end": span(r.end_to_end),
        "speaker": {**asdict(r.speaker), "strict": r.speaker.strict,
                    "lenient": r.speaker.lenient},
    }


def report_to_json(report: Report, *, errors: bool = True) -> dict[str, Any]:
    """The report as JSON-ready data; threshold keys are "at30", "at80"."""
    out = _scores_json(report)
    out["unknown_docs"] = report.unknown_docs
    out["docs"] = [{"doc_id": r.doc_id, **_scores_json(r)} for r in report.docs]
    if errors:
        out["error_counts"] = dict(_cause_counts(report))
        out["errors"] = [asdict(e) for e in report.errors]
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
            lines.append(f"  system:  {_clip(e.system_text)}   "
                         f"speaker: {e.system_speaker or '-'}")
            lines.append(f"  context: {_clip(e.context, 200)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
