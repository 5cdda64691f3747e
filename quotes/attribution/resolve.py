"""Turn mentions into speakers: pronouns, partial names, roles -> the fullest name.

Press names a person in full once ("le ministre de l’Intérieur, Christophe Castaner") and
then shortens ("M. Castaner", "le ministre", "il"). Users count quotes per person, so the
speaker column must carry one name per person: the fullest the document uses. The
`Registry` collects, in document order, every mention the pipeline sees (sentence
subjects, named people, attributed sources), and `resolve(mention)` answers with:
- `antecedent(pronoun)`: the nearest compatible mention before it (gender, number);
- `canonical(name)`: the longest name of the document ending with the same surname;
- `role_alias`, `demonstrative`, `described_person` (and the functions of
  quotes.attribution.aliases and .documents): what a description without a name stands
  for ("le ministre de l’Intérieur", "un communiqué", "cette délégation", "l'officier",
  "la présidence").
It also keeps, per speaker, the gender marks and the role the text gives (`gender`, `roles`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from quotes.attribution.acronyms import expand, find_acronyms
from quotes.attribution.aliases import (
    fuller_description,
    head_alias,
    relation_description,
    same_source,
)
from quotes.attribution.companies import described_company
from quotes.attribution.documents import document_author
from quotes.attribution.entries import Entries
from quotes.attribution.kinds import agrees as _compatible
from quotes.attribution.kinds import is_organisation
from quotes.attribution.kinds import key_words as _key
from quotes.attribution.mention import RECENCY, Mention
from quotes.attribution.names import role_of, strip_title
from quotes.lexicon import first_name_gender, fold, is_title
from quotes.lexicon import words as words_of

_NAME_RUN = regex.compile(
    r"\b\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)?"
    r"(?:\s+(?:(?:de|du|van|von|Le|La|di|da)\s+)?\p{Lu}[\p{L}'’-]+){1,3}"
)
# "l'ex-ministre", "l'ancienne présidente": the same role as "la ministre" for aliases
_FORMER = frozenset({"ex", "ancien", "ancienne"})


def _role_words(m: Mention) -> list[str]:
    text = m.text
    if m.name:
        text = text.replace(m.name, " ")
    return [w for w in _key(text) if w not in _FORMER]


_OBLIQUE = regex.compile(
    r"(?:\b(?:avec|contre|chez|pour|sur|envers|sans|entre|de|du|des)\s+|\bd['’])$", regex.I
)
# Salience of a candidate antecedent: lower is preferred within one sentence. OBJECT: a
# person named by a role noun as object ("à une femme à terre"), for "cette dernière" only
SOURCE, SUBJECT, NAMED, PRONOUN, OBJECT = 0, 1, 2, 3, 4
MAX_SENTENCES_BACK = 4
PROTAGONIST_WINDOW = 15  # sentences back an epithet ("le prévenu") looks for its person
APPOSITION_WINDOW = 10_000  # characters searched back for a description's apposition
_DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
_DEFINITE = frozenset({"le", "la", "ce", "cet", "cette"})


@dataclass
class Registry:
    """Mentions of one document, in text order, with the names they resolve to.

    `entries` holds (mention, speaker) pairs sorted by offset (quotes.attribution.entries:
    every look-back is bounded); `ranks` gives each entry's (sentence index, salience), the
    keys `antecedent` ranks candidates by. A long document is attributed in parts
    (quotes.chunks); `following` starts the next part's registry.
    """

    text: str
    entries: Entries = field(default_factory=Entries)
    full_names: list[str] = field(default_factory=list)  # each name once, first-seen order
    _names_seen: set[str] = field(default_factory=set, repr=False)
    _by_last: dict[str, list[str]] = field(default_factory=dict, repr=False)  # last key word
    _by_first: dict[str, set[str]] = field(default_factory=dict, repr=False)  # first, 2+ words
    ranks: dict[int, tuple[int, int]] = field(default_factory=dict)  # start -> (sentence, salience)
    genders: dict[str, set[str]] = field(default_factory=dict)  # speaker -> gender marks seen
    roles: dict[str, str] = field(default_factory=dict)  # speaker -> role given with the name
    places: set[str] = field(default_factory=set)  # folded one-word names used as places
    resolved: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) -> speaker
    acronyms: dict[str, str] = field(default_factory=dict)  # "RATP" -> its full name in the text
    # people named by a role noun as objects ("à une femme à terre"), apart from `entries`:
    # only "ce dernier"/"cette dernière" may stand for them (`antecedent_candidates`)
    objects: Entries = field(default_factory=Entries)
    _object_sentence: dict[int, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.acronyms = find_acronyms(self.text)
        # One-word names the text puts after "à"/"en" are places, whatever NER says.
        self.places = {
            fold(m.group(1))
            for m in regex.finditer(r"\b(?:à|en|À|En)\s+(\p{Lu}[\p{L}-]+)(?!\s+\p{Lu})", self.text)
        }
        # Names written out with a known first name anywhere in the text ("Elon Musk").
        for m in _NAME_RUN.finditer(self.text):
            first = m.group().split()[0]
            if first_name_gender(first) or first_name_gender(first.split("-")[0]):
                self._add_name(" ".join(m.group().split()))

    @classmethod
    def following(cls, earlier: Registry) -> Registry:
        """The registry of the next part of `earlier`'s document: what the document says
        as a whole (its full names, acronyms, places, each speaker's role and gender
        marks) carried over, the mentions (what grows with the text) left behind; the
        text-wide scans of `__post_init__` are not run again."""
        reg = cls("")  # nothing to scan
        reg.text, reg.acronyms, reg.places = earlier.text, earlier.acronyms, earlier.places
        reg.roles = dict(earlier.roles)
        reg.genders = {k: set(v) for k, v in earlier.genders.items()}
        for name in earlier.full_names:
            reg._add_name(name)
        return reg

    def _add_name(self, name: str) -> None:
        """Each name once: `canonical` scans them for every mention, and a repeated name
        can never win there (a fuller name must be strictly longer), so repeats would
        only make a long document quadratic."""
        if name not in self._names_seen:
            self._names_seen.add(name)
            self.full_names.append(name)
            keys = _key(name)
            if keys:  # what `canonical` looks names up by
                self._by_last.setdefault(keys[-1], []).append(name)
            if len(keys) > 1:
                self._by_first.setdefault(keys[0], set()).add(name)

    def add(
        self, mention: Mention, speaker: str | None, sentence: int = 0, salience: int = SUBJECT
    ) -> None:
        """Record a mention (and who it designates) for later pronoun/alias resolution."""
        if speaker:
            self._profile(mention, speaker)
            self.resolved.setdefault((mention.start, mention.end), speaker)
        if mention.name:
            self._add_name(mention.name)
        old = self.ranks.get(mention.start)
        if old is not None:
            if old[1] <= salience:
                return
            # a source outranks the subject found at the same place, but keeps its fuller
            # wording: the source's phrase stops at its own quote ("Une «délégation» de…")
            same = self.entries.at(mention.start)
            if same and same[0].end > mention.end and not mention.pronoun:
                mention = same[0]
        self.ranks[mention.start] = (sentence, salience)
        self.entries.put(mention, speaker, sentence)

    def add_object(self, mention: Mention, sentence: int) -> None:
        """Record a person a sentence names as object, for "cette dernière" only: as
        written, not resolved (an epithet there would name the protagonist)."""
        self.objects.put(mention, mention.text, sentence)
        self._object_sentence[mention.start] = sentence

    def _profile(self, mention: Mention, speaker: str) -> None:
        """Keep what this mention says of the speaker: a gender mark, a role."""
        if mention.gender and mention.number == "sg" and (mention.person or mention.pronoun):
            self.genders.setdefault(speaker, set()).add(mention.gender)
        if mention.name and not mention.pronoun:
            role = role_of(mention)
            if role and speaker not in self.roles:
                self.roles[speaker] = role

    def gender(self, speaker: str | None) -> str:
        """ "female", "male" or "unknown": the gender the text marks for this speaker."""
        marks = self.genders.get(speaker or "", set())
        if len(marks) != 1:  # none, or both
            return "unknown"
        return {"f": "female", "m": "male"}[next(iter(marks))]

    def canonical(self, name: str, has_title: bool = False) -> str:
        """The fullest name of the document for `name` ("Musk" -> "Elon Musk")."""
        words = _key(name)
        if not words:
            return name
        if (full := expand(name, self.acronyms)) is not None:
            return full  # "la RATP" -> "Régie autonome des transports parisiens"
        if len(words) == 1 and first_name_gender(name) and not has_title:
            words_full = self._by_first.get(words[0], set())
            # a first name alone ("Philippe, un livreur") is not the surname of "Edouard Philippe"
            return next(iter(words_full)) if len(words_full) == 1 else name
        best = name
        for full in self._by_last.get(words[-1], []):  # in first-seen order, as a scan would
            fk = _key(full)
            if len(fk) > len(_key(best)) and fk[-1] == words[-1] and set(words) <= set(fk):
                best = full
        return strip_title(best)

    def role_alias(self, mention: Mention) -> str | None:
        """The name last attached to the same role before this mention, if any."""
        role = _role_words(mention)
        if not role:
            return None
        for m, speaker in reversed(self.entries.recent(mention.start)):
            if not m.name:
                continue
            other = _role_words(m)
            if other[: len(role)] == role:
                return speaker or m.name
        return None

    def antecedent(
        self,
        pronoun: Mention,
        sentence: int | None = None,
        max_back: int = MAX_SENTENCES_BACK,
        exclude: frozenset[str] = frozenset(),
    ) -> str | None:
        """The antecedent of a pronoun: compatible in gender and number, searched sentence
        by sentence backwards; within a sentence, quote sources and subjects come before
        other names ("Laurent Berger a désapprouvé … de M. Griveaux. «…», a-t-il dit").
        `exclude`: speakers it cannot be (the person a quote speaks to)."""
        if sentence is None:
            sentence = max((r[0] for r in self.ranks.values()), default=0)
        best: tuple[tuple[int, int, bool, int], str] | None = None
        if pronoun.text in RECENCY:  # "ce dernier": the last thing named, a sentence back
            max_back = min(max_back, 1)
        for m, speaker, sent, salience, unsure in self.antecedent_candidates(
            pronoun, sentence, max_back
        ):
            who = speaker or self.canonical(m.name or "")
            if not _compatible(pronoun, m) or who in exclude:
                continue
            rank = (0, False) if pronoun.text in RECENCY else (salience, self._embedded(m))
            key = (sentence - sent + unsure, *rank, -m.start)
            if best is None or key < best[0]:
                best = (key, who)
        return best[1] if best else None

    def antecedent_candidates(
        self, pronoun: Mention, sentence: int, max_back: int = MAX_SENTENCES_BACK
    ) -> Iterator[tuple[Mention, str | None, int, int, bool]]:
        """Entries a pronoun may stand for, gender aside: (mention, speaker, sentence,
        salience, unsure). `antecedent` ranks them; the ranker's candidates use them too."""
        since = self.entries.since_sentence(sentence - max_back)
        if pronoun.text in RECENCY:  # "cette dernière": an object named last counts too
            lo = self.objects.since_sentence(sentence - max_back)
            for m, speaker in self.objects.between(lo, pronoun.start):
                sent = self._object_sentence[m.start]
                if sentence - sent <= max_back:
                    yield m, speaker, sent, OBJECT, False
        for m, speaker in self.entries.between(since, pronoun.start):
            if not (speaker or m.name):
                continue
            sent, salience = self.ranks.get(m.start, (0, SUBJECT))
            recent_source = salience == SOURCE and sentence - sent <= 1
            plural = pronoun.number == m.number == "pl"
            organisation = pronoun.pronoun and is_organisation(m)  # "elle": la commission
            if not (m.person or m.pronoun or recent_source or plural or organisation):
                continue  # "Le RIC a-t-il dit": "il" and "elle" who speak are people
            if m.name and fold(m.name) in self.places:
                continue  # "à Lormière" elsewhere: a town, not a person
            if sentence - sent > max_back:
                continue
            # a one-word name only NER vouches for, with no gender mark, counts one sentence
            # further back: "la décision de Lormière" is weaker than "Élodie Ferrand" before
            unsure = salience == NAMED and not m.gender and " " not in (m.name or "")
            # a name governed by a preposition ("avec Paul Martin", "l'obsession d'Himmler")
            # is a weaker antecedent than the previous sentence's subject
            unsure = unsure or (salience == NAMED and self._oblique(m))
            yield m, speaker, sent, salience, unsure

    def _oblique(self, m: Mention) -> bool:
        before = self.text[max(0, m.start - 12) : m.start]
        return _OBLIQUE.search(before) is not None

    def _embedded(self, m: Mention) -> bool:
        """A subject inside a "que" clause ("Il raconte qu'une personne lui a rendu…"):
        the main clause's subject stays the topic a later pronoun picks up."""
        before = self.text[max(0, m.start - 60) : m.start]
        clause = regex.split(r"[.!?;:]\s", before)[-1]
        return regex.search(r"\bqu(?:e\b|['’])", clause, regex.IGNORECASE) is not None

    def demonstrative(self, mention: Mention) -> str | None:
        """Demonstratives: "cette délégation" -> the earlier phrase with the same head noun."""
        words = _key(mention.text)
        if not words or fold(mention.text.split()[0]) not in _DEMONSTRATIVES:
            return None
        head = words[1] if len(words) > 1 else words[0]
        for m, speaker in reversed(self.entries.recent(mention.start)):
            if head in _key(m.text)[:4] and m.text != mention.text:
                return speaker or m.name or m.text
        return None

    def resolve(self, mention: Mention, sentence: int | None = None) -> str | None:
        """The speaker a mention designates: a name, or the description itself. A mention
        already resolved (a sentence's subject, later a quote's source) keeps its answer:
        "Le vieil homme se souvient. «…»" looks back from the subject, not the quote.
        Pronouns are resolved again: by the time of the quote, its sentence's names are in."""
        known = None if mention.pronoun else self.resolved.get((mention.start, mention.end))
        if known is not None:
            return known
        if mention.pronoun:
            return self.antecedent(mention, sentence)
        if (full := expand(mention.name or mention.text, self.acronyms)) is not None:
            return full  # "la FDT" -> "Fédération des travailleurs"
        if mention.name:
            before = mention.text.split(mention.name)[0].split()
            return self.canonical(mention.name, bool(before) and is_title(before[-1]))
        return (
            same_source(self, mention)
            or self.role_alias(mention)
            or head_alias(self, mention)
            or self.apposed_name(mention)
            or relation_description(mention)
            or described_company(self, mention)
            or self.protagonist(mention, sentence)
            or document_author(self, mention, sentence)
            or self.demonstrative(mention)
            or self.described_person(mention, sentence)
            or fuller_description(self, mention)
            or mention.text
        )

    def apposed_name(self, mention: Mention) -> str | None:
        """A definite description the text first gave in apposition to a name: "Hélène
        Garnier, proche du collectif et propriétaire du bar, …" then "La propriétaire du
        bar avait prévu…" -> Hélène Garnier."""
        first, _, rest = mention.text.partition(" ")
        f = fold(first)
        if f.startswith(("l'", "l’")):
            f, rest = "l'", mention.text[2:]  # "l'ancien maire"
        if (f not in _DEFINITE and f != "l'") or len(_key(rest)) < 2:
            return None
        pattern = regex.compile(regex.escape(rest), regex.IGNORECASE)
        window = max(0, mention.start - APPOSITION_WINDOW)  # bounded: long documents
        hits = [h.start() for h in pattern.finditer(self.text, window, mention.start)]
        if not hits:
            return None
        found = hits[-1]
        for m, speaker in reversed(self.entries.recent(found)):
            between = self.text[m.end : found]
            if not m.name:
                continue
            if found < m.end:  # the apposition is part of the named mention itself
                return speaker or self.canonical(m.name)
            if "," in between and not regex.search(r"[.!?]\s", between) and len(between) < 200:
                return speaker or self.canonical(m.name)
            break
        return None

    def protagonist(self, mention: Mention, sentence: int | None) -> str | None:
        """Epithets: "le prévenu", "la militante", "l'ex-ministre" -> the person named most
        so far (compatible in gender; the latest on a tie), within PROTAGONIST_WINDOW
        sentences. Press names its subject, then calls them by what they are in the story."""
        words = _key(mention.text)
        first = fold(mention.text.split()[0]) if mention.text else ""
        definite = first in _DEFINITE or first.startswith("l'")
        if not (definite and mention.person and mention.number == "sg" and words):
            return None
        epithets = words_of("epithets_fr.txt")
        former = any(w in _FORMER for w in words)
        if not former and not any(w in epithets for w in words[:3]):
            return None
        sentence = sentence if sentence is not None else 0
        counts: dict[str, list[int]] = {}
        since = self.entries.since_sentence(sentence - PROTAGONIST_WINDOW)
        for m, speaker in self.entries.between(since, mention.start):
            if not m.name or not (m.person or speaker):
                continue
            sent = self.ranks.get(m.start, (0, SUBJECT))[0]
            if sentence - sent > PROTAGONIST_WINDOW or not _compatible(mention, m):
                continue
            who = speaker or self.canonical(m.name)
            seen = counts.setdefault(who, [0, 0])
            seen[0], seen[1] = seen[0] + 1, m.start
        if not counts:
            return None
        return max(counts.items(), key=lambda kv: (kv[1][0], kv[1][1]))[0]

    def described_person(self, mention: Mention, sentence: int | None) -> str | None:
        """Descriptions: "a promis l’élue", "a déclaré l'officier": a definite description
        of a person right after that person was named (same or previous sentence)
        designates them."""
        first = fold(mention.text.split()[0]) if mention.text else ""
        definite = first in _DEFINITE or first.startswith("l'")
        if not (mention.person and definite and mention.number == "sg"):
            return None
        key = _key(mention.text)
        aged = regex.search(r"\b\d{1,3} ans\b", mention.text) is not None  # "de 58 ans"
        if any(w in words_of("offices_fr.txt") for w in key[:2]) and not aged:
            return None  # "le procureur": another actor, unless role_alias linked it
        if any(_key(m.text) == key for m, _ in self.objects.recent(mention.start)):
            return None  # "…vers la présidente. La présidente concède": that one again
        found = self.antecedent(mention, sentence, max_back=1)
        return found if found and _key(found) != key else None
