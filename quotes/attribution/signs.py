"""Words on a sign or a garment: «…», pouvait-on lire sur des pancartes parmi les
manifestantes / sur les banderoles des grévistes / proclamait le t-shirt porté par Filou.
The words belong to the people carrying them (`sign_bearers`, tried first in RULES).
Words owned by a speech noun ("les appels du gouvernement «…»", `speech_noun_owner`) are
the same shape of evidence: a noun whose owner the phrase names."""

from __future__ import annotations

from collections.abc import Sequence

from quotes.attribution.clauses import subject_after, verb_subject
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import is_group, is_organisation
from quotes.attribution.mention import POSSESSIVE_OWNER, Mention, make_mention
from quotes.attribution.names import _GENITIVE
from quotes.lexicon import fold, tagged, words
from quotes.nlp import Tok


def sign_bearers(ctx: Ctx) -> Attribution | None:
    """«…», pouvait-on lire sur des pancartes parmi les manifestantes / sur les banderoles
    des grévistes / proclamait le t-shirt porté par Filou: the words on a sign or a garment
    belong to the people carrying it."""
    toks, signs = ctx.toks, tagged("sign_nouns_fr.txt")
    for k, t in enumerate(toks):
        f = fold(t.text)
        kind = signs.get(f, signs.get(f.removesuffix("s")))
        if not ctx.outside(k) or kind is None:
            continue
        owner = _possessor(toks, k, signs)
        if owner is not None:  # "sa pancarte", "le slogan au dos de son gilet"
            return Attribution("sign_bearers", owner, t.text, t.start)
        holder = _holder(ctx, k)
        if holder is not None:  # "tenant des pancartes «…»": who holds them
            return Attribution("sign_bearers", holder, t.text, t.start)
        j = k + 1
        while j < len(toks) and toks[j].pos == "ADJ":
            j += 1
        if j + 1 >= len(toks):
            continue
        w = fold(toks[j].text)
        if fold(toks[j + 1].text) == "par" and toks[j].pos in ("VERB", "ADJ"):
            start = j + 2  # "porté par", "brandie par"
        elif kind != "garment" and w in ("parmi", "de", "d'"):
            start = j + 1
        elif kind != "garment" and w in ("des", "du"):
            start = j  # "des grévistes": keep the article
        else:
            continue
        m = subject_after(ctx, start)
        if m is not None and (m.person or m.number == "pl" or m.name):
            return Attribution("sign_bearers", m, t.text, t.start)
    return None


def _holder(ctx: Ctx, k: int) -> Mention | None:
    """The subject of a verb of carrying right before the sign noun at k ("tenant des
    pancartes", "brandissaient une banderole"); a participle takes its main clause's."""
    toks = ctx.toks
    v = k - 1
    while v >= 0 and (toks[v].pos in ("DET", "ADJ", "NUM") or fold(toks[v].text) == "des"):
        v -= 1
    if v < 0 or not ctx.outside(v) or not _carrying(toks[v]):
        return None
    m = verb_subject(ctx, v)
    return m if m is not None and (m.person or m.pronoun or m.number == "pl" or m.name) else None


def _carrying(t: Tok) -> bool:
    """A verb of carrying, by its lemma or, when the tagger took it for a noun, its stem
    ("brandissaient": brandi-)."""
    verbs = words("sign_verbs_fr.txt")
    f = fold(t.text)
    if fold(t.lemma) in verbs:
        return True
    verb_ending = f.endswith(("aient", "ait", "ent", "ant", "e", "es", "is", "it"))
    return verb_ending and any(len(v) > 5 and f.startswith(v[:-2]) for v in verbs)


def _possessor(toks: Sequence[Tok], k: int, signs: dict[str, str]) -> Mention | None:
    """The owner of a sign written with a possessive ("sa pancarte", "le slogan au dos de
    son gilet"), as an anaphor for the registry to resolve like "il"/"elle"."""
    near = [k - 1] + [
        j
        for j in range(k + 1, min(len(toks) - 1, k + 5))
        if fold(toks[j + 1].text).removesuffix("s") in signs
    ]
    for j in near:
        number = POSSESSIVE_OWNER.get(fold(toks[j].text)) if j >= 0 else None
        if number is not None:
            return Mention(toks[j].start, toks[j].end, toks[j].text, None, "", number, True)
    return None


def speech_noun_owner(ctx: Ctx) -> Attribution | None:
    """ "les appels du gouvernement «à la responsabilité»", "la promesse du maire «de tout
    rebâtir»": a quote right after a speech noun and its "de X" belongs to X."""
    toks = ctx.toks
    k = ctx.before() - 1
    end = k + 1
    while k >= 0 and toks[k].pos in ("DET", "NOUN", "PROPN", "ADJ") and end - k <= 6:
        k -= 1
    if k < 1 or end - k < 2 or fold(toks[k].text) not in _GENITIVE or not ctx.outside(k):
        return None
    noun = toks[k - 1]
    nouns = words("speech_nouns_fr.txt")
    if noun.pos != "NOUN" or (fold(noun.text) not in nouns and fold(noun.lemma) not in nouns):
        return None
    m = make_mention(ctx.text, toks[k + 1 : end])  # "du maire" -> "maire"
    if m is None or not (m.person or m.name or m.pronoun or is_group(m) or is_organisation(m)):
        return None
    return Attribution("speech_noun_owner", m, noun.text, noun.start)
