"""A fragment quoted inside the journalist's sentence is the words of that sentence's
subject, when the subject can speak, whatever the verb: "Threlfall hailed his side's
"never-say-die attitude"", "The review found the budget was "never realistic"". The
speech-verb rules (quotes.lang.en.rules) come first; this is the last one.
"""

from __future__ import annotations

from quotes.lang.en.people import titles
from quotes.lang.en.rules import Found, Sentence, a_name, found_at, subject_of
from quotes.lexicon import fold, words
from quotes.nlp import Tok
from quotes.scanner import Span

_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


def partial_subject(s: Sentence, q: Span) -> Found | None:
    """The root verb's subject, for a quote with the journalist's words before it."""
    before = [t for t in s.toks if t.end <= q.open_pos and s.outside(t.i)]
    if not any(t.text[:1].isalnum() for t in before):
        return None  # a quote opening its sentence is not a fragment of it
    root = next((t.i for t in s.toks if t.head == t.i and s.outside(t.i)), None)
    if root is None or s.toks[root].start > q.open_pos:
        return None  # "The "bomb" was found": the quote is inside the subject
    head = subject_of(s, root)
    if head is None or s.toks[head].start >= q.open_pos or not _can_speak(s.toks[head]):
        return None
    return found_at(s, "partial_subject", root, head)


def _can_speak(t: Tok) -> bool:
    """A person, a group or a body: a name, an organisation, "he"/"they", a role noun or
    an organisation noun ("the review", "the council")."""
    if a_name(t) or t.ent == "ORG" or fold(t.text) in _PERSONAL:
        return True
    lemma = fold(t.lemma)
    lists = ("gendered_nouns_en.txt", "speech_nouns_en.txt", "organisations_en.txt")
    return t.pos == "NOUN" and (lemma in titles() or any(lemma in words(n) for n in lists))
