"""A pronoun that points forward: «…», confie-t-il. Pierre Dumas, 52 ans, habite là.

Why: features and portraits open on the quote and name its speaker in the next sentence;
the incise's "il" has no antecedent before it, so the quote stayed without a speaker.
When nothing earlier resolved the pronoun, and the next sentence opens with a person's
name (a known first name, lexicons/first_names, and capitalised words, then a comma or a
lower-case word), of the pronoun's gender where the first name tells it, that person is
the speaker. Read from the text: the sentence after a quote is not parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from quotes.lexicon import first_name_gender, fold

if TYPE_CHECKING:
    from quotes.prepared import Item

_PRONOUN_GENDER = {"il": "m", "elle": "f"}
_NAME_START = regex.compile(
    r"\s*(\p{Lu}[\p{Ll}'’-]+)((?:[ -]\p{Lu}[\p{Ll}'’-]+)+)(?=\s*,|\s+\p{Ll})"
)


def opening_name(sentence: str) -> tuple[str, str | None] | None:
    """The person's name opening a sentence and its first name's gender ("Pierre Dumas,
    52 ans, …", "Anne Vidal habite…"), when the first word is a known first name."""
    m = _NAME_START.match(sentence)
    if m is None:
        return None
    gender = first_name_gender(m.group(1))
    if gender is None:
        return None
    return m.group(1) + m.group(2), gender


def forward_speaker(pronoun: str | None, next_sentence: str) -> str | None:
    """The speaker an unresolved incise pronoun ("il", "elle") points forward to."""
    want = _PRONOUN_GENDER.get(fold(pronoun or ""))
    found = opening_name(next_sentence) if want is not None else None
    if found is None:
        return None
    name, gender = found
    return name if gender in (want, "u", "") else None


def point_forward(text: str, quotes: Sequence[Item], sents: Sequence[tuple[int, int]]) -> None:
    """Give each quote left without a speaker, whose mention is such a pronoun, the
    person opening the next sentence (rule "cataphora")."""
    for it in quotes:
        if it.speaker is None and it.mention and it.sent + 1 < len(sents):
            start, end = sents[it.sent + 1]
            ahead = forward_speaker(it.mention, text[start:end])
            if ahead is not None:
                it.speaker, it.rule = ahead, "cataphora"
