"""Tests for quotes.pipeline.extract_document: the output schema and its invariants.

- every Quote carries all `Quote.columns()`, in order;
- `text[start:end] == quote`, and `context` is a slice of the text holding the quote;
- `paragraph` counts paragraphs from 0;
- a document without quotation marks never reaches the parser;
- on arbitrary text mixing marks, letters and line breaks, nothing raises.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotes.pipeline as pipeline
from quotes.model import KINDS, Document, Quote
from quotes.pipeline import extract_document
from quotes.scanner import paragraph_bounds

THREE_PARAGRAPHS = (
    "La ministre de la Santé, Hélène Garnier, était à Lormière mardi. "
    "« Nous allons recruter », a-t-elle déclaré.\n"
    "Le maire, Luc Perrin, a salué « une annonce historique pour la région ».\n"
    "« Rien n’est encore signé », a nuancé Marc Petit, délégué syndical. "
    "« Nous resterons vigilants. »"
)
MIXED_MARKS = (
    "« Nous resterons ici jusqu’au bout », a déclaré Marc Petit. "
    "“Le préfet doit venir”, a ajouté Sophie Lambert. "
    'Selon Paul Roux, "la grève peut durer des semaines".'
)
NO_SPACE_MARKS = "«Pas d’annonce avant lundi», a dit Marc Petit."
UNCLOSED = "« Nous ne partirons pas, a-t-il dit. Paul Garnier est resté."
WITH_TERMS = (
    "Les « gilets rouges » ont défilé. Les « gilets rouges » étaient nombreux. "
    "« Nous reviendrons samedi », a lancé Marc Petit."
)
NO_MARKS = (
    "Le conseil municipal s’est réuni lundi.\n"
    "L’État n’a pas répondu aux élus, qui attendent une décision d’ici l’été."
)

DOCS = [THREE_PARAGRAPHS, MIXED_MARKS, NO_SPACE_MARKS, UNCLOSED, WITH_TERMS]


@functools.cache
def extract(text: str, include_terms: bool = False) -> tuple[Quote, ...]:
    return tuple(extract_document(Document("doc-1", text), include_terms=include_terms))


def all_outputs() -> list[tuple[str, Quote]]:
    return [(t, q) for t in DOCS for terms in (False, True) for q in extract(t, terms)]


def test_every_quote_has_all_columns_in_order():
    """Schema: as_dict() has exactly Quote.columns(), in order, with the documented types."""
    columns = Quote.columns()
    assert columns == [
        "doc_id",
        "quote",
        "speaker",
        "speaker_mention",
        "cue",
        "kind",
        "start",
        "end",
        "context",
        "paragraph",
        "recovered",
        "speaker_role",
        "speaker_gender",
        "confidence",
        "lang",
    ]
    found = all_outputs()
    assert found
    for _, q in found:
        row = q.as_dict()
        assert list(row) == columns
        assert q.doc_id == "doc-1"
        assert isinstance(q.quote, str) and isinstance(q.context, str)
        assert q.kind in KINDS
        assert all(v is None or isinstance(v, str) for v in (q.speaker, q.speaker_mention, q.cue))
        assert isinstance(q.start, int) and isinstance(q.end, int)
        assert isinstance(q.paragraph, int) and isinstance(q.recovered, bool)
        assert q.speaker_role is None or isinstance(q.speaker_role, str)
        assert q.speaker_gender in ("female", "male", "unknown")
        assert 0.0 <= q.confidence <= 1.0


@pytest.mark.parametrize("text", DOCS, ids=["paragraphs", "marks", "no_space", "unclosed", "terms"])
def test_offsets_slice_back_and_context_holds_quote(text):
    """Schema: text[start:end] == quote; context is a slice of the text containing the quote."""
    found = extract(text, True)
    assert found
    for q in found:
        assert text[q.start : q.end] == q.quote
        assert q.quote and q.quote == q.quote.strip()
        assert q.context in text
        assert q.quote in q.context
        c = text.index(q.context)
        assert c <= q.start and q.end <= c + len(q.context)


@pytest.mark.parametrize("text", DOCS, ids=["paragraphs", "marks", "no_space", "unclosed", "terms"])
def test_quotes_in_text_order(text):
    """Schema: quotes come out in document order."""
    starts = [q.start for q in extract(text, True)]
    assert starts == sorted(starts)


def test_paragraph_index_in_three_paragraph_document():
    """Schema: paragraph counts line-separated paragraphs from 0."""
    found = extract(THREE_PARAGRAPHS)
    assert [(q.quote, q.paragraph) for q in found] == [
        ("Nous allons recruter", 0),
        ("une annonce historique pour la région", 1),
        ("Rien n’est encore signé", 2),
        ("Nous resterons vigilants.", 2),
    ]
    assert [q.speaker for q in found] == [
        "Hélène Garnier",
        "Luc Perrin",
        "Marc Petit",
        "Marc Petit",
    ]
    assert [q.kind for q in found] == ["direct", "partial", "direct", "direct"]


def test_context_is_the_quote_sentence():
    """Schema: context is the sentence of the quote, incise included."""
    q = extract(THREE_PARAGRAPHS)[0]
    assert q.context == "« Nous allons recruter », a-t-elle déclaré."


def test_carried_quote_context_includes_previous_sentence():
    """Schema: a quote carried from the previous quote shows that sentence in its context."""
    q = extract(THREE_PARAGRAPHS)[3]
    assert q.speaker_mention is None
    assert q.context == (
        "« Rien n’est encore signé », a nuancé Marc Petit, délégué syndical. "
        "« Nous resterons vigilants. »"
    )


def test_three_mark_styles():
    """Schema: « », “ ” and straight quotes all give quotes, content without marks."""
    found = extract(MIXED_MARKS)
    assert [(q.quote, q.speaker) for q in found] == [
        ("Nous resterons ici jusqu’au bout", "Marc Petit"),
        ("Le préfet doit venir", "Sophie Lambert"),
        ("la grève peut durer des semaines", "Paul Roux"),
    ]


def test_unclosed_quote_is_recovered():
    """Schema: a quote whose closing mark is missing ends at its incise, flagged recovered."""
    (q,) = extract(UNCLOSED)
    assert q.quote == "Nous ne partirons pas"
    assert q.recovered is True
    assert UNCLOSED[q.start : q.end] == q.quote
    assert not any(p.recovered for p in extract(THREE_PARAGRAPHS))


def test_include_terms_adds_terms_only():
    """include_terms: the same quotes plus the terms (kind "term"), in text order."""
    base = extract(WITH_TERMS)
    full = extract(WITH_TERMS, True)
    assert [q.quote for q in base] == ["Nous reviendrons samedi"]
    assert [(q.quote, q.kind) for q in full] == [
        ("gilets rouges", "term"),
        ("gilets rouges", "term"),
        ("Nous reviendrons samedi", "direct"),
    ]
    assert full[2] == base[0]


def test_no_quotation_marks_never_parses(monkeypatch):
    """Cost: a document without quote marks returns [] without calling the parser."""
    calls: list[object] = []

    def boom(*args, **kwargs):
        calls.append(args)
        raise AssertionError("the parser must not be called")

    monkeypatch.setattr(pipeline, "parse_pieces", boom)
    assert extract_document(Document("d", NO_MARKS)) == []
    assert extract_document(Document("d", NO_MARKS), include_terms=True) == []
    assert extract_document(Document("d", "")) == []
    assert calls == []


def test_empty_marks_give_no_quote(monkeypatch):
    """Cost: empty « » pairs are no quotes and need no parse."""
    monkeypatch.setattr(pipeline, "parse_pieces", lambda *a, **k: pytest.fail("parsed"))
    assert extract_document(Document("d", "Il a dit « » puis “ ”.")) == []


# Pieces a random document is built from: marks of every style, apostrophes, words that
# trigger rules (incises, pronouns, names, "selon"), punctuation and paragraph breaks.
PIECES = [
    "«",
    "»",
    "“",
    "”",
    "„",
    '"',
    "’",
    "'",
    " ",
    "\u00a0",
    "\n",
    "\n\n",
    "   ",
    ".",
    ",",
    ":",
    "!",
    "?",
    "…",
    "-",
    "a",
    "é",
    "Le ",
    "la ministre ",
    "Paul Garnier",
    "Hélène",
    " il ",
    "elle ",
    "a déclaré ",
    "dit-il",
    "a-t-elle ajouté",
    "selon ",
    "que ",
    "27",
    "Nous",
    "« Nous restons ici »",
    "“Jamais”",
    '"Non, pas ça"',
]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.booleans())
def test_random_text_never_raises_and_slices_back(text, include_terms):
    """Property: extract_document never raises; each quote slices back and sits in context."""
    found = extract_document(Document("r", text), include_terms=include_terms)
    for q in found:
        assert text[q.start : q.end] == q.quote
        assert q.quote
        assert q.quote in q.context and q.context in text
        assert q.kind in KINDS
        bounds = paragraph_bounds(text)
        assert 0 <= q.paragraph < len(bounds)
        assert bounds[q.paragraph][0] <= q.start
        assert q.speaker is None or q.speaker.strip() == q.speaker != ""


def test_batched_extraction_equals_one_by_one() -> None:
    """pipeline.extract_documents: one batched parse for several documents gives each the
    quotes `extract_document` gives it alone (documents without marks included)."""
    from quotes.pipeline import extract_documents

    texts = [
        "« Nous resterons », a déclaré Anne Roy. Elle a ajouté : « Rien n'est joué. »",
        "Aucune citation ici.",
        "Le maire, Paul Vidal, a parlé. « Le port vivra », a-t-il promis.",
    ]
    docs = [Document(str(i), t) for i, t in enumerate(texts)]
    assert extract_documents(docs) == [extract_document(d) for d in docs]


def test_batched_extraction_isolates_a_document_that_breaks_the_parse(monkeypatch) -> None:
    """pipeline.extract_documents: when the batched parse fails, each document is retried
    alone, so only the one that fails reports an exception."""
    from quotes.pipeline import extract_documents

    real = pipeline.parse_pieces

    def fragile(pieces, model, elide=None):  # type: ignore[no-untyped-def]
        if any("piège" in text[a:b] for text, (a, b) in pieces):
            raise RuntimeError("parser broke")
        return real(pieces, model, elide)

    monkeypatch.setattr(pipeline, "parse_pieces", fragile)
    docs = [
        Document("ok", "« Nous resterons », a déclaré Anne Roy."),
        Document("bad", "« Un piège », a dit Paul Vidal."),
    ]
    good, bad = extract_documents(docs)
    assert [q.speaker for q in good] == ["Anne Roy"]
    assert isinstance(bad, RuntimeError)
