"""Turn mentions into speakers: pronouns, partial names, roles -> the fullest name.

Press names a person in full once ("le ministre de l’Intérieur, Christophe Castaner") and
then shortens ("M. Castaner", "le ministre", "il"). Users count quotes per person, so the
speaker column must carry one name per person: the fullest the document uses. The
`Registry` collects, in document order, every mention the pipeline sees (sentence
subjects and attributed sources), and answers three questions:
- `antecedent(pronoun)`: the most recent compatible mention before it (gender, number);
- `canonical(name)`: the longest name of the document ending with the same surname;
- `role_alias(mention)`: the name a role was attached to ("le ministre de l’Intérieur").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from quotes.attribution.mention import Mention
from quotes.lexicon import first_name_gender, fold, tagged

_NAME_RUN = regex.compile(
    r"\b\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)?"
    r"(?:\s+(?:(?:de|du|van|von|Le|La|di|da)\s+)?\p{Lu}[\p{L}'’-]+){1,3}"
)
_DROP = frozenset("le la les l un une des de du d m mme mr me dr pr".split())


def _key(s: str) -> list[str]:
    return [w for w in regex.split(r"[^\w]+", fold(s)) if w and w not in _DROP]


def _role_words(m: Mention) -> list[str]:
    text = m.text
    if m.name:
        text = text.replace(m.name, " ")
    return _key(text)


@dataclass
class Registry:
    """Mentions of one document, in text order, with the names they resolve to."""

    text: str
    entries: list[tuple[Mention, str | None]] = field(default_factory=list)
    full_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Names written out with a known first name anywhere in the text ("Elon Musk").
        for m in _NAME_RUN.finditer(self.text):
            first = m.group().split()[0]
            if first_name_gender(first) or first_name_gender(first.split("-")[0]):
                self.full_names.append(" ".join(m.group().split()))

    def add(self, mention: Mention, speaker: str | None) -> None:
        """Record a mention (and who it designates) for later pronoun/alias resolution."""
        if mention.name:
            self.full_names.append(mention.name)
        self.entries.append((mention, speaker))
        self.entries.sort(key=lambda e: e[0].start)

    def canonical(self, name: str) -> str:
        """The fullest name of the document for `name` ("Musk" -> "Elon Musk")."""
        words = _key(name)
        if not words:
            return name
        best = name
        for full in self.full_names:
            fk = _key(full)
            if len(fk) > len(_key(best)) and fk[-1] == words[-1] and set(words) <= set(fk):
                best = full
        return _strip_title(best)

    def role_alias(self, mention: Mention) -> str | None:
        """The name last attached to the same role before this mention, if any."""
        role = _role_words(mention)
        if not role:
            return None
        for m, speaker in reversed(self.entries):
            if m.start >= mention.start or not m.name:
                continue
            other = _role_words(m)
            if other[: len(role)] == role:
                return speaker or m.name
        return None

    def antecedent(self, pronoun: Mention) -> str | None:
        """The most recent earlier mention compatible in gender and number."""
        for m, speaker in reversed(self.entries):
            if m.start >= pronoun.start or m.pronoun and speaker is None:
                continue
            if speaker is None and not m.name:
                continue
            if pronoun.number == "pl" and m.number != "pl":
                continue
            if pronoun.number == "sg" and m.number == "pl":
                continue
            if pronoun.gender == "f" and m.gender == "m" or pronoun.gender == "m" and m.gender == "f" and pronoun.number == "sg":
                continue
            return speaker or m.name
        return None

    def resolve(self, mention: Mention) -> str | None:
        """The speaker a mention designates: a name, or the description itself."""
        if mention.pronoun:
            return self.antecedent(mention)
        if mention.name:
            return self.canonical(mention.name)
        alias = self.role_alias(mention)
        return alias if alias else _strip_det_phrase(mention.text)


def _strip_title(name: str) -> str:
    titles = {fold(t) for t in tagged("titles_fr.txt")}
    parts = name.split()
    while len(parts) > 1 and fold(parts[0]) in titles:
        parts = parts[1:]
    return " ".join(parts)


def _strip_det_phrase(text: str) -> str:
    """Descriptions keep their words as written ("une source policière")."""
    return text
