"""A person named inside their title's prepositional phrase: "Minister for Health Declan
Morrissey said", "Secretary of State for Wales Ana Pryce told". The parser makes the title
the subject and hangs the name on "for"/"of" as its object, so the subject's phrase (cut at
the preposition) held no name and the speaker came out as "Minister".
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.lang.en.people import first_name_gender
from quotes.lexicon import fold
from quotes.nlp import Tok

_TITLE_PREPOSITIONS = frozenset({"for", "of"})


def name_in_title(
    toks: Sequence[Tok], children: dict[int, list[int]], head: int
) -> tuple[int, int] | None:
    """Tokens lo..hi (inclusive, as `mention_range`) of the name closing the prepositional
    phrase of title `head`: from its first known first name to the preposition's object,
    all capitalised."""
    for prep in children.get(head, []):
        if toks[prep].dep != "prep" or fold(toks[prep].text) not in _TITLE_PREPOSITIONS:
            continue
        for obj in children.get(prep, []):
            if toks[obj].dep != "pobj" or toks[obj].pos != "PROPN":
                continue
            run = toks[prep + 1 : obj + 1]
            if not run or not all(t.text[:1].isupper() for t in run):
                continue
            first = next((t.i for t in run if first_name_gender(t.text)), None)
            if first is not None and first < obj:
                return first, obj
    return None
