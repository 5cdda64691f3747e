"""Attribution from neighbouring sentences, for quotes whose own sentence names nobody.

- `carry_previous`: a quote standing alone right after a quote (or a sentence) of a
  speaker continues that speaker: «A», a dit X. «B».
- `subheading_source`: a subheading that repeats words of a quote ("« Scandale »"
  above «…est un scandale», s'est emportée Annie) takes that quote's speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from quotes.lexicon import fold, words

_WORD = regex.compile(r"\w+")
_STOP = frozenset(
    (
        "le la les l un une des de du d et ou a à au aux en que qu qui ce c est ne n pas plus "
        "pour par sur dans se s"
    ).split()
)


def content_words(s: str) -> set[str]:
    return {w for w in _WORD.findall(fold(s)) if w not in _STOP}


def is_standalone(text: str, sentence: tuple[int, int], open_pos: int, close_pos: int) -> bool:
    """True when the sentence is the quote alone (possibly with final punctuation)."""
    before = text[sentence[0] : open_pos].strip()
    after = text[close_pos + 1 : sentence[1]].strip(" .!?…\u00a0")
    return not before and not after


def opens_sentence(text: str, sentence: tuple[int, int], open_pos: int) -> bool:
    """True when the quote is the first thing in its sentence."""
    return not text[sentence[0] : open_pos].strip(' «“"\u00a0')


def continues_previous(text: str, sentence: tuple[int, int], open_pos: int) -> bool:
    """True when the words before the quote only continue the previous speaker: "Ou encore :
    «…»", "Et d'ajouter : «…»" (lexicons/continuations_fr.txt)."""
    before = " ".join(fold(text[sentence[0] : open_pos]).replace("’", "'").split())
    before = before.rstrip(' :,«“"\u00a0').strip()
    return bool(before) and before in words("continuations_fr.txt")


def carry_previous(
    sentence_index: int, previous: Sequence[tuple[int, str | None, str | None]], max_gap: int = 1
) -> tuple[str | None, str | None] | None:
    """(speaker, mention) of the last attributed quote at most `max_gap` sentences back.

    `previous` holds (sentence index, speaker, mention) of earlier quotes, in order.
    """
    for idx, speaker, mention in reversed(previous):
        if sentence_index - idx > max_gap:
            return None
        if speaker:
            return speaker, mention
    return None


def subheading_source(
    words: set[str], candidates: Sequence[tuple[set[str], str | None]], min_share: float = 0.6
) -> str | None:
    """Speaker of the quote sharing most of the heading's words (at least `min_share`)."""
    if not words:
        return None
    best, best_share = None, 0.0
    for other, speaker in candidates:
        if not speaker:
            continue
        share = len(words & other) / len(words)
        if share >= min_share and share > best_share:
            best, best_share = speaker, share
    return best
