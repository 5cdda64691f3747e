"""The learned choice among an English quote's candidate speakers (`--attribution
model` with English weights), and the examples `quotes train` fits them on.

The candidates are those of `quotes.lang.en.candidates`, with the French feature names,
so the ranker, its fitting and its leave-one-outlet-out report are the French ones
(quotes.ranker, quotes.train_cli); the weights file is per language
(`quotes/data/attribution_en.json`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from quotes.attribution.candidates import Pool
from quotes.attribution.ctx import Attribution
from quotes.calibration import rule_rates
from quotes.lang.en.confidence import confidence, quote_probability
from quotes.lang.en.model import english_model
from quotes.lang.en.pipeline import attribute_all, elidable, in_parts
from quotes.lang.en.terms import classify, speech_word
from quotes.model import Document, Quote
from quotes.prepared import Item, prepare
from quotes.rows import rows

if TYPE_CHECKING:
    from quotes.ranker import Ranker


def choose(items: Sequence[Item], ranker: Ranker) -> None:
    """The ranker's choice among each quote's candidates replaces the cascade's; `prob`
    becomes the row's confidence (the ranker's calibration map)."""
    for it in items:
        if it.pool is None:
            continue
        cands = it.pool.candidates()
        rates = rule_rates(cands, it.pool.cascade_rule)
        best, it.prob = ranker.decide(cands, quote_probability(it.verdict.score), rates)
        c = cands[best]
        if not c.features.get("cascade"):  # else the cascade's own wording, rule and cue
            it.speaker, it.mention, it.rule = c.speaker, c.mention, c.rule
            it.attribution = Attribution(c.rule or "ranker", None, c.cue)


def quotes_with_candidates(doc: Document) -> list[tuple[Quote, Pool, float]]:
    """The cascade's rows (terms left out) with each quote's candidates and P(real
    quote): what `quotes train` fits English weights on."""
    p = prepare(doc.text, False, classify, elidable, speech_word)
    people = attribute_all(p, in_parts(english_model(), p), pools=True)
    found = rows(doc, p.items, people, p.sents, False, 0.0, confidence)
    kept = [it for it in p.items if it.verdict.kind != "term"]
    extra = [(it.pool or Pool(), quote_probability(it.verdict.score)) for it in kept]
    return [
        (replace(q, lang="en"), pool, prob) for q, (pool, prob) in zip(found, extra, strict=True)
    ]
