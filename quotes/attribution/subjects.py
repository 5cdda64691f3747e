"""The phrase a subject token heads, as the source's words: "la porte-parole du parti,
Sylvie Le Goff" from the parser's subject "Goff".

The parser's subtree is a start; press French needs repairs the tagger does not make: a
name split by the parser ("Sylvie" + "Le Goff"), a role apposition before the name ("La
ministre de la Santé, Hélène Garnier"), a time aside taken as the subject ("Lundi, des
pêcheurs"), and short terms inside the phrase ("Une «délégation» de six «élus»").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from quotes.attribution.ctx import Ctx
from quotes.attribution.kinds import is_organisation
from quotes.attribution.kinds import key_words as _key_words
from quotes.attribution.mention import PRONOUNS, Mention, is_pronoun, make_mention
from quotes.attribution.phrases import noun_phrase
from quotes.lexicon import first_name_gender, fold, role_gender, words
from quotes.nlp import Tok


def subject_mention(ctx: Ctx, s: int) -> Mention | None:
    """The mention headed by token s (a subject found by the parser)."""
    return mention_at(ctx, s)


def mention_at(ctx: Ctx, s: int) -> Mention | None:
    """The source's words around subject token s: its subtree, repaired (see the module
    docstring), cut at the quote being attributed; None when it names nobody."""
    tok = ctx.toks[s]
    if fold(tok.text) == "cote" and s == 0:  # the parser's subject is "Côté" itself
        s = next((k + 1 for k in range(1, min(6, len(ctx.toks) - 1)) if ctx.toks[k].text == ","), s)
        tok = ctx.toks[s]
    if fold(tok.text) == "on" and (group := fronted_group(ctx, s)) is not None:
        return group
    if is_pronoun(tok):
        return make_mention(ctx.text, [tok])
    split = make_mention(ctx.text, ctx.toks[s : s + 3]) if tok.pos == "PRON" else None
    if split is not None and split.pronoun:
        return split  # "Celle" "-" "ci": the tagger split "Celle-ci"
    if tok.pos == "PRON" or tok.text.startswith("-"):
        return None  # "cela", "ceux": not a source we can name
    if _time_aside(ctx.toks, s) and s + 2 < len(ctx.toks):
        s += 2  # "Lundi, des pêcheurs ont annoncé": the parser's subject is the day
    sub = [t.i for t in ctx.toks if _descends(ctx.toks, t.i, s)]
    a = _after_fronted_adverbial(ctx.toks, min(sub), s)
    while a < s and (
        ctx.toks[a].text in ',«“"'
        or ctx.toks[a].pos in ("SCONJ", "CCONJ", "ADP")
        or _time_aside(ctx.toks, a)
    ):
        a += 1
    a = _name_before(ctx, a)
    a = role_before(ctx, a)
    a = _dislocated_name(ctx, a)
    b = noun_phrase(ctx.toks, a)
    b = max(b, s + 1)
    # the quote being attributed ends the phrase; other short quotes may sit inside it:
    # "Une «délégation» de six «élus» a écrit"
    inside = [m for m in range(a, b) if ctx.in_focus(m)]
    if inside:
        b = inside[0]
    phrase = ctx.toks[a:b]
    if not any((t.pos in ("NOUN", "PROPN") or t.ent) and t.text[:1].isalnum() for t in phrase):
        return None  # "que", "cela": not a source
    fronted = _fronted_name(ctx, a, b)
    if fronted is not None:
        phrase = ctx.toks[fronted[0] : fronted[1]]
    return make_mention(ctx.text, phrase)


def fronted_group(ctx: Ctx, s: int) -> Mention | None:
    """ "Côté direction, on fait valoir…", "Dans l'entourage de la ministre, on assure…",
    "Chez Vernéa, on indique…", "Au ministère, on dément": "on" stands for the side, the
    circle or the organisation the sentence opens with (lexicons/relation_nouns_fr.txt
    after "dans"; an organisation after "à"), not for people in general."""
    toks = ctx.toks
    if s < 2 or toks[s - 1].text != "," or not all(ctx.outside(i) for i in range(s)):
        return None
    opener = [fold(t.text) for t in toks[:3]]
    if opener[0] == "cote":
        a = 1
    elif opener[:2] == ["du", "cote"] and opener[2:3] in (["de"], ["du"], ["des"], ["d'"]):
        a = 3
    elif opener[0] in ("chez", "dans", "a", "au", "aux"):
        a = 1
    else:
        return None
    # "Côté direction": the tagger may read the bare noun as an adjective
    bare = opener[0] == "cote"
    phrase = [replace(t, pos="NOUN") if t.pos == "ADJ" and bare else t for t in toks[a : s - 1]]
    m = make_mention(ctx.text, phrase) if phrase else None
    if m is None or any(t.pos in ("VERB", "AUX") for t in toks[a : s - 1]):
        return None
    head = _key_words(m.text)
    if opener[0] == "dans" and not (head and head[0] in words("relation_nouns_fr.txt")):
        return None  # "Dans la soirée, on…": a time, not a circle
    named = any(t.ent == "ORG" for t in toks[a : s - 1])
    if opener[0] in ("a", "au", "aux") and not (named or is_organisation(m)):
        return None  # "À Lyon, on s'inquiète": the people there
    return m


def _fronted_name(ctx: Ctx, a: int, b: int) -> tuple[int, int] | None:
    """The person a chain of appositions describes: in "Martine, 61 ans, retraitée,
    le bras en écharpe, a confié" the parser's subject "le bras" sits between commas after
    a name that opens the sentence, with no verb in between; the name is the subject."""
    toks = ctx.toks
    close = next((k for k in range(b, len(toks)) if toks[k].text in ",;:«»"), None)
    if a < 2 or toks[a - 1].text != "," or close is None or toks[close].text != ",":
        return None
    if any(t.pos in ("VERB", "AUX") for t in toks[b:close]):
        return None  # the phrase is followed by its verb: it is the subject
    first = 1 if toks[0].pos == "CCONJ" else 0
    end = first
    while end < a and toks[end].ent == "PER" and ctx.outside(end):
        end += 1
    if end == first or end >= a - 1:
        return None
    between = toks[end : a - 1]
    if any(t.pos in ("VERB", "AUX") and t.form == "fin" for t in between):
        return None
    if not any(t.text == "," for t in toks[end - 1 : a - 1]) or fold(toks[end].text) == "et":
        return None
    return first, end


def _after_fronted_adverbial(toks: Sequence[Tok], a: int, s: int) -> int:
    """Skip an adverbial the parser hung on the subject: "[En visite jeudi à Lormière,] la
    ministre…", "[À 78 ans,] Gérard Millet…": a phrase opened by a preposition and closed
    by a comma before the subject's head."""
    if toks[a].pos != "ADP":
        return a
    comma = next((k for k in range(a, s) if toks[k].text == ","), None)
    return comma + 1 if comma is not None else a


def _time_aside(toks: Sequence[Tok], a: int) -> bool:
    """ "Lundi," or "Hier," opening the sentence: the parser may hang it on the subject."""
    nxt = toks[a + 1] if a + 1 < len(toks) else None
    return nxt is not None and nxt.text == "," and fold(toks[a].text) in words("incise_skip_fr.txt")


def _dislocated_name(ctx: Ctx, a: int) -> int:
    """ "Paul Roy, le maire, a dénoncé": a name opening the clause, then its role between
    commas as the parser's subject; the phrase starts at the name."""
    toks = ctx.toks
    if a < 2 or toks[a - 1].text != "," or toks[a - 2].ent != "PER" or not ctx.outside(a - 2):
        return a
    b = a - 2
    while b > 0 and toks[b - 1].ent == "PER":
        b -= 1
    opens = b == 0 or toks[b - 1].text in '.;:!?»”"'
    return b if opens and role_gender(toks[a].text) is None and _role_phrase(toks, a) else a


def _role_phrase(toks: Sequence[Tok], a: int) -> bool:
    """A determiner and a role noun set off by commas: "…, le maire (de la ville), a"."""
    if toks[a].pos != "DET" or a + 1 >= len(toks) or role_gender(toks[a + 1].text) is None:
        return False
    k = a + 2
    while k < len(toks) and k < a + 8 and toks[k].pos in ("ADJ", "ADP", "DET", "NOUN", "PROPN"):
        k += 1
    return k < len(toks) and toks[k].text == ","


def _name_before(ctx: Ctx, a: int) -> int:
    """Start of a name the parser split: "Sylvie [Le Goff]" when "Le Goff" alone is the
    subject. A first name of the shipped list right before the phrase belongs to it."""
    toks = ctx.toks
    while a > 0 and ctx.outside(a - 1) and first_name_gender(toks[a - 1].text) is not None:
        if not toks[a - 1].text[:1].isupper():
            break
        a -= 1
    return a


def role_before(ctx: Ctx, a: int) -> int:
    """Start of a role apposition right before a name: "La ministre de la Santé, [Hélène
    Garnier]" (the parser often makes the name alone the subject)."""
    toks = ctx.toks
    if a < 2 or toks[a - 1].text != "," or not toks[a].text[:1].isupper():
        return a
    k = a - 2
    while k >= 0 and toks[k].text not in ",;:«»()" and toks[k].pos not in ("VERB", "AUX"):
        k -= 1
    start = k + 1
    has_role = any(role_gender(t.text) is not None for t in toks[start : a - 1])
    return start if has_role and all(ctx.outside(i) for i in range(start, a)) else a


def _descends(toks: Sequence[Tok], i: int, root: int) -> bool:
    seen = 0
    while seen < 50:
        if i == root:
            return True
        if toks[i].head == i:
            return False
        i, seen = toks[i].head, seen + 1
    return False


_DEMONSTRATIVE_HEADS = {"celui": "il", "celle": "elle", "ceux": "ils", "celles": "elles"}


def demonstrative_relative(toks: Sequence[Tok], a: int) -> Mention | None:
    """ "celui qui…", "celle qui…" after an incise verb: an anaphor (resolved like "il")."""
    p = _DEMONSTRATIVE_HEADS.get(fold(toks[a].text))
    if p is None or a + 1 >= len(toks) or fold(toks[a + 1].text) not in ("qui", "dont"):
        return None
    g, n = PRONOUNS[p]
    return Mention(toks[a].start, toks[a].end, p, None, g, n, pronoun=True)


_OBJECT_DEPS = ("obj", "iobj", "obl", "obl:arg", "obl:mod", "nmod")


def human_objects(ctx: Ctx) -> list[Mention]:
    """The people a sentence names other than as subject, by a role noun: "…donné un coup
    de pied à une femme à terre". They are what "cette dernière" or "elle" in the next
    sentence may stand for ("Cette dernière viendra à la barre"); names (NER) are
    recorded apart, so only determined role nouns are taken here."""
    toks, out = ctx.toks, []
    for i, t in enumerate(toks):
        if t.pos != "NOUN" or t.dep not in _OBJECT_DEPS or not ctx.outside(i):
            continue
        if i == 0 or toks[i - 1].pos != "DET" or role_gender(fold(t.text)) is None:
            continue
        b = noun_phrase(toks, i - 1)
        m = make_mention(ctx.text, toks[i - 1 : b])
        if m is not None and m.person and not m.name:
            out.append(m)
    return out
