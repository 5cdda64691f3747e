"""The NLP interface attribution sees, and its spaCy implementation.

Attribution works on `Tok` records (text, lemma, POS, gender/number, head, dependency,
character offsets in the *document*, entity label), never on a library's own objects, so a
second backend only has to produce the same records. Only the sentences attribution needs
are parsed (`parse_pieces`), batched through `nlp.pipe`: a document without quotation
marks is never parsed at all.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_MODEL = "fr_core_news_sm"
# Longest piece handed to the parser. A "sentence" longer than this (a flattened table, a
# text without punctuation) is parsed on its first MAX_PARSE_CHARS characters only.
MAX_PARSE_CHARS = 100_000
PIPE_BATCH = 256  # sentences per nlp.pipe batch


@dataclass(frozen=True, slots=True)
class Tok:
    """One token, with offsets into the document text and its head as a sentence index."""

    i: int  # index in its sentence
    text: str
    lemma: str
    pos: str  # universal POS tag
    dep: str  # universal dependency relation (lower case)
    head: int  # index of the head in the same sentence (itself for the root)
    start: int  # document character offset
    end: int
    ent: str = ""  # entity label (PER, ORG, LOC, MISC) or ""
    gender: str = ""  # "m", "f" or ""
    number: str = ""  # "sg", "pl" or ""
    form: str = ""  # verb form: "fin", "part", "inf", "ger" or ""


class ModelNotAvailable(RuntimeError):
    """The NLP model cannot be loaded; the message says how to install it."""


@functools.cache
def get_nlp(model: str = DEFAULT_MODEL):  # type: ignore[no-untyped-def]
    """Load a spaCy pipeline once per process (loading takes seconds)."""
    try:
        import spacy

        nlp = spacy.load(model)
    except OSError as err:
        raise ModelNotAvailable(
            f"spaCy model {model!r} is not installed; run: pip install {model}"
        ) from err
    split_inverted_clitics(nlp)
    return nlp


# Inverted subject clitics the French tokenizer leaves split as "-" + "elles" (it knows
# "-ils"): "ont-elles", "disent-elles". Attribution reads the clitic as one token.
_CLITIC_SUFFIXES = (r"(?<=\w)-elles$", r"(?<=\w)-(?:t-)?elle$")


def split_inverted_clitics(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.util import compile_suffix_regex

    suffixes = [*nlp.Defaults.suffixes, *_CLITIC_SUFFIXES]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


# One-for-one replacements applied before parsing (offsets are unchanged): the French
# model tags "n’" as a name and "«" as a noun, but knows "n'" and '"'.
PARSE_FORM = str.maketrans(
    {
        "’": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_GENDER = {"Masc": "m", "Fem": "f"}
_NUMBER = {"Sing": "sg", "Plur": "pl"}


def _convert(doc, offset: int, original: str) -> list[Tok]:  # type: ignore[no-untyped-def]
    ents = {}
    for ent in doc.ents:
        for t in ent:
            ents[t.i] = ent.label_
    toks = []
    for t in doc:
        gender = t.morph.get("Gender")
        number = t.morph.get("Number")
        form = t.morph.get("VerbForm")
        toks.append(
            Tok(
                i=t.i,
                text=original[t.idx : t.idx + len(t.text)],
                lemma=t.lemma_.lower(),
                pos=t.pos_,
                dep=t.dep_.lower(),
                head=t.head.i,
                start=offset + t.idx,
                end=offset + t.idx + len(t.text),
                ent=ents.get(t.i, ""),
                gender=_GENDER.get(gender[0], "") if gender else "",
                number=_NUMBER.get(number[0], "") if number else "",
                form=form[0].lower() if form else "",
            )
        )
    return toks


def parse_sentences(
    text: str, ranges: Sequence[tuple[int, int]], model: str = DEFAULT_MODEL
) -> list[list[Tok]]:
    """Parse each (start, end) slice of `text` as one unit; offsets map back to `text`."""
    return parse_pieces([(text, r) for r in ranges], model)


def parse_pieces(
    pieces: Sequence[tuple[str, tuple[int, int]]], model: str = DEFAULT_MODEL
) -> list[list[Tok]]:
    """Parse (text, (start, end)) slices, possibly of several documents, in one batched
    `nlp.pipe` call; each slice's offsets map back to its own text."""
    nlp = get_nlp(model)
    cut = [text[s : min(e, s + MAX_PARSE_CHARS)] for text, (s, e) in pieces]
    docs = nlp.pipe((c.translate(PARSE_FORM) for c in cut), batch_size=PIPE_BATCH)
    return [
        _convert(doc, start, piece)
        for doc, (_, (start, _end)), piece in zip(docs, pieces, cut, strict=True)
    ]
