"""Media and news agencies: whom a source speaks to, and when a medium is the source.

"…», a déclaré à l'AFP Thierry", "a confié au Soir la ministre", "a souligné le
porte-parole auprès de la presse": a medium after "à", "au", "auprès de" or "devant" is the
addressee, never the source. After "selon", or as the subject of "écrit", it is the source;
those rules do not need this module. The media names and nouns are in
`lexicons/media_fr.txt`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from quotes.lexicon import first_name_gender, fold, lexicon_lines
from quotes.nlp import Tok

_TO = frozenset({"a", "au", "aux", "aupres", "devant"})
_LINKS = frozenset({"de", "d'", "du", "des", "le", "la", "les", "l'"})
_INDEFINITE = frozenset({"un", "une", "ce", "cet", "cette", "notre"})
_LONGEST = 5  # words of the longest entry looked up


@functools.cache
def media() -> frozenset[str]:
    """Folded media entries; the elided article is glued to its noun ("l'express")."""
    return frozenset(fold(line).replace("' ", "'") for line in lexicon_lines("media_fr.txt"))


def medium_end(toks: Sequence[Tok], a: int) -> int | None:
    """End (exclusive) of the longest media name or noun starting at token a, else None.

    An article or "de" before it is part of the match ("la presse", "l'AFP", "de la DH")."""
    names = media()
    best = None
    words: list[str] = []
    for j in range(a, min(len(toks), a + _LONGEST + 2)):
        w = fold(toks[j].text)
        words.append(w)
        phrase = " ".join(words).replace("' ", "'")
        bare = " ".join(x for x in words if x not in _LINKS).replace("' ", "'")
        if phrase in names or (bare and bare in names and words[-1] not in _LINKS):
            best = j + 1
    if best is not None and toks[best - 1].text[:1].islower():
        best = _title_after(toks, best)  # "au quotidien Maariv", "à la radio Europe 1"
        if best < len(toks) and fold(toks[best].text) in ("de", "du", "des", "d'"):
            best = medium_end(toks, best) or best  # "au micro de la RTBF"
    return best


def _title_after(toks: Sequence[Tok], j: int) -> int:
    """After a media noun, the end of the medium's own name: capitalised words (or a
    number, "Europe 1"), not a person's first name ("au journal, Paul Roy" stays Paul)."""
    k = j
    while k < len(toks) and (
        (toks[k].text[:1].isupper() and toks[k].pos in ("PROPN", "NOUN", "X", "ADJ"))
        or (k > j and toks[k].pos == "NUM")
    ):
        if k == j and first_name_gender(toks[k].text):
            return j
        k += 1
    return k


def addressee_end(toks: Sequence[Tok], j: int) -> int | None:
    """When token j opens "à/au/auprès de/devant" + a medium, the index after it; else None."""
    if j >= len(toks) or fold(toks[j].text) not in _TO:
        return None
    return medium_end(toks, j + 1)


def is_medium(text: str) -> bool:
    """Whether a phrase designates a medium or a journalist: "l'AFP", "un journaliste de
    l'AFP", "le quotidien", "La Libre Belgique" (its head word, or the phrase, is listed)."""
    folded = fold(text).replace("’", "'")
    words = [w for w in folded.replace("'", "' ").split() if w not in _LINKS | _INDEFINITE]
    if not words:
        return False
    names = media()
    return words[0] in names or " ".join(words) in names or folded in names
