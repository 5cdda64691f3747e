"""A description that names an earlier person by the head of their role.

Press introduces a person once with a precise role ("la porte-parole du ministère des
Affaires étrangères, Agnès Roux", "le président américain Paul Grant") and later writes a
looser description of the same role: "la porte-parole de la diplomatie française", "le
dirigeant américain". `Registry.role_alias` only links a description that repeats the
start of the role word for word; `head_alias` links:
- a description whose head role noun ("porte-parole") is the head of exactly one named
  person's role in the document, when its complement is not a named office (a
  capitalised "de la Santé" names another office: "le ministre de la Santé" is not "le
  ministre de l'Intérieur X");
- a generic leader noun (lexicons/leader_nouns_fr.txt: dirigeant, chef...) whose other
  words ("américain") all occur in exactly one named person's role.
Gender marks must not clash. Nothing is linked when two people fit.

`same_source` resolves "selon la même source" to the last source the text named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from quotes.attribution.kinds import key_words
from quotes.attribution.mention import Mention
from quotes.attribution.names import _GENITIVE
from quotes.lexicon import fold, is_title, role_gender, tagged, words

if TYPE_CHECKING:
    from quotes.attribution.resolve import Registry

_LEAD = frozenset("le la les l' l’ un une son sa ses leur ce cet cette".split())
_FILLER = frozenset("de du des d' d’ la le l' l’ et".split())
_FORMER_WORDS = frozenset({"ancien", "ancienne", "ex"})
_INDEFINITE = frozenset({"un", "une", "des", "d'", "plusieurs", "certains", "certaines"})


def role_words(text: str) -> list[str]:
    """The words of a role phrase without its determiner: "la porte-parole de la diplomatie
    française" -> ["porte-parole", "de", "la", "diplomatie", "française"]."""
    out = text.replace(",", " ").split()
    while out and (fold(out[0]) in _LEAD or is_title(out[0])):
        out = out[1:]
    if out and fold(out[0])[:2] in ("l'", "l’"):
        out[0] = out[0][2:]
    if len(out) > 1 and fold(out[0]) in _FORMER_WORDS:
        out = out[1:]  # "l'ancienne présidente" -> "présidente"
    elif out and fold(out[0]).startswith("ex-"):
        out[0] = out[0][3:]  # "l'ex-ministre" -> "ministre"
    return out


def _content(ws: list[str]) -> set[str]:
    return {fold(w) for w in ws if fold(w) not in _FILLER}


def head_alias(reg: Registry, mention: Mention) -> str | None:
    """The one earlier named person whose role this nameless description loosely repeats."""
    if mention.name or mention.pronoun:
        return None
    ws = role_words(mention.text)
    if not ws or role_gender(ws[0]) is None:
        return None
    head, rest = fold(ws[0]), ws[1:]
    leader = head in words("leader_nouns_fr.txt")
    named_office = any(regex.sub(r"^[ldLD]['’]", "", w)[:1].isupper() for w in rest)
    if named_office or (leader and not _content(rest)):  # "de l’Économie": another office
        return None
    found: set[str] = set()
    for m, speaker in reg.entries.recent(mention.start):
        if not m.name:
            continue
        who = speaker or reg.canonical(m.name)
        role = reg.roles.get(who)
        theirs = role_words(role) if role else []
        if not theirs:
            continue
        fits = _content(rest) <= _content(theirs[1:]) if leader else fold(theirs[0]) == head
        if fits and not _clash(reg, mention, who):
            found.add(who)
    return found.pop() if len(found) == 1 else None


def relation_description(mention: Mention) -> str | None:
    """ "l'entourage du ministre", "les proches du président": the circle around a person
    (lexicons/relation_nouns_fr.txt, tagged circle) is a source of its own, never the
    person of the complement nor anyone named before: the description as written."""
    ws = role_words(mention.text)
    if mention.name or len(ws) < 3 or fold(ws[1]) not in _GENITIVE:
        return None
    return mention.text if tagged("relation_nouns_fr.txt").get(fold(ws[0])) == "circle" else None


def fuller_description(reg: Registry, mention: Mention) -> str | None:
    """Fuller wording: "la présidence" -> "la présidence française", said before.
    An indefinite ("des gilets", "une source") introduces someone new: no link."""
    words_ = key_words(mention.text)
    if not words_ or fold(mention.text.split()[0]) in _INDEFINITE:
        return None
    for m, speaker in reversed(reg.entries.recent(mention.start)):
        other = key_words(m.text)
        longer = len(other) > len(words_) and other[: len(words_)] == words_
        if not m.name and longer:
            return speaker or m.text
    return None


def _clash(reg: Registry, mention: Mention, who: str) -> bool:
    g = reg.gender(who)
    return (mention.gender == "f" and g == "male") or (mention.gender == "m" and g == "female")


def same_source(reg: Registry, mention: Mention) -> str | None:
    """ "«…», selon la même source": the speaker of the last source recorded before.
    The words before the mention are read too: "la même" may be cut off as a time phrase."""
    around = " ".join(fold(reg.text[max(0, mention.start - 12) : mention.end]).split())
    if not around.endswith("meme source") or mention.name:
        return None
    for m, speaker in reversed(reg.entries.recent(mention.start)):
        # salience 0 is resolve.SOURCE: the mention was the source of a quote
        if speaker and reg.ranks.get(m.start, (0, 9))[1] == 0:
            return speaker
    return None
