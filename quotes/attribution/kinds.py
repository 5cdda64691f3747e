"""What kind of thing a mention designates, for the rules that must not name a non-source.

A speaker is a phrase that can speak: a person (a name, a pronoun, a role or human noun),
a group or organisation, a medium or a document. "la défiscalisation des heures", "le
dispositif", "quatre échangeurs" cannot; a rule that would return them returns nothing, so
that the quote goes to the sentences around it instead.
"""

from __future__ import annotations

import functools

import regex

from quotes.attribution.mention import Mention
from quotes.lexicon import fold, role_gender, words

_ARTICLES = frozenset(
    "le la les l un une des du de d ses son sa leur leurs ces ce cet cette".split()
)


@functools.cache
def _heads(*lexicons: str) -> frozenset[str]:
    """The union of head-noun lexicons, built once (the rules ask per candidate)."""
    return frozenset().union(*(words(name) for name in lexicons))


_GROUPS = ("organisations_fr.txt", "collectives_fr.txt")
_SPEAKERS = (*_GROUPS, "speech_nouns_fr.txt", "media_fr.txt")


def is_group(m: Mention) -> bool:
    """A plural that can speak: people ("les manifestants", a role noun) or a collective of
    them ("les syndicats", an organisation noun), not "les personnages" or "les tables"."""
    heads = fold(m.text).replace("'", " ").split()[:3]
    if m.number != "pl" and not (heads and heads[0] in ("le", "la", "l")):
        return False  # a singular group speaks as an organisation: "le syndicat"
    organisations = _heads(*_GROUPS)
    return any(h in organisations or h.rstrip("sx") in organisations for h in heads)


def _head(m: Mention) -> str:
    ws = [w for w in fold(m.text).replace("'", " ").split() if w not in _ARTICLES]
    return ws[0] if ws else ""


def can_speak(m: Mention | None) -> bool:
    """Whether the mention can be a source: a person, a name, a pronoun, a group, or a
    phrase headed by a role, organisation, collective, media or document noun."""
    if m is None:
        return False
    if m.pronoun or m.person or m.name or is_group(m) or _one_of_them(m.text):
        return True
    if m.number == "pl" and any(c in m.text for c in '«“"'):
        return True  # "les «gilets jaunes»": a plural under a label in marks is a movement
    head = _head(m)
    if not head:
        return False
    heads = _heads(*_SPEAKERS)
    return head in heads or head.rstrip("sx") in heads or role_gender(head) is not None


def _one_of_them(text: str) -> bool:
    """ "l'un d'eux", "l'une d'elles", "plusieurs d'entre eux": some of the people just
    named ("eux" and "elles" stand for people)."""
    return fold(text).replace("’", "'").endswith(("d'eux", "d'elles", "entre eux", "entre elles"))


def agrees(pronoun: Mention, m: Mention) -> bool:
    """Gender and number agree. "ils" may stand for a mixed pair ("Anne et Paul"), never
    for one feminine plural noun ("ces revendications")."""
    if pronoun.number != m.number:
        return False
    if not pronoun.gender:
        return True  # "son", "leur", "l'autre": no gender mark
    if pronoun.gender == "f":
        return m.gender != "m"
    if m.gender != "f":
        return True
    return pronoun.number == "pl" and (m.name is not None or " et " in f" {m.text} ")


def is_organisation(m: Mention) -> bool:
    """ "la commission d'enquête", "le syndicat", "une délégation": an organisation or a
    group speaks, and "elle"/"il" may stand for it (lexicons/organisations_fr.txt and
    collectives_fr.txt head the phrase)."""
    keys = _words_without(m.text, _ARTICLES)
    return bool(keys) and keys[0] in _heads(*_GROUPS)


_SPEAKER_WORDS = regex.compile(r"\w+(?:-\w+)*'?|\w+", regex.V1)


def speaks_as_one(quote: str) -> bool:
    """The quote's words are a single person's: it holds a first-person singular word
    ("je", "j'", "m'", "mon", "moi"...; lexicons/first_person_fr.txt)."""
    forms = words("first_person_fr.txt")
    folded = fold(quote).replace("’", "'")
    return any(w in forms for w in _SPEAKER_WORDS.findall(folded))


def can_say_i(m: Mention) -> bool:
    """Whether the mention can be the one person who says "je": not an organisation, a
    group or a plural ("le parti", "les syndicats", "ils")."""
    return m.number != "pl" and not is_group(m) and not is_organisation(m)


_NON_WORD = regex.compile(r"[^\w]+")
_DROP = frozenset("le la les l un une des de du d m mme mr me dr pr".split())


def key_words(s: str) -> list[str]:
    """The folded words of a phrase without articles, "de" and titles: how the registry
    compares mentions ("M. Castaner" -> ["castaner"])."""
    return _words_without(s, _DROP)


def _words_without(s: str, drop: frozenset[str]) -> list[str]:
    return list(_folded_words(s, drop))


@functools.lru_cache(maxsize=1 << 16)
def _folded_words(s: str, drop: frozenset[str]) -> tuple[str, ...]:
    """Cached: the registry compares every mention with the earlier ones, so one long
    document asks for the same phrases' words millions of times (bench/longdoc.py)."""
    return tuple(w for w in _NON_WORD.split(fold(s)) if w and w not in drop)
