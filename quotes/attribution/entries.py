"""The registry's mentions in text order, and the bounded look-backs its rules use.

Why this module: every resolver of `quotes.attribution.resolve` looks back from a mention
("the nearest compatible mention", "the name last given this role"). Scanning all the
earlier mentions for each one made a long document (a book, a day's wire in one file)
quadratic: 0.5 MB took three times as long per MB as 0.05 MB (bench/longdoc.py). Here:

- `Entries` keeps one (mention, speaker) per start offset, sorted, so an entry is found,
  replaced and sliced by bisection instead of a scan;
- `since_sentence(s)` is the first offset recorded for sentence `s` or later: look-backs
  bounded in sentences (pronouns: four, epithets: fifteen) slice from there;
- `recent(pos)` is what a look-back bounded in characters sees: `LOOKBACK_CHARS` before
  `pos`. The resolvers that had no bound (role aliases, demonstratives, fuller
  descriptions, "la même source") use it: about eight pages, longer than any press
  article, so articles resolve as before, and in a book a role given fifty pages back
  more often names someone else anyway.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from quotes.attribution.mention import Mention

LOOKBACK_CHARS = 20_000
_NOWHERE = 1 << 62  # past any offset

Entry = tuple[Mention, str | None]


class Entries:
    """(mention, speaker) pairs sorted by the mention's start, one per start."""

    def __init__(self) -> None:
        self._items: list[Entry] = []
        self._starts: list[int] = []
        self._first_of_sentence: dict[int, int] = {}  # sentence -> lowest start recorded
        self._last_sentence = -1

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[Entry]:
        return reversed(self._items)

    def __getitem__(self, i: int) -> Entry:
        return self._items[i]

    def at(self, start: int) -> Entry | None:
        """The entry whose mention starts at `start`, if any."""
        i = bisect.bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] == start:
            return self._items[i]
        return None

    def put(self, mention: Mention, speaker: str | None, sentence: int) -> None:
        """Insert, or replace the entry at the same start (keeping text order)."""
        i = bisect.bisect_left(self._starts, mention.start)
        if i < len(self._starts) and self._starts[i] == mention.start:
            self._items[i] = (mention, speaker)
        else:
            self._starts.insert(i, mention.start)
            self._items.insert(i, (mention, speaker))
        old = self._first_of_sentence.get(sentence)
        if old is None or mention.start < old:  # a replaced entry leaves a lower bound: safe
            self._first_of_sentence[sentence] = mention.start
        self._last_sentence = max(self._last_sentence, sentence)

    def since_sentence(self, sentence: int) -> int:
        """A start offset before which no entry is recorded for `sentence` or later."""
        lows = (
            self._first_of_sentence.get(s) for s in range(max(0, sentence), self._last_sentence + 1)
        )
        return min((lo for lo in lows if lo is not None), default=_NOWHERE)

    def between(self, lo: int, hi: int) -> list[Entry]:
        """Entries starting at `lo` or later and before `hi`, in text order."""
        i = bisect.bisect_left(self._starts, lo)
        j = bisect.bisect_left(self._starts, hi)
        return self._items[i:j]

    def recent(self, pos: int) -> list[Entry]:
        """Entries starting within `LOOKBACK_CHARS` before `pos`, in text order."""
        return self.between(pos - LOOKBACK_CHARS, pos)
