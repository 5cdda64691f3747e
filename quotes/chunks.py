"""A long document in parts: cut at paragraph breaks, the attribution window kept.

Why this module: the parse of a document's sentences (their tokens) and the registry of
its mentions grow with its length; a book or a day's wire in one file held all of them
at once (850 MB of memory at 2 MB of text). A document longer than `CHUNK_CHARS` is
therefore attributed in parts, one after the other, each parsed alone and its tokens
and mentions freed when its rows are made:

- a part ends at a paragraph break (a line break between two sentences) once it holds
  `CHUNK_CHARS` characters; a text with no line break for `2 * CHUNK_CHARS` characters
  is cut between two sentences. A sentence never splits a quote
  (quotes.sentences), so no quote is ever cut in two;
- each part also parses the `OVERLAP_CHARS` before its first sentence (the window the
  attribution rules look back over, quotes.attribution.entries): a pronoun, a role or
  "la même source" right after a cut resolves as it would in one piece. The quotes of
  that overlap are attributed again for context only; their rows are the previous
  part's;
- what the document says as a whole crosses every cut: full names ("Dupont" is still
  "Marie Dupont" 300 pages later), acronyms, places, roles and gender marks
  (`Registry.following`);
- the document-wide guesses apply per part: a standalone quote with no cue goes to the
  part's main voice (choice.document_voice), a subheading's repeat is looked for within
  the part, and the ranker's count of who has been quoted so far restarts. On the
  0.5 MB text of bench/longdoc.py cut every 100,000 characters, every speaker is the
  one of the uncut run; the confidence of 6% of the rows moves, by 0.04 at most.

Every quote is in exactly one part, in text order: nothing lost, nothing repeated.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from quotes.attribution.entries import LOOKBACK_CHARS

CHUNK_CHARS = 250_000  # about 100 pages; at most a few seconds of work per part
OVERLAP_CHARS = LOOKBACK_CHARS  # the look-back of the attribution rules


@dataclass(frozen=True)
class Part:
    """Sentences `context` <= k < `stop` are parsed; `first` <= k < `stop` are its own."""

    context: int
    first: int
    stop: int


def plan(
    text: str,
    sents: list[tuple[int, int]],
    size: int | None = None,
    overlap: int | None = None,
) -> list[Part]:
    """The parts of a document split into `sents`: one when it is short. `size` and
    `overlap` default to `CHUNK_CHARS` and `OVERLAP_CHARS` (read at each call)."""
    size = CHUNK_CHARS if size is None else size
    overlap = OVERLAP_CHARS if overlap is None else overlap
    if not sents or sents[-1][1] - sents[0][0] <= size:
        return [Part(0, 0, len(sents))]
    firsts = [0]
    for k in range(1, len(sents)):
        grown = sents[k][0] - sents[firsts[-1]][0]
        if grown >= size and ("\n" in text[sents[k - 1][1] : sents[k][0]] or grown >= 2 * size):
            firsts.append(k)
    starts = [a for a, _ in sents]
    parts = []
    for i, first in enumerate(firsts):
        stop = firsts[i + 1] if i + 1 < len(firsts) else len(sents)
        context = bisect.bisect_left(starts, starts[first] - overlap) if first else 0
        parts.append(Part(context, first, stop))
    return parts
