"""Shared helpers of the end-to-end attribution tests (one cached extraction per text)."""

from __future__ import annotations

import functools

from quotes import extract as extract_text
from quotes.attribution.mention import Mention
from quotes.evaluation import speaker_match
from quotes.model import Document, Quote
from quotes.nlp import DEFAULT_MODEL, Tok, parse_pieces
from quotes.pipeline import explain, extract_document

PRONOUNS = {"il", "elle", "ils", "elles", "on"}


@functools.cache
def extract(text: str, include_terms: bool = False) -> tuple[Quote, ...]:
    return tuple(extract_document(Document("t", text), include_terms=include_terms))


def only(text: str) -> Quote:
    """The single quote of `text`."""
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


def only_partial(text: str) -> Quote:
    """The one quote of `text` that is not a term."""
    found = [q for q in extract(text) if q.kind != "term"]
    assert len(found) == 1, found
    return found[0]


def quote_starting(text: str, prefix: str) -> Quote:
    """The quote of `text` whose words start with `prefix`."""
    found = [q for q in extract(text) if q.quote.startswith(prefix)]
    assert len(found) == 1, extract(text)
    return found[0]


def check(
    q: Quote,
    quote: str,
    speaker: str | None,
    mention: str | None,
    cue: str | None,
    kind: str | None = None,
) -> None:
    assert (q.quote, q.speaker, q.speaker_mention, q.cue) == (quote, speaker, mention, cue)
    if kind is not None:
        assert q.kind == kind


def texts_of(namespace: dict[str, object]) -> dict[str, str]:
    """The test documents of a module: its upper-case string constants."""
    return {k: v for k, v in namespace.items() if k.isupper() and isinstance(v, str)}


# --- mentions placed by hand on a text (registry unit tests) ---


def at(
    text: str,
    phrase: str,
    *,
    name: str | None = None,
    gender: str = "",
    number: str = "sg",
    person: bool = False,
    occurrence: int = 0,
) -> Mention:
    """A mention of `phrase` (its `occurrence`-th appearance in `text`)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Mention(start, start + len(phrase), phrase, name, gender, number, person=person)


def pron(text: str, word: str, occurrence: int = 0) -> Mention:
    """A subject pronoun il/elle/ils/elles found in `text` (e.g. inside "a-t-elle")."""
    genders = {"il": ("m", "sg"), "elle": ("f", "sg"), "ils": ("m", "pl"), "elles": ("f", "pl")}
    g, n = genders[word]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return Mention(start, start + len(word), word, None, g, n, pronoun=True)


# --- canonical -----------------------------------------------------------------------------


def toks_of(text: str) -> list[Tok]:
    """The parsed tokens of `text` as one sentence (the default model)."""
    return parse_pieces([(text, (0, len(text)))], DEFAULT_MODEL, [[]])[0]


def speakers(text: str) -> list[str | None]:
    """The speaker of every quote (terms left out) of `text`, in order."""
    return [r["speaker"] for r in explain(text) if r["kind"] != "term"]  # type: ignore[misc]


def last_speaker(text: str) -> str | None:
    """The speaker of the last quote of `text`; fails when there is no quote."""
    got = speakers(text)
    assert got, f"no quote found in {text!r}"
    return got[-1]


def check_last_speaker(text: str, want: str | None) -> None:
    """The last quote's speaker matches `want` as `quotes eval` scores it (strict)."""
    got = last_speaker(text)
    assert speaker_match(want, got, strict=True), f"{text!r}: got {got!r}, want {want!r}"


def english_one(text: str) -> Quote:
    """The only quote of `text`, read as English."""
    found = extract_text(text, lang="en")
    assert len(found) == 1, found
    return found[0]


def english_speakers(text: str) -> list[str | None]:
    """The speakers of `text`'s quotes, read as English."""
    return [q.speaker for q in extract_text(text, lang="en")]
