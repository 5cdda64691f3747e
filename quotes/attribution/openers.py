"""A quote inside an opening participle phrase: "Disant comprendre la «colère», le
président a …", "En promettant «des mesures fortes», la ministre a …".

French fronts a present participle of a speech verb before the main clause; what it
reports belongs to the main clause's subject, the noun phrase right after the comma
that closes the phrase. The small parser often misreads such a sentence (the participle
tagged a proper noun and made the root), so the rule reads the word order, not the tree.
"""

from __future__ import annotations

from quotes.attribution.clauses import subject_after
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import can_speak
from quotes.lexicon import fold, is_speech_verb


def _opening_participle(ctx: Ctx) -> int | None:
    """Index of a sentence-opening speech participle ("Disant", "En affirmant"), or None."""
    toks = ctx.toks
    k = 1 if toks and fold(toks[0].text) == "en" else 0
    if k >= len(toks) or not ctx.outside(k):
        return None
    word = toks[k].text
    if not (word[:1].isalpha() and fold(word).endswith("ant")):
        return None
    return k if is_speech_verb(word, toks[k].lemma) else None


def participle_opener(ctx: Ctx) -> Attribution | None:
    """The subject after the comma closing a speech participle phrase the quote is in."""
    p = _opening_participle(ctx)
    if p is None or ctx.before() <= p:
        return None
    after = ctx.after()
    comma = next(
        (k for k in range(after, len(ctx.toks)) if ctx.toks[k].text == "," and ctx.outside(k)),
        None,
    )
    if comma is None or any(
        ctx.toks[k].text in (".", ";", ":") and ctx.outside(k) for k in range(after, comma)
    ):
        return None
    m = subject_after(ctx, comma + 1)
    if m is None or not can_speak(m):
        return None
    return Attribution("participle_opener", m, ctx.toks[p].text, ctx.toks[p].start)
