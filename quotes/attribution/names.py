"""Where a person's name is in a source's phrase: NER first, then capitalised runs, with
particles ("de Rugy", "von der Mühll"), hyphenated surnames the tokenizer split, nicknames
in marks, and the words glued before a name that are not part of it ("la ministre de la
Culture Hélène Dubois", "le sénateur LR Bruno Roux"); and the role written next to a
name (`role_of`: "le ministre de l'Intérieur, Christophe Castaner").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from quotes.attribution.media import media
from quotes.lexicon import first_name_gender, fold, is_title, words
from quotes.nlp import Tok

if TYPE_CHECKING:
    from quotes.attribution.mention import Mention  # mention imports this module

_GENITIVE = frozenset({"de", "du", "des", "d'", "d’"})


def gerund_like(tok: Tok) -> bool:
    """A capitalised gerund opening a sentence ("Disant vouloir…", "Estimant que…"), which
    the tagger may call a proper noun: not a name unless NER or a first name says so."""
    w = tok.text.lower()
    return w.endswith(("ant", "ants")) and tok.ent != "PER" and first_name_gender(w) is None


def _is_name_token(tok: Tok) -> bool:
    t = tok.text
    if not t[:1].isupper() or tok.pos in ("DET", "ADP", "PUNCT", "PRON", "NUM", "VERB", "AUX"):
        return False
    if gerund_like(tok):
        return False
    if tok.ent == "PER" or tok.pos == "PROPN":
        return True
    return first_name_gender(t) is not None


def find_name(toks: Sequence[Tok]) -> tuple[int, int] | None:
    """Token range [a, b) of the first person name: NER first, then capitalised runs.

    A capitalised run right after "de/du/des" is a complement ("commission des Affaires
    sociales"), not the source, unless NER calls it a person. A person entity is extended
    over the capitalised names that follow it ("Anne" + "Roy" when NER stops early).
    """
    for pass_ in ("per", "propn"):
        for i, t in enumerate(toks):
            # NER's LOC on a known first name is a mistake: "déplorent Florian et Ophélie"
            place = t.ent == "LOC" and (
                first_name_gender(t.text) is None or (i > 0 and toks[i - 1].ent == "LOC")
            )  # "la Maison Blanche" stays a place
            # a lower-case word NER put in a person ("affaire" of "affaire Benalla") is none
            per = t.ent == "PER" and not t.text[:1].islower()
            ok = per if pass_ == "per" else _is_name_token(t) and not place
            if is_title(t.text) and t.text[:1].isupper():
                if (run := _particle(toks, i + 1)) and i + 1 + run < len(toks):
                    return i + 1, _name_end(toks, i + 1 + run, i + 1)  # "Mme von der Mühll"
                continue  # "M.", "Mme": a title before a name, never the name itself
            if pass_ == "propn" and t.text[:1].isupper() and i + 1 < len(toks):
                ok = ok or _nickname_end(toks, i + 1) is not None  # "Alexe «The Wolf» Roy"
            if pass_ == "propn" and not ok and _foreign_article(toks, i):
                ok = True  # «Die Welt», «The Guardian»
            elif pass_ == "propn" and (t.pos == "DET" or _after_genitive(toks, i)):
                ok = False
            if not ok or _names_the_organisation(toks, i) or _place_before_name(toks, i):
                continue
            j = _name_end(toks, i + 1, i)
            if j + 1 < len(toks) and fold(toks[j].text) == "et" and _is_name_token(toks[j + 1]):
                j += 2  # "Jean-Philippe et Jennifer": one source of two people
                while j < len(toks) and _is_name_token(toks[j]):
                    j += 1
            a = _title_article(toks, _skip_complement_word(toks, i, j), j)
            a = _after_medium(toks, a, j)
            return _organisation_words(toks, a, j)
    return None


def _after_medium(toks: Sequence[Tok], a: int, j: int) -> int:
    """Start of the person's name in a capitalised run that opens with a medium's name:
    "a déclaré à l'Agence France-Presse Paul Roy", "a confié au Soir Anne Vidal" -> the
    person, when a first name follows the medium (lexicons/media_fr.txt): the medium is
    whom the source spoke to."""
    start = a - 1 if a > 0 and toks[a - 1].text[:1].isupper() else a  # "Agence" tagged NOUN
    for k in range(a + 1, j):
        if first_name_gender(toks[k].text) is None:
            continue
        for s in (start, a):
            glued = _glued(toks, s, k)  # "au Soir": "le soir" in the lexicon
            if any(f"{article}{glued}" in media() for article in ("", "le ", "la ", "les ")):
                return k
            if glued in _medium_tails():  # "France-Presse" of "l'Agence France-Presse"
                return k
    return a


@functools.cache
def _medium_tails() -> frozenset[str]:
    """Media names without their organisation noun: "france-presse" (agence france-presse)."""
    heads = words("organisations_fr.txt")
    return frozenset(m.split(" ", 1)[1] for m in media() if " " in m and m.split()[0] in heads)


def _glued(toks: Sequence[Tok], a: int, b: int) -> str:
    """The folded words of toks[a:b] as the text writes them ("france-presse")."""
    out, prev_end = "", None
    for t in toks[a:b]:
        out += (" " if prev_end is not None and t.start > prev_end else "") + fold(t.text)
        prev_end = t.end
    return out


def _organisation_words(toks: Sequence[Tok], a: int, j: int) -> tuple[int, int]:
    """A name headed by a capitalised organisation noun keeps that noun and the adjectives
    after it: "le Parti socialiste" -> "Parti socialiste" (not "Parti"), "l'Agence
    France-Presse" -> "Agence France-Presse" (not "France-Presse")."""
    heads = words("organisations_fr.txt")
    if a > 0 and toks[a - 1].text[:1].isupper() and fold(toks[a - 1].text) in heads:
        a -= 1
    if toks[a].text[:1].isupper() and fold(toks[a].text) in heads:
        while j < len(toks) and toks[j].pos == "ADJ" and toks[j].text[:1].islower():
            j += 1
    return a, j


def _title_article(toks: Sequence[Tok], i: int, j: int) -> int:
    """A capitalised article that belongs to a medium's name: "écrit Le Monde"."""
    if i == 0 or toks[i - 1].text not in ("Le", "La", "Les"):
        return i
    words = " ".join(fold(t.text) for t in toks[i - 1 : j])
    return i - 1 if words in media() else i


def _name_end(toks: Sequence[Tok], j: int, start: int) -> int:
    """End (exclusive) of the name that started at `start`, scanning from token j: more
    capitalised names, particles ("de Rugy", "von der Mühll") and nicknames."""
    while j < len(toks):
        if _is_name_token(toks[j]):
            j += 1
        elif (run := _particle(toks, j)) and (j - start == 1 or toks[j].text not in _GENITIVE):
            j += run + 1  # "François de Rugy"; after a full name, "de Valence" is a place
        elif (after := _nickname_end(toks, j)) is not None:
            j = after  # "Hélène «La Louve» Garnier"
        elif _inner_hyphen(toks, j):
            j += 2  # "Braun" "-" "Pivet": one hyphenated surname the tokenizer split
        else:
            break
    return j


def _inner_hyphen(toks: Sequence[Tok], j: int) -> bool:
    """A hyphen glued to the name words on both sides, a name word after it."""
    return (
        toks[j].text == "-"
        and j > 0
        and j + 1 < len(toks)
        and toks[j - 1].end == toks[j].start
        and toks[j].end == toks[j + 1].start
        and _is_name_token(toks[j + 1])
    )


def _skip_complement_word(toks: Sequence[Tok], i: int, j: int) -> int:
    """Start of the name once a capitalised complement glued before it is dropped: "la
    ministre de la Justice Nicole Belloubet" -> "Nicole Belloubet". Only a word after
    "de"/"du"/"de la"/"de l'" that is no first name, before a known first name."""
    t = toks[i].text
    if len(t) > 1 and t.isupper() and i + 1 < j and first_name_gender(toks[i + 1].text):
        return i + 1  # "le sénateur LR Bruno Roux": the party's acronym is no name word
    prev = fold(toks[i - 1].text) if i > 0 else ""
    if prev in ("la", "l'") and i > 1:
        prev = fold(toks[i - 2].text)
    if prev not in _GENITIVE or first_name_gender(toks[i].text):
        return i
    for k in range(i + 1, min(j - 1, i + 3)):
        if first_name_gender(toks[k].text):
            return k
    return i


def _nickname_end(toks: Sequence[Tok], j: int) -> int | None:
    """After a nickname in marks between two names ("Hélène «La Louve» Garnier"), the index
    of the surname that follows it; None when no such nickname starts at j."""
    if toks[j].text not in '«“"' or j == 0:
        return None
    close = next((k for k in range(j + 1, min(len(toks), j + 5)) if toks[k].text in '»”"'), None)
    if close is None or close + 1 >= len(toks) or not _is_name_token(toks[close + 1]):
        return None
    inner = toks[j + 1 : close]
    return close + 1 if inner and all(t.text[:1].isupper() for t in inner) else None


def _foreign_article(toks: Sequence[Tok], i: int) -> bool:
    """A capitalised article that is not French, before a name: "Die Welt", "The Times"."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (
        toks[i].text in ("Die", "Der", "Das", "The", "El", "Il", "Lo", "Los", "Het", "De")
        and nxt is not None
        and nxt.text[:1].isupper()
    )


def _names_the_organisation(toks: Sequence[Tok], i: int) -> bool:
    """A name right after "de/du/des + organisation noun" names that organisation: "la
    présidente du parti Horizon" -> no person named; unless it starts with a first name
    ("la porte-parole du gouvernement, Anne Roy" / "du gouvernement Anne Roy")."""
    if i < 2 or toks[i - 1].text[:1].isupper() or first_name_gender(toks[i].text) is not None:
        return False
    return fold(toks[i - 2].text) in _GENITIVE and fold(toks[i - 1].text) in words(
        "organisations_fr.txt"
    )


def _after_genitive(toks: Sequence[Tok], i: int) -> bool:
    return i > 0 and fold(toks[i - 1].text) in _GENITIVE


def _place_before_name(toks: Sequence[Tok], i: int) -> bool:
    """ "le maire de Lormeval, Alain Robin": a word after "de" whose phrase is followed, past
    a comma, by a known first name and a capitalised word is the office's place (the model
    calls an unknown town a person), not the source."""
    if not _after_genitive(toks, i):
        return False
    j = _name_end(toks, i + 1, i)
    return (
        j + 2 < len(toks)
        and toks[j].text == ","
        and toks[j + 1].text[:1].isupper()
        and first_name_gender(toks[j + 1].text) is not None
        and toks[j + 2].text[:1].isupper()
    )


# Lowercase particles inside a name; "de"/"du" also open a place after a full name.
_PARTICLES = frozenset("de d' d’ du des van von der den del della da di dos das ten ter zu".split())
_PARTICLE_CAPS = frozenset("Le La Du Di Da De Van Von Del Della".split())


def _particle(toks: Sequence[Tok], j: int) -> int:
    """Number of particle tokens at j inside a name ("de" in "François de Rugy", "Le" in
    "Bruno Le Maire", "von der" in "Agnès von der Mühll"), 0 when none starts there.
    The particles must be followed by a capitalised name word."""
    k = j
    while k < len(toks) and k - j < 3:
        t = toks[k].text
        after_de = t in ("la", "le") and k > j and toks[k - 1].text == "de"  # "de la Serre"
        if (t in _PARTICLE_CAPS and k == j) or t in _PARTICLES or after_de:
            k += 1
        else:
            break
    nxt = toks[k] if k < len(toks) else None
    if k == j or nxt is None or not nxt.text[:1].isupper() or nxt.pos in ("DET", "ADP", "PRON"):
        return 0
    return k - j


# Words that open a role phrase but are not the role: "le", "son", "sa", "leur"...
_ROLE_LEAD = frozenset("le la les l' un une son sa ses leur leurs notre votre ce cette".split())


def role_of(mention: Mention) -> str | None:
    """The title or role a mention gives next to a name: "le ministre de l'Intérieur,
    Christophe Castaner" -> "ministre de l'Intérieur"; None when it has none."""
    if not mention.name:
        return None
    words = mention.text.replace(mention.name, " ", 1).replace(",", " ").split()
    while words and (fold(words[0]) in _ROLE_LEAD or is_title(words[0])):
        words = words[1:]
    if words and regex.match(r"^[lL]['’]\w", words[0]):
        words[0] = words[0][2:]  # "l’ancien président" -> "ancien président"
    return " ".join(words).strip(" ,;:—–-()") or None


def strip_title(name: str) -> str:
    """ "M. Paul Roy" -> "Paul Roy": a name as a speaker, without its title."""
    parts = name.split()
    while len(parts) > 1 and is_title(parts[0]):
        parts = parts[1:]
    return " ".join(parts)
