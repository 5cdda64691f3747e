"""Tests for quotes.frame.extract_frame: inputs accepted, pass-through columns, bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from quotes import pipeline
from quotes.frame import extract_frame
from quotes.model import Document, Quote

TEXTS = [
    "Le ministre a déclaré : « Nous tiendrons nos engagements. »",
    "Aucune citation ici, seulement un constat.",
    "« C'est une bonne nouvelle », a réagi la maire. Elle a ajouté : « Merci à tous. »",
]
_PAIR = re.compile(r"«\s*(.+?)\s*»")


def fake_extract(
    doc: Document,
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "",
    attribution: str | None = None,
    weights: str | None = None,
    lang: str | None = None,
) -> list[Quote]:
    """A deterministic stand-in for the extractor: every « » pair, no speaker."""
    return [
        Quote(
            doc.doc_id, m.group(1), None, None, None, "direct", m.start(1), m.end(1), m.group(0), 0
        )
        for m in _PAIR.finditer(doc.text)
    ]


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_document", fake_extract)


@pytest.fixture(scope="session")
def real_extractor():
    """The real extractor, warmed once for the session (the model loads lazily)."""
    pipeline.extract_document(Document("warm-up", "Il a dit : « Bonjour. »"))
    return pipeline.extract_document


def test_dataframe_passes_other_columns_through(fake):
    df = pd.DataFrame(
        {
            "text": TEXTS,
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "source": ["AFP", "Reuters", "Ouest"],
        },
        index=[10, 11, 12],
    )
    out = extract_frame(df)
    assert list(out.columns) == [*Quote.columns(), "date", "source"]
    assert out["doc_id"].tolist() == ["10", "12", "12"]
    assert out["source"].tolist() == ["AFP", "Ouest", "Ouest"]
    assert out["date"].dtype == df["date"].dtype
    assert out["quote"].tolist()[0] == "Nous tiendrons nos engagements."


def test_id_col_gives_ids_and_is_not_repeated(fake):
    df = pd.DataFrame({"uid": ["a", "b", "c"], "corps": TEXTS, "start": ["x", "y", "z"]})
    out = extract_frame(df, text_col="corps", id_col="uid")
    assert out["doc_id"].tolist() == ["a", "c", "c"]
    assert "uid" not in out.columns and "corps" not in out.columns
    assert out["input_start"].tolist() == ["x", "z", "z"]  # clash with Quote.start renamed
    assert out["start"].dtype == "int64"


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (TEXTS, ["0", "2", "2"]),
        ({"un": TEXTS[0], "trois": TEXTS[2]}, ["un", "trois", "trois"]),
        (pd.Series(TEXTS, index=["s1", "s2", "s3"]), ["s1", "s3", "s3"]),
    ],
)
def test_list_dict_and_series_inputs(fake, data, ids):
    out = extract_frame(data)
    assert out["doc_id"].tolist() == ids
    assert list(out.columns) == Quote.columns()


def test_empty_result_still_has_all_columns(fake):
    df = pd.DataFrame({"text": ["Pas de citation."], "url": ["http://exemple.fr"]})
    out = extract_frame(df)
    assert out.empty and list(out.columns) == [*Quote.columns(), "url"]
    assert out["start"].dtype == "int64" and out["recovered"].dtype == "bool"
    assert list(extract_frame([]).columns) == Quote.columns()


def test_missing_text_column_is_a_clear_error(fake):
    df = pd.DataFrame({"contenu": TEXTS})
    with pytest.raises(ValueError, match=r"text column 'text' not found.*contenu.*text_col"):
        extract_frame(df)
    with pytest.raises(ValueError, match="id column 'ident' not found"):
        extract_frame(df, text_col="contenu", id_col="ident")


def test_bad_data_types(fake):
    with pytest.raises(TypeError, match="wrap a single text in a list"):
        extract_frame(TEXTS[0])
    with pytest.raises(TypeError, match="DataFrame, Series"):
        extract_frame(42)
    with pytest.raises(ValueError, match="id_col only applies"):
        extract_frame(TEXTS, id_col="id")


def test_non_string_rows_are_skipped_with_a_warning(fake):
    df = pd.DataFrame({"text": [TEXTS[0], None, float("nan"), 12, TEXTS[2]]})
    with pytest.warns(UserWarning, match=r"skipped 3 row\(s\).*ids 1, 2, 3"):
        out = extract_frame(df)
    assert out["doc_id"].tolist() == ["0", "4", "4"]


def test_extractor_failure_on_one_row_keeps_the_others(monkeypatch):
    def flaky(
        doc: Document,
        *,
        include_terms: bool = False,
        min_confidence: float = 0.0,
        backend: str = "",
        attribution: str | None = None,
        weights: str | None = None,
        lang: str | None = None,
    ) -> list[Quote]:
        if "maire" in doc.text:
            raise RuntimeError("analyse impossible")
        return fake_extract(doc)

    monkeypatch.setattr(pipeline, "extract_document", flaky)
    with pytest.warns(UserWarning, match="extraction failed: ids 2 .*analyse impossible"):
        out = extract_frame(TEXTS)
    assert out["doc_id"].tolist() == ["0"]


def test_meta_reaches_the_extractor(monkeypatch):
    seen: list[dict] = []

    def spy(
        doc: Document,
        *,
        include_terms: bool = False,
        min_confidence: float = 0.0,
        backend: str = "",
        attribution: str | None = None,
        weights: str | None = None,
        lang: str | None = None,
    ) -> list[Quote]:
        seen.append(doc.meta)
        return []

    monkeypatch.setattr(pipeline, "extract_document", spy)
    extract_frame(pd.DataFrame({"text": ["x"], "date": ["2024-06-01"]}))
    assert seen == [{"date": "2024-06-01"}]


def test_real_extractor_finds_guillemets_and_offsets_slice_back(real_extractor):
    df = pd.DataFrame({"text": TEXTS, "source": ["a", "b", "c"]})
    out = extract_frame(df)
    assert "Nous tiendrons nos engagements." in out["quote"].tolist()
    for _, row in out.iterrows():
        text = TEXTS[int(row["doc_id"])]
        assert text[row["start"] : row["end"]] == row["quote"]
    assert set(out["source"]) <= {"a", "b", "c"}
