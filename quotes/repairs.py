"""Repairs of the model's slips on `Tok` records, whatever backend parsed them.

Why this module: the small French model tags some first names as adjectives or
"miscellaneous" entities when they open a sentence ("Anne Roy ne désarme pas." gives
"Anne" ADJ/MISC, the root of the sentence), so the sentence has no person for a later
"elle" or "Selon elle" to point back to. A known first name (lexicons/first_names)
followed by a capitalised word is a person's name in news text; the rules then see it
as the model sees "Paul Vidal".

It also tags imperfect speech verbs as adverbs or adjectives ("Ils scandaient «…»",
"les manifestants criaient «…»"), so the sentence has no speech verb and the quote goes
to whoever else it names ("selon un journaliste de l'AFP"). A word ending in "-aient"
is a verb in French, and so is one in "-ait" right after "il", "elle" or "on"; such a
word of the speech lexicon is made a finite verb (`imperfect_speech_verbs`).

And it reads a participle opening the sentence ("Interrogée sur le risque, Mme Roy a
répondu") as a name, often the subject itself: `fronted_participle` makes it an adverbial
and the phrase after its comma the subject.
"""

from __future__ import annotations

from dataclasses import replace

from quotes.lexicon import first_name_gender, fold, is_speech_verb, speech_verbs, verb_lemmas
from quotes.nlp import Tok

# Entities a first name may carry and still be a person's: the model's slips. A name
# the model calls an organisation or a place ("France Télévisions", "Sainte-Anne") keeps
# its label.
_SLIPS = frozenset({"", "MISC", "PER"})
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", "VERB"})


def _capitalised_word(tok: Tok) -> bool:
    return tok.text[:1].isupper() and tok.text[1:2].islower() and tok.ent in _SLIPS


def first_name_runs(toks: list[Tok]) -> list[Tok]:
    """`toks` with each run "known first name + capitalised words" as PROPN/PER, when the
    model left any of it out of a person entity and called none of it ORG or LOC."""
    out = toks
    i = 0
    while i + 1 < len(toks):
        first, after = toks[i], toks[i + 1]
        if not (
            _capitalised_word(first)
            and first_name_gender(first.text) is not None
            and _capitalised_word(after)
            and after.pos in _NAME_POS
        ):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and _capitalised_word(toks[j]) and toks[j].pos in _NAME_POS:
            j += 1
        if any(t.ent != "PER" or t.pos != "PROPN" for t in toks[i:j]):
            out = out if out is not toks else list(toks)
            for k in range(i, j):
                out[k] = replace(toks[k], pos="PROPN", ent="PER")
        i = j
    return out


_SUBJECT_PRONOUNS = frozenset({"il", "elle", "on"})


def imperfect_speech_verbs(toks: list[Tok]) -> list[Tok]:
    """`toks` with imperfect forms of speech verbs the model did not call verbs made
    VERB (finite), with the speech verb as lemma (see the module docstring)."""
    out = toks
    for k, t in enumerate(toks):
        word = t.text.lower()  # the endings carry no accent: no fold needed to test them
        if t.pos in ("VERB", "AUX") or not word.endswith(("aient", "ait")):
            continue
        if word.endswith("ait") and not (k > 0 and fold(toks[k - 1].text) in _SUBJECT_PRONOUNS):
            continue
        if not is_speech_verb(t.text):
            continue
        lemma = next((c for c in verb_lemmas(t.text) if fold(c) in speech_verbs()), t.lemma)
        out = out if out is not toks else list(toks)
        out[k] = replace(t, pos="VERB", lemma=lemma, form="fin")
    return out


# Participles that open a sentence about whom the reporter reached: "Interrogée sur…,
# la ministre", "Joint par téléphone, le maire". Regular ones end in -é(e)(s); these do not.
_IRREGULAR_PARTICIPLES = frozenset(
    "joint jointe joints jointes reçu reçue reçus reçues atteint atteinte vu vue".split()
)
# folded, as `fold` gives them ("à" -> "a", "après" -> "apres")
_AFTER_PARTICIPLE = frozenset({",", "sur", "par", "a", "au", "aux", "lors", "en", "dans", "apres"})


def fronted_participle(toks: list[Tok]) -> list[Tok]:
    """`toks` with a participle opening the sentence ("Interrogée sur le risque, Mme Roy a
    répondu", "Sollicité par franceinfo, le ministère assure") made an adverbial of the
    main verb, and the phrase after its comma that verb's subject. The small model reads
    the capitalised participle as a name, often as the subject itself, so "Interrogée"
    became the speaker."""
    if len(toks) < 4 or not _participle(toks[0]) or fold(toks[1].text) not in _AFTER_PARTICIPLE:
        return toks
    root = next((t.i for t in toks if t.head == t.i and t.pos in ("VERB", "AUX")), None)
    comma = next((t.i for t in toks[1:16] if t.text == ","), None)
    if root is None or comma is None or comma + 1 >= len(toks) or root <= comma:
        return toks
    out = list(toks)
    out[0] = replace(toks[0], pos="VERB", dep="advcl", head=root, ent="", form="part")
    others = [t for t in out if t.head == root and t.dep.startswith("nsubj") and t.i != 0]
    first = out[comma + 1]
    head = first.head if first.pos == "DET" else first.i
    if not others and out[head].pos in ("NOUN", "PROPN", "PRON") and comma < head < root:
        out[head] = replace(out[head], dep="nsubj", head=root)
    return out


def _participle(tok: Tok) -> bool:
    """A capitalised past participle, not a first name ("André", "Zoé")."""
    word = tok.text.lower()
    if not tok.text[:1].isupper() or first_name_gender(tok.text) is not None:
        return False
    return word.endswith(("é", "ée", "és", "ées")) or word in _IRREGULAR_PARTICIPLES
