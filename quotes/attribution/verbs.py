"""Verb groups of the journalist's text: "a-t-il déclaré", "s'est réjoui", "a pour sa part
estimé", and the subject clitics of inverted verbs. The tagger of `fr_core_news_sm` often
calls a participle an adjective ("a réagi"): a participle after its auxiliary stays in the
group."""

from __future__ import annotations

from collections.abc import Sequence

from quotes.attribution.mention import PRONOUNS, Mention
from quotes.attribution.phrases import fixed_adverbial
from quotes.lexicon import fold, is_speech_verb, words
from quotes.nlp import Tok

_CLITICS = frozenset({"il", "elle", "ils", "elles", "on"})
# Clitics that may open a verb group before its verb: "s'est dit", "nous confiait".
_PREVERBAL = frozenset("s' se en y ne n' l' nous vous me m' te t' lui leur le la les".split())
# Adverbs (to the tagger) that open what follows the verb, not the verb group.
_NOT_IN_GROUP = frozenset({"selon", "aupres"})


def subject_clitic(tok: Tok) -> str | None:
    f = fold(tok.text)
    if f.startswith("-"):
        f = f[1:].removeprefix("t-")
        return f if f in _CLITICS else None
    return None


def verb_group(toks: Sequence[Tok], i: int) -> tuple[int, Tok | None] | None:
    """End of the verb group starting at i ("a-t-il déclaré", "s'est réjoui", "estime").

    Returns (end index, subject clitic token or None), or None if no verb starts at i.
    """
    j, has_verb, clitic = i, False, None
    while j < len(toks):
        t, f = toks[j], fold(toks[j].text)
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if (f in _PREVERBAL and not has_verb and nxt is not None and clitic is None) or f == "-t":
            j += 1  # "s'est dit", "nous confiait", "lui a-t-il dit"
        elif subject_clitic(t):
            clitic = t
            j += 1
        elif not has_verb and clitic is None and t.pos == "VERB" and _non_finite(t):
            return None  # "affirmant", "condamnées par": no inversion, not an incise
        elif t.pos in ("VERB", "AUX") or is_speech_verb(t.text, t.lemma) or "-t-" in t.text:
            if "-t-" in t.text or (
                t.text.count("-") == 1
                and fold(t.text).endswith(("-il", "-elle", "-ils", "-elles", "-on"))
            ):
                clitic = t
            has_verb = True
            j += 1
        elif has_verb and _participle_after_aux(toks, j):
            j += 1  # "a réagi" with "réagi" tagged an adjective
        elif has_verb and (n := fixed_adverbial(toks, j, words("incise_skip_fr.txt"))) > 0:
            j += n  # "a pour sa part déclaré", "a de son côté estimé"
        elif (
            has_verb
            and (t.pos == "ADV" or f in ("quant", "lui", "eux"))
            and (f not in _NOT_IN_GROUP)
        ):
            j += 1
        elif has_verb and f in ("a", "de", "d'") and nxt is not None and nxt.pos == "VERB":
            j += 1  # "a tenu à souligner", "tente d'expliquer"
        else:
            break
    return (j, clitic) if has_verb else None


def _participle_after_aux(toks: Sequence[Tok], j: int) -> bool:
    """A past participle right after "a"/"ont"/"est" that the tagger called something else."""
    t, prev = toks[j], toks[j - 1] if j > 0 else None
    return (
        prev is not None
        and prev.lemma in ("avoir", "être")
        and t.pos in ("ADJ", "NOUN", "ADV")
        and t.text[:1].islower()
        and t.text.lower().endswith(("é", "ée", "és", "i", "ie", "is", "u", "ue", "it", "int"))
    )


def _non_finite(t: Tok) -> bool:
    """Gerunds, participles and infinitives (checked on the ending: the tagger errs).

    Endings are read with accents ("crie" is a present, "crié" a participle).
    """
    w = t.text.lower()
    if w.endswith(("ant", "ants")):
        return True
    if t.form == "part":
        return w.endswith(("é", "ée", "és", "ées", "i", "is", "u", "us"))
    return t.form == "inf" and w.endswith(("er", "ir", "re"))


def clitic_mention(tok: Tok) -> Mention | None:
    f = fold(tok.text)
    p = f.rsplit("-", 1)[-1]
    if p not in ("il", "elle", "ils", "elles"):
        return None
    return make_mention_pronoun(tok, p)


def make_mention_pronoun(tok: Tok, p: str) -> Mention:
    g, n = PRONOUNS[p]
    start = tok.end - len(p)
    return Mention(start, tok.end, p, None, g, n, pronoun=True)
