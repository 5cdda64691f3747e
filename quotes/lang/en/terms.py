"""Whether an English quoted span is someone's words (`direct`, `partial`) or a `term`.

The same additive score as the French classifier (`quotes.terms`), with English words:

| feature | weight | why |
|---|---|---|
| first/second person words (I, we, my, you...) | +3 | only speech says "I" and "we" |
| ends with . ! ? … or a comma before the closing mark | +3 | a sentence, or an incise follows |
| 5+ words / 3-4 words | +2 / +1 | names and scare words are short |
| speech verb or cue word in the same sentence | +2 | someone is reported speaking |
| speech verb among the 4 words before the mark | +2 | called it «a disaster» |
| all words capitalised (small ones aside), 1-6 words, mid-sentence | -5 | «The Globe and Mail» |
| a naming word before (so-called, dubbed, known as...) | -5 | it names ("called" is no cue) |
| same words used unquoted elsewhere, up to 4 words | -3 | a name or a label |

The sentence feature does not count for one or two words in mid-sentence ending with a
period or a comma: American style puts the period inside the marks ('drop "the bomb."').

A span with score >= 1 is a quote; `direct` when it opens its sentence, follows a colon,
or is a sentence itself; else `partial`.
"""

from __future__ import annotations

import functools

import regex

from quotes.lexicon import fold, words
from quotes.scanner import Span
from quotes.terms import DocStats, Verdict

THRESHOLD = 1
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
_PERSON = frozenset(
    "i i'm i've i'll i'd we we're we've we'll me us my our mine ours you your".split()
)
_SMALL = frozenset("a an the of and or in on at to for by with from de la le".split())


@functools.cache
def speech_lemmas() -> frozenset[str]:
    return words("speech_verbs_en.txt")


_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write"}


def speech_word(word: str) -> bool:
    """Whether a word form is of an English speech verb, by rule (no tagger needed)."""
    f = fold(word)
    if f in _IRREGULAR:
        return True
    lemmas = speech_lemmas()
    for cut, add in (
        ("", ""),
        ("s", ""),
        ("es", ""),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ied", "y"),
        ("ies", "y"),
    ):
        if f.endswith(cut) and len(f) > len(cut) + 1 and (f[: len(f) - len(cut)] + add) in lemmas:
            return True
    return False


def classify(
    text: str, span: Span, sentence: tuple[int, int], outside: str, stats: DocStats
) -> Verdict:
    """Score one span; `outside` is its sentence with every quote blanked out, `stats`
    what the document says of its quotes (the words it uses unquoted)."""
    content = text[span.start : span.end]
    ws = _WORD.findall(content)
    n = len(ws)
    feats: list[str] = []
    score = 0

    def add(weight: int, name: str) -> None:
        nonlocal score
        score += weight
        feats.append(f"{name}{weight:+d}")

    folded = [fold(w).replace("’", "'") for w in ws]
    if any(w in _PERSON for w in folded):
        add(3, "person")
    tail = content.rstrip(" ”\"'’)")
    prefix = text[sentence[0] : span.open_pos].rstrip()
    at_start = not prefix or prefix.endswith((":", "—", "–", "-"))
    is_sentence = tail.endswith((".", "!", "?", "…", ","))
    # American style puts the period inside the marks: a word or two closing the
    # journalist's sentence ('drop "the bomb."') is no sentence of anyone's
    if is_sentence and (n >= 3 or at_start or tail.endswith(("!", "?"))):
        add(3, "sentence")
    if n >= 5:
        add(2, "long")
    elif n >= 3:
        add(1, "medium")
    cues = words("cue_words_en.txt")
    if any(speech_word(w) or fold(w) in cues for w in _WORD.findall(outside)):
        add(2, "cue")
    before = _WORD.findall(text[max(sentence[0], span.open_pos - 60) : span.open_pos])[-4:]
    tail = " ".join(prefix.lower().replace("-", " ").split()[-3:])
    naming = any(tail.endswith(cue.replace("-", " ")) for cue in words("term_cues_en.txt"))
    if not naming and any(speech_word(w) for w in before):
        add(2, "cue_near")
    content_words = [w for w in ws if fold(w) not in _SMALL]
    capitals = all(w[:1].isupper() or w[:1].isdigit() for w in content_words)
    titled = capitals and len(content_words) >= 2 and not at_start and n <= 6
    if not at_start and not is_sentence and 0 < n <= 6 and content_words and capitals:
        add(-5, "name_case")
    elif titled and content.rstrip(" ”\"'’)").endswith((".", ",")):
        add(-8, "title_case")  # told "Fox & Friends." (the period inside, American style)
    if naming:
        add(-5, "naming_word")
    if n <= 4 and stats.repeated(content):
        add(-3, "repeated")
    if score < THRESHOLD:
        return Verdict("term", score, tuple(feats))
    kind = "direct" if at_start or (is_sentence and n >= 3) else "partial"
    return Verdict(kind, score, tuple(feats))
