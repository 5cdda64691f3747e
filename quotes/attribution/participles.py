"""Whose is a present participle ("dénonçant", "rétorquant")?

French grammar gives a participle set off by a comma the subject of the main clause:
"X a estimé que le dispositif revenait «…», dénonçant une «hypocrisie»" -> X, not "le
dispositif", even when the parser hangs the participle on the nearer, embedded verb. The
exception is the absolute construction, where the participle has its own subject right
before it: "Des élus ont protesté, la ministre leur rétorquant que «…»" -> la ministre.
"""

from __future__ import annotations

from quotes.attribution.ctx import Ctx
from quotes.attribution.mention import Mention, make_mention
from quotes.lexicon import fold
from quotes.nlp import Tok

# Object clitics between an absolute subject and its participle: "la ministre leur rétorquant".
_CLITICS = frozenset("lui leur leurs les se s' en y me m' nous vous".split())
_NP_WORDS = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM"})
_MAX_NP = 6
_SUBORDINATORS = frozenset({"que", "qu'", "si", "s'", "quand", "lorsque", "lorsqu'", "comme"})


def is_present_participle(ctx: Ctx, k: int) -> bool:
    """A lower-case word in -ant that is no finite verb: the tagger may call it a noun."""
    t = ctx.toks[k]
    w = t.text.lower()
    return t.text[:1].islower() and w.endswith(("ant", "ants")) and t.form != "fin"


def reduced_relative_subject(ctx: Ctx, k: int) -> Mention | None:
    """A participle right after its noun, no comma between, is a reduced relative and the
    noun its subject: "des informations faisant état de «…»", "un texte appelant à «…»"."""
    toks = ctx.toks
    if k == 0 or toks[k - 1].pos not in ("NOUN", "PROPN") or not ctx.outside(k - 1):
        return None
    a = k - 1
    while a > 0 and toks[a - 1].pos in ("DET", "ADJ", "NUM", "NOUN") and k - a < _MAX_NP:
        a -= 1
    if toks[a].pos != "DET":
        return None
    return make_mention(ctx.text, toks[a:k])


def absolute_subject(ctx: Ctx, k: int) -> Mention | None:
    """The subject of an absolute participle clause: ", la ministre leur rétorquant que".

    Only a short noun phrase opened by a determiner or a name, right after a comma, with
    nothing but object clitics between it and the participle.
    """
    toks = ctx.toks
    j = k - 1
    while j >= 0 and fold(toks[j].text) in _CLITICS:
        j -= 1
    end = j + 1
    while j >= 0 and toks[j].pos in _NP_WORDS and end - j <= _MAX_NP and ctx.outside(j):
        j -= 1
    start = j + 1
    if start >= end or j < 0 or toks[j].text != ",":
        return None
    if toks[start].pos not in ("DET", "PROPN") or not any(
        t.pos in ("NOUN", "PROPN") for t in toks[start:end]
    ):
        return None
    return make_mention(ctx.text, toks[start:end])


def main_verb(ctx: Ctx, k: int) -> int | None:
    """The verb of the clause k is set off from: up k's heads, the first verb of the
    journalist's text that is not opened by "que"/"si" (an embedded clause: "estimé que le
    dispositif revenait…, dénonçant" -> "estimé"). When the parser left the way up on a
    name, the first verb root since the sentence's start."""
    toks, v, seen = ctx.toks, toks_head(ctx, k), 0
    while v is not None and seen < 30:
        if ctx.outside(v) and _finite_or_participle(toks[v]) and not _subordinate(ctx, v):
            return v
        v, seen = toks_head(ctx, v), seen + 1
    start = max((t.i + 1 for t in toks[:k] if t.text in ".!?" and ctx.outside(t.i)), default=0)
    for t in toks[start:]:
        if t.head == t.i and t.i != k and ctx.outside(t.i) and t.pos in ("VERB", "AUX"):
            return t.i if _finite_or_participle(t) else None
    return None


def toks_head(ctx: Ctx, v: int) -> int | None:
    h = ctx.toks[v].head
    return None if h == v else h


def _subordinate(ctx: Ctx, v: int) -> bool:
    return any(t.head == v and t.dep == "mark" and fold(t.text) in _SUBORDINATORS for t in ctx.toks)


def _finite_or_participle(t: Tok) -> bool:
    return t.pos in ("VERB", "AUX") and t.form in ("fin", "part")
