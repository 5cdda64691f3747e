"""Find quoted spans in raw text by pairing quotation marks (no NLP needed).

Why a hand-written pairing pass rather than one regular expression: French press mixes
« guillemets », “curly” and "straight" marks, nests one style inside another, continues a
quote over paragraphs by reopening each one with «, and sometimes forgets a closing mark.
A regex either swallows the rest of the document or misses nesting; a small state machine
over the marks handles all of these and stays linear in the text length.

Rules:
- Only the outermost pair is a quote; inner marks of any style stay in its text.
- « closes with », “ with ”, „ with “ or ”, " with the next " (paired by position).
- Apostrophes (’ ') and ‘ ’ ‹ › are never outer marks (except in a text written the
  British way, ‘…’ with doubles inside: see quotes.single_quotes); a " after a digit
  (27") is an inch sign unless a straight quote is open.
- A quote never runs past its paragraph unless the next paragraph reopens it with « or »
  (or the same mark for other styles). An unclosed quote is recovered: before the next
  opener of its own style if there is one, else at an incise (", a-t-il dit") or at the
  paragraph end, and flagged `recovered`.

Direction of the guillemets, decided once per document (`direction`): French writes
« … », but Swiss/German-style texts and some wire copy write » … «. Pairing « with » in such
a text inverts every quote: the journalist's text between two quotes becomes the "quote".
A mark alone does not say which way it points, so each « and » votes by its *shape*
(`_shape`), looking across the spaces next to it:
- opener: after the paragraph start or `( : ; , —`, before a word ("Il a dit : »Non");
  or a plain space before and a letter right after (" »mot");
- closer: after a word or `. ! ? …`, before `, . ; : ! ? )` or the paragraph end
  ("rien«, a dit"); or a letter right before and a plain space after ("mot« a");
- a no-break space on one side only is French typography inside the marks (« Oui »
  with U+00A0): the mark opens towards it;
- anything else gives no vote: « bonjour » spaced mid-sentence, a breadcrumb » Politique »,
  ".« Il" (a glued opener, or a closer before the next sentence).
A text is REVERSED only when both marks lean that way (more » shaped as openers than as
closers, more « as closers than as openers) and the reversed votes are over twice the
normal ones; otherwise, ties and texts without votes included, it is NORMAL. So a stray
» Lire aussi line, or one reversed pair among normal quotes, leaves a text normal. A
reversed text is then paired exactly as above with » as the opener, « as its closer, and »
(or «) reopening a continued paragraph; `Span.mark` is then ».
Why per document, not per mark: a text keeps one convention, and a per-mark guess would
mispair the many quotes whose marks have no shape (« bonjour »). The cost: a pair written
the other way than the rest of its text is paired as the rest, i.e. its closing mark opens
a quote recovered like any unclosed one and its opening mark is a lone closing mark.
„ … “, “ … ”, straight quotes and ‹ › are unaffected by the direction.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import regex

SPACES = " \t\r\n\u00a0\u202f\u2009\u2007\u200b\ufeff"

NORMAL, REVERSED = "normal", "reversed"
# Opener -> closers that end it, and marks reopening it at a paragraph start, per direction.
_CLOSERS = {"«": "»", "“": "”", "„": "“”", '"': '"'}
_REOPEN = {"«": "«»", "“": "“", "„": "„", '"': '"'}
_REVERSED_CLOSERS = {"»": "«", "“": "”", "„": "“”", '"': '"'}
_REVERSED_REOPEN = {"»": "»«", "“": "“", "„": "„", '"': '"'}
# Shapes of a guillemet (see `direction`): the nearest non-space character on each side.
_BEFORE_OPENER = "([{:;,—–-/"
_AFTER_OPENER = '“„"‘‹([…—–-'
_BEFORE_CLOSER = ".!?…)]”“\"’'"
_AFTER_CLOSER = ",.;:!?)]}…"
# Marks of a quote nested right inside the guillemets: «“non”» shapes like «non».
_INNER_OPENERS = '“„"‘‹'
_INNER_CLOSERS = '”“"’›'
_NO_BREAK = "\u00a0\u202f"  # typographic spaces, set inside the marks: «\xa0…\xa0»
_PLAIN_SPACES = "".join(c for c in SPACES if c not in _NO_BREAK)
_MARKS = regex.compile(r'[«»“”„"]')
# Paragraph breaks: a line break, or a run of 3+ spaces (texts flattened from HTML/XML).
_PARA_BREAK = regex.compile(r"[ \t\u00a0]*(?:\r?\n|\r)[\s\u00a0]*|[ \t\u00a0]{3,}")
# An incise right after a quote whose closing mark was forgotten: ", a-t-il dit", ", dit-elle".
_INCISE = regex.compile(
    r"[,!?.…]\s+(?:(?:a|ont|avait|avaient|aurait)(?:-t-(?:il|elle|on)|-(?:ils|elles))?"
    r"\s+\p{Ll}+[éiust]s?e?s?\b|\p{Ll}+(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))\b)"
)


@dataclass(frozen=True)
class Span:
    """A quote found by pairing marks: content offsets and how it was delimited."""

    start: int  # first character of the content (marks and spaces excluded)
    end: int  # one past the last character of the content
    open_pos: int  # offset of the opening mark
    close_pos: int  # offset of the closing mark, or of the recovered end
    mark: str  # the opening mark (» in a text written » … «)
    paragraph: int  # index of the paragraph holding the opening mark
    recovered: bool = False  # True when the closing mark was missing


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; breaks are line breaks or runs of 3+ spaces."""
    bounds, pos = [], 0
    for m in _PARA_BREAK.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return bounds


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACES:
        start += 1
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return start, end


def _is_straight_opener(text: str, pos: int, guillemet: str = "«") -> bool:
    """A " opens a quote when it follows a space/start/bracket/opening guillemet and precedes
    a non-space."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before in SPACES or before in "([{—–-:/'’“" or before == guillemet) and (
        after not in SPACES
    )


def _shape(text: str, pos: int, para_start: int, para_end: int) -> int:
    """+1 when the guillemet at `pos` is shaped like an opener, -1 like a closer, else 0."""

    def at(k: int) -> str:  # the character at k, "" outside the paragraph
        return text[k] if para_start <= k < para_end else ""

    prev, nxt, prev2, nxt2 = at(pos - 1), at(pos + 1), at(pos - 2), at(pos + 2)
    # French typography, a no-break space inside the marks: «\xa0mot … mot\xa0»
    nb_after = _is(nxt, _NO_BREAK) and bool(nxt2) and nxt2 not in SPACES
    nb_before = _is(prev, _NO_BREAK) and bool(prev2) and prev2 not in SPACES
    if nb_after and not _is(prev, _NO_BREAK) and not (prev.isalnum() or _is(prev, ")]")):
        return 1
    if nb_before and not _is(nxt, _NO_BREAK) and not (nxt.isalnum() or _is(nxt, "([")):
        return -1
    a = pos
    while a > para_start and text[a - 1] in SPACES:
        a -= 1
    b = pos + 1
    while b < para_end and text[b] in SPACES:
        b += 1
    left, right = at(a - 1), at(b)  # the nearest non-spaces, "" at the paragraph's edge
    word_after = right.isalnum() or _is(right, _AFTER_OPENER)
    word_before = left.isalnum() or _is(left, _BEFORE_CLOSER)
    opener = (not left or left in _BEFORE_OPENER) and word_after
    opener = opener or (
        (not prev or _is(prev, _PLAIN_SPACES)) and (nxt.isalnum() or _is(nxt, _INNER_OPENERS))
    )  # " «mot", " «“mot"
    closer = (not right or right in _AFTER_CLOSER) and word_before
    closer = closer or (
        (not nxt or _is(nxt, _PLAIN_SPACES)) and (prev.isalnum() or _is(prev, _INNER_CLOSERS))
    )  # "mot« ", "mot”« "
    return int(opener) - int(closer)


def _is(ch: str, chars: str) -> bool:
    return bool(ch) and ch in chars


def direction(text: str) -> str:
    """REVERSED when the guillemets of `text` are written » … «, else NORMAL (« … »).

    Each « and » votes by its shape (`_shape`); see the module docstring for the rule."""
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
    return _direction(text, paragraph_bounds(text), marks)


def _direction(text: str, paras: list[tuple[int, int]], marks: list[tuple[int, str]]) -> str:
    counts = {("«", 1): 0, ("«", -1): 0, ("»", 1): 0, ("»", -1): 0}
    para = 0
    for pos, ch in marks:
        if ch not in "«»":
            continue
        while paras[para][1] <= pos and para + 1 < len(paras):
            para += 1  # marks are in order: one walk over the paragraphs
        shape = _shape(text, pos, *paras[para])
        if shape:
            counts[ch, shape] += 1
    normal = counts["«", 1] + counts["»", -1]
    reversed_ = counts["»", 1] + counts["«", -1]
    leans = counts["»", 1] > counts["»", -1] and counts["«", -1] > counts["«", 1]
    return REVERSED if leans and reversed_ > 2 * normal else NORMAL


def _is_inch(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isdigit()


class _Scanner:
    """One pass over the marks of a text; see the module docstring for the rules."""

    def __init__(self, text: str, direction: str | None = None) -> None:
        self.text = text
        self.paras = paragraph_bounds(text)
        self.para_starts = [s for s, _ in self.paras]
        self.marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
        self.direction = direction or _direction(text, self.paras, self.marks)
        reversed_ = self.direction == REVERSED
        self.closers = _REVERSED_CLOSERS if reversed_ else _CLOSERS
        self.reopen = _REVERSED_REOPEN if reversed_ else _REOPEN
        self.guillemet = "»" if reversed_ else "«"

    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def spans(self) -> Iterator[Span]:
        i = 0
        while i < len(self.marks):
            if not self._opens(i):
                i += 1
                continue
            span, i = self._close(i)
            if span is not None and span.end > span.start:
                yield span

    def _opens(self, i: int) -> bool:
        pos, ch = self.marks[i]
        if ch == '"':
            straight = _is_straight_opener(self.text, pos, self.guillemet)
            return straight and not _is_inch(self.text, pos)
        return ch in self.closers

    def _reopens(self, para: int, opener: str) -> int | None:
        """Index of the mark reopening the quote at the start of paragraph `para`."""
        if para >= len(self.paras):
            return None
        start, _ = self.paras[para]
        k = bisect.bisect_left(self.marks, (start, ""))
        if (
            k < len(self.marks)
            and self.marks[k][0] == start
            and self.marks[k][1] in self.reopen[opener]
        ):
            return k
        return None

    def _close(self, i: int) -> tuple[Span | None, int]:
        """Find the end of the quote opened by mark i; return it and the next mark index."""
        open_pos, opener = self.marks[i]
        first_para = para = self.para_of(open_pos)
        depth, inner = 1, None
        j = i + 1
        while True:
            para_end = self.paras[para][1]
            if j >= len(self.marks) or self.marks[j][0] >= para_end:
                k = self._reopens(para + 1, opener)
                if k is None or depth > 1:  # continued only if reopened with inner marks closed
                    return self._recover(i, inner, para_end, first_para)
                para, j = para + 1, k + 1
                continue
            pos, ch = self.marks[j]
            if ch in self.closers[opener]:
                depth -= 1
                if depth == 0:
                    start, end = _trim(self.text, open_pos + 1, pos)
                    return Span(start, end, open_pos, pos, opener, first_para), j + 1
            elif ch == opener and opener != '"':
                depth += 1
                inner = j if inner is None else inner
            j += 1

    def _recover(self, i: int, inner: int | None, para_end: int, para: int) -> tuple[Span, int]:
        """Close an unclosed quote at its most plausible place and flag it."""
        open_pos, opener = self.marks[i]
        if inner is not None:
            end, resume = self.marks[inner][0], inner
        else:
            incise = _INCISE.search(self.text, open_pos + 1, para_end)
            end = incise.start() + (incise.group()[0] in "!?.…") if incise else para_end
            resume = bisect.bisect_left(self.marks, (end, ""))
        start, stop = _trim(self.text, open_pos + 1, end)
        stop = max(start, stop)
        return Span(start, stop, open_pos, end, opener, para, recovered=True), max(resume, i + 1)


def scan(text: str, direction: str | None = None) -> list[Span]:
    """All outermost quoted spans of `text`, in document order.

    `direction` (NORMAL or REVERSED) forces the guillemets' direction instead of reading it
    from the text (see `direction`). A text that marks its quotes with single marks, the
    British way (‘…’, doubles inside), is paired by quotes.single_quotes."""
    from quotes.single_quotes import scan_single, single_style

    doubles = list(_Scanner(text, direction).spans())
    if direction is None and single_style(text, doubles):
        return scan_single(text, doubles)
    return doubles
