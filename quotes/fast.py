"""`--fast`: tokens for the attribution rules without a statistical model.

Why: triage over very large archives ("which articles quote whom at all?") cannot afford
a parse. This module produces the same `Tok` records as `quotes.nlp`, from spaCy's
rule-based French tokenizer (no model, no parser) and the project's lexicons:

- POS: closed-class words from `lexicons/function_words_fr.txt`; speech verbs (any form
  the lexicon's lemmatiser recognises) as verbs; past participles after an auxiliary;
  capitalised words inside a sentence, and known first names, as proper nouns; other
  words as nouns.
- entities: a known first name followed by capitalised words is a person.
- no dependency tree: every token heads itself, so rules that need the parser find
  nothing and the rules that read word order (incises, "selon X", the phrase before a
  verb) decide.

Expect lower speaker accuracy than the default path (`bench/throughput.py` prints both);
quote spans are found the same way in both modes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace

from quotes.lexicon import first_name_gender, fold, is_speech_verb, tagged
from quotes.nlp import PARSE_FORM, Tok, split_inverted_clitics

_PUNCT = frozenset('.,;:!?«»"“”()[]—–-…')
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "is", "u", "us", "t", "te")


@functools.cache
def _tokenizer():  # type: ignore[no-untyped-def]
    import spacy

    from quotes.compiled_regex import cached_compiles

    with cached_compiles():  # the French tokenizer's regex, in milliseconds after once
        nlp = spacy.blank("fr")
    split_inverted_clitics(nlp)  # "ont-elles" as in the model's tokenizer
    return nlp.tokenizer


def fast_pieces(pieces: Sequence[tuple[str, tuple[int, int]]]) -> list[list[Tok]]:
    """Tokens of (text, (start, end)) slices, tagged by lexicon, offsets into each text."""
    return [_tag(text, start, text[start:end]) for text, (start, end) in pieces]


def _tag(text: str, offset: int, piece: str) -> list[Tok]:
    words = tagged("function_words_fr.txt")
    doc = _tokenizer()(piece.translate(PARSE_FORM))
    toks: list[Tok] = []
    for t in doc:
        word = piece[t.idx : t.idx + len(t.text)]
        pos, form = _pos(word, toks, words)
        toks.append(
            Tok(
                i=t.i,
                text=word,
                lemma=word.lower(),
                pos=pos,
                dep="",
                head=t.i,
                start=offset + t.idx,
                end=offset + t.idx + len(word),
                form=form,
            )
        )
    return _mark_people(toks)


def _pos(word: str, before: list[Tok], words: dict[str, str]) -> tuple[str, str]:
    """(POS, verb form) of a word from its spelling, the lexicons and the word before."""
    f = fold(word)
    if not f.strip() or all(c in _PUNCT for c in word):
        return "PUNCT", ""
    if f in words:
        return words[f], "fin" if words[f] == "AUX" else ""
    prev = before[-1] if before else None
    after_aux = prev is not None and prev.pos == "AUX"
    if after_aux and word.lower().endswith(_PARTICIPLE_ENDINGS):
        return "VERB", "part"
    if word[:1].isupper() and (
        (prev is not None and prev.pos != "PUNCT") or first_name_gender(word)
    ):
        return "PROPN", ""
    if is_speech_verb(word):
        return "VERB", "fin"
    if word[:1].isdigit():
        return "NUM", ""
    return "NOUN", ""


def _mark_people(toks: list[Tok]) -> list[Tok]:
    """A known first name and the capitalised words after it form a person (PER)."""
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].text[:1].isupper() and first_name_gender(out[i].text) is not None:
            j = i + 1
            while j < len(out) and out[j].text[:1].isupper() and out[j].pos == "PROPN":
                j += 1
            for k in range(i, j):
                out[k] = replace(out[k], pos="PROPN", ent="PER")
            i = j
        else:
            i += 1
    return out
