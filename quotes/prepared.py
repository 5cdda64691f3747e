"""Steps 1-3 of the pipeline (scan, split, classify), with no NLP, and the parts a long
document is attributed in (quotes.chunks).

Why apart from quotes.pipeline: these steps run once over a whole document, however
long; the parse and the attribution after them run part by part, each part's tokens and
mentions freed before the next.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from quotes.attribution.candidates import Pool
from quotes.attribution.ctx import Attribution
from quotes.chunks import Part
from quotes.scanner import Span, scan
from quotes.sentences import split_sentences
from quotes.terms import DocStats, Verdict, classify
from quotes.windows import CONTEXT_SENTENCES_BEFORE, elidable, elisions, sentences_to_parse

Classify = Callable[[str, Span, tuple[int, int], str, DocStats], Verdict]


@dataclass
class Item:
    """A marked span, its verdict (quote or term) and, once attributed, its speaker."""

    span: Span
    verdict: Verdict
    sent: int
    attribution: Attribution | None = None
    speaker: str | None = None
    mention: str | None = None
    rule: str | None = None
    pool: Pool | None = None  # candidate speakers, when the model chooses (quotes.ranker)
    prob: float | None = None  # the model's P(real quote and speaker right)
    subheading: str | None = None  # the speaker a repeated quote's words point to


def sentence_of(sent_starts: list[int], pos: int) -> int:
    """The index of the sentence holding `pos`."""
    return max(0, bisect.bisect_right(sent_starts, pos) - 1)


def classify_all(
    text: str, spans: list[Span], sents: list[tuple[int, int]], verdict: Classify = classify
) -> list[Item]:
    """Step 3: each span's verdict, from its sentence with every quote blanked out;
    `verdict` is the language's classifier (French by default)."""
    starts = [a for a, _ in sents]
    opens = [s.open_pos for s in spans]  # spans are in text order
    stats = DocStats.of(text, spans)
    items = []
    for s in spans:
        k = sentence_of(starts, s.open_pos)
        a, b = sents[k]
        outside = text[a:b]
        same_sentence = spans[bisect.bisect_left(opens, a) : bisect.bisect_left(opens, b)]
        for other in same_sentence:  # the sentence with every quote blanked out
            lo, hi = other.open_pos - a, min(b, other.close_pos + 1) - a
            outside = outside[:lo] + " " * (hi - lo) + outside[hi:]
        items.append(Item(s, verdict(text, s, (a, b), outside, stats), k))
    return items


@dataclass
class Prepared:
    """A document after the NLP-free steps: what to parse, and what to attribute."""

    text: str
    sents: list[tuple[int, int]]
    items: list[Item]
    quotes: list[Item]
    wanted: list[int]  # indexes of the sentences to parse
    elide: dict[int, list[tuple[int, int]]]  # per sentence, quote words the parser skips
    item_sents: list[int] = field(init=False, repr=False)  # each item's sentence, sorted

    def __post_init__(self) -> None:
        self.item_sents = [it.sent for it in self.items]


def prepare(
    text: str,
    parse_all: bool,
    verdict: Classify = classify,
    can_elide: Callable[[str, Span], bool] = elidable,
    speech: Callable[[str], bool] | None = None,
    context: int = CONTEXT_SENTENCES_BEFORE,
) -> Prepared:
    """Steps 1-3 (scan, split, classify) and the sentences step 4 must parse, with the
    language's classifier, elision test and speech-verb test for incises without a comma
    (French by default: none, see `sentences._incise_follows`), and how many sentences
    before each quote its antecedents are looked for in (`context`)."""
    spans = scan(text)
    if not spans:
        return Prepared(text, [], [], [], [], {})
    sents = split_sentences(text, spans, speech)
    items = classify_all(text, spans, sents, verdict)
    quotes = [it for it in items if it.verdict.kind != "term"]
    if parse_all:
        wanted = list(range(len(sents)))
    else:
        wanted = sentences_to_parse((it.sent for it in quotes), len(sents), context)
    elide = elisions(text, [(it.sent, it.span) for it in quotes], can_elide)
    return Prepared(text, sents, items, quotes, wanted, elide)


def part_of(p: Prepared, part: Part) -> Prepared:
    """The sentences of `part` to parse and its marked spans: its own items themselves,
    those of its overlap as fresh copies (attributed for context, then dropped)."""
    lo = bisect.bisect_left(p.item_sents, part.context)
    mid = bisect.bisect_left(p.item_sents, part.first)
    hi = bisect.bisect_left(p.item_sents, part.stop)
    fresh = [Item(it.span, it.verdict, it.sent) for it in p.items[lo:mid]]
    items = fresh + p.items[mid:hi]
    quotes = [it for it in items if it.verdict.kind != "term"]
    w = p.wanted
    wanted = w[bisect.bisect_left(w, part.context) : bisect.bisect_left(w, part.stop)]
    return Prepared(p.text, p.sents, items, quotes, wanted, p.elide)
