"""Find who a stretch of tokens names: the noun phrase, the person's name, its gender.

Attribution rules locate *where* the source is ("after the incise verb", "the subject of
the cue verb"); this module says *what* is there: the mention as written ("le ministre de
l’Intérieur, Christophe Castaner"), the name inside it ("Christophe Castaner"), and the
gender and number the text marks, for pronoun resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quotes.attribution.names import _GENITIVE, find_name, gerund_like
from quotes.lexicon import (
    first_name_gender,
    fold,
    is_title,
    lexicon_lines,
    role_gender,
    tagged,
    words,
)
from quotes.nlp import Tok

_NOT_ANAPHORS = frozenset("on l'un l'une l'autre".split())  # impersonal or indefinite


def _load_pronouns(words_in_form: int) -> dict[str, tuple[str, str]]:
    """Anaphors of lexicons/pronouns_fr.txt written in `words_in_form` words: one (il,
    elle, celui-ci, l'intéressée) or two ("ce dernier", "cette dernière"), folded, with the
    gender and number they mark."""
    out = {}
    for line in lexicon_lines("pronouns_fr.txt"):
        form, gender, number = [*line.split("\t"), "", ""][:3]
        key = fold(form)
        if key.count(" ") + 1 == words_in_form and key not in _NOT_ANAPHORS:
            out[key] = (gender if gender in ("m", "f") else "", number or "sg")
    return out


PRONOUNS = _load_pronouns(1)
PRONOUN_PAIRS = _load_pronouns(2)
# Anaphors that pick the last compatible mention, not the topic: "Macron a reçu Hulot.
# Ce dernier…" is Hulot.
RECENCY = frozenset({"ce dernier", "cette derniere", "ces derniers", "ces dernieres"}) | {
    fold(f"{a}-{b}") for a in ("celui", "celle", "ceux", "celles") for b in ("ci", "la")
}
_DASHES = frozenset({"—", "–", "-"})


@dataclass(frozen=True)
class Mention:
    """A span of the text that designates a source."""

    start: int  # character offsets in the document
    end: int
    text: str
    name: str | None  # a person's or organisation's name inside it, if any
    gender: str  # m, f or ""
    number: str  # sg or pl
    pronoun: bool = False
    person: bool = False  # the text marks a person: PER entity, first name, title or role


def clean(text: str) -> str:
    """Collapse spaces and strip punctuation left at the edges of a mention."""
    return " ".join(text.split()).strip(" ,;:—–-")


def is_pronoun(tok: Tok) -> bool:
    return fold(tok.text).lstrip("-").removeprefix("t-") in PRONOUNS


def gender_number(toks: Sequence[Tok], name: tuple[int, int] | None) -> tuple[str, str]:
    """The gender and number a noun phrase marks: first name, title, then head noun."""
    number = "sg"
    if any(fold(t.text) in ("et", "ainsi") for t in toks) and name is not None:
        number = "pl"
    head = next((t for t in toks if t.pos in ("NOUN", "PROPN", "PRON")), None)
    if head is not None and head.number == "pl":
        number = "pl"
    counted = _counted(toks, head)
    if counted is not None:  # "une centaine de manifestants": they, masculine
        return counted
    if name is not None:
        first = toks[name[0]].text.split("-")[0]
        g = first_name_gender(toks[name[0]].text) or first_name_gender(first)
        if g in ("m", "f"):
            return g, number
    titles = tagged("titles_fr.txt")
    for t in toks:
        g = titles.get(fold(t.text)) or role_gender(t.text)
        if g in ("m", "f"):
            return g, number
        if g == "n":
            return "", number  # "une source": the grammar's gender, not the person's
    for t in toks:
        if t.pos == "DET" and fold(t.text) in ("le", "la", "un", "une", "ce", "cette"):
            return ("f" if fold(t.text) in ("la", "une", "cette") else "m"), number
    if head is not None and head.gender and head.pos == "NOUN":
        return head.gender, number  # the tagger's gender of a proper noun is a guess
    return "", number


def _counted(toks: Sequence[Tok], head: Tok | None) -> tuple[str, str] | None:
    """Gender and number of the people a collective head counts ("une délégation de huit
    élus", "une centaine de manifestantes"): plural, with the counted noun's gender."""
    if head is None or fold(head.text) not in words("collectives_fr.txt"):
        return None
    k = toks.index(head) + 1
    while k < len(toks) and toks[k].text in '»”"':
        k += 1  # une «délégation» de huit…
    if k >= len(toks) or fold(toks[k].text) not in _GENITIVE:
        return None
    for t in toks[k + 1 : k + 6]:
        if t.pos == "NOUN" or (t.pos == "ADJ" and t.number == "pl"):  # "manifestantes": ADJ
            roles = tagged("roles_fr.txt")
            g = roles.get(fold(t.text)) or roles.get(fold(_singular(t.text))) or t.gender
            return (g if g in ("m", "f") else ""), "pl"
    return None


def _singular(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word


def make_mention(text: str, toks: Sequence[Tok]) -> Mention | None:
    """Build a Mention over `toks` (already cut to the phrase)."""
    if not toks:
        return None
    split = _split_demonstrative(toks)
    if split is not None:  # "Celui-ci", tokenized "Celui" "-" "ci"
        g, n = PRONOUNS[split]
        return Mention(toks[0].start, toks[2].end, split, None, g, n, pronoun=True)
    pair = fold(f"{toks[0].text} {toks[1].text}") if len(toks) > 1 else ""
    if pair in PRONOUN_PAIRS and (len(toks) == 2 or toks[2].pos not in ("NOUN", "PROPN")):
        g, n = PRONOUN_PAIRS[pair]  # "Cette dernière" (not "ce dernier rapport")
        return Mention(toks[0].start, toks[1].end, pair, None, g, n, pronoun=True)
    owner = _possessive_document(toks)
    if owner is not None:
        return owner  # "Son message", "Leur communiqué": the owner speaks
    if len(toks) == 1 and is_pronoun(toks[0]):
        p = fold(toks[0].text).lstrip("-").removeprefix("t-")
        g, n = PRONOUNS[p]
        return Mention(toks[0].start, toks[0].end, p, None, g, n, pronoun=True)
    if len(toks) == 1 and toks[0].text[:1].isupper() and gerund_like(toks[0]):
        return None  # "Disant vouloir…": a fronted gerund, not a source
    name = find_name(toks)
    if (
        name is not None
        and _is_person(toks[name[0] : name[1]], (0, name[1] - name[0]))
        and _complement_name(toks, name[0])
    ):
        return _description(text, toks)  # "l'ancien collaborateur de Paul Roy": not Paul Roy
    if name is not None and _member_of(toks, name[0]):
        return _description(text, toks)  # "le porte-parole de la CGT": a person speaks
    if name is not None and _named_thing(toks, name[0]):
        return _description(text, toks)  # "l'affaire Benalla", "la tempête Gabriel"
    head = 1 if len(toks) > 1 and is_title(toks[0].text) else 0  # "M. Castel" -> "Castel"
    if (
        name is None
        and toks[head].text[:1].isupper()
        and toks[head].pos not in ("DET", "ADP", "PRON", "ADV", "VERB", "AUX", "ADJ", "NUM")
        and fold(toks[head].text) not in tagged("roles_fr.txt")  # "Porte-parole du…" opening
        and not gerund_like(toks[head])
    ):
        name = (head, head + 1)  # "Murielle, une employée": a capitalised head the tagger missed
    if name is None:
        name = _closing_name(toks)
    g, n = gender_number(toks, name)
    name_text = None
    if name is not None:
        a, b = name
        name_text = clean(text[toks[a].start : toks[b - 1].end])
    start, end = toks[0].start, toks[-1].end
    words_ = clean(text[start:end])
    if not any(c.isalnum() for c in words_):
        return None
    if not any(
        t.pos in ("NOUN", "PROPN", "PRON", "NUM") or t.ent or role_gender(t.text) for t in toks
    ):
        return None  # "La" alone, cut before a quote: not a source ("une utilisatrice" is)
    return Mention(start, end, words_, name_text, g, n, person=_is_person(toks, name))


# Possessives and the number of their owner: "sa pancarte" (one), "leur communiqué" (several).
POSSESSIVE_OWNER = {"son": "sg", "sa": "sg", "ses": "sg", "leur": "pl", "leurs": "pl"}


def _possessive_document(toks: Sequence[Tok]) -> Mention | None:
    """ "Son message", "sa réponse", "leur communiqué": a possessive before a speech noun
    (lexicons/speech_nouns_fr.txt) stands for its owner, an anaphor resolved like "il"."""
    number = POSSESSIVE_OWNER.get(fold(toks[0].text))
    if number is None or not 2 <= len(toks) <= 3:
        return None
    nouns = words("speech_nouns_fr.txt")
    if not any(fold(t.text) in nouns or fold(t.lemma) in nouns for t in toks[1:]):
        return None
    return Mention(toks[0].start, toks[0].end, toks[0].text, None, "", number, pronoun=True)


def _named_thing(toks: Sequence[Tok], i: int) -> bool:
    """A name right after a noun that names things by a person (lexicons/named_things_fr.txt):
    "l'affaire Benalla", "la loi Evin", "la tempête Gabriel" do not designate the person."""
    return i > 0 and fold(toks[i - 1].text) in words("named_things_fr.txt")


def _complement_name(toks: Sequence[Tok], i: int) -> bool:
    """A person's name that completes a description ("l'ancien collaborateur de Paul Roy",
    "un proche de M. Martin"): after "de" and a determiner-led noun, with no comma between.
    An organisation keeps speaking through its members: "une délégation de la CGT"."""
    j = i
    while j > 0 and (is_title(toks[j - 1].text) or fold(toks[j - 1].text) in ("l'", "la", "le")):
        j -= 1  # "de M. Roy", "de l'AFP"
    if j < 3 or fold(toks[j - 1].text) not in _GENITIVE or toks[0].pos != "DET":
        return False
    before = toks[: j - 1]
    nouns = [t for t in before if t.pos == "NOUN" or fold(t.text) in words("relation_nouns_fr.txt")]
    return bool(nouns) and not any(t.text == "," for t in before)  # "proche": tagged ADJ


def _member_of(toks: Sequence[Tok], i: int) -> bool:
    """A role noun of a person before "de" + an organisation's name: "le porte-parole de la
    CGT", "une journaliste de l'AFP" are people of the organisation, and they are the source
    (a collective, "une délégation de la CGT", still speaks as the organisation)."""
    if not _complement_name(toks, i):
        return False
    heads = [t for t in toks[:i] if t.pos == "NOUN" or role_gender(t.text)]
    return bool(heads) and role_gender(heads[0].text) in ("m", "f", "u")


def _description(text: str, toks: Sequence[Tok]) -> Mention:
    """The mention of a description whose name belongs to its complement."""
    g, n = gender_number(toks, None)
    start, end = toks[0].start, toks[-1].end
    return Mention(start, end, clean(text[start:end]), None, g, n, person=_is_person(toks, None))


def _split_demonstrative(toks: Sequence[Tok]) -> str | None:
    """The folded pronoun "celui-ci" when the tokenizer split a capitalised "Celui-ci"."""
    if len(toks) < 3 or toks[1].text not in _DASHES or toks[0].end != toks[1].start:
        return None
    joined = fold(toks[0].text) + "-" + fold(toks[2].text)
    return joined if joined in PRONOUNS else None


def _closing_name(toks: Sequence[Tok]) -> tuple[int, int] | None:
    """An organisation's name closing its description: "le premier syndicat des infirmiers
    Solidarité" -> "Solidarité". Only after an organisation noun (lexicons/organisations_fr.txt)
    and right after a lowercase word: after "de" or an article it is a complement ("le
    ministère de l'Intérieur"), and "un militant CGT" or "la présidente du parti Horizon"
    is a person, not the organisation."""
    last = len(toks) - 1
    if last < 2:
        return None
    t, prev = toks[last], toks[last - 1]
    if not t.text[:1].isupper() or t.pos not in ("PROPN", "NOUN"):
        return None
    if prev.pos not in ("NOUN", "ADJ") or not prev.text[:1].islower():
        return None
    head = next((w for w in toks[:last] if w.pos == "NOUN" or role_gender(w.text)), None)
    if head is not None and role_gender(head.text) in ("m", "f", "u"):
        return None  # "la présidente du parti Horizon": a person of the party, not the party
    organisations = words("organisations_fr.txt")
    return (last, last + 1) if any(fold(w.text) in organisations for w in toks[:last]) else None


def _is_person(toks: Sequence[Tok], name: tuple[int, int] | None) -> bool:
    """Whether a phrase designates a person (pronoun antecedents must)."""
    if name is not None:
        head = toks[name[0]]
        if (
            head.ent == "PER"
            or first_name_gender(head.text.split("-")[0])
            or first_name_gender(head.text)
        ):
            return True
    if any(role_gender(t.text) is not None or is_title(t.text) for t in toks):
        return True
    # "l'attaquant de 22 ans", "la cinéaste, 34 ans": a noun given an age is a person
    return any(
        t.text.isdigit() and k + 1 < len(toks) and fold(toks[k + 1].text) == "ans"
        for k, t in enumerate(toks)
    )
