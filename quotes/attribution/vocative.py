"""The person a quote speaks to is not its speaker.

In «La piscine, monsieur Roy, c'était aussi de la représentation ?», a-t-il demandé, the
judge questions Roy: "il" is not Roy, even when Roy is the nearest antecedent. A name set
off by punctuation inside the quote, with or without "monsieur"/"madame", is the person
addressed; a pronoun resolved to that person takes the next antecedent instead, a
description stays as written. So does a quote that names someone in full: people do not
speak of themselves by their full name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from quotes.attribution.mention import Mention

if TYPE_CHECKING:
    from quotes.attribution.resolve import Registry

_ADDRESS = r"(?:(?:monsieur|madame|mademoiselle|maître|docteur|M\.|Mme|Mlle|Me)\s+)?"


def addressed(quote: str, speaker: str) -> bool:
    """Whether `quote` addresses `speaker` by surname: ", monsieur Roy," "Paul Roy ?"."""
    surname = speaker.split()[-1] if speaker.split() else ""
    if not surname[:1].isupper():
        return False
    name = rf"(?:\p{{Lu}}[\p{{L}}'’-]+\s+)?{regex.escape(surname)}"
    pattern = rf"(?:^|[,;!?]\s*){_ADDRESS}{name}\s*(?:[,;!?.…]|$)"
    return regex.search(pattern, quote.strip()) is not None


def named_in(quote: str, speaker: str) -> bool:
    """Whether `quote` names `speaker` in full: people rarely say their own full name
    («Camille Renaud est libre», a écrit le chef de l'État)."""
    return (
        len(speaker.split()) >= 2
        and regex.search(rf"\b{regex.escape(speaker)}\b", quote) is not None
    )


def unless_addressed(reg: Registry, m: Mention, sentence: int, quote: str) -> str | None:
    """What `m` resolves to, unless a pronoun or a description was resolved to someone
    the quote speaks to or names in full: then the next antecedent (a pronoun) or the
    description as written."""
    who = reg.resolve(m, sentence)
    if m.name or not who or not (addressed(quote, who) or named_in(quote, who)):
        return who
    return reg.antecedent(m, sentence, exclude=frozenset({who})) if m.pronoun else m.text
