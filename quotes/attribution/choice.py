"""Choosing a quote's speaker across sentences: the context fallbacks of the cascade
(chained quotes, subheadings) and the learned ranker's choice among all the candidates.

Two modes (`extract_document(attribution=...)`, `$QUOTES_ATTRIBUTION`):
- "rules": the hand cascade chooses: the first rule of `patterns.RULES` that fires,
  `Registry.resolve`, then carry_previous / previous sentence / chain / subheading;
- "model": the cascade still runs (its answer is one candidate and a feature), every
  other candidate is collected (quotes.attribution.candidates) and `quotes.ranker` picks
  one.
In both, the ranker's confidence map (quotes.calibration, fitted on outlets left out)
gives the `confidence` column of the chosen speaker: the hand tables of
`quotes.confidence` are fitted on the outlets they are then used on, the map is not.
Only `--fast` in rules mode keeps the hand tables: collecting every candidate would cost
it a third of its speed (bench/throughput.py), the full parse 6%.
The ranker re-ranks after the document's cascade has run, so the features it sees when
used are the features it was fitted on (the previous quote's speaker is the cascade's).
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from quotes.attribution.candidates import Candidate, Pool, QuoteInfo, Tally
from quotes.attribution.context import (
    carry_previous,
    content_words,
    is_standalone,
    opens_sentence,
    subheading_source,
)
from quotes.attribution.ctx import Attribution
from quotes.attribution.entries import LOOKBACK_CHARS
from quotes.attribution.proposals import collect, mark_cascade
from quotes.attribution.resolve import Registry
from quotes.calibration import rule_rates
from quotes.confidence import quote_probability
from quotes.nlp import Tok
from quotes.scanner import Span

if TYPE_CHECKING:
    from quotes.prepared import Item as _Item
    from quotes.ranker import Ranker

MODES = ("model", "rules")
# The default mode: "model" only if its leave-one-outlet-out accuracy beats the cascade
# (`quotes train --by outlet`; figures in README "Accuracy"). It does not at present (the
# two tie within a quote), so the rules stay the default.
DEFAULT = "rules"


def mode(attribution: str | None, weights: str | None = None) -> str:
    """The mode asked for: the argument, else $QUOTES_ATTRIBUTION, else "model" when a
    weights file is given, else DEFAULT."""
    chosen = attribution or os.environ.get("QUOTES_ATTRIBUTION") or ("model" if weights else "")
    chosen = chosen or DEFAULT
    if chosen not in MODES:
        raise ValueError(f"attribution must be one of {', '.join(MODES)}, not {chosen!r}")
    return chosen


def ranker_for(attribution: str | None, weights: str | None, lang: str = "fr") -> Ranker:
    """The ranker that scores (and in model mode chooses) documents in `lang`; `weights`
    defaults to $QUOTES_WEIGHTS (a file of `quotes train`), else the shipped model. Weights
    are per language (the candidates are the language's rules'): a file fitted on another
    language (its meta "lang", French when absent) leaves `lang` to the shipped model, so
    one weights file serves a mixed corpus. A bad mode or weights file raises ValueError
    here."""
    weights = _weights(weights)
    mode(attribution, weights)
    from quotes import ranker

    if weights:
        fitted = ranker.load_cached(str(weights))
        if fitted.meta.get("lang", "fr") == lang:
            return fitted
    return ranker.load_default(lang)


def chooses(attribution: str | None, weights: str | None) -> bool:
    """Whether the ranker picks the speaker (model mode), not only its confidence."""
    return mode(attribution, _weights(weights)) == "model"


def _weights(weights: str | None) -> str | None:
    """The weights file asked for: the argument, else $QUOTES_WEIGHTS."""
    return weights or os.environ.get("QUOTES_WEIGHTS") or None


def pool(
    it: _Item,
    text: str,
    toks: list[Tok],
    spans: list[Span],
    sents: list[tuple[int, int]],
    reg: Registry,
    history: Sequence[tuple[int, str | None, str | None]],
    prev: tuple[list[Tok], list[Span]] | None,
    chain: _Item | None,
    memo: dict[tuple[int, bool], Attribution | None] | None = None,
    tally: Tally | None = None,
) -> Pool:
    """The candidate speakers of `it`, gathered before the cascade records its own
    (`memo`: the previous sentences' sources, `tally`: the speakers counted so far, both
    shared by the quotes of a document)."""
    q = QuoteInfo(text, it.span, it.sent, it.verdict.kind, sents)
    carried = None
    opens = opens_sentence(text, sents[it.sent], it.span.open_pos)
    if opens and is_standalone(text, sents[it.sent], it.span.open_pos, it.span.close_pos):
        found = carry_previous(it.sent, history)
        carried = found[0] if found else None
    breaks = _newlines(text)
    here = bisect.bisect_left(breaks, it.span.open_pos)
    last = None
    if history:
        k, s, _ = history[-1]
        last = (k, int(bisect.bisect_left(breaks, sents[k][0]) == here), s)
    tally = tally if tally is not None else Tally()
    tally.update(history)
    link = (chain.speaker, chain.mention) if chain is not None else None
    # the previous sentence's source only for a quote opening its sentence, as the cascade
    opened = prev if opens else None
    return collect(q, toks, spans, reg, last, tally, opened, link, carried, memo)


@functools.lru_cache(maxsize=8)
def _newlines(text: str) -> list[int]:
    """Positions of the text's line breaks (same paragraph: no break in between)."""
    return [m.start() for m in re.finditer("\n", text)]


def mark(quotes: Sequence[_Item]) -> None:
    """Once the cascade is done: flag its answers and add the subheading candidates."""
    for it in quotes:
        if it.pool is not None:
            mark_cascade(it.pool, it.speaker, it.subheading, it.rule)


def apply(
    items: Sequence[_Item],
    ranker: Ranker | None,
    choose: bool = True,
    probability: Callable[[int], float] = quote_probability,
) -> None:
    """`prob` becomes the row's confidence (P(real quote and speaker right),
    quotes.calibration) of the ranker's choice (`choose`) or of the cascade's; with
    `choose`, the ranker's choice replaces the cascade's speaker. `probability`: P(real
    quote) of a classifier score, the language's (French by default)."""
    if ranker is None:
        return
    for it in items:
        if it.pool is None:
            continue
        cands = it.pool.candidates()
        rates = rule_rates(cands, it.pool.cascade_rule)
        cascade = None if choose else _cascade_index(cands)
        best, it.prob = ranker.decide(cands, probability(it.verdict.score), rates, cascade)
        c = cands[best]
        if c.features.get("cascade"):
            continue  # the cascade's answer: keep its exact wording, rule and cue
        it.speaker, it.mention, it.rule, it.attribution = (
            c.speaker,
            c.mention,
            c.rule,
            c.attribution,
        )


def _cascade_index(cands: Sequence[Candidate]) -> int:
    """The cascade's own candidate (`mark_cascade` always adds one)."""
    return next((i for i, c in enumerate(cands) if c.features.get("cascade")), 0)


def chained(text: str, same_sentence: list[_Item], it: _Item) -> _Item | None:
    """The quote this one is listed with («A», «B» / «A» ou «B»), if any."""
    i = same_sentence.index(it)
    if i == 0:
        return None
    before = same_sentence[i - 1]
    between = text[before.span.close_pos + 1 : it.span.open_pos]
    return (
        before
        if not between.strip(" ,\u00a0").removeprefix("et").removeprefix("ou").strip()
        else None
    )


def subheadings(text: str, quotes: list[_Item], sents: list[tuple[int, int]]) -> None:
    """A standalone quote that repeats the words of another quote takes its speaker.

    Subheadings repeat a quote of the article ("« Scandale »" above "«…est un scandale»,
    s'est emportée Annie"); for such a heading (no final punctuation, a few words) the
    repeated quote is better evidence than the previous quote's speaker. The quotes
    compared are those within `LOOKBACK_CHARS` either side (an article's length): all
    of them, in a long document, made it quadratic.
    """
    bags = [(content_words(text[q.span.start : q.span.end]), q.speaker) for q in quotes]
    opens = [q.span.open_pos for q in quotes]
    for i, it in enumerate(quotes):
        if not is_standalone(text, sents[it.sent], it.span.open_pos, it.span.close_pos):
            continue
        heading = text[it.span.end - 1] not in ".!?…" and len(bags[i][0]) <= 8
        lo = bisect.bisect_left(opens, it.span.open_pos - LOOKBACK_CHARS)
        hi = bisect.bisect_right(opens, it.span.open_pos + LOOKBACK_CHARS)
        others = [bags[j] for j in range(lo, hi) if j != i]
        speaker = it.subheading = subheading_source(bags[i][0], others)  # a candidate too
        if it.speaker and not (heading and it.rule in ("carry_previous", "previous_sentence")):
            continue
        if speaker:
            it.speaker, it.rule, it.mention = speaker, "subheading", None


def document_voice(text: str, quotes: list[_Item], sents: list[tuple[int, int]]) -> None:
    """A standalone quote no rule attributed belongs to the document's main voice.

    Interviews and portraits quote one person paragraph after paragraph, often without a
    cue ("« Je voulais raconter ça. »" under a paragraph about the author). When one
    speaker holds at least half of the attributed quotes (two at least), such a quote is
    theirs: a better guess than no speaker, with the low confidence of its rule.
    """
    counts = Counter(it.speaker for it in quotes if it.speaker)
    if not counts:
        return
    top, n = counts.most_common(1)[0]
    if n < 2 or n * 2 < sum(counts.values()):
        return
    for it in quotes:
        if it.speaker is None and is_standalone(
            text, sents[it.sent], it.span.open_pos, it.span.close_pos
        ):
            it.speaker, it.rule, it.mention = top, "document_voice", None
