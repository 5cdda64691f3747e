"""Is this speech-verb word used as a verb? The tagger of `fr_core_news_sm` often calls a
present tense after its subject a noun or an adjective ("M. Duval dénonce", "La commission
évoque"), and a noun or participle a verb ("les annonces", "l'arme dite intermédiaire").
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.attribution.mention import is_pronoun
from quotes.lexicon import fold, is_speech_verb, speech_verbs
from quotes.nlp import Tok


def cue_verb_token(toks: Sequence[Tok], k: int) -> bool:
    """A speech verb used as a verb: not "les annonces", not "l'arme dite intermédiaire"."""
    t = toks[k]
    prev = toks[k - 1] if k > 0 else None
    if light_verb_cue(toks, k):
        return True  # "a fait valoir", "faire savoir", "faisant état de"
    if prev is not None and fold(prev.text) in _CONTRACTED_ARTICLES:
        return False  # "a rappelé au prévenu qu'il…": an article (à + le) makes it a noun
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and fold(nxt.text) in ("que", "qu'") and is_speech_verb(t.text, t.lemma):
        # "la ministre juge que": a verb; so is "leur répondant que" (a clitic, not "leur")
        return prev is None or prev.pos != "DET" or fold(prev.text) in ("leur", "lui")
    after_subject = prev is not None and (
        prev.pos == "PROPN" or is_pronoun(prev) or _determined_noun(toks, k - 1)
    )
    if t.pos in ("NOUN", "ADJ") and after_subject and is_speech_verb(t.text, t.lemma):
        return True  # "M. Duval dénonce une décision", "Elle évoque": tagged noun or adjective
    if t.pos not in ("VERB", "AUX", "X") or not is_speech_verb(t.text, t.lemma):
        return False
    if prev is None:
        return True
    if (
        t.form == "part"
        and prev.lemma == "être"
        and not (k > 1 and fold(toks[k - 2].text) in ("s'", "se"))
    ):
        return False  # passive: "18 personnes ont été interpellées" reports nobody's words
    return not (prev.pos == "DET" or (prev.pos == "NOUN" and t.form == "part"))


# à/de + article, tagged as prepositions: what follows them is a noun, never a verb
_CONTRACTED_ARTICLES = frozenset({"au", "aux", "du", "des"})


def _determined_noun(toks: Sequence[Tok], j: int) -> bool:
    """ "La commission évoque": a determiner and a noun opening the clause, before a present
    tense the tagger took for an adjective or a noun."""
    return (
        j >= 1
        and toks[j].pos == "NOUN"
        and toks[j - 1].pos == "DET"
        and (j == 1 or toks[j - 2].text in ".;:!?,")
        and toks[j + 1].text.lower().endswith(("e", "ent"))
    )


def light_verb_cue(toks: Sequence[Tok], k: int) -> bool:
    """Token k completes a light verb into a listed cue: "fait valoir", "faisant état",
    "fait part" (the subject is the light verb's, token k - 1)."""
    if k == 0 or toks[k - 1].lemma not in ("faire", "tenir", "mettre"):
        return False
    if toks[k].pos not in ("VERB", "AUX", "NOUN"):
        return False
    return fold(f"{toks[k - 1].lemma} {toks[k].text}") in speech_verbs()
