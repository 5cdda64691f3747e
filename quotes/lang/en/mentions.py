"""Who an English mention stands for, and whom a sentence names.

`speaker_of` turns the words a rule found ("she", "union president Jane Roe", "a
statement from the EU", "the district") into a speaker: a pronoun's antecedent, a name's
fullest form with its role, an organisation, or a description. `record` notes the people
and organisations of every parsed sentence (antecedents for later pronouns and
descriptions), mending the small model's entity labels where the text says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from quotes.lang.en.people import (
    People,
    first_name_gender,
    partisan,
    pronouns,
    split_title,
    titles,
)
from quotes.lang.en.rules import Sentence, mention_range
from quotes.lexicon import fold, words
from quotes.nlp import Tok

FIRST_PERSON = frozenset("i we me us".split())
NOT_NAMES = ("CCONJ", "ADV", "PUNCT", "SCONJ", "INTJ")
OPENERS = frozenset("but and so then yet also still now meanwhile however".split())
# "Jane Roe, 34,", "Jane Roe (D-N.Y.)", "Jane Roe (@janeroe) March 3": an age, a party
# and state, a handle or a date, not a role
_NOT_A_ROLE = regex.compile(
    r"\(?(?:\d+|[DRI]\.?(?:\s*[-–]\s*[\p{Lu}][\p{L}.]*)*)\)?|@.*"
    r"|(?i:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)\p{L}*\.?(?:\s+\d.*)?"
)
POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}


def speaker_of(people: People, toks: Sequence[Tok], at: int) -> str | None:
    """Who the mention `toks` stands for: a pronoun's antecedent, a name's fullest form
    (the words before the name, "union president" in "union president Jane Roe", its
    role), an organisation or a description as written."""
    toks = trim(toks)
    author = _author(toks)
    if author is not None:
        return speaker_of(people, author, at)
    if _document(toks):  # "A statement said …": the source the text just named wrote it
        source = people.latest_source(at)
        if source is not None:
            return source
    first = fold(toks[0].text)
    if len(toks) == 1 and first in FIRST_PERSON:
        return None
    if len(toks) == 1 and (first in pronouns() or first in POSSESSIVES):
        return people.pronoun(POSSESSIVES.get(first, first), at)
    run = name_run(toks)
    last = toks[-1].text
    of = any(t.pos == "ADP" for t in toks)  # "a spokesperson for Homeland Security"
    if not run and not of and last[:1].isupper() and people.fullest(last) != last:
        run = [toks[-1]]  # "Roe", "actor Oh", tagged a noun or a word: the person named
    phrase = people.text[toks[0].start : toks[-1].end]
    head = _head(toks)
    # the small NER's ORG on a lowercase head ("the rookie defenceman") is noise
    org = (head.ent == "ORG" and head.text[:1].isupper()) or fold(head.lemma) in words(
        "organisations_en.txt"
    )
    words_of_run = written(people.text, run) if run else []
    courtesy, untitled = split_title(words_of_run)
    as_written = " ".join(untitled)  # "Ms Power" is looked up as "Power"
    known = bool(run) and people.fullest(as_written) != as_written
    named = bool(run) and head.i in {t.i for t in run}  # the name heads the phrase
    named = named or bool(_person_tail(toks))  # "Secretary of State Mike Roe"
    org = org or (named and organisation_like(run))
    # "Ms Power said", tagged ORG: a courtesy title says a person
    org = org and not (courtesy and titles().get(fold(courtesy[0])) in ("m", "f"))
    if partisan(phrase):  # "the Ohio Republican": capitalised, yet no name
        return people.described(phrase, [], at)
    if run and ((named and not org) or known):
        role = [t.text for t in toks[: toks.index(run[0])] if t.pos not in ("DET", "PUNCT")]
        name = people.name(words_of_run, at)
        if role and fold(role[-1]) not in ("'s", "’s", "'", "’"):  # "union president Jane Roe"
            people.roles[name] = " ".join(role + courtesy)
        return name
    capitalised = any(t.pos == "PROPN" and t.text[:1].isupper() for t in toks)
    described = fold(toks[0].text) in ("the", *POSSESSIVES)  # "the diocese", "his office"
    if org and described and not capitalised:  # any tag
        return people.organisation(phrase, at)
    if org:
        return people.thing(phrase, at, "org")
    return people.described(phrase, [fold(t.lemma) for t in toks if t.pos == "NOUN"], at)


def trim(toks: Sequence[Tok]) -> Sequence[Tok]:
    """A mention without its leading conjunction or adverb: "But Roe", "So Roe"."""
    while len(toks) > 1 and (toks[0].pos in NOT_NAMES or fold(toks[0].text) in OPENERS):
        toks = toks[1:]
    return toks


def _subject(toks: Sequence[Tok], k: int) -> bool:
    """Whether the name ending at token `k` is a subject, or names one right after it:
    "The charity Harwell said", "the owners Ann Roe and Tom Lee said" (in apposition to
    the subject noun they follow, or set off by a comma right after it: "Her son-in-law,
    Darren Pike, said"), "councillor and advocate Paul Brook said" (the roles
    of the subject, parsed as a list)."""
    t = toks[k]
    if t.dep in ("nsubj", "nsubjpass"):
        return True
    if t.dep == "conj":  # "city councillor and housing advocate Paul Brook told": the
        head = toks[t.head]  # parser coordinates the roles and the name
        while head.dep == "conj" and head.pos == "NOUN" and head.head < head.i:
            head = toks[head.head]
        return head.pos == "NOUN" and head.dep in ("nsubj", "nsubjpass") and head.i < k
    # "The aid group Harwell said": the name right after the subject noun, not a name in
    # apposition far after it ("the business, along with a union run by his friend, Ann
    # Roe, gave …" is about the business)
    head = toks[t.head] if t.dep == "appos" and t.head < k else None
    if head is None or head.dep not in ("nsubj", "nsubjpass"):
        return False
    start = k
    while start - 1 > head.i and toks[start - 1].ent == t.ent:
        start -= 1
    between = toks[head.i + 1 : start]  # "Her son-in-law, Darren Pike": "-in-law ,"
    if between and between[-1].text == ",":
        rest = between[:-1]
        return len(rest) <= 4 and not any(b.text == "," or b.ent or b.pos == "PROPN" for b in rest)
    return not between and all(toks[m].ent == t.ent for m in range(start, k + 1))


def _document(toks: Sequence[Tok]) -> bool:
    """A message named without its author: "a statement", "the post", "the email"."""
    head = _head(toks)
    nouns = words("speech_nouns_en.txt")
    return fold(head.lemma) in nouns and all(t.pos in ("DET", "ADJ", "NOUN") for t in toks)


def _first_and_last(run: Sequence[Tok]) -> bool:
    """A known first name and one or two more capitalised words, none an organisation's."""
    return (
        2 <= len(run) <= 3
        and first_name_gender(run[0].text) is not None
        and all(t.pos == "PROPN" for t in run)
        and not organisation_like(run)
    )


def _titled_name(run: Sequence[Tok]) -> bool:
    """A run ending with a title and one name ("… Chief Na'moks", "Mayor Roe")."""
    return (
        len(run) >= 2
        and fold(run[-2].text) in titles()
        and run[-1].pos == "PROPN"
        and not organisation_like(run)
    )


def _titles_only(run: Sequence[Tok]) -> bool:
    return all(fold(t.text) in titles() for t in run)


def _head(toks: Sequence[Tok]) -> Tok:
    """The head word of an English noun phrase: its last noun before any preposition
    ("the police chief" -> chief, "a spokesperson for the city" -> spokesperson)."""
    cut = next((k for k, t in enumerate(toks) if t.pos == "ADP"), len(toks))
    nouns = [t for t in toks[:cut] if t.pos in ("PROPN", "NOUN", "PRON")]
    return nouns[-1] if nouns else toks[0]


def organisation_like(run: Sequence[Tok]) -> bool:
    """Whether a capitalised run names an organisation or a place, not a person: it ends
    with an organisation noun ("Dixon Hall", "Oak Ridge School") or an acronym ("Burnaby
    RCMP"; an acronym before a name, "RCMP Chief Jane Roe", is hers)."""
    last = run[-1].text
    acronym = len(last) >= 2 and last.isupper() and last.isalpha()
    return acronym or fold(last) in words("organisations_en.txt")


def _author(toks: Sequence[Tok]) -> Sequence[Tok] | None:
    """The words for who wrote a message: "a statement from the EU" -> "the EU", "her
    email" -> "her", "the RCMP statement" -> "the RCMP"; None for any other mention."""
    nouns = words("speech_nouns_en.txt")
    k = next((j for j, t in enumerate(toks) if fold(t.lemma) in nouns), None)
    if k is None:
        return None
    after = next((j for j in range(k + 1, len(toks)) if fold(toks[j].text) in ("from", "by")), None)
    if after is not None and after + 1 < len(toks):
        return toks[after + 1 :]
    before = [t for t in toks[:k] if t.pos not in ("DET", "ADJ", "NUM")]
    if before and fold(before[0].text) in POSSESSIVES:
        return [replace(before[0], text=POSSESSIVES[fold(before[0].text)])]
    return toks[:k] if any(t.pos == "PROPN" for t in toks[:k]) else None


def name_run(toks: Sequence[Tok]) -> list[Tok]:
    """The last run of capitalised names in a mention, titles included ("Dr. Jane Roe"
    of "the clinic's Dr. Jane Roe"); empty when the mention holds no name."""
    run: list[Tok] = []
    for k, t in enumerate(toks):
        if t.pos == "ADP":  # "the director … for EHS": a name after a preposition is not his,
            tail = _person_tail(toks[k + 1 :])  # but "Secretary of State Mike Roe" is Roe
            if tail:
                return tail
            break
        name = t.ent == "PER" or (t.pos == "PROPN" and t.text[:1].isupper())
        name = name or (bool(run) and _joined(run[-1], t))  # "Ocasio-Cortez": one name
        if name and (not run or run[-1].i == t.i - 1):
            run.append(t)
        elif name:
            run = [t]
        elif run and t.text not in (".",):
            run = [] if t.pos not in ("PART",) else run
    if run and run[-1].i != toks[-1].i and toks[-1].pos in ("PROPN", "NOUN"):
        return []  # "the Smith family": the name modifies a noun
    return run


def _person_tail(toks: Sequence[Tok]) -> list[Tok]:
    """The person's name that ends a mention after a preposition of its title: the
    last run of PER tokens, when it is the mention's last words; else the capitalised
    words from a known first name on ("Chief of Police Ana Ruiz", the NER silent)."""
    run: list[Tok] = []
    for t in reversed(toks):
        if t.ent != "PER" or not t.text[:1].isupper():
            break
        run.insert(0, t)
    if len(run) >= 2:
        return run
    caps: list[Tok] = []
    for t in reversed(toks):
        if t.pos != "PROPN" or not t.text[:1].isupper():
            break
        caps.insert(0, t)
    first = next((k for k, t in enumerate(caps[:-1]) if first_name_gender(t.text)), None)
    return caps[first:] if first is not None else []


def _joined(before: Tok, t: Tok) -> bool:
    """A hyphen written inside a name, with no space either side."""
    return t.text in ("-", "‐", "–") and t.start == before.end


def written(text: str, toks: Sequence[Tok]) -> list[str]:
    """The words of a mention as the text writes them ("Ocasio-Cortez", not the
    tokens "Ocasio - Cortez"): names are looked up and printed that way."""
    return text[toks[0].start : toks[-1].end].split()


def _possessive(t: Tok) -> bool:
    return fold(t.text) in ("'s", "’s", "'", "’")


def _relabel(people: People, run: Sequence[Tok], label: str) -> str:
    """The small model's entity label of a run, mended: PER, ORG or "" (nobody)."""
    name = " ".join(written(people.text, run))
    if not any(t.text[:1].isupper() for t in run if fold(t.text) != "the"):
        return ""  # "the rookie defenceman": no entity is all lowercase
    if label == "ORG" and len(run) == 1 and people.fullest(name) != name:
        return "PER"  # "Lonechild said", the NER's organisation, is "Darian Lonechild"
    if label == "ORG" and _first_and_last(run):
        return "PER"  # "Nadia Lund runs…": a first name and a surname is a person
    if label == "ORG" and _titled_name(run):
        return "PER"  # "Wet'suwet'en Hereditary Chief Na'moks": a title, then a name
    if label == "PER" and (organisation_like(run) or people.short_for_organisation(name)):
        return "ORG"  # "Dixon Hall", "Burnaby RCMP", "Oak Ridge" of "Oak Ridge School"
    if label == "PER" and _titles_only(run):
        return ""
    return label


def record(people: People, s: Sentence) -> None:
    """Note the people and organisations a sentence names (antecedents of later pronouns
    and descriptions) and the role the text gives a person, in apposition ("Jane Roe, a
    spokesperson for the city, …") or before the name ("rookie defenceman Jane Roe")."""
    toks = s.toks
    named: list[tuple[str, int]] = []  # (person, offset) named here, for `_gender_marks`
    for t in toks:  # "Roe said she was hopeful": a capitalised subject the NER missed
        if t.dep in ("nsubj", "nsubjpass") and t.pos == "PROPN" and not t.ent and s.outside(t.i):
            lo, hi = mention_range(s, t.i)
            run = name_run(toks[lo : hi + 1])
            if run and not organisation_like(run) and not _titles_only(run):
                people.name(written(s.text, run), run[0].start, True)
    i = 0
    while i < len(toks):
        label = toks[i].ent
        if label not in ("PER", "ORG") or not s.outside(i):
            i += 1
            continue
        if _possessive(toks[i]):  # "Norbeck's" names Norbeck: its "'s" is no entity
            i += 1
            continue
        j = i
        while j < len(toks) and toks[j].ent == label and not _possessive(toks[j]):
            j += 1
        label = _relabel(people, toks[i:j], label)
        if not label:  # "Director", "Premier": a title alone names nobody yet
            i = j
            continue
        if label == "ORG":
            subject = _subject(toks, j - 1)  # "The firm said": salient
            people.thing(s.text[toks[i].start : toks[j - 1].end], toks[i].start, "org", subject)
            i = j
            continue
        subject = _subject(toks, j - 1)
        pair = [c for c in s.children.get(j - 1, []) if toks[c].dep == "conj" and toks[c].ent]
        pair = pair if pair and toks[pair[0]].ent == "PER" else []
        # of "Ann Roe and Tom Lee said", the pair is the subject, neither alone
        full = people.name(written(s.text, toks[i:j]), toks[i].start, subject and not pair)
        named.append((full, toks[j - 1].end))
        if subject and pair:  # "Ann Roe and Tom Lee said"
            lo, hi = mention_range(s, pair[0])
            other = people.name(written(s.text, toks[lo : hi + 1]), toks[lo].start, False)
            people.thing(f"{full} and {other}", toks[hi].end, "group")
        kids = s.children.get(j - 1, [])
        appos = next((c for c in kids if toks[c].dep == "appos" and c > j), None)
        if appos is not None:
            lo, hi = mention_range(s, appos)
            role = s.text[toks[lo].start : toks[hi].end]
            if not _NOT_A_ROLE.fullmatch(role):
                people.roles.setdefault(full, role)
        head = toks[toks[j - 1].head]  # "The health secretary, Ann Roe, said"
        if toks[j - 1].dep == "appos" and head.i < i and fold(head.lemma) in titles():
            lo, hi = mention_range(s, head.i)
            lo += toks[lo].pos == "DET" and lo < hi  # "health secretary", not "The …"
            people.roles.setdefault(full, s.text[toks[lo].start : toks[hi].end])
        before = [c for c in kids if c < i and toks[c].pos in ("NOUN", "ADJ", "PROPN")]
        if before and toks[before[-1]].pos == "NOUN":
            a = min(before)
            people.roles.setdefault(full, s.text[toks[a].start : toks[i - 1].end])
        i = j
    _gender_marks(people, s, named)


def _gender_marks(people: People, s: Sentence, named: list[tuple[str, int]]) -> None:
    """A sentence naming one person, then "his" or "her" ("Jody Crane sold his
    before his death"): that is the person's gender, for later pronouns. Two people
    named, or none, say nothing."""
    if len({name for name, _ in named}) != 1:
        return
    name, end = named[0]
    marks = {fold(t.text) for t in s.toks if t.start >= end and s.outside(t.i)}
    found = {g for w, g in (("his", "m"), ("him", "m"), ("her", "f")) if w in marks}
    if len(found) == 1:
        people.genders.setdefault(name, found.pop())
