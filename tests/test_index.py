"""The quote index (quotes.index): storing, grouping, searching, filtering. Indexes are
built from rows as `quotes extract` writes them, so these tests need no NLP model."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from quotes.index.fts_query import QueryError
from quotes.index.normalise import is_alias, normalise, same_quote
from quotes.index.search import search, speakers
from quotes.index.store import NotAnIndex, Writer, connect


def row(quote: str, speaker: str | None, **extra: object) -> dict[str, object]:
    return {
        "quote": quote,
        "speaker": speaker,
        "speaker_mention": speaker,
        "cue": "a déclaré",
        "kind": "direct",
        "start": 10,
        "end": 10 + len(quote),
        "context": f"« {quote} », a déclaré {speaker}.",
        "confidence": 0.9,
        **extra,
    }


DOCS = {
    "a1": (
        {"date": "2024-03-04", "source": "Le Courrier"},
        [
            row("L’État doit rouvrir la maternité de la vallée", "Emmanuel Macron"),
            row("Nous ne céderons rien sur les retraites", "Sophie Lambert"),
        ],
    ),
    "a2": (
        {"date": "2024-03-06", "source": "La Gazette"},
        [
            row("L'Etat doit rouvrir la maternité de la vallée !", "M. Macron"),
            row("La pauvreté recule enfin dans nos quartiers", "Karim Benali"),
        ],
    ),
    "a3": (
        {"date": "2024-04-10", "source": "Le Courrier"},
        [row("L’État doit rouvrir la maternité de la valée", "Macron")],
    ),
}


def build(path: Path, docs: dict = DOCS) -> Path:
    db = path / "q.db"
    con = connect(db, create=True)
    writer = Writer(con)
    for doc_id, (meta, rows) in docs.items():
        writer.replace_document(doc_id, rows, meta)
    writer.commit()
    con.close()
    return db


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build(tmp_path)


def quotes_of(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["quote"])


def test_search_ignores_accents_and_case(db: Path) -> None:
    """unicode61 remove_diacritics 2: "etat" finds "L’État" and "L'Etat"."""
    assert len(search(db, "etat")) == 3
    assert len(search(db, "ÉTAT MATERNITÉ")) == 3
    assert quotes_of(search(db, "PAUVRETE")) == ["La pauvreté recule enfin dans nos quartiers"]


def test_phrase_and_prefix_queries(db: Path) -> None:
    assert len(search(db, '"rouvrir la maternité"')) == 3
    assert search(db, '"la maternité rouvrir"').empty  # a phrase keeps its word order
    assert quotes_of(search(db, "retrait*")) == ["Nous ne céderons rien sur les retraites"]
    assert len(search(db, "retraites OR pauvreté")) == 2
    assert len(search(db, "rouvrir NOT valée")) == 2


def test_query_words_match_the_quote_not_the_speaker(db: Path) -> None:
    """The speaker names are indexed for --speaker only: a quote *about* Macron, not by."""
    assert search(db, "lambert").empty
    assert search(db, "macron").empty
    assert len(search(db, "maternite", speaker="macron")) == 3


def test_matched_words_are_highlighted(db: Path) -> None:
    (match,) = search(db, "pauvrete")["match"]
    assert match == "La [pauvreté] recule enfin dans nos quartiers"


def test_speaker_filter_matches_aliases(db: Path) -> None:
    """--speaker "macron" finds "Emmanuel Macron", "M. Macron" and "Macron"; a full name
    also finds the shorter forms of the same person."""
    assert len(search(db, speaker="macron")) == 3
    assert len(search(db, speaker="Emmanuel Macron")) == 3
    assert search(db, speaker="Brigitte Macron").empty
    assert set(search(db, "retraites", speaker="lambert")["speaker"]) == {"Sophie Lambert"}


@pytest.mark.parametrize(
    ("query", "speaker", "expected"),
    [
        ("Macron", "Emmanuel Macron", True),
        ("emmanuel macron", "M. Macron", True),
        ("Macron", "Sophie Lambert", False),
        ("Brigitte Macron", "Emmanuel Macron", False),
        ("M.", "Macron", False),  # a title alone names nobody
    ],
)
def test_is_alias(query: str, speaker: str, expected: bool) -> None:
    assert is_alias(query, speaker) is expected


def test_date_filters_are_inclusive_days(db: Path) -> None:
    assert set(search(db, since="2024-03-06")["doc_id"]) == {"a2", "a3"}
    assert set(search(db, until="2024-03-06")["doc_id"]) == {"a1", "a2"}
    assert set(search(db, since="2024-03-05", until="2024-03-06")["doc_id"]) == {"a2"}
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        search(db, since="mars 2024")


def test_source_and_kind_filters(db: Path) -> None:
    assert set(search(db, source="le courrier")["doc_id"]) == {"a1", "a3"}
    assert search(db, kind="partial").empty


def test_same_words_share_a_quote_id_across_documents(db: Path) -> None:
    """Quote marks, accents, punctuation and a typo aside, the three "maternité" quotes
    are one quote: three documents, first quoted on 2024-03-04."""
    found = search(db, "maternite", distinct=True)
    assert len(found) == 1
    assert found.loc[0, "n_docs"] == 3
    assert found.loc[0, "first_date"] == "2024-03-04"
    everything = search(db, distinct=True)
    assert list(everything["n_docs"]) == [3, 1, 1]


def test_normalise_and_same_quote() -> None:
    assert normalise("« L’État,  c’est moi ! »") == "l etat c est moi"
    assert same_quote(normalise("Nous irons jusqu'au bout"), normalise("Nous irons jusqu’au bout."))
    assert not same_quote(normalise("Nous irons jusqu'au bout"), normalise("Nous n'irons pas"))


def test_reindexing_a_document_replaces_its_rows(tmp_path: Path) -> None:
    """Incremental: a new document adds rows; a document indexed again has its rows
    replaced (no duplicates), and the document counts follow."""
    db = build(tmp_path)
    con = connect(db)
    writer = Writer(con)
    writer.replace_document("a3", [row("Une autre phrase, toute neuve", "Macron")], DOCS["a3"][0])
    writer.replace_document("a4", [row("La pauvreté recule enfin dans nos quartiers", "K. Benali")])
    writer.commit()
    con.close()
    assert len(search(db, limit=None)) == 6
    assert search(db, "maternite", distinct=True).loc[0, "n_docs"] == 2
    assert search(db, "pauvrete", distinct=True).loc[0, "n_docs"] == 2
    assert len(search(db, "toute neuve")) == 1


def test_speakers_counts_quotes_and_documents(tmp_path: Path) -> None:
    docs = dict(DOCS)
    docs["a4"] = (
        {"date": "2024-05-01"},
        [row("Deux", "Sophie Lambert"), row("Trois", "Sophie Lambert")],
    )
    db = build(tmp_path, docs)
    found = speakers(db)
    assert found.iloc[0].to_dict() == {
        "speaker": "Sophie Lambert",
        "quotes": 3,
        "documents": 2,
        "first_date": "2024-03-04",
        "last_date": "2024-05-01",
    }
    assert len(found) == 5
    assert list(speakers(db, "pauvrete")["speaker"]) == ["Karim Benali"]
    assert speakers(db, since="2024-04-01")["speaker"].tolist() == ["Sophie Lambert", "Macron"]
    assert speakers(db, speaker="macron")["quotes"].sum() == 3


def test_a_file_that_is_not_an_index_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("not sqlite at all " * 100)
    with pytest.raises(NotAnIndex, match="not a quote index"):
        search(other, "x")
    with pytest.raises(NotAnIndex, match="no such index"):
        search(tmp_path / "missing.db", "x")


def test_highlight_marks_words_as_fts5_matches_them() -> None:
    """highlight: whole words without case or accents, prefixes at word starts only."""
    from quotes.index.highlight import QueryWords, highlight

    words = QueryWords.of('"etat providence" pauvr*')
    marked = highlight("L’État-providence et la pauvreté, non l’impauvrable", words, ("<", ">"))
    assert marked == "L’<État>-<providence> et la <pauvreté>, non l’impauvrable"
