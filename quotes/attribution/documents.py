"""Documents that speak for their author: "…, annonce un communiqué", "précise le texte".

A document names its author in itself ("un communiqué de la préfecture"), by a
possessive ("son communiqué" after the group), or the author is the subject just before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from quotes.attribution.kinds import key_words as _key
from quotes.attribution.mention import Mention
from quotes.lexicon import fold
from quotes.lexicon import words as words_of

if TYPE_CHECKING:
    from quotes.attribution.resolve import Registry


def document_author(reg: Registry, mention: Mention, sentence: int | None) -> str | None:
    """Document speakers: "annonce un communiqué", "précise le texte": a document speaks
    for its author, named in it ("un communiqué de la préfecture") or the subject just
    before it."""
    from quotes.attribution.resolve import NAMED, SUBJECT  # resolve imports this module

    words = _key(mention.text)
    if not words or words[0] not in words_of("speech_nouns_fr.txt"):
        return None
    first = mention.text.split(" ", 1)[0]  # "des propos" opens with an article, not "de"
    m = regex.search(r"\b(?:de la|de l['’]|du|des|de)\s+(.+)$", mention.text[len(first) :])
    if m:
        return m.group(1)
    author = _possessor_of(reg, words[0], mention.start)
    if author is not None:
        return author
    sentence = sentence if sentence is not None else 0
    since = reg.entries.since_sentence(sentence - 1)
    for other, speaker in reversed(reg.entries.between(since, mention.start)):
        sent, salience = reg.ranks.get(other.start, (0, SUBJECT))
        other_words = _key(other.text)
        if sentence - sent > 1 or salience == NAMED:
            continue
        if (
            other.pronoun
            or not other_words
            or other_words[0] in words_of("speech_nouns_fr.txt")
            or fold(other.text.split()[0]) in ("dont", "qui", "que", "qu'")
        ):
            continue  # "dont la nationalité": a relative clause's fragment writes nothing
        return speaker or other.text
    return None


def _possessor_of(reg: Registry, noun: str, before: int) -> str | None:
    """The person whose document it is: "écrit le chercheur dans son étude" … "pointe
    l'étude" -> the researcher. The nearest person mentioned before the last "son/sa/
    leur <noun>" (folded `noun`) of the text before `before`, in the same sentence."""
    from quotes.attribution.resolve import APPOSITION_WINDOW  # resolve imports this module

    pattern = regex.compile(r"\b(?:son|sa|ses|leur|leurs)\s+(\w+)", regex.IGNORECASE)
    window = max(0, before - APPOSITION_WINDOW)
    hits = [h for h in pattern.finditer(reg.text, window, before) if fold(h.group(1)) == noun]
    if not hits:
        return None
    at = hits[-1].start()
    for m, speaker in reversed(reg.entries.recent(at)):
        if m.end > at or not (m.person or m.name) or m.pronoun:
            continue
        if regex.search(r"[.!?]\s", reg.text[m.end : at]):
            return None  # not in the same sentence
        return speaker or (reg.canonical(m.name) if m.name else m.text)
    return None
