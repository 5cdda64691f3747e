"""Who an English mention stands for: names to their fullest form in the document, titles
split off into a role, pronouns to the person last named with a matching gender.

Why names come from the text and not only from the parser's entities: the fullest
form of a name ("Darian Lonechild" for "Lonechild") is often in a sentence far from any
quote, which is never parsed; a capitalised run of words ending with the surname is
enough to find it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from quotes.lexicon import fold, tagged
from quotes.lexicon import words as words_of

_PARTICLE = r"(?:de|van|von|der|den|da|di|la|le|du|del|della|dos|das|ter|ten)"
_CAP_RUN = regex.compile(  # "Ursula von der Leyen": lowercase particles inside a name
    rf"\p{{Lu}}[\p{{L}}'’.-]*(?:[ \t]+(?:\p{{Lu}}[\p{{L}}'’.-]*"
    rf"|{_PARTICLE}(?=(?:[ \t]+{_PARTICLE})*[ \t]+\p{{Lu}})))*"
)
# A word ending a sentence inside a run ("Canucks. Jacob Roe"): not an initial or a title.
_SENTENCE_END = regex.compile(r"\p{L}{3,}\.$")
_AGED = regex.compile(r"(?i)the \d{1,3}[ -]year[ -]old")
_RECENT = 300  # mentions an antecedent is looked for in (`People._latest`)
_LOOK_BACK = 20_000  # characters an organisation's name is looked for in, before its description
_TITLED = regex.compile(
    r"(?i)the\s+(?:[\p{L}-]+\s+){0,2}(\p{L}+)"
)  # "the president", "the senator"
_NEAR_CHARS = 300  # a title description points back this far at most
_POSSESSIVE = regex.compile(r"['’]s?$")
_GENDERS = {"m": "male", "f": "female"}


@functools.cache
def _stop_words() -> frozenset[str]:
    from quotes.nlp import _function_words

    return _function_words("en")


@functools.cache
def titles() -> dict[str, str]:
    return tagged("titles_en.txt")


@functools.cache
def gendered_nouns() -> dict[str, str]:
    return tagged("gendered_nouns_en.txt")


@functools.cache
def _gender_words() -> dict[str, str]:
    """The words of a role that give a gender: gendered titles and nouns (merged once:
    `gender_of` runs for every antecedent a pronoun weighs)."""
    return {**titles(), **gendered_nouns()}


@functools.cache
def pronouns() -> dict[str, str]:
    """pronoun -> gender (m, f, u)."""
    return tagged("pronouns_en.txt")


def _particles() -> frozenset[str]:
    return words_of("surname_particles_en.txt")


def _lower_particle(word: str) -> bool:
    """ "von", "der", "de la" written lowercase inside a name (not "Ben", "Al")."""
    return word.islower() and word in _particles()


def partisan(phrase: str) -> bool:
    """ "the Ohio Republican", "the veteran Liberal": a party member called back."""
    words = phrase.split()
    return (
        2 <= len(words) <= 5
        and fold(words[0]) == "the"
        and fold(words[-1]) in words_of("party_members_en.txt")
    )


def first_name_gender(word: str) -> str | None:
    names = tagged("first_names_en.txt")
    f = fold(word)
    return names.get(f) or tagged("first_names_fr.txt").get(f)


def _second_given(first: str, second: str) -> bool:
    """Whether "first second Surname" has two given names: an initial, or known names."""
    return bool(regex.fullmatch(r"\p{Lu}\.?", second)) or (
        first_name_gender(first) is not None and first_name_gender(second) is not None
    )


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of "Prime Minister Justin Trudeau", "Mr. Smith", "Police
    Chief Jane Roe": up to the last title word that still leaves a name after it, and
    over its of- or for-phrase ("Chief of Police", "Minister for Health") when a known
    first name follows."""
    cut = 0
    for k, w in enumerate(words[:-1]):
        if fold(w) in titles():
            cut = k + 1
    # "Chief of Police Ana Ruiz": a title's of-phrase runs up to a first name
    if 0 < cut < len(words) - 2 and fold(words[cut]) in ("of", "for"):
        given = (k for k in range(cut + 1, len(words) - 1) if first_name_gender(words[k]))
        cut = next(given, cut)
    return words[:cut], words[cut:]


@dataclass
class People:
    """The persons a document names, as its quotes are attributed in order."""

    text: str
    roles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # name -> m / f
    # (offset, name, kind, salient): every mention so far; salient: a subject or a speaker
    recent: list[tuple[int, str, str, bool]] = field(default_factory=list)
    _dry: int = field(default=0, repr=False)  # inside `dry`: nothing trimmed

    @functools.cached_property
    def titled(self) -> dict[str, str]:
        """Full name -> the title written before it somewhere ("Prime Minister")."""
        return {" ".join(name): " ".join(title) for _, title, name in self._runs if title}

    @functools.cached_property
    def runs(self) -> list[tuple[int, list[str]]]:
        return [(pos, name) for pos, _, name in self._runs]

    @functools.cached_property
    def _by_last(self) -> dict[str, list[tuple[int, list[str]]]]:
        """The runs by their last word: a name's fuller forms end with its own last word,
        so `fullest` reads only those (a book-length text has many thousands of runs)."""
        out: dict[str, list[tuple[int, list[str]]]] = {}
        for pos, words in self.runs:
            out.setdefault(words[-1], []).append((pos, words))
        return out

    @functools.cached_property
    def _runs(self) -> list[tuple[int, list[str], list[str]]]:
        """Capitalised runs of two words or more (candidate full names), titles and
        leading function words cut off, with their offsets."""
        out = []
        for m in _CAP_RUN.finditer(self.text):
            words = m.group().split()
            ends = [  # "Lee spoke Tues. Jane Roe" cuts; "Sen. Jane Roe" does not
                k
                for k, w in enumerate(words[:-1])
                if _SENTENCE_END.search(w) and fold(w) not in titles()
            ]
            words = words[ends[-1] + 1 :] if ends else words
            while words and fold(words[0]) in _stop_words():  # "But Jane Roe" at a start
                words = words[1:]
            title, name = split_title(words)
            if len(name) >= 2:
                # "Alex Roe's first start": the possessive is no part of the name
                out.append((m.start(), title, [_POSSESSIVE.sub("", w.rstrip(".,")) for w in name]))
        return out

    def fullest(self, name: str, at: int | None = None) -> str:
        """The fullest form of `name` in the document ("Lonechild" -> "Darian
        Lonechild"): a first name (or two, the middle one an initial or a known first
        name) before its words. Of two people sharing a surname, the one written
        latest before `at`, else the first after it. `name` itself when none is longer."""
        parts = name.split()
        particle = bool(parts) and fold(parts[0]) in _particles()  # "Al Kadi": a surname
        found: list[tuple[int, str]] = []
        for pos, words in self._by_last.get(parts[-1], []) if parts else []:
            for cut in range(len(words) - len(parts)):
                tail = words[cut:]
                if tail[-len(parts) :] != parts or _lower_particle(tail[0]):
                    continue
                # the words before, the lowercase particles of the surname ("von der") aside
                extra = [w for w in tail[: len(tail) - len(parts)] if not _lower_particle(w)]
                if len(extra) > 2:
                    continue
                if any(fold(w) in titles() or fold(w) in _stop_words() for w in extra):
                    continue
                if len(extra) == 2 and not _second_given(extra[0], extra[1]):
                    continue
                if len(parts) > 1 and not particle and not _second_given(parts[0], extra[-1]):
                    continue  # "Jane Roe" is already a full name: only a middle name more
                found.append((pos, " ".join(tail)))
        if not found and len(parts) == 1:  # "Jody" of "Jody Crane": a first name alone
            fuller = {" ".join(run) for run in self._by_first.get(parts[0], []) if len(run) == 2}
            fuller = {f for f in fuller if fold(f.split()[0]) not in titles()}
            return fuller.pop() if len(fuller) == 1 else name
        if not found:
            return name
        if at is None:
            return max(found, key=lambda f: (len(f[1].split()), -f[0]))[1]
        # the latest run before `at` (else the first after), its longest form: "Anne
        # Marie Cerato", not "Marie Cerato", of one run
        before = [f for f in found if f[0] <= at]
        pos = max(before)[0] if before else min(found)[0]
        return max((f[1] for f in found if f[0] == pos), key=lambda f: len(f.split()))

    def name(self, words: list[str], at: int, salient: bool = True) -> str:
        """The speaker for a name as written (titles to `roles`, gender from a title or
        a first name), registered as the latest person named at offset `at`."""
        title, rest = split_title(words)
        full = self.fullest(_POSSESSIVE.sub("", " ".join(rest).rstrip(".,")), at)
        if not title and full in self.titled:  # "Prime Minister Jane Roe" said earlier
            title = self.titled[full].split()
        if title:
            self.roles.setdefault(full, " ".join(title))
            g = titles().get(fold(title[-1])) or titles().get(fold(title[0]))
            if g in ("m", "f"):
                self.genders.setdefault(full, g)
        g = first_name_gender(full.split()[0]) if len(full.split()) > 1 else None
        if g in ("m", "f"):
            self.genders.setdefault(full, g)
        self._note(at, full, "person", salient)
        return full

    def thing(self, phrase: str, at: int, kind: str, salient: bool = True) -> str:
        """A source that is no person's name (an organisation, a group, a description)."""
        self._note(at, phrase, kind, salient)
        return phrase

    def _note(self, at: int, name: str, kind: str, salient: bool) -> None:
        self.recent.append((at, name, kind, salient))
        if len(self.recent) > 2 * _RECENT and not self._dry:  # memory bounded on a long text
            del self.recent[:-_RECENT]

    def _latest(self) -> list[tuple[int, str, str, bool]]:
        """The latest mentions, the only ones an antecedent is looked for in: a pronoun
        or a description points a few sentences back, and a long text stays linear."""
        return self.recent[-_RECENT:]

    def organisation(self, phrase: str, at: int) -> str:
        """An organisation described, not named ("the team", "the district"): the name
        written before ending with that noun ("the Ossery Valley School District"), else
        the organisation latest named as a subject or a speaker, else the description as
        written."""
        head = phrase.split()[-1]
        pattern = (
            rf"(?:(?-i:\p{{Lu}})[\p{{L}}'’.-]*[ \t]+(?:(?:of|and|for|&)[ \t]+)?)+"
            rf"{regex.escape(head)}\b"
            r"(?-i:[ \t]+of[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*)*)?"
        )  # capitalised words (and "of", "and": "the Truth and Peace Commission") before
        # the noun; "the Diocese of Ashford": a name may go on after it
        start = max(0, at - _LOOK_BACK)
        named = list(regex.finditer(pattern, self.text[start:at], regex.IGNORECASE))
        capital = [m for m in named if m.group().split()[-1][:1].isupper()]
        if capital:
            words = regex.sub(r"[.,]$", "", capital[-1].group()).split()
            while words and fold(words[0]) in _stop_words():
                words = words[1:]
            if len(words) > 1:
                return self.thing("the " + " ".join(words), at, "org")
        # a subject or speaker, not any name the NER called an organisation ("of Dayton")
        orgs = [m for m in self._latest() if m[2] == "org" and m[0] <= at and m[3]]
        orgs = [m for m in orgs if m[1][:1].isupper()]
        if orgs:
            return self.thing(max(orgs)[1], at, "org")
        return self.thing(phrase, at, "org")

    def short_for_organisation(self, name: str) -> bool:
        """Whether the text writes `name` in full as an organisation's name: "Oak
        Ridge" after "Oak Ridge School" (the NER takes the short form for a person)."""
        words = name.split()
        if not words:
            return False
        orgs = words_of("organisations_en.txt")
        return any(
            len(run) > len(words) and run[: len(words)] == words and fold(run[-1]) in orgs
            for run in self._by_first.get(words[0], [])
        )

    @functools.cached_property
    def _by_first(self) -> dict[str, list[list[str]]]:
        """The capitalised runs by their first word (see `short_for_organisation`)."""
        out: dict[str, list[list[str]]] = {}
        for _, title, words in self._runs:
            run = title + words
            out.setdefault(run[0], []).append(run)
        return out

    def latest_source(self, at: int) -> str | None:
        """The latest subject or speaker before `at` (a person, a group or an
        organisation): who wrote the message a sentence then cites without its author."""
        latest = [m for m in self._latest() if m[0] <= at and m[3]]
        return self.thing(max(latest)[1], at, max(latest)[2]) if latest else None

    def described(self, phrase: str, nouns: list[str], at: int) -> str:
        """A description: "the 45-year-old", "the Ohio Republican", "the modest mother"
        (gender agreeing) is the latest subject
        or speaker (English news names a person, then calls them by their age or party);
        "the spokesperson" the person latest named whose role holds its head noun, or the
        source latest described with that noun ("a Health Department spokesperson");
        else the description as written."""
        definite = fold(phrase).startswith("the ")
        # "the modest mother": an epithet, a person noun of one gender with a word before it
        # (bare "the father" is someone's father; "the victim's mother" another person)
        epithet = definite and nouns and "'" not in phrase and len(phrase.split()) >= 3
        kin = gendered_nouns().get(nouns[-1]) if epithet else None
        if _AGED.fullmatch(phrase) or partisan(phrase) or kin:
            latest = [m for m in self._latest() if m[0] <= at and m[2] == "person" and m[3]]
            latest = [m for m in latest if self.gender_of(m[1]) in (None, kin)] if kin else latest
            if latest:
                return max(latest)[1]
        if nouns:
            for _, name, kind, _ in sorted(self._latest(), reverse=True):
                role = fold(self.roles.get(name, ""))
                # "the spokesperson" after "A Health Department spokesperson said"
                again = definite and fold(name).split()[-1:] == [nouns[-1]] and name != phrase
                if again or (
                    kind == "person" and regex.search(rf"\b{regex.escape(nouns[-1])}\b", role)
                ):
                    self._note(at, name, kind, True)
                    return name
        title = _TITLED.fullmatch(phrase)
        kinship = title is not None and title.group(1) in gendered_nouns()  # not "Father X"
        if title and fold(title.group(1)) in titles() and not kinship:  # "the president"
            near = [m for m in self._latest() if at - _NEAR_CHARS <= m[0] <= at and m[3]]
            people = [m for m in near if m[2] == "person"]
            # a person the text gave another role is not "the mayor"
            if people and max(near)[2] == "person" and max(people)[1] not in self.roles:
                return self.thing(max(people)[1], at, "person")
        return self.thing(phrase, at, "person")

    def antecedents(self, word: str, at: int, n: int = 3) -> list[tuple[str, bool, bool]]:
        """Up to `n` persons or groups a subject pronoun may stand for, best first, each
        (name, salient, gender known to agree): the latest subjects or speakers before
        `at` whose gender does not disagree, then the latest mentions. Why subjects
        first: "Roe met Ann Lee at the clinic. She said…" is Roe's."""
        g = pronouns().get(fold(word))
        if g is None:
            return []
        want = ("person",) if g in ("m", "f") else ("org", "group", "person")
        if fold(word) == "it":
            want = ("org",)
        ordered = sorted((m for m in self._latest() if m[0] <= at), reverse=True)
        out: list[tuple[str, bool, bool]] = []
        for salient_only in (True, False):
            for _, name, kind, salient in ordered:
                if kind not in want or (salient_only and not salient):
                    continue
                known = self.gender_of(name)
                if g in ("m", "f") and known not in (None, g):
                    continue
                if all(name != o[0] for o in out):
                    out.append((name, salient, known == g))
                if len(out) >= n:
                    return out
        return out

    def pronoun(self, word: str, at: int) -> str | None:
        """The first of `antecedents`; its gender is the pronoun's from now on."""
        found = self.antecedents(word, at, 1)
        if not found:
            return None
        g = pronouns().get(fold(word))
        if g in ("m", "f"):
            self.genders.setdefault(found[0][0], g)
        return found[0][0]

    @contextlib.contextmanager
    def dry(self) -> Iterator[None]:
        """Resolve without leaving a trace: the mentions, roles and genders noted inside
        are forgotten after (candidate speakers the cascade does not choose)."""
        n, roles, genders = len(self.recent), dict(self.roles), dict(self.genders)
        self._dry += 1
        try:
            yield
        finally:
            self._dry -= 1
            del self.recent[n:]
            self.roles.clear()
            self.roles.update(roles)
            self.genders.clear()
            self.genders.update(genders)

    def gender(self, speaker: str | None) -> str:
        return _GENDERS.get(self.gender_of(speaker or ""), "unknown")

    def gender_of(self, name: str) -> str | None:
        """ "m", "f" or None: from a title, a first name or a pronoun (`genders`), else
        from the role the text gives ("Jody's mother", "a spokeswoman for …")."""
        known = self.genders.get(name)
        if known is not None or name not in self.roles:
            return known
        marks = _gender_words()
        found = {marks.get(w) for w in regex.findall(r"\p{L}+", fold(self.roles[name]))}
        found &= {"m", "f"}
        return found.pop() if len(found) == 1 else None
