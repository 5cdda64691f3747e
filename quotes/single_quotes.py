"""Quotes marked with single quotation marks: ‘…’ (or '…'), British style.

British and Irish newspapers (and many Australian ones) mark speech with single marks and
nest double ones inside: ‘He said “never”,’ she recalled. The main scanner
(quotes.scanner) never takes a single mark for an outer one, because ’ is also the
apostrophe. A text written in that style is recognised as a whole (`single_style`: its
single marks close more quotes than its double marks, outside them) and paired here
instead:
- an opener is ‘ (or a straight ') after a space, a paragraph start or an opening bracket
  or dash, before a letter or a digit; the elisions 's, 'n', 'em, 'til, 'cause, 'tis and
  '90s are no openers;
- the closer is the first ’ (or ') of the paragraph after it that no letter or digit
  follows and no space precedes; a mark after an s, then a space and a lowercase word
  ("the nurses’ demands") is a plural possessive, skipped when another closer follows in
  the paragraph;
- a quote not closed in its paragraph goes on when the next paragraph opens with the
  same mark (each paragraph of a long quote reopens it), else it is recovered at the
  paragraph's end and flagged, as the main scanner does.
Double marks inside stay in the quote's text; a double-marked quote outside any single
one is kept too.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence

import regex

from quotes.scanner import Span, _trim, paragraph_bounds

_OPEN_BEFORE = '([{—–-/“"'
_LOWER_NEXT = regex.compile(r"[ \t]\p{Ll}")
_REACH = 2000  # characters after a possessive mark a closer is looked for in
_ELISIONS = regex.compile(r"(?i)(?:s|n|em|til|cause|tis|twas|\d\d)s?\b")


def _opens(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if not (before.isspace() or before in _OPEN_BEFORE) or not after.isalnum():
        return False
    return not _ELISIONS.match(text, pos + 1)


def _closes(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _possessive(text: str, pos: int) -> bool:
    """ "nurses’ demands": an s before, a space and a lowercase word after."""
    return text[pos - 1 : pos] in ("s", "S") and bool(_LOWER_NEXT.match(text, pos + 1))


def _openers(text: str) -> list[tuple[int, str]]:
    """Positions and marks of the single marks shaped as openers."""
    return [(m.start(), m.group()) for m in regex.finditer("[‘']", text) if _opens(text, m.start())]


def single_style(text: str, doubles: Sequence[Span]) -> bool:
    """Whether `text` marks its quotes with single marks, given the quotes its double
    marks make (`doubles`, quotes.scanner's): no guillemets, and at least two quotes
    closed in single marks outside those quotes, more than there are of them. Why
    outside: American style nests single marks in double ones (“He told me ‘no’ and
    ‘never’,” she said), British style the other way round; why closed: stray marks
    that open nothing ('A 'B) say nothing of a style."""
    if "«" in text or "»" in text:
        return False
    ends = [d.close_pos for d in doubles]
    outside = 0
    for q in single_marked(text):
        k = bisect.bisect_left(ends, q.open_pos)
        outside += not (k < len(doubles) and doubles[k].open_pos < q.open_pos)
    return outside >= 2 and outside > len(doubles)


def scan_single(text: str, doubles: Sequence[Span] = ()) -> list[Span]:
    """The outermost quotes of a text written with single marks, in order (see the module
    docstring): its single-marked ones, and those of `doubles` (the double-marked
    quotes quotes.scanner found) that are not inside one of them."""
    singles = _paired(text)
    starts = [q.open_pos for q in singles]

    def inside(d: Span) -> bool:  # overlaps a single-marked quote
        k = bisect.bisect_right(starts, d.close_pos) - 1
        return k >= 0 and singles[k].close_pos > d.open_pos

    return sorted([*singles, *(d for d in doubles if not inside(d))], key=lambda q: q.open_pos)


@functools.lru_cache(maxsize=4)
def _paired(text: str) -> tuple[Span, ...]:
    """Every single-marked span of `text`, recovered ones included. Cached: a document's
    scan (`single_style`, `scan_single`) and its classifier's statistics
    (quotes.terms.DocStats, `single_marked`) read the same pairing, once."""
    return tuple(_spans(text))


def _spans(text: str) -> Iterator[Span]:
    paras = paragraph_bounds(text)
    starts = [s for s, _ in paras]
    found = _openers(text)
    closers = {mark: _Closers(text, mark) for mark in ("’", "'")}
    i = 0
    while i < len(found):
        open_pos, mark = found[i]
        closing = closers["’" if mark == "‘" else "'"]
        first = para = bisect.bisect_right(starts, open_pos) - 1
        lo = open_pos + 1
        while True:
            end = closing.after(lo, paras[para][1])
            if end is not None:
                start, stop = _trim(text, open_pos + 1, end)
                if stop > start:
                    yield Span(start, stop, open_pos, end, mark, first)
                break
            nxt = para + 1
            if nxt < len(paras) and text[paras[nxt][0] : paras[nxt][0] + 1] == mark:
                para, lo = nxt, paras[nxt][0] + 1  # the quote goes on in the next paragraph
                continue
            para_end = paras[para][1]
            start, stop = _trim(text, open_pos + 1, para_end)
            if stop > start:
                yield Span(start, stop, open_pos, para_end, mark, first, recovered=True)
            end = para_end
            break
        while i < len(found) and found[i][0] <= end:
            i += 1


class _Closers:
    """The marks of one kind shaped as closers, possessives ("nurses’ union") apart, so
    each quote finds its closer by bisection: a text is read in linear time."""

    def __init__(self, text: str, mark: str) -> None:
        shaped = [m.start() for m in regex.finditer(regex.escape(mark), text)]
        shaped = [p for p in shaped if _closes(text, p)]
        self.strong = [p for p in shaped if not _possessive(text, p)]
        self.weak = [p for p in shaped if _possessive(text, p)]

    def after(self, lo: int, hi: int) -> int | None:
        """The closer of a quote opened before `lo`, in [lo, hi): the first closer that
        is no possessive, else (none within `_REACH` of it) the first possessive one."""
        strong = _first(self.strong, lo, hi)
        weak = _first(self.weak, lo, hi)
        if strong is not None and (weak is None or weak > strong or strong - weak <= _REACH):
            return strong
        return weak


def _first(positions: list[int], lo: int, hi: int) -> int | None:
    k = bisect.bisect_left(positions, lo)
    return positions[k] if k < len(positions) and positions[k] < hi else None


def single_marked(text: str) -> list[Span]:
    """The spans a text closes in single marks, whatever its style ("Cancer as 'litmus
    test'" in a headline): words a document quotes, not words it uses freely."""
    return [s for s in _paired(text) if not s.recovered]
