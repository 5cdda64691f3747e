"""The sentence before a quote that stands alone: whom it reports or introduces.

English news often gives a quote a paragraph of its own after the sentence that names
its speaker ("Roe said the plan would fail." then «"It was never funded."»). These two
rules read that sentence (quotes.lang.en.pipeline._from_context decides when they
apply); the in-sentence rules are in quotes.lang.en.rules.
"""

from __future__ import annotations

from quotes.lang.en.rules import Found, Sentence, a_name, found_at, speaker_of_speech, subject_of
from quotes.lexicon import fold
from quotes.nlp import Tok


def speech_subject(s: Sentence) -> Found | None:
    """The source a sentence without quotes reports ("Roe said the plan would fail."),
    for the quote standing alone after it."""
    return speaker_of_speech(s, "previous_sentence")


def introduced(s: Sentence) -> Found | None:
    """A person the sentence before a standalone quote introduces as its subject,
    without speech ("Ann Gray, a neighbour, saw it differently." then «"They were
    shouting all night."»): the quote is likely theirs. Named subjects, or "he" / "she"
    (the pipeline takes them only when they stand for someone else than the speaker
    before: "… she was forced to sell." turns to her); a description continues whoever
    spoke before."""
    for t in s.toks:
        if t.head == t.i and s.outside(t.i):  # the root verb
            head = subject_of(s, t.i)
            if head is not None and (a_name(s.toks[head]) or _personal(s.toks[head])):
                return found_at(s, "introduced", -1, head)
    return None


def _personal(t: Tok) -> bool:
    return fold(t.text) in ("he", "she")
