"""Mending the small English model's parse where the text says otherwise.

spaCy's `en_core_web_sm` tags words by their shape as much as by their place: a surname
ending in "-ly" or "-ley" ("McNeely", "Easley") reads as an adverb, so "McNeely turned
down the offer" has no subject and the person drops out of who the text talks about.
The document itself says which capitalised words are names (it writes them in full
somewhere, "Morgan McNeely"): those are mended before any rule reads the sentence. So
are a surname the NER takes for a place ("Bardos said", GPE) and a name the parser
leaves outside its verb ("… advocate Ana Roe told", "advocate" read as a verb), and
a dateline's capitals ("DAYTON, Ohio —") lose their entity label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from quotes.lang.en.people import People, first_name_gender
from quotes.nlp import Tok

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def name_as_adverb(people: People, toks: Sequence[Tok]) -> list[Tok]:
    """A name the tagger took for an adverb before its verb ("McNeely turned down …",
    "Having lost so much, Easley was afraid …") is that verb's subject, when the verb
    has none and the document writes the name in full elsewhere, ending with it. Why
    the last check: a sentence-initial "Clearly" or "Finally" is capitalised too, but
    no run of names ends with it."""
    out = list(toks)
    for t in toks:
        if t.dep != "advmod" or t.pos not in ("ADV", "PROPN") or not t.text[:1].isupper():
            continue
        verb = toks[t.head]
        if verb.i <= t.i or verb.pos not in ("VERB", "AUX"):
            continue
        if _has_subject(toks, verb.i):
            continue
        full = people.fullest(t.text)
        if full == t.text or full.split()[-1] != t.text:  # a surname, not "Finally" of
            continue  # "Finally Roe agreed" read as a first name
        out[t.i] = replace(t, pos="PROPN", dep="nsubj", ent=t.ent or "PER")
    return out


def name_before_verb(toks: Sequence[Tok]) -> list[Tok]:
    """A person's name written right before the sentence's main verb, which the parser
    left without a subject, is its subject: "City councillor and tenants advocate Ana
    Roe told the Post …" parses "advocate" as a verb and "Ana Roe" as its object."""
    out = list(toks)
    for t in toks[:-1]:
        verb = toks[t.i + 1]
        if t.ent != "PER" or verb.head != verb.i or verb.pos not in ("VERB", "AUX"):
            continue
        if t.dep in _SUBJECTS or _has_subject(toks, verb.i):
            continue
        out[t.i] = replace(t, dep="nsubj", head=verb.i)
    return out


def _has_subject(toks: Sequence[Tok], verb: int) -> bool:
    return any(u.head == verb and u.i != verb and u.dep in _SUBJECTS for u in toks)


def surname_as_place(people: People, toks: Sequence[Tok]) -> list[Tok]:
    """A one-word place ("Bardos said", tagged GPE) that the document writes as a
    person's surname ("Patrick Bardos": a known first name before it) is that person."""
    out = list(toks)
    for t in toks:
        if t.ent != "LOC" or not t.text[:1].isupper() or _in_entity(toks, t):
            continue
        full = people.fullest(t.text).split()
        if len(full) >= 2 and full[-1] == t.text and first_name_gender(full[0]) is not None:
            out[t.i] = replace(t, ent="PER")
    return out


def _in_entity(toks: Sequence[Tok], t: Tok) -> bool:
    """Whether `t` is part of a longer entity ("New Bardos"), not one word alone."""
    near = [toks[k] for k in (t.i - 1, t.i + 1) if 0 <= k < len(toks)]
    return any(u.ent == t.ent for u in near)


def dateline(toks: Sequence[Tok]) -> list[Tok]:
    """ "DAYTON, Ohio —", "OTTAWA (AP) —": the place a story was filed from names no
    source, whatever the NER makes of its capitals."""
    words = [t for t in toks if t.text.strip()]
    first = words[0].text if words else ""
    dash = next((t.i for t in words[:7] if t.text in ("—", "–", "-", "--")), None)
    if len(first) < 3 or not (first.isalpha() and first.isupper()) or dash is None:
        return list(toks)
    return [replace(t, ent="") if t.i < dash else t for t in toks]


def mend(people: People, toks: Sequence[Tok]) -> list[Tok]:
    """A sentence's tokens with every repair of this module applied."""
    toks = dateline(toks)
    return name_before_verb(surname_as_place(people, name_as_adverb(people, toks)))
