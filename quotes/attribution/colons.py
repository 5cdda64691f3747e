"""A quote after a colon: «Gregor travaille dans le bâtiment : «…»». The words are the
clause's subject's; a subject that cannot speak ("Une phrase qui a fait bondir M. Alloin :")
gives way to the person the clause names last; a short phrase with no verb names the
source ("Le syndicat : «…»").
"""

from __future__ import annotations

from quotes.attribution.clauses import left_subject, main_subject_of, verb_subject
from quotes.attribution.ctx import Attribution, Ctx
from quotes.attribution.kinds import can_speak, is_group, is_organisation
from quotes.attribution.mention import Mention, is_pronoun, make_mention
from quotes.lexicon import fold, is_speech_verb, is_title


def colon_before(ctx: Ctx) -> Attribution | None:
    """Gregor travaille dans le bâtiment : «…»: the subject of the clause before the colon."""
    k = ctx.before() - 1
    if k < 0 or ctx.toks[k].text != ":":
        return None
    for v in range(k - 1, -1, -1):
        t = ctx.toks[v]
        # the tagger may miss a speech verb before the colon ("scandaient" as an adverb)
        missed = t.text[:1].islower() and t.pos in ("ADV", "NOUN", "ADJ", "X") and v > 0
        missed = missed and is_speech_verb(t.text) and ctx.toks[v - 1].pos != "DET"
        if (t.pos in ("VERB", "AUX") or missed) and ctx.outside(v):
            m = verb_subject(ctx, v) if not missed else _clitic_subject(ctx, v)
            if not can_speak(m):  # none, or "une perspective": the person named last
                m = _person_after_verb(ctx, v, k) or m
            if m is not None:
                return Attribution("colon_before", m, t.text if missed else None)
            break
    return main_subject_of(ctx, "colon_before") or _verbless_label(ctx, k)


def _person_after_verb(ctx: Ctx, v: int, colon: int) -> Mention | None:
    """ "Une perspective accueillie avec scepticisme par Mme Roy : «…»", "Une phrase qui a
    fait bondir M. Alloin : «…»": the subject cannot speak; the person the clause names
    last before the colon answers."""
    toks = ctx.toks
    end = colon
    while end > v and not (toks[end - 1].ent == "PER" and ctx.outside(end - 1)):
        end -= 1
    if end <= v or end < colon - 1:
        return None  # no name, or words after it: "… par M. Roy, selon ses proches :"
    a = end - 1
    while a > v and toks[a - 1].ent == "PER":
        a -= 1
    if a > v and is_title(toks[a - 1].text):
        a -= 1
    return make_mention(ctx.text, toks[a:end])


def _verbless_label(ctx: Ctx, colon: int) -> Attribution | None:
    """ "Sa réponse : «…»", "Le syndicat : «…»": a short phrase with no verb before the
    colon names who speaks (a possessive before a speech noun stands for its owner)."""
    toks = ctx.toks
    a = colon
    while a > 0 and toks[a - 1].text not in '.!?;:»”"' and colon - a < 6:
        a -= 1
    phrase = toks[a:colon]
    if not phrase or any(t.pos in ("VERB", "AUX") or not ctx.outside(t.i) for t in phrase):
        return None
    m = make_mention(ctx.text, phrase)
    if m is None:
        return None
    named = m.name is not None and any(t.ent in ("PER", "ORG") for t in phrase)
    sure = m.pronoun or m.person or is_group(m) or is_organisation(m) or named
    return Attribution("colon_before", m, None) if sure else None  # not "Bilan de la journée"


def _clitic_subject(ctx: Ctx, v: int) -> Mention | None:
    """The subject of a verb the parser missed: the subject pronoun before its object
    clitics ("comme ils le déplorent"), else the clause's phrase before it."""
    j = v - 1
    while j >= 0 and fold(ctx.toks[j].text) in ("le", "la", "les", "l'", "lui", "en", "y", "ne"):
        j -= 1
    if j >= 0 and is_pronoun(ctx.toks[j]):
        return make_mention(ctx.text, [ctx.toks[j]])
    return left_subject(ctx, v)
