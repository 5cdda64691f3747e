"""Word lists shipped as data files under `quotes/lexicons/` (one entry per line).

Why data files: journalists and researchers extend these lists (a new speech verb, a
regional first name) without touching code, and reviews of a list are reviews of words.
Lines starting with '#' are comments; tab-separated columns carry gender or number.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

import regex


def lexicon_lines(name: str) -> list[str]:
    """The entries of a lexicon file, comments and blank lines removed."""
    return _lines(name)


def _lines(name: str) -> list[str]:
    text = resources.files("quotes").joinpath("lexicons", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


_CLITIC_END = regex.compile(r"-t-(?:il|elle|on)$|-(?:il|elle|ils|elles|on)$")
_PRONOUN_START = regex.compile(r"^(?:s'|se |m'|t'|n')")


def fold(word: str) -> str:
    """Lower case, typographic apostrophe to ', no accents: the key lists are looked up by.
    Words are cached (the rules fold the same few thousand over and over); long strings
    (a whole sentence or document) are not, so the cache never holds a corpus."""
    if len(word) <= _CACHED_FOLD_CHARS:
        return _fold_word(word)
    return _fold(word)


_CACHED_FOLD_CHARS = 40


@functools.lru_cache(maxsize=1 << 15)
def _fold_word(word: str) -> str:
    return _fold(word)


def _fold(word: str) -> str:
    word = word.lower().replace("’", "'")
    return unicodedata.normalize("NFD", word).translate(_combining_marks())


@functools.cache
def _combining_marks() -> dict[int, None]:
    """Every combining character (all below U+20000), mapped to None for str.translate:
    a C-speed strip of the accents NFD splits off, for whole sentences and documents."""
    return {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}


@functools.cache
def words(name: str) -> frozenset[str]:
    """A one-column list, folded."""
    return frozenset(fold(line.split("\t")[0]) for line in _lines(name))


@functools.cache
def tagged(name: str) -> dict[str, str]:
    """A two-column list (entry<TAB>tag), folded entries."""
    out = {}
    for line in _lines(name):
        parts = line.split("\t")
        out[fold(parts[0])] = parts[1].strip() if len(parts) > 1 else ""
    return out


def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech (reflexive ones without their 'se')."""
    return _speech_verbs()


@functools.cache
def _speech_verbs() -> frozenset[str]:
    out = set()
    for entry in words("speech_verbs_fr.txt"):
        out.add(regex.sub(r"^(?:se |s')", "", entry))
    return frozenset(out)


# Inflection endings to try, longest first, with the infinitive endings they may come from.
_ENDINGS = [
    ("iennent", ("enir",)),
    ("ient", ("enir",)),
    ("ivent", ("ire",)),
    ("llent", ("ler",)),
    ("lle", ("ler",)),
    ("lles", ("ler",)),
    ("ttent", ("ter",)),
    ("tte", ("ter",)),
    ("èrent", ("er",)),
    ("aient", ("er", "re", "ir")),
    ("issent", ("ir",)),
    ("èrent", ("er",)),
    ("ées", ("er",)),
    ("ait", ("er", "re", "ir")),
    ("ent", ("er", "re", "ir")),
    ("ant", ("er", "re", "ir")),
    ("ée", ("er",)),
    ("és", ("er",)),
    ("it", ("ire", "ir", "re")),
    ("is", ("ir", "re", "ire")),
    ("ut", ("re", "oir")),
    ("us", ("re", "oir")),
    ("é", ("er",)),
    ("e", ("er",)),
    ("a", ("er",)),
    ("es", ("er",)),
    ("t", ("re",)),
    ("ue", ("re",)),
    ("ie", ("ir",)),
    ("i", ("ir",)),
    ("u", ("re", "oir")),
]
_IRREGULAR = {
    "dit": "dire",
    "dis": "dire",
    "disent": "dire",
    "disait": "dire",
    "disaient": "dire",
    "disant": "dire",
    "disons": "dire",
    "dites": "dire",
    "dira": "dire",
    "dirait": "dire",
    "diront": "dire",
    "fait": "faire",
    "font": "faire",
    "faisait": "faire",
    "écrit": "écrire",
    "écrivant": "écrire",
    "écrivait": "écrire",
    "faisant": "faire",
    "promet": "promettre",
    "promis": "promettre",
    "admet": "admettre",
    "admis": "admettre",
    "reconnu": "reconnaître",
    "reconnaît": "reconnaître",
    "reconnait": "reconnaître",
    "reconnaissent": "reconnaître",
    "reconnaissant": "reconnaître",
    "prévenu": "prévenir",
    "prévient": "prévenir",
    "soutient": "soutenir",
    "soutenu": "soutenir",
    "maintient": "maintenir",
    "poursuit": "poursuivre",
    "poursuivi": "poursuivre",
    "conclut": "conclure",
    "conclu": "conclure",
    "répond": "répondre",
    "répondu": "répondre",
    "lu": "lire",
    "lit": "lire",
    "lire": "lire",
    "tenu": "tenir",
    "tient": "tenir",
    "convient": "convenir",
    "craint": "craindre",
    "plaint": "plaindre",
    "dément": "démentir",
    "démenti": "démentir",
    "sourit": "sourire",
    "souri": "sourire",
    "ri": "rire",
    "rit": "rire",
    "interrompt": "interrompre",
    "interrompu": "interrompre",
    "vu": "voir",
    "voit": "voir",
}


def verb_lemmas(form: str) -> list[str]:
    """Infinitives a French verb form may come from, by rule (no dictionary needed).

    Used to recognise a speech verb when the tagger got its lemma wrong ("estime" tagged X).
    """
    form = form.lower().replace("’", "'")
    form = _CLITIC_END.sub("", form)
    form = _PRONOUN_START.sub("", form)  # "s'insurge", "s'exclame"
    out = [form]
    if form in _IRREGULAR:
        out.append(_IRREGULAR[form])
    for ending, infinitives in _ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[: -len(ending)]
            out.extend(stem + inf for inf in infinitives)
    return out


@functools.lru_cache(maxsize=1 << 15)
def is_speech_verb(form: str, lemma: str = "") -> bool:
    """True when `form` (or its tagger lemma) is a verb of the speech lexicon (cached:
    every rule asks it of the same words)."""
    verbs = speech_verbs()
    if lemma and fold(lemma) in verbs:
        return True
    return any(fold(c) in verbs for c in verb_lemmas(form))


def is_title(word: str) -> bool:
    """Whether `word` is an honorific written before a name (M., Mme, Me, Dr...)."""
    return fold(word) in tagged("titles_fr.txt")


def first_name_gender(name: str) -> str | None:
    """'m', 'f', 'u' for a known first name, else None."""
    return tagged("first_names_fr.txt").get(fold(name))


_ROLE_PREFIXES = ("ex-", "co-", "vice-")


def role_gender(word: str) -> str | None:
    """The gender tag of a role noun in `lexicons/roles_fr.txt` (m, f, u, n), or None.

    "ex-ministre", "co-fondatrice" and plurals ("militantes") are looked up as their role:
    press describes former and joint office holders with the same nouns."""
    roles = tagged("roles_fr.txt")
    f = fold(word)
    for w in (f, *(f.removeprefix(p) for p in _ROLE_PREFIXES if f.startswith(p))):
        for form in (w, w[:-1] if w.endswith(("s", "x")) and len(w) > 3 else w):
            if form in roles:
                return roles[form]
    return None
