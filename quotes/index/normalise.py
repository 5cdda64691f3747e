"""When two quotes are "the same words", and when a speaker name is an alias of another.

Why: a line is repeated by many outlets with small differences (« » or " ", a comma, a
typo, "l’État" or "l'Etat"). Researchers ask how many documents carry it and when it
was first quoted, so the index gives every such variant one `quote_id`; and they search
"Macron" to find the quotes of "Emmanuel Macron" and of "M. Macron".
"""

from __future__ import annotations

import difflib

import regex

from quotes.lexicon import fold, is_title

# Two normalised quotes at least this similar (difflib ratio) are the same quote.
SAME_QUOTE_RATIO = 0.9
# Words of the start and of the end that find candidate variants (one edit leaves at
# least one of the two intact).
KEY_WORDS = 4
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_NAME_DROP = frozenset("le la les l un une des de du d".split())


def normalise(quote: str) -> str:
    """Lower case, no accents, no punctuation or quote marks, single spaces."""
    return " ".join(w for w in _NON_WORD.split(fold(quote)) if w)


def keys(norm: str) -> tuple[str, str]:
    """The first and the last KEY_WORDS words of a normalised quote."""
    words = norm.split()
    return " ".join(words[:KEY_WORDS]), " ".join(words[-KEY_WORDS:])


def same_quote(a: str, b: str) -> bool:
    """True when two normalised quotes differ by small edits only."""
    if a == b:
        return True
    if not a or not b or abs(len(a) - len(b)) > (1 - SAME_QUOTE_RATIO) * max(len(a), len(b)):
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_QUOTE_RATIO


def name_words(name: str) -> list[str]:
    """The words that identify a person: folded, titles ("M.", "Mme") and particles out."""
    words = [w for w in _NON_WORD.split(fold(name)) if w]
    return [w for w in words if w not in _NAME_DROP and not is_title(w) and not is_title(w + ".")]


def is_alias(query: str, speaker: str) -> bool:
    """True when `speaker` is who `query` names: all of the query's words are in the
    speaker's name ("Macron" in "Emmanuel Macron"), or the speaker's name is a shorter
    form of the query with the same surname ("M. Macron" for "Emmanuel Macron")."""
    q, s = name_words(query), name_words(speaker)
    if not q or not s:
        return False
    if set(q) <= set(s):
        return True
    return set(s) <= set(q) and s[-1] == q[-1]
