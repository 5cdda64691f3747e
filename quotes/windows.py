"""What the parser must see: the sentences around quotes, with long quotes' words elided.

Why this module: on news text the parse is four fifths of the cost of a run. Attribution
reads the journalist's words around a quote (the cue verb, its subject, the names in
the sentences before), not the quoted words themselves, so:

- only a quote's own sentence and the `CONTEXT_SENTENCES_BEFORE` sentences before it
  are parsed (`sentences_to_parse`): a document without quotes is never parsed;
- the words inside a long quote are replaced, for the parser only, by one placeholder
  token (`elisions`): "Il a dit : « … »." parses like the full sentence around the
  marks, in a fifth less time on quote-dense news. The placeholder token gets the
  quote's offsets, so every token still slices back into the document.

- the entity recognizer (the dearest part of the spaCy model) skips a sentence that
  cannot hold a name (`may_name_someone`): no capitalised word but its first, and that
  one a function word ("Il", "Mais", "Selon"). Names are capitalised in news text; on
  the dev and sample texts the model found no entity in any such sentence.

A quote keeps its words when a rule reads them: an incise inside the marks ("«Nous
partirons, a-t-elle dit, demain»") or "selon" inside the marks; short quotes keep theirs
too (the parser reads them as part of the sentence).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import regex

from quotes.lexicon import is_speech_verb
from quotes.scanner import Span

CONTEXT_SENTENCES_BEFORE = 3  # sentences parsed before a quote's own, for antecedents
ELIDE_MIN_WORDS = 8  # a quote of fewer words is parsed as it is

# Words inside the marks that a rule reads: an inverted clitic (incise) or "selon".
_KEEP_WORDS = regex.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b|\bselon\b", regex.IGNORECASE)


def sentences_to_parse(
    quote_sentences: Iterable[int], n_sentences: int, context: int = CONTEXT_SENTENCES_BEFORE
) -> list[int]:
    """Indexes of the sentences holding quotes and of the `context` before each, in order."""
    wanted = {
        k for s in quote_sentences for k in range(max(0, s - context), s + 1) if k < n_sentences
    }
    return sorted(wanted)


# ", regrette Paul", ", explique la", ", confie une": a verb after a comma, then a name or
# a determiner.
_INNER_INCISE = regex.compile(
    r"[,;]\s+(?:(?:a|avait|ont|avaient)\s+)?(\p{Ll}[\p{Ll}-]+)\s+"
    r"(?:\p{Lu}|l[ae]\s|l['’]|les\s|une?\s|des\s|son\s|sa\s|ses\s|leurs?\s)"
)


def elidable(text: str, span: Span) -> bool:
    """True when the parser may see `span`'s words as one placeholder."""
    inner = text[span.start : span.end]
    if len(inner.split()) < ELIDE_MIN_WORDS or _KEEP_WORDS.search(inner):
        return False
    return not any(is_speech_verb(m.group(1)) for m in _INNER_INCISE.finditer(inner))


def elisions(
    text: str,
    quotes: Sequence[tuple[int, Span]],
    can_elide: Callable[[str, Span], bool] = elidable,
) -> dict[int, list[tuple[int, int]]]:
    """Per sentence index, the (start, end) content ranges to elide, in text order.

    `quotes` are (sentence index, span) of the quotes; terms are never elided (they are
    words of the journalist's sentence).
    """
    out: dict[int, list[tuple[int, int]]] = {}
    for k, span in quotes:
        if can_elide(text, span):
            out.setdefault(k, []).append((span.start, span.end))
    for ranges in out.values():
        ranges.sort()
    return out


_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_CAPITALISED = regex.compile(r"\b\p{Lu}")


def may_name_someone(form: str, function_words: frozenset[str]) -> bool:
    """Whether `form` (a sentence) may hold a name: a capitalised word after its first
    word, or a first word that is capitalised and not in `function_words` (lower case).
    "Il a ajouté que rien n'était prévu." cannot; "Dupont a ajouté…" may."""
    first = _WORD.search(form)
    if first is None:
        return False
    if _CAPITALISED.search(form, first.end()):
        return True
    word = first.group()
    return word[:1].isupper() and word.lower() not in function_words
