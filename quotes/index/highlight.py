"""Mark the words of a quote that a search matched, without asking FTS5 again.

Why: FTS5's `highlight()` needs the MATCH to be evaluated once more for every row
shown; for a phrase of frequent words on a million quotes that costs more than the
search itself. The rule here is FTS5's own for `unicode61 remove_diacritics 2`: a word
is a run of letters and digits, compared without case or accents; a query word matches
it whole, a prefix (`pauvr*`) matches its start.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from quotes.index.fts_query import tokenise
from quotes.lexicon import fold

_WORD = regex.compile(r"[\p{L}\p{N}\p{Co}]+")


@dataclass(frozen=True)
class QueryWords:
    """The folded words of a query, and the folded prefixes (`word*`)."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, query: str) -> QueryWords:
        words: set[str] = set()
        prefixes: list[str] = []
        for token in tokenise(query):
            if token.kind != "TERM":
                continue
            parts = [fold(w) for w in _WORD.findall(token.text)]
            if token.prefix and parts:
                prefixes.append(parts.pop())
            words.update(parts)
        return cls(frozenset(words), tuple(prefixes))

    def matches(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.words or folded.startswith(self.prefixes)


def highlight(text: str, query: QueryWords, marks: tuple[str, str]) -> str:
    """`text` with each word the query matches between the two marks."""
    before, after = marks
    return _WORD.sub(lambda m: f"{before}{m[0]}{after}" if query.matches(m[0]) else m[0], text)
