"""Score extracted quotes against a gold file (format and metric: docs/gold-format.md).

Pure Python on purpose (no spaCy): scoring must stay cheap and must not change when the
extractor's dependencies do. The metric is implemented exactly as the README states; where
the README is silent, the choice is written next to the code that makes it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Result model and presentation live in quotes.eval_report (which does not import this
# module); the names stay importable from here.
from quotes.eval_report import (
    THRESHOLDS,
    EvalError,
    Report,
    SpanScores,
    SpeakerScores,
    format_errors,
    format_groups,
    format_report,
    group_reports,
    report_to_json,
    snippet,
)
from quotes.model import Quote

__all__ = [
    "PRONOUNS",
    "SIDE_OVERLAP",
    "STOPWORDS",
    "THRESHOLDS",
    "EvalError",
    "GoldDoc",
    "GoldError",
    "GoldQuote",
    "GoldSpan",
    "Report",
    "SpanScores",
    "SpeakerScores",
    "format_errors",
    "format_groups",
    "format_report",
    "group_reports",
    "is_pronoun",
    "load_gold",
    "match_quotes",
    "normalise_name",
    "report_to_json",
    "score",
    "snippet",
    "speaker_match",
]

#: Overlap (share of the gold span) above which a system quote "is" a given gold entry.
#: Fixed at 30% for ambiguous and nonquote entries, whatever threshold is being scored.
SIDE_OVERLAP = 0.3
STOPWORDS = frozenset("le la les l un une des de du d m mme mr mrs ms dr the a an".split())
#: Speakers that only repeat a pronoun: the attribution step found the cue but not the name.
PRONOUNS = frozenset(
    "il elle ils elles on lui eux celui-ci celle-ci ceux-ci celles-ci he she they".split()
)


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
    """One gold document; `line` and `gold_file` point back at where it was read.

    `meta` keeps the line's other keys ("outlet", "source"...) so that scores can be
    grouped or documents selected on them (quotes/eval_groups.py).
    """

    doc_id: str
    text: str
    quotes: list[GoldQuote]
    nonquotes: list[GoldSpan] = field(default_factory=list)
    line: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    gold_file: str = ""


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
        out.append(
            GoldQuote(
                *base,
                e.get("speaker"),
                e.get("mention"),
                e.get("cue"),
                bool(e.get("ambiguous", False)),
            )
            if quotes
            else GoldSpan(*base)
        )
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


_DOC_KEYS = frozenset({"id", "text", "quotes", "nonquotes"})


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
        meta = {k: v for k, v in obj.items() if k not in _DOC_KEYS}
        docs.append(GoldDoc(doc_id, text, quotes, nonquotes, lineno, meta, str(path)))
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


def match_quotes(
    gold: Sequence[GoldSpan], system: Sequence[Quote], threshold: float
) -> dict[int, int]:
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


def _score_doc(doc: GoldDoc, system_all: Sequence[Quote], failed: bool) -> Report:
    """Score one document: a one-document Report with its errors."""
    gold = [g for g in doc.quotes if not g.ambiguous]
    ambiguous = [g for g in doc.quotes if g.ambiguous]
    system = [q for q in system_all if q.kind != "term"]
    row = Report(
        documents=1,
        ambiguous_gold=len(ambiguous),
        system_quotes=len(system),
        terms_ignored=len(system_all) - len(system),
        doc_id=doc.doc_id,
        failed_docs=[doc.doc_id] if failed else [],
    )
    matches: dict[float, dict[int, int]] = {}
    for t in THRESHOLDS:
        matches[t] = match_quotes(gold, system, t)
        used = set(matches[t].values())
        counted = sum(
            1 for si, q in enumerate(system) if si in used or _covers(q, ambiguous) is None
        )
        row.spans[t] = SpanScores(t, len(gold), counted, len(matches[t]))
    low, high = THRESHOLDS[0], THRESHOLDS[-1]
    speaker, e2e = row.speaker, row.end_to_end
    e2e.gold, e2e.system = len(gold), row.spans[low].system

    def err(cause: str, g: GoldQuote | None, s: Quote | None, detail: str = "") -> None:
        start, end = (g.start, g.end) if g else (s.start, s.end) if s else (0, 0)
        row.errors.append(
            EvalError(
                doc.doc_id,
                cause,
                g.text if g else None,
                s.quote if s else None,
                g.speaker if g else None,
                s.speaker if s else None,
                snippet(doc.text, start, end),
                detail,
            )
        )

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


def score(
    gold_docs: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[Quote]],
    *,
    failed: Iterable[str] = (),
) -> Report:
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
