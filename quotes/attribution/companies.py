"""A bare description of a company ("l'entreprise", "le groupe") as the company named
just before.

Press names a company once ("Alstom a annoncé des licenciements", "Le constructeur
Alstom…") and then calls it by a generic noun: «…», a indiqué l'entreprise. The generic
nouns are interchangeable (lexicons/company_nouns_fr.txt: "la société New Corp" … "le
groupe"), so the head need not repeat. The description must be definite, singular and
bare (one key word: "le groupe de travail" or "une entreprise" name someone else); the
company is the last named non-person mention within `WINDOW_CHARS` before it that is
either a bare name ("Alstom") or headed by a company noun. A person or another kind of
organisation ("le syndicat CGT") is never taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.attribution.kinds import key_words
from quotes.attribution.mention import Mention
from quotes.lexicon import fold, words

if TYPE_CHECKING:
    from quotes.attribution.resolve import Registry

WINDOW_CHARS = 600  # about three sentences of news copy
_DEFINITE = frozenset({"le", "la", "l'", "ce", "cette", "cet"})


def _company_nouns() -> frozenset[str]:
    return words("company_nouns_fr.txt")


def _bare_company_noun(mention: Mention) -> bool:
    if mention.name or mention.pronoun or mention.person or mention.number == "pl":
        return False
    first = fold(mention.text.split()[0]) if mention.text.strip() else ""
    definite = first in _DEFINITE or first.startswith("l'")
    keys = key_words(mention.text)
    return definite and len(keys) == 1 and keys[0] in _company_nouns()


def described_company(reg: Registry, mention: Mention) -> str | None:
    """The company "l'entreprise" / "le groupe" stands for, if one was named just before."""
    if not _bare_company_noun(mention):
        return None
    for m, speaker in reversed(reg.entries.recent(mention.start)):
        if m.end > mention.start or not m.name or m.pronoun:
            continue
        if mention.start - m.end > WINDOW_CHARS:
            return None
        if m.person:
            continue
        keys, name = key_words(m.text), key_words(m.name)
        if keys == name or (keys and keys[0] in _company_nouns()):
            return speaker or reg.canonical(m.name)
    return None
