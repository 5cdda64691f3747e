"""Split a document into sentences, treating every quote as one unbreakable piece.

Why not the parser's sentences: a quote often holds several sentences, and its incise
("…», a-t-il dit") belongs with it; statistical splitters cut after the quote's own
full stop and separate the quote from its speaker. Press texts flattened from HTML also
glue paragraphs ("méfiance.« Aujourd’hui", "Ailleurs au paysÀ Marseille"), which this
splitter recognises.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import regex

from quotes.scanner import SPACES, Span, paragraph_bounds

# End punctuation, then optional space, then what starts a sentence.
_BOUNDARY = regex.compile(
    r"(?<=[.!?…])[)\]]?(?=[\s\u00a0]*[«“\"„\p{Lu}\d—–-])"
    # a glued heading ("paysÀ Marseille"): a lower-case word, then a capital; not "LinkedIn"
    r"|(?<=(?<!\p{L})\p{Ll}{3,})(?=\p{Lu}[\p{Ll}\s])"
)
# Words whose final full stop is not a sentence end.
_ABBREV = regex.compile(
    r"(?:\b\p{Lu}|\bM|\bMM|\bMme|\bDr|\bPr|\bMe|\bSt|\bav|\bapr|\bJ\.-C|\betc|\bvol|\bp|\bn°|\bno"
    # English titles, months and provinces/states written before more of the sentence
    r"|\bM[rs]|\bMrs|\bSen|\bRep|\bGov|\bLt|\bSgt|\bGen|\bCol|\bCapt|\bProf|\bRev|\bCpl|\bConst"
    r"|\bInsp|\bDet|\bSupt|\bJan|\bFeb|\bAug|\bSept?|\bOct|\bNov|\bDec|\bOnt|\bAlta|\bSask"
    r"|\bCalif|\bFla|\bvs|\bapprox)\.$"
)
# The words after a quote up to the next punctuation, where a speech verb means an incise.
_INCISE_NEXT = regex.compile(r"[^.!?;:«»“”\"]{0,60}")
IsSpeech = Callable[[str], bool]


def _boundaries(
    text: str, start: int, end: int, spans: Sequence[Span], speech: IsSpeech | None = None
) -> list[int]:
    """Sentence-end offsets inside [start, end), never inside a quote."""
    cuts = []
    for m in _BOUNDARY.finditer(text, start, end):
        pos = m.start()
        if (
            m.group() == ""
            and text[pos - 1] == "."
            and _ABBREV.search(text, max(start, pos - 8), pos)
        ):
            continue
        cuts.append(m.end() if m.group() else pos)
    for s in spans:  # after a quote that ends a sentence or stands alone as a heading
        after = s.close_pos + 1
        if start <= after < end and not s.recovered:
            rest = text[after:end].lstrip(SPACES)
            glued = after < end and text[after] not in SPACES
            ends = text[s.end - 1 : s.end] in ".!?…" if s.end > s.start else False
            if _incise_follows(text, s, rest, speech):
                continue
            if rest[:1].isupper() and (glued or ends or _opens_sentence(text, start, s.open_pos)):
                cuts.append(after)  # «Titre» Le texte…: a heading, or a quoted sentence
    return sorted(set(cuts))


def _incise_follows(text: str, s: Span, rest: str, speech: IsSpeech | None) -> bool:
    """Whether the words after quote `s` are its incise, not a new sentence: the quote
    ends with a comma ("…," said Roe), or, with `speech` (the language's speech-verb test;
    English passes one), a speech verb comes among the next six words before any
    punctuation ("…" union president Jane Roe said), unless the quote ended with a period
    and a capital follows (a new sentence). French passes none: «Titre» Le
    ministre a dit… is a heading and its sentence far more often than an incise."""
    if s.end > s.start and text[s.end - 1] == ",":
        return True
    if speech is None:
        return False
    if text[s.end - 1 : s.end] == "." and rest[:1].isupper():
        return False  # «"…acted alone." The statement said …»: a quoted sentence ended
    head = _INCISE_NEXT.match(rest)
    words = regex.findall(r"\p{L}+", head.group() if head else "")[:6]
    return any(speech(w) for w in words)


def _opens_sentence(text: str, para_start: int, pos: int) -> bool:
    """True when `pos` starts its paragraph or follows a sentence end."""
    before = text[para_start:pos].rstrip(SPACES)
    return not before or before[-1] in ".!?…»”"


def split_sentences(
    text: str, spans: Sequence[Span], speech: IsSpeech | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, quotes kept whole; `speech`
    tells a speech verb form of the text's language (see `_incise_follows`)."""
    qranges = sorted((s.open_pos, s.close_pos + 1) for s in spans)
    qstarts = [a for a, _ in qranges]

    def inside_quote(pos: int) -> bool:
        k = bisect.bisect_right(qstarts, pos - 1) - 1
        return k >= 0 and qranges[k][0] < pos < qranges[k][1]

    # each paragraph sees only the quotes closing in it: scanning all of them for every
    # paragraph made a long document quadratic
    by_close = sorted(spans, key=lambda s: s.close_pos)
    closes = [s.close_pos + 1 for s in by_close]
    out = []
    for p_start, p_end in paragraph_bounds(text):
        # a quote continued over paragraphs keeps them in one sentence
        pos = p_start
        here = by_close[bisect.bisect_left(closes, p_start) : bisect.bisect_left(closes, p_end)]
        cuts = [c for c in _boundaries(text, p_start, p_end, here, speech) if not inside_quote(c)]
        for cut in [*cuts, p_end]:
            a, b = pos, cut
            while a < b and text[a] in SPACES:
                a += 1
            while b > a and text[b - 1] in SPACES:
                b -= 1
            if b > a:
                out.append((a, b))
            pos = cut
    return _join_signatures(text, _merge_multi_paragraph(out, qranges))


_SIGNATURE = regex.compile(r"[—–―-][ \u00a0]+\p{Lu}[^«»“”\"„\n]{0,78}")


def _join_signatures(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a short line opening with a dash to the quote that ends the line before it:
    «…»\\n— Marie Dupont, ancienne ministre is a quote and its signature
    (`attribution.signature`), one sentence. A longer line, or one with marks, is text."""
    out: list[tuple[int, int]] = []
    for a, b in sents:
        if out and text[out[-1][1] - 1] in '»”"' and _SIGNATURE.fullmatch(text, a, b):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _merge_multi_paragraph(
    sents: list[tuple[int, int]], qranges: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Join sentences that one quote spans (quotes continued over paragraphs): a quote
    opening before the previous sentence's end and closing after this one's start. The
    quotes are sorted by start, so the furthest close of those opening before a point is
    a running maximum (one bisection per sentence, not a scan of every quote)."""
    starts = [qa for qa, _ in qranges]
    furthest = [0]  # furthest[i]: the latest close among the first i quotes
    for _, qb in qranges:
        furthest.append(max(furthest[-1], qb))
    merged: list[tuple[int, int]] = []
    for a, b in sents:
        if merged and furthest[bisect.bisect_left(starts, min(a, merged[-1][1]))] > a:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged
