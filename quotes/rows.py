"""The output rows (`quotes.model.Quote`) of an analysed document.

Why apart from quotes.pipeline: what a row holds (its confidence, the sentence given as
context, the speaker's role and gender) is the output format's business, not the
steps'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from quotes.attribution.resolve import Registry
from quotes.confidence import confidence
from quotes.model import Document, Quote
from quotes.prepared import Item


def rows(
    doc: Document,
    items: list[Item],
    reg: Registry,
    sents: list[tuple[int, int]],
    include_terms: bool,
    min_confidence: float,
    rate: Callable[[int, str | None, str | None], float] = confidence,
) -> list[Quote]:
    """The output rows of an analysed document; `rate` gives a row's confidence from
    its classifier score, rule and speaker (the language's table; French by default)."""
    text = doc.text
    out = []
    for it in items:
        if it.verdict.kind == "term" and not include_terms:
            continue
        if it.prob is not None and it.verdict.kind != "term":
            score = round(it.prob, 2)  # the ranker's calibrated row confidence
        else:
            score = rate(it.verdict.score, it.rule, it.speaker)
        if score < min_confidence:
            continue
        a, b = sents[it.sent]
        if it.rule in ("carry_previous",) and it.sent > 0:
            a = sents[it.sent - 1][0]
        cue = it.attribution.cue if it.attribution else None
        out.append(
            Quote(
                speaker_role=reg.roles.get(it.speaker or ""),
                speaker_gender=reg.gender(it.speaker),
                confidence=score,
                doc_id=doc.doc_id,
                quote=text[it.span.start : it.span.end],
                speaker=it.speaker,
                speaker_mention=it.mention,
                cue=cue,
                kind=it.verdict.kind,
                start=it.span.start,
                end=it.span.end,
                context=text[a:b],
                paragraph=it.span.paragraph,
                recovered=it.span.recovered,
            )
        )
    return out


def profiled(q: Quote, reg: Registry) -> Quote:
    """`q` with its speaker's role and gender as the whole document gives them (the
    last part's registry has every part's)."""
    return replace(
        q, speaker_role=reg.roles.get(q.speaker or ""), speaker_gender=reg.gender(q.speaker)
    )
