"""The languages `quotes` reads, and which one a document is written in.

What is per language lives in one package each (`quotes.lang.fr`, `quotes.lang.en`),
with the same interface (`extract_documents`, see quotes.lang.en); its word lists are the
`*_<code>.txt` files under `quotes/lexicons/`. What is shared (the scanner, the sentence
splitter, the parse windows, the output rows, the runner, the index) does not know the
language; quotes.lang.mixed sends each document to its package. A third language is one
more package, its code in `CODES` and its lexicon files (`detect_<code>.txt` included).

`detect` decides per document from the text itself: counts of frequent function words
of each language (`lexicons/detect_<code>.txt`), no model and no network, so a mixed
corpus needs no option. Text with too few of those words (a headline, a list) is French,
the project's first language, unless told otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

from quotes.lexicon import fold, words

CODES: tuple[str, ...] = ("fr", "en")  # the languages there are rules for
CHOICES: tuple[str, ...] = ("auto", *CODES)  # what --lang accepts
DEFAULT = "fr"  # when the text says too little
_SAMPLE_CHARS = 5000  # the test reads the start of a document; a language rarely changes
_MIN_HITS = 2  # fewer function words than this in the sample: not enough to tell
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")


class UnknownLanguage(ValueError):
    """A language code `quotes` has no rules for; the message lists those it has."""


@functools.cache
def _markers(code: str) -> frozenset[str]:
    return words(f"detect_{code}.txt")


def scores(text: str) -> dict[str, int]:
    """How many words of the start of `text` are frequent function words of each language."""
    counts = dict.fromkeys(CODES, 0)
    for w in _WORD.findall(text[:_SAMPLE_CHARS]):
        f = fold(w)
        for code in CODES:
            if f in _markers(code):
                counts[code] += 1
    return counts


def detect(text: str, default: str = DEFAULT) -> str:
    """The language code of `text` ("fr" or "en"); `default` when the text has too few
    function words to tell."""
    counts = scores(text)
    best = max(CODES, key=lambda c: counts[c])
    if counts[best] < _MIN_HITS or list(counts.values()).count(counts[best]) > 1:
        return default
    return best


def check(lang: str | None) -> str:
    """`lang` made sure to be "auto" or a code there are rules for (None: "auto")."""
    value = (lang or "auto").lower()
    if value not in CHOICES:
        raise UnknownLanguage(f"unknown language {lang!r}: choose one of {', '.join(CHOICES)}")
    return value


def language_of(text: str, lang: str | None) -> str:
    """The language a document is read in: `lang` itself, or `detect(text)` for auto."""
    value = check(lang)
    return detect(text) if value == "auto" else value


def split_by_language(texts: Sequence[str], lang: str | None) -> dict[str, list[int]]:
    """Indexes of `texts` per language they are read in, in order."""
    out: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        out.setdefault(language_of(t, lang), []).append(i)
    return out
