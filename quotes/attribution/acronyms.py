"""Acronyms defined in the text: "la Régie autonome des transports parisiens (RATP)" or
"la FDT (Fédération des travailleurs)". Users count quotes per organisation, so "selon la
RATP" and the full name must be one speaker: the full name, the fullest form the document
gives. Only definitions written in the text count; no list of known acronyms.
"""

from __future__ import annotations

import regex

from quotes.lexicon import fold

_ACRONYM = r"\p{Lu}[\p{Lu}\d&]{1,7}"
_WORD = r"[\p{L}][\p{L}'’-]*"
# "<words> (ACR)" and "ACR (<words>)"
_AFTER = regex.compile(rf"((?:{_WORD}\s+){{0,11}}{_WORD})\s*\(({_ACRONYM})\)")
_BEFORE = regex.compile(rf"\b({_ACRONYM})\s*\(((?:{_WORD}\s+){{0,11}}{_WORD})\)")
# Words that may or may not give their initial: "Fédération des travailleurs (FDT)",
# "Organisation mondiale de la santé (OMS)".
_OPTIONAL = frozenset("de des du d' d’ la le les l' l’ et en pour sur aux au a".split())
_ARTICLES = frozenset("le la les l' l’ un une".split())


def _initials_match(ws: list[str], letters: str) -> bool:
    """Whether the words spell `letters` by their initials, function words optional."""
    if not ws:
        return not letters
    w = regex.sub(r"^[lLdD]['’](?=\p{L})", "", ws[0])  # "l'Organisation": O
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
    for m in _AFTER.finditer(text):
        full = _expansion(m.group(1).split(), m.group(2))
        if full and m.group(2) not in out:
            out[m.group(2)] = full
    for m in _BEFORE.finditer(text):
        inner = _strip_article(m.group(2).split())
        full = _expansion(inner, m.group(1))
        if full and full == " ".join(inner) and m.group(1) not in out:
            out[m.group(1)] = full
    return out


def expand(name: str, acronyms: dict[str, str]) -> str | None:
    """The full name of an acronym speaker ("la RATP", "RATP"), None if not defined."""
    ws = _strip_article(name.split())
    return acronyms.get(ws[0]) if len(ws) == 1 else None
