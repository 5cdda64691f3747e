"""The NLP interface attribution sees, and its spaCy implementation.

Attribution works on `Tok` records (text, lemma, POS, gender/number, head, dependency,
character offsets in the *document*, entity label), never on a library's own objects, so a
second backend only has to produce the same records. Only the sentences attribution needs
are parsed (`parse_pieces`), batched through `nlp.pipe`: a document without quotation
marks is never parsed at all.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

DEFAULT_MODEL = "fr_core_news_sm"
MODEL_ENV = "QUOTES_MODEL"  # the spaCy model when no --model / use_model() says otherwise
SPACY_MODELS_VERSION = "3.8.0"  # the pipeline packages that match spaCy 3.8
# Longest piece handed to the parser. A "sentence" longer than this (a flattened table, a
# text without punctuation) is parsed on its first MAX_PARSE_CHARS characters only.
MAX_PARSE_CHARS = 100_000
PIPE_BATCH = 256  # sentences per nlp.pipe batch
# What the parser sees in place of elided words: a token it reads as a whole clause's
# stand-in, with no letters a rule could take for a word.
PLACEHOLDER = "…"


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


_model: dict[str, str | None] = {"current": None}


def use_model(name: str | None) -> None:
    """Set the spaCy model later parses of this process use (None: back to $QUOTES_MODEL,
    else DEFAULT_MODEL). The pipeline reads it through `current_model`, the way the
    device is set with `quotes.backends.use_device`; `--jobs` workers get it in
    `quotes.runner.Options`."""
    _model["current"] = name or None


@contextlib.contextmanager
def model_in_use(name: str | None) -> Iterator[None]:
    """`use_model(name)` for the duration of a block (None: leave the setting alone), so an
    API call's `model=` does not outlive the call."""
    if name is None:
        yield
        return
    before = _model["current"]
    _model["current"] = name
    try:
        yield
    finally:
        _model["current"] = before


def current_model() -> str:
    """The spaCy model parses use: `use_model`'s, else $QUOTES_MODEL, else DEFAULT_MODEL."""
    return _model["current"] or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def install_hint(model: str) -> str:
    return f"pip install {model}=={SPACY_MODELS_VERSION}"


def installed_models(lang: str = "fr") -> list[str]:
    """The installed spaCy pipeline packages of a language (e.g. fr_core_news_sm), sorted."""
    from spacy.util import get_installed_models

    return sorted(m for m in get_installed_models() if m.startswith(f"{lang}_"))


def check_model(model: str | None = None) -> str:
    """The model `model` stands for (None: `current_model()`), made sure to be installed
    before a run starts: raises ModelNotAvailable naming the pip command. Never downloads;
    a directory holding a saved pipeline is accepted as is."""
    import importlib.util

    name = model or current_model()
    if os.path.isdir(name):
        return name
    try:
        found = name.isidentifier() and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        have = ", ".join(installed_models()) or "none"
        raise ModelNotAvailable(
            f"spaCy model {name!r} is not installed (installed French models: {have}); "
            f"install it with: {install_hint(name)}"
        )
    return name


@functools.cache
def get_nlp(model: str = DEFAULT_MODEL):  # type: ignore[no-untyped-def]
    """Load a spaCy pipeline once per process, its layers on the matrix multiply
    `quotes.matmul` chooses, the French tokenizer's big regex from `quotes.compiled_regex`."""
    from quotes.compiled_regex import cached_compiles
    from quotes.matmul import model_ops

    try:
        import spacy

        with model_ops(), cached_compiles():
            nlp = spacy.load(model)
    except OSError as err:
        raise ModelNotAvailable(
            f"spaCy model {model!r} is not installed; run: {install_hint(model)}"
        ) from err
    split_inverted_clitics(nlp)
    return nlp


@functools.cache
def skipped_pipes(nlp) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Components `_pipe` never runs: an attribute ruler that only copies each POS to the
    TAG (which no rule reads) and marks whitespace tokens, which `_convert` does itself.
    In the French models that ruler is a Matcher pass over every token: 7% of a parse."""
    if "attribute_ruler" not in nlp.pipe_names:
        return ()
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        tokens, attrs = [t for p in pattern["patterns"] for t in p], pattern["attrs"]
        if len(tokens) != 1:
            return ()
        match = tokens[0]
        copies_pos = set(match) == {"POS"} and attrs == {"TAG": match["POS"]}
        if not copies_pos and not (match.get("POS") == "SPACE" or "IS_SPACE" in match):
            return ()
    return ("attribute_ruler",)


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
_MORPH: dict[int, tuple[str, str, str]] = {}  # morph hash -> (gender, number, verb form)
_NEGATIVE = 1 << 63  # heads are signed offsets in spaCy's unsigned arrays


def _morph(strings, key: int) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """(gender, number, verb form) of a morphology hash; the model has a few hundred."""
    found = _MORPH.get(key)
    if found is None:
        feats = dict(f.split("=", 1) for f in strings[key].split("|") if "=" in f)
        found = (
            _GENDER.get(feats.get("Gender", "").split(",")[0], ""),
            _NUMBER.get(feats.get("Number", "").split(",")[0], ""),
            feats.get("VerbForm", "").split(",")[0].lower(),
        )
        _MORPH[key] = found
    return found


def _convert(doc, offset: int, original: str, cuts: Sequence[Cut] = ()) -> list[Tok]:  # type: ignore[no-untyped-def]
    """Tok records of a parsed piece; `cuts` map the parsed form back to `original`.

    Reads the doc as one array of hashes (spaCy's `to_array`) rather than token by
    token: on a corpus run this conversion costs a fifth of the parse otherwise.
    """
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, MORPH, POS

    ents = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ents[i] = ent.label_
    strings = doc.vocab.strings
    rows = doc.to_array([IDX, LENGTH, HEAD, POS, DEP, LEMMA, MORPH, IS_SPACE]).tolist()
    toks = []
    for i, (idx, length, head, pos, dep, lemma, morph, space) in enumerate(rows):
        start, end = original_range(idx, idx + length, cuts)
        gender, number, form = _morph(strings, morph)
        tag, relation = strings[pos], strings[dep].lower()
        if space or tag == "SPACE":  # what the skipped attribute ruler did (skipped_pipes)
            tag, relation = ("SPACE", "dep") if space else ("X", relation)
            gender = number = form = ""
        toks.append(
            Tok(
                i=i,
                text=original[start:end],
                lemma=strings[lemma].lower(),
                pos=tag,
                dep=relation,
                head=i + (head - (1 << 64) if head >= _NEGATIVE else head),
                start=offset + start,
                end=offset + end,
                ent=ents.get(i, ""),
                gender=gender,
                number=number,
                form=form,
            )
        )
    return toks


@dataclass(frozen=True, slots=True)
class Cut:
    """A range of the original piece replaced by PLACEHOLDER at `at` in the parsed form."""

    at: int
    start: int
    end: int


def original_range(a: int, b: int, cuts: Sequence[Cut]) -> tuple[int, int]:
    """The original (start, end) of the parsed form's [a, b)."""
    shift = 0
    for c in cuts:
        if a >= c.at + len(PLACEHOLDER):
            shift = c.end - c.at - len(PLACEHOLDER)
        elif b > c.at:  # the placeholder itself stands for the elided words
            return c.start, c.end
        else:
            break
    return a + shift, b + shift


def parse_form(piece: str, offset: int, elide: Sequence[tuple[int, int]]) -> tuple[str, list[Cut]]:
    """The text handed to the parser: `piece` with each elided (document) range replaced
    by PLACEHOLDER, and the cuts that map it back."""
    parts: list[str] = []
    cuts: list[Cut] = []
    pos = length = 0
    for lo, hi in elide:
        lo, hi = lo - offset, hi - offset
        if lo < pos or hi > len(piece) or hi <= lo:
            continue  # overlapping or outside the (possibly truncated) piece: keep the words
        parts.append(piece[pos:lo])
        length += lo - pos
        cuts.append(Cut(length, lo, hi))
        parts.append(PLACEHOLDER)
        length += len(PLACEHOLDER)
        pos = hi
    parts.append(piece[pos:])
    return "".join(parts).translate(PARSE_FORM), cuts


def parse_sentences(
    text: str, ranges: Sequence[tuple[int, int]], model: str | None = None
) -> list[list[Tok]]:
    """Parse each (start, end) slice of `text` as one unit; offsets map back to `text`."""
    return parse_pieces([(text, r) for r in ranges], model)


def parse_pieces(
    pieces: Sequence[tuple[str, tuple[int, int]]],
    model: str | None = None,
    elide: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[list[Tok]]:
    """Parse (text, (start, end)) slices, possibly of several documents, in one batched
    `nlp.pipe` call; each slice's offsets map back to its own text.

    `elide`, one list per piece, gives (start, end) ranges of the text the parser sees as
    one PLACEHOLDER token (the words of long quotes, see `quotes.windows`); that token
    gets the range's offsets. `model` defaults to `current_model()`.
    """
    nlp = get_nlp(model or current_model())
    prepared = prepare_pieces(pieces, elide)
    docs = _pipe(nlp, [p.form for p in prepared])
    return [
        _convert(doc, p.offset, p.original, p.cuts) for doc, p in zip(docs, prepared, strict=True)
    ]


def _pipe(nlp, forms: list[str]) -> list:  # type: ignore[no-untyped-def]
    """The docs of `forms`, in order; forms that cannot name anyone skip the entity
    recognizer (`quotes.windows.may_name_someone`)."""
    from quotes.windows import may_name_someone

    stop = _function_words(nlp.lang)
    named = [may_name_someone(f, stop) for f in forms]
    always = list(skipped_pipes(nlp))
    skip = [*always, "ner"] if "ner" in nlp.pipe_names else always
    with_ner = nlp.pipe(
        [f for f, n in zip(forms, named, strict=True) if n], batch_size=PIPE_BATCH, disable=always
    )
    without = nlp.pipe(
        [f for f, n in zip(forms, named, strict=True) if not n], batch_size=PIPE_BATCH, disable=skip
    )
    return [next(with_ner) if n else next(without) for n in named]


@functools.cache
def _function_words(lang: str) -> frozenset[str]:
    """The language's stop words (spaCy's list), lower case."""
    from spacy.util import get_lang_class

    return frozenset(w.lower() for w in get_lang_class(lang).Defaults.stop_words)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A piece as a backend gets it: `form` to parse, the `original` slice it stands for
    (at document offset `offset`) and the `cuts` that map the form back to it."""

    offset: int
    original: str
    form: str
    cuts: list[Cut]


def prepare_pieces(
    pieces: Sequence[tuple[str, tuple[int, int]]],
    elide: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[Prepared]:
    """What every backend parses for (text, (start, end)) slices: at most MAX_PARSE_CHARS
    of each, in parse form, elided ranges replaced by PLACEHOLDER."""
    ranges = elide if elide is not None else [()] * len(pieces)
    out = []
    for (text, (start, end)), r in zip(pieces, ranges, strict=True):
        original = text[start : min(end, start + MAX_PARSE_CHARS)]
        form, cuts = parse_form(original, start, r)
        out.append(Prepared(start, original, form, cuts))
    return out
