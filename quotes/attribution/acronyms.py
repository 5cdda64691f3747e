"""Acronyms defined in the text: "la Régie autonome des transports parisiens (RATP)" or
"la FDT (Fédération des travailleurs)". Users count quotes per organisation, so "selon la
RATP" and the full name must be one speaker: the full name, the fullest form the document
gives. Only definitions written in the text count; no list of known acronyms.
"""

from __future__ import annotations

import regex

from quotes.lexicon import fold

_ACRONYM = r"\p{Lu}[\p{Lu}\d&]{1,7}"
_WORD = regex.compile(r"[\p{L}][\p{L}'’-]*")
# "(ACR)" after its full name, and "ACR (" before it: found first, the words read around
# them, so the scan is one pass over the text whatever its length.
_IN_PARENS = regex.compile(rf"\(({_ACRONYM})\)")
_BEFORE = regex.compile(rf"\b({_ACRONYM})\s*\(([^()]{{1,160}})\)")
_MAX_WORDS = 12
_TAIL = regex.compile(r"((?:[\p{L}][\p{L}'’-]*\s+)*[\p{L}][\p{L}'’-]*)\s*$")
_ELISION = regex.compile(r"^[lLdD]['’](?=\p{L})")
# Words that may or may not give their initial: "Fédération des travailleurs (FDT)",
# "Organisation mondiale de la santé (OMS)".
_OPTIONAL = frozenset("de des du d' d’ la le les l' l’ et en pour sur aux au a".split())
_ARTICLES = frozenset("le la les l' l’ un une".split())


def _initials_match(ws: list[str], letters: str) -> bool:
    """Whether the words spell `letters` by their initials, function words optional."""
    if not ws:
        return not letters
    w = _ELISION.sub("", ws[0])  # "l'Organisation": O
    parts = [p for p in regex.split(r"[-'’]", w) if p] or [w]
    initials = "".join(p[0] for p in parts).upper()
    optional = fold(w) in _OPTIONAL
    if optional and _initials_match(ws[1:], letters):
        return True
    for take in {initials[:1], initials}:  # "Île-de-France": one letter or one per part
        if letters.startswith(take) and _initials_match(ws[1:], letters[len(take) :]):
            return True
    return False


def _expansion(words_before: list[str], acronym: str) -> str | None:
    """The shortest tail of `words_before` whose initials spell the acronym."""
    letters = regex.sub(r"[^\p{Lu}]", "", acronym)
    for n in range(1, len(words_before) + 1):
        tail = _strip_article(words_before[-n:])
        if not tail or fold(tail[0]) in _OPTIONAL:
            continue  # a definition starts on a content word
        if _initials_match(tail, letters):
            return " ".join(tail)
    return None


def _strip_article(w: list[str]) -> list[str]:
    if w and fold(w[0])[:2] in ("l'", "l’") and len(w[0]) > 2:
        return [w[0][2:], *w[1:]]
    return w[1:] if w and fold(w[0]) in _ARTICLES else w


def find_acronyms(text: str) -> dict[str, str]:
    """{acronym: full name} for every acronym the text defines."""
    out: dict[str, str] = {}
    for m in _IN_PARENS.finditer(text):
        before = text[max(0, m.start() - 200) : m.start()]
        tail = _TAIL.search(before)
        if tail is None:
            continue
        words = tail.group(1).split()[-_MAX_WORDS:]
        full = _expansion(words, m.group(1))
        if full and m.group(1) not in out:
            out[m.group(1)] = full
    for m in _BEFORE.finditer(text):
        inner = _strip_article(m.group(2).split())
        if not inner or len(inner) > _MAX_WORDS or not all(_WORD.fullmatch(w) for w in inner):
            continue
        full = _expansion(inner, m.group(1))
        if full and full == " ".join(inner) and m.group(1) not in out:
            out[m.group(1)] = full
    return out


def expand(name: str, acronyms: dict[str, str]) -> str | None:
    """The full name of an acronym speaker ("la RATP", "RATP"), None if not defined."""
    ws = _strip_article(name.split())
    return acronyms.get(ws[0]) if len(ws) == 1 else None
