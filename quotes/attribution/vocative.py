"""The person a quote speaks to is not its speaker.

In «La piscine, monsieur Roy, c'était aussi de la représentation ?», a-t-il demandé, the
judge questions Roy: "il" is not Roy, even when Roy is the nearest antecedent. A name set
off by punctuation inside the quote, with or without "monsieur"/"madame", is the person
addressed; a pronoun resolved to that person takes the next antecedent instead.
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


def unless_addressed(reg: Registry, m: Mention, sentence: int, quote: str) -> str | None:
    """What `m` resolves to, unless it is a pronoun resolved to the person the quote
    speaks to: then the next antecedent."""
    who = reg.resolve(m, sentence)
    if not (m.pronoun and who and addressed(quote, who)):
        return who
    return reg.antecedent(m, sentence, exclude=frozenset({who}))
