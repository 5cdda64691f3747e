"""Tests for `quotes eval` on a throwaway Typer app, with a fake extractor (fast, stable)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from quotes import pipeline
from quotes.eval_cli import register
from quotes.model import Document, Quote

TEXTS = {
    "a": "La juge a tranché : « La demande est rejetée. » Le « dossier » reste ouvert.",
    "b": "Le coach a promis « une saison meilleure », selon lui.",
}


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Throwaway root so `eval` is a sub-command, as in quotes/cli.py."""

    register(app)
    return app


def gold_line(doc_id: str, quote: str, speaker: str | None) -> str:
    text = TEXTS[doc_id]
    s = text.index(quote)
    return json.dumps(
        {
            "id": doc_id,
            "text": text,
            "quotes": [
                {
                    "start": s,
                    "end": s + len(quote),
                    "text": quote,
                    "kind": "direct",
                    "speaker": speaker,
                    "mention": None,
                    "cue": None,
                    "ambiguous": False,
                }
            ],
            "nonquotes": [],
        },
        ensure_ascii=False,
    )


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text(
        gold_line("a", "La demande est rejetée.", "la juge")
        + "\n"
        + gold_line("b", "une saison meilleure", "le coach")
        + "\n",
        encoding="utf-8",
    )
    return p


def fake_extract(
    doc: Document,
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "spacy",
    attribution: str | None = None,
    weights: str | None = None,
    lang: str | None = None,
) -> list[Quote]:
    """Finds the first quote of each test text exactly, with the right speaker for "a"."""
    first = {"a": ("La demande est rejetée.", "La juge"), "b": ("une saison meilleure", None)}
    quote, speaker = first[doc.doc_id]
    s = doc.text.index(quote)
    return [Quote(doc.doc_id, quote, speaker, None, None, "direct", s, s + len(quote), "", 0)]


def test_json_output(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_document", fake_extract)
    result = CliRunner().invoke(make_app(), ["eval", str(gold), "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["spans"]["at30"]["f1"] == 1.0
    assert data["end_to_end"]["matched"] == 1
    assert data["speaker"]["lenient"] == 0.5
    assert "errors" not in data
    with_errors = CliRunner().invoke(make_app(), ["eval", str(gold), "--json", "-q", "--errors"])
    assert json.loads(with_errors.stdout)["error_counts"] == {"missing speaker": 1}


def test_table_and_errors(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_document", fake_extract)
    result = CliRunner().invoke(make_app(), ["eval", str(gold), "--errors", "--quiet"])
    assert result.exit_code == 0
    out = result.stdout
    assert "spans @30%" in out and "end-to-end @30%" in out
    assert out.index("spans @30%") < out.index("== missing speaker (1)")
    assert result.stderr == ""  # --quiet: no progress bar


def test_bad_gold_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "abc"}\n', encoding="utf-8")
    result = CliRunner().invoke(make_app(), ["eval", str(bad), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bad.jsonl:1: missing field quotes" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    missing = CliRunner().invoke(make_app(), ["eval", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2
    assert "no such gold file" in missing.stderr


def test_failing_document_is_reported_and_others_scored(
    gold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flaky(doc: Document, **options: object) -> list[Quote]:
        if doc.doc_id == "b":
            raise RuntimeError("boom")
        return fake_extract(doc)

    monkeypatch.setattr(pipeline, "extract_document", flaky)
    result = CliRunner().invoke(make_app(), ["eval", str(gold), "--json", "--quiet"])
    assert result.exit_code == 0
    assert "extraction failed on b: RuntimeError: boom" in result.stderr
    assert "1 of 2 documents failed" in result.stderr
    data = json.loads(result.stdout)
    assert data["failed_docs"] == ["b"]
    assert data["spans"]["at30"]["recall"] == 0.5


def test_progress_bar_goes_to_stderr(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_document", fake_extract)
    result = CliRunner().invoke(make_app(), ["eval", str(gold), "--json"])
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout stays pure JSON


def test_help_has_example() -> None:
    result = CliRunner().invoke(make_app(), ["eval", "--help"])
    assert result.exit_code == 0
    assert "quotes eval" in result.stdout and "--errors" in result.stdout
