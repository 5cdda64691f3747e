"""`quotes index`, `quotes search`, `quotes speakers` (quotes.index_cli), in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
ARTICLES = [
    {
        "id": "n1",
        "date": "2024-06-03",
        "source": "L'Écho du Val",
        "text": "« L’hôpital de la vallée doit rester ouvert », a déclaré Claire Fontaine, "
        "maire de Sainte-Aube. « Nous irons jusqu'au bout », a-t-elle ajouté.",
    },
    {
        "id": "n2",
        "date": "2024-06-05",
        "source": "Le Réveil",
        "text": "La maire, Claire Fontaine, l'a répété lundi : « L'hôpital de la vallée doit "
        "rester ouvert. » Le préfet Marc Olivier a répondu : « Aucune décision n’est prise. »",
    },
]


def run(*args: str):
    argv = list(args)
    if argv[:1] == ["index"]:
        argv += ["--jobs", "1"]
    return runner.invoke(app, argv)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n")
    return path


@pytest.fixture
def db(tmp_path: Path, corpus: Path) -> Path:
    db = tmp_path / "q.db"
    result = run("index", str(db), str(corpus))
    assert result.exit_code == 0, result.output
    return db


def search_json(db: Path, *args: str) -> list[dict]:
    result = run("search", "--db", str(db), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if result.stdout.strip() else []


def test_index_then_search_with_filters(db: Path) -> None:
    found = search_json(db, "hopital")
    assert {r["doc_id"] for r in found} == {"n1", "n2"}
    assert {r["speaker"] for r in found} == {"Claire Fontaine"}
    assert all(r["match"].count("[hôpital]") == 1 for r in found)
    assert [r["source"] for r in search_json(db, "--speaker", "olivier")] == ["Le Réveil"]
    assert [r["doc_id"] for r in search_json(db, "hopital", "--since", "2024-06-04")] == ["n2"]


def test_distinct_counts_documents_and_first_date(db: Path) -> None:
    (first, *_) = search_json(db, "--distinct")
    assert first["quote"].startswith("L’hôpital de la vallée")
    assert (first["n_docs"], first["first_date"]) == (2, "2024-06-03")


def test_indexing_again_adds_nothing_twice(db: Path, corpus: Path) -> None:
    before = search_json(db, "--limit", "100")
    result = run("index", str(db), str(corpus))
    assert result.exit_code == 0, result.output
    assert len(search_json(db, "--limit", "100")) == len(before) == 4


def test_a_quotes_table_from_extract_indexes_like_the_documents(
    tmp_path: Path, corpus: Path, db: Path
) -> None:
    table = tmp_path / "quotes.csv"
    assert runner.invoke(app, ["extract", str(corpus), "-o", str(table), "-j", "1"]).exit_code == 0
    other = tmp_path / "from_table.db"
    result = run("index", str(other), str(table))
    assert result.exit_code == 0, result.output

    def key(rows: list[dict]) -> list[tuple]:
        return sorted((r["doc_id"], r["start"], r["quote"], r["speaker"], r["date"]) for r in rows)

    assert key(search_json(other, "--limit", "100")) == key(search_json(db, "--limit", "100"))


def test_speakers_command(db: Path) -> None:
    result = run("speakers", "--db", str(db), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "speaker,quotes,documents,first_date,last_date"
    assert lines[1] == "Claire Fontaine,3,2,2024-06-03,2024-06-05"


def test_table_output_on_a_terminal_names_speaker_and_document(db: Path) -> None:
    result = run("search", "--db", str(db), "décision")
    assert result.exit_code == 0
    assert "Aucune" in result.stdout and "Marc Olivier" in result.stdout and "n2" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (['"hôpital de la'], "unbalanced '\"'"),
        (["(hôpital OR maire"], "unbalanced '('"),
        (["hôpital AND"], "AND"),
        (["OR"], "OR"),
        (["hôpital", "--since", "juin"], "YYYY-MM-DD"),
    ],
)
def test_malformed_queries_exit_2_without_traceback(db: Path, args: list[str], message: str):
    result = run("search", "--db", str(db), *args)
    assert result.exit_code == 2
    assert "Error:" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_a_missing_or_foreign_database_is_a_usage_error(tmp_path: Path) -> None:
    result = run("search", "--db", str(tmp_path / "none.db"), "x")
    assert result.exit_code == 2 and "no such index" in result.output
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello " * 1000)
    result = run("index", str(foreign), str(foreign))
    assert result.exit_code == 2 and "not a quote index" in result.output


def test_a_query_too_broad_to_rank_says_so(db: Path, monkeypatch) -> None:
    from quotes.index import plan

    monkeypatch.setattr(plan, "RANKED_ROWS", 0)
    result = run("search", "--db", str(db), "hôpital")
    assert result.exit_code == 0
    assert "most recently indexed" in result.output


def test_unusable_records_are_skipped_reported_and_logged(tmp_path: Path, corpus: Path) -> None:
    """One bad document never stops an index run; --errors-file lists it."""
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(corpus.read_text() + "{not json\n" + json.dumps({"id": "e", "text": ""}) + "\n")
    log = tmp_path / "skipped.csv"
    result = run("index", str(tmp_path / "m.db"), str(bad), "--errors-file", str(log))
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output and "2 skipped" in result.output
    lines = log.read_text().splitlines()
    assert lines[0] == "source,line,doc_id,reason" and len(lines) == 3


def test_an_index_in_a_missing_folder_is_a_usage_error(tmp_path: Path, corpus: Path) -> None:
    result = run("index", str(tmp_path / "no" / "such" / "q.db"), str(corpus))
    assert result.exit_code == 2 and "does not exist" in result.output


def test_a_mixed_corpus_is_searched_by_language(tmp_path: Path, corpus: Path) -> None:
    """Each quote keeps the language it was read in (`lang`); `--lang` keeps one."""
    english = {
        "id": "e1",
        "date": "2024-06-06",
        "source": "The Valley Post",
        "text": '"The hospital must stay open," said Mayor Claire Fontaine on Monday.',
    }
    with corpus.open("a") as f:
        f.write(json.dumps(english) + "\n")
    db = tmp_path / "mixed.db"
    assert run("index", str(db), str(corpus)).exit_code == 0
    found = search_json(db, "hospital OR hopital")
    assert {(r["doc_id"], r["lang"]) for r in found} == {("n1", "fr"), ("n2", "fr"), ("e1", "en")}
    assert [r["doc_id"] for r in search_json(db, "hospital OR hopital", "--lang", "en")] == ["e1"]
    speakers = run("speakers", "--db", str(db), "--lang", "en", "--format", "json")
    assert [r["speaker"] for r in json.loads(speakers.stdout)] == ["Claire Fontaine"]
    bad = run("search", "--db", str(db), "--lang", "de")
    assert bad.exit_code == 2 and "expected one of fr, en" in bad.output
    assert "Traceback" not in bad.output
