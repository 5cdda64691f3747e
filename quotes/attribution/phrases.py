"""Where a source's phrase starts and ends in a sentence's tokens.

`make_mention` (quotes.attribution.mention) says what a phrase names; this module finds
the phrase: `noun_phrase` its end (appositions kept, a relative, a verb, a manner adverbial
or the addressee "à l'AFP" cut off), `skip_adverbials` its start after an incise verb
(times, adverbs, prepositional phrases and an adjective between commas skipped).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from quotes.attribution.media import addressee_end
from quotes.attribution.mention import _DASHES
from quotes.attribution.names import _GENITIVE, _is_name_token
from quotes.lexicon import first_name_gender, fold, is_speech_verb, role_gender, words
from quotes.nlp import Tok

# Prepositions that open an adverbial before or after the source ("à l’AFP", "sur X").
_PP_HEADS = frozenset(
    (
        "a au aux sur devant dans lors en pour par apres avant depuis chez aupres parmi sous "
        "vers avec contre pendant face via"
    ).split()
)  # folded (no accents), as `fold` gives them
_PHRASE_END = frozenset({"qui", "dont", "que", "qu'", "se", "s'", "ne", "n'"})
# Object clitics before the verb: "Deux pancartes me reviennent", "les élus lui ont dit"
_CLITICS = frozenset("me m' te t' lui leur nous vous y en".split())
# Conjunctions that open a clause after the source: "un porte-parole alors que…".
_CLAUSE_OPENERS = frozenset("lorsque lorsqu' quand puisque puisqu' tandis car mais parce".split())
_BEFORE_QUE = frozenset({"alors", "bien", "des", "si", "ainsi"})  # "alors que", "dès que"
# Endings of participles and adjectives describing a person ("convaincue", "furieux").
_ADJECTIVE_END = regex.compile(r"(?:ée?s?|ue?s?|ie?s?|ise?s?|ite?s?|eux|euses?|ive?s?|ante?s?)$")
# Determiners of a time phrase standing between a verb and its subject ("ce matin").
_TIME_DETERMINERS = frozenset({"ce", "cet", "cette", "la", "le", "l'"})
_TIME_ADJECTIVES = frozenset({"dernier", "derniere", "prochain", "prochaine", "meme"})


def noun_phrase(toks: Sequence[Tok], a: int) -> int:
    """End (exclusive) of the noun phrase starting at token `a`, appositions included.

    Stops at sentence punctuation, a quotation mark, a comma that opens a verb, relative
    or adverbial ("…, évoquant", "…, qui"), or a preposition other than "de" once the
    phrase has its head ("certains manifestants à l’adresse de…").
    """
    has_head = False
    j = a
    while j < len(toks):
        t = toks[j]
        f = fold(t.text)
        if t.text in "«“" and (close := _short_quote_end(toks, j)) is not None:
            j, has_head = close + 1, True  # a term inside the phrase: des « gilets jaunes »
            if j < len(toks) and is_speech_verb(toks[j].text, toks[j].lemma):
                break  # "La coordination des «gilets jaunes» rappelle…": the verb
            continue
        if t.text == "(" and has_head and (close := _aside_end(toks, j)) is not None:
            j = close + 1  # "l'Union des salariés (USE), Karim Haddad": an acronym, a party
            continue
        if t.text in '.;:!?«»“”"()[]' or (t.text in _DASHES and toks[j - 1].end < t.start):
            break  # a dash opens an aside: "la Cour des comptes — l'institution de la rue Cambon —"
        if t.text == ",":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is None or not (
                nxt.text[:1].isupper()
                or nxt.pos in ("DET", "PROPN", "NOUN")
                or _role_apposition(toks, j + 1)
            ):
                break
            if fold(nxt.text) in ("qui", "dont") or _absolute_clause(toks, j + 1):
                break
        elif has_head and _place_complement(toks, j):
            j += 2  # "des pêcheurs à Lorient": where the source is
            continue
        elif has_head and _adjectival_participle(toks, j):
            pass  # "une femme vêtue de rouge"
        elif has_head and (f in _CLAUSE_OPENERS or _opens_que_clause(toks, j)):
            break  # "a indiqué un porte-parole alors que l'intervention…"
        elif has_head and (t.pos in ("VERB", "AUX") or f in _PHRASE_END or _verb_form(toks, j)):
            break  # "Le vieil homme se souvient", "un proche qui…", "les élus scandaient"
        elif has_head and f in _CLITICS and _before_verb(toks, j + 1):
            break  # "Deux pancartes me reviennent": the verb's clitic
        elif has_head and _manner(toks, j):
            break  # "la militante d'un ton satisfait": how she said it
        elif has_head and (f == "aupres" or addressee_end(toks, j) is not None):
            # "le porte-parole auprès de l'AFP": the addressee ends the phrase, unless the
            # source's name follows it ("l'un d'eux à l'AFP, Christian Roux")
            end = addressee_end(toks, j) or j + 1
            if not (
                end + 1 < len(toks) and toks[end].text == "," and _starts_person(toks[end + 1])
            ):
                break
        elif has_head and t.pos == "ADP" and f not in _GENITIVE and not _name_ahead(toks, j):
            break
        if t.pos in ("NOUN", "PROPN", "PRON") or _is_name_token(t):
            has_head = True
        elif t.pos == "ADJ" and j > a and toks[j - 1].pos == "DET" and t.text[:1].islower():
            has_head = True  # "les lycéens" tagged as an adjective: a noun after its article
        j += 1
    return j


def _aside_end(toks: Sequence[Tok], j: int) -> int | None:
    """The ")" closing a short aside opened at `j` with no verb in it, when the phrase goes
    on after it: an acronym or a party in brackets ("l'Union des salariés (USE), Karim
    Haddad", "le maire (LR) de Nice") is part of the phrase; "à Lorient (ouest)." ends it."""
    for k in range(j + 1, min(j + 9, len(toks))):
        if toks[k].text == ")":  # kept when the phrase goes on: ", Karim Haddad", "de Nice"
            nxt = fold(toks[k + 1].text) if k + 1 < len(toks) else ""
            return k if nxt == "," or nxt in _GENITIVE else None
        if toks[k].text in '().;:!?«»“”"' or toks[k].pos in ("VERB", "AUX"):
            return None
    return None


def _opens_que_clause(toks: Sequence[Tok], j: int) -> bool:
    """ "alors que", "dès que", "bien que": a conjunction of two words opening a clause."""
    nxt = fold(toks[j + 1].text) if j + 1 < len(toks) else ""
    return fold(toks[j].text) in _BEFORE_QUE and nxt in ("que", "qu'")


def _absolute_clause(toks: Sequence[Tok], j: int) -> bool:
    """ ", la moyenne des revenus tournant autour de…": a phrase with its own gerund after
    the comma is a clause of the sentence, not an apposition to the source."""
    for t in toks[j : j + 8]:
        if t.text in ",.;:!?«»()":
            return False
        if t.text.lower().endswith("ant") and t.pos in ("VERB", "AUX"):
            return True
    return False


_NOUNISH = frozenset({"NOUN", "PROPN", "ADJ"})  # "lycéens" may be tagged an adjective
_OPENS = frozenset({"«", "“", '"', ":"})  # a quote or a colon right after a verb


def _verb_form(toks: Sequence[Tok], j: int) -> bool:
    """A verb the tagger took for a noun: an object clitic before a verb ("une personne
    lui a rendu"), or a speech verb in the third person plural ("les élus scandaient")."""
    t, f = toks[j], fold(toks[j].text)
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if f in ("lui", "leur") and nxt is not None and nxt.pos in ("VERB", "AUX"):
        return True
    if t.text[:1].islower() and f.endswith("aient") and toks[j - 1].pos in _NOUNISH:
        return True  # "les lycéens brandissaient": an imperfect, whatever the tagger says
    if not (
        t.text[:1].islower()
        and is_speech_verb(t.text, t.lemma)
        and toks[j - 1].pos in ("NOUN", "PROPN")
    ):
        return False
    if f.endswith(("aient", "ent", "ait")):
        return True  # "les élus scandaient"
    # "La présidente du parti dénonce aussi «…»", "le maire estime que…": a speech verb
    # tagged as a noun, then what opens a clause's object; not "un regard critique sur"
    return nxt is not None and (
        nxt.pos in ("ADV", "DET", "PRON") or fold(nxt.text) in ("que", "qu'") or nxt.text in _OPENS
    )


def _role_apposition(toks: Sequence[Tok], j: int) -> bool:
    """ "Nicolas Roy, ancien ministre de…": a role apposition the tagger opens with an
    adjective ("ancien", "ex-", "nouvelle")."""
    first = fold(toks[j].text)
    if first in ("ancien", "ancienne", "nouveau", "nouvelle", "actuel", "actuelle"):
        return j + 1 < len(toks) and role_gender(toks[j + 1].text) is not None
    return role_gender(toks[j].text) is not None


def _manner(toks: Sequence[Tok], j: int) -> bool:
    """ "d'un ton satisfait", "d'une voix forte": a manner adverbial, not a complement."""
    if j + 2 >= len(toks) or fold(toks[j].text) not in ("d'", "de"):
        return False
    return fold(toks[j + 1].text) in ("un", "une") and fold(toks[j + 2].text) in words(
        "manner_nouns_fr.txt"
    )


def _place_complement(toks: Sequence[Tok], j: int) -> bool:
    """ "à Berlin" closing a nameless description: "des pêcheurs à Lorient (ouest)".

    Only a single capitalised word right before the phrase's end, and only when no person
    is named before it: "le ministre à Paris" keeps "le ministre" for role aliases.
    """
    if fold(toks[j].text) != "a" or j + 1 >= len(toks) or any(t.ent == "PER" for t in toks[:j]):
        return False
    place, after = toks[j + 1], toks[j + 2] if j + 2 < len(toks) else None
    return (
        place.text[:1].isupper()
        and place.pos in ("PROPN", "NOUN")
        and (after is None or after.text in ',.;:!?()«»“”"')
    )


def _adjectival_participle(toks: Sequence[Tok], j: int) -> bool:
    """A past participle qualifying the head ("une femme vêtue de rouge"), not the verb of
    the clause ("les manifestants ont été évacués") nor a passive with its agent
    ("un manifestant interrogé par l'AFP", where the source is "un manifestant"): one
    followed by "de" or a comma ("une femme vêtue de rouge, casque sur la tête")."""
    t = toks[j]
    if t.pos not in ("VERB", "ADJ") or t.form != "part" or toks[j - 1].pos in ("AUX", "VERB"):
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is not None and (fold(nxt.text) in ("de", "d'") or nxt.text == ",")


def _short_quote_end(toks: Sequence[Tok], j: int, window: int = 7) -> int | None:
    """Index of the mark closing a short quote opened at j (a term), else None."""
    for k in range(j + 1, min(len(toks), j + window)):
        if toks[k].text in "»”":
            return k
    return None


def _name_ahead(toks: Sequence[Tok], j: int, window: int = 10) -> bool:
    """A person's name follows within the phrase: "le secrétaire d’État à l’Intérieur X",
    "l'adjointe à la culture de la ville de Nice, Caroline Mattei" (a known first name and
    a capitalised word: a name, whatever the NER calls it after a place)."""
    for k in range(j + 1, min(j + 1 + window, len(toks))):
        t = toks[k]
        if t.text in '.;:!?«»“”"()' or t.pos in ("VERB", "AUX"):
            return False
        if t.ent == "PER" or (_starts_person(t) and _capitalised(toks, k + 1)):
            return True
    return False


def _capitalised(toks: Sequence[Tok], k: int) -> bool:
    return k < len(toks) and toks[k].text[:1].isupper()


def fixed_adverbial(toks: Sequence[Tok], i: int, skip: frozenset[str]) -> int:
    """Tokens of a multi-word entry of incise_skip_fr.txt starting at i ("de son côté")."""
    for n in (3, 2):
        if i + n <= len(toks) and " ".join(fold(t.text) for t in toks[i : i + n]) in skip:
            return n
    return 0


def skip_adverbials(toks: Sequence[Tok], i: int) -> int:
    """Skip what stands between a verb and its inverted subject: adverbs, times, PPs, and
    an adjective set off by commas ("lance, convaincue, la militante")."""
    skip = words("incise_skip_fr.txt")
    in_pp = False
    while i < len(toks):
        t = toks[i]
        f = fold(t.text)
        if (n := fixed_adverbial(toks, i, skip)) > 0:
            i += n  # "estime de son côté Pierre Martin", "a quant à lui dit"
        elif _apposed_adjective(toks, i):
            i += 2  # ", convaincue," / ", furieux,": the subject follows
        elif f in _TIME_DETERMINERS and i + 1 < len(toks) and fold(toks[i + 1].text) in skip:
            i += 2  # "ce matin", "la veille"
            while i < len(toks) and fold(toks[i].text) in _TIME_ADJECTIVES:
                i += 1
        elif (end := addressee_end(toks, i)) is not None:
            i = end  # "à l'AFP", "auprès de la presse", "au Soir": whom the source told
        elif f == "aupres":  # "auprès de la presse": tagged ADV or ADP
            in_pp = True
            i += 2 if i + 1 < len(toks) and fold(toks[i + 1].text) in _GENITIVE else 1
        elif t.text == "," or t.pos == "ADV" or f in skip:
            in_pp = False if t.text == "," else in_pp
            i += 1
        elif (t.pos == "ADP" and f in _PP_HEADS) or f in ("a", "au", "aux"):
            in_pp = True
            i += 1
        elif (
            in_pp
            and i > 0
            and toks[i - 1].pos not in ("ADP", "DET")
            and (t.pos == "DET" or f in ("des", "du", "l'"))
        ):
            return i  # a determiner that does not follow the preposition starts the subject
        elif in_pp and _starts_person(t) and i > 0 and toks[i - 1].pos in ("NOUN", "PROPN", "NUM"):
            return i  # "à la presse Jason Herbert", "à l'AFP Julien, 34 ans"
        elif in_pp:
            i += 1
        else:
            return i
    return i


def _starts_person(t: Tok) -> bool:
    """A capitalised word that begins a person's name: NER's person or a known first name."""
    return t.ent == "PER" or (t.text[:1].isupper() and first_name_gender(t.text) is not None)


def _apposed_adjective(toks: Sequence[Tok], i: int) -> bool:
    """ ", convaincue," between an incise verb and its subject: an adjective or participle
    alone between two commas describes the subject that follows."""
    if toks[i].text != "," or i + 2 >= len(toks) or toks[i + 2].text != ",":
        return False
    w = toks[i + 1]
    if not w.text[:1].islower() or fold(w.text) in _GENITIVE:
        return False
    # the tagger calls many such words nouns ("convaincue"): their ending tells
    return (
        w.pos == "ADJ"
        or (w.pos == "VERB" and w.form == "part")
        or _ADJECTIVE_END.search(w.text.lower()) is not None
    )


def _before_verb(toks: Sequence[Tok], j: int) -> bool:
    """Token j is a verb, or another clitic then a verb ("lui en a parlé")."""
    while j < len(toks) and fold(toks[j].text) in _CLITICS:
        j += 1
    return j < len(toks) and toks[j].pos in ("VERB", "AUX")
