"""Whole-pipeline fuzzing (reliability issue): random text mixing every quote mark,
apostrophes, no-break spaces, newlines and CRLF goes through scanning, parsing,
attribution and the CSV writer. Invariants: no exception, offsets slice back, quotes do
not overlap, the same run twice gives the same rows, and the batched path agrees."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.io.writers import open_writer, quote_row
from quotes.model import Document
from quotes.pipeline import extract_document, extract_documents

MARKS = ["«", "»", "“", "”", "„", "‟", '"', "‹", "›", "‘", "’", "‚", "'", "«\u00a0", "\u202f»"]
SPACES = [" ", "\u00a0", "\u202f", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r"]
WORDS = [
    "Nous restons",
    " a déclaré Anne Roy",
    ", dit-elle",
    " selon le maire",
    "Il a ajouté : ",
    "aujourd’hui",
    "l'usine",
    "—",
    "-",
    ".",
    ",",
    "…",
    "=SOMME(A1)",
    "Paul Vidal",
]
TEXT = st.lists(st.sampled_from(MARKS + SPACES + WORDS), max_size=50).map("".join)


def check_rows(text: str, rows: list) -> None:
    last_end = -1
    for q in sorted(rows, key=lambda q: q.start):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.quote
        assert q.start >= last_end, "two quotes overlap"
        last_end = q.end
        assert q.quote in q.context and 0.0 <= q.confidence <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.booleans())
def test_random_text_through_the_whole_pipeline(text: str, fast: bool) -> None:
    doc = Document("f", text)
    rows = extract_document(doc, include_terms=True, fast=fast)
    check_rows(text, rows)
    assert extract_document(doc, include_terms=True, fast=fast) == rows  # deterministic
    (batched,) = extract_documents([doc], include_terms=True, fast=fast)
    assert batched == rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_rows_survive_the_csv_writer(tmp_path_factory, text: str) -> None:
    rows = extract_document(Document("f", text), include_terms=True)
    out: Path = tmp_path_factory.mktemp("csv") / "o.csv"
    with open_writer(str(out), "csv", raw_csv=True) as w:
        w.write([quote_row(q) for q in rows])
    with out.open(newline="", encoding="utf-8") as f:
        back = list(csv.DictReader(f))
    assert [r["quote"] for r in back] == [q.quote for q in rows]
    assert [int(r["start"]) for r in back] == [q.start for q in rows]


EN_WORDS = [
    "We will not go back",
    " said Jane Roe",
    ", she said",
    " according to police",
    "Mr. Smith said: ",
    "the 45-year-old",
    "Aug.",
    "isn't",
    "told CBC News",
    ".",
    ",",
    "Tom Lee and Ann Roe",
]
EN_TEXT = st.lists(st.sampled_from(MARKS + SPACES + EN_WORDS), max_size=50).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EN_TEXT)
def test_random_text_through_the_english_pipeline(text: str) -> None:
    doc = Document("e", text)
    rows = extract_document(doc, include_terms=True, lang="en")
    check_rows(text, rows)
    assert all(q.lang == "en" for q in rows)
    assert extract_document(doc, include_terms=True, lang="en") == rows  # deterministic
    (batched,) = extract_documents([doc], include_terms=True, lang="en")
    assert batched == rows
