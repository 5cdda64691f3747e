"""Tests for the `quotes` command line (quotes.cli), run in-process with CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from quotes import pipeline
from quotes.cli import app, summary_line
from quotes.model import Document, Quote

runner = CliRunner()
GOOD = "La directrice a prévenu : « Les travaux dureront deux ans. »"
OTHER = "« Nous serons prêts », a assuré le président du club."


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


pytestmark = pytest.mark.usefixtures("warm_model")


def run(*args: str, stdin: str | bytes | None = None):
    """Invoke the CLI in this process; `extract` runs with --jobs 1 unless a test asks
    otherwise, so monkeypatched steps apply and no worker has to load the model again."""
    argv = list(args)
    if argv[:1] == ["extract"] and not {"-j", "--jobs"} & set(argv):
        argv += ["--jobs", "1"]
    return runner.invoke(app, argv, input=stdin)


def jsonl_rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("quotes ")


def test_help_lists_commands_with_examples():
    result = run("--help")
    assert result.exit_code == 0 and "extract" in result.stdout and "Example" in result.stdout
    sub = run("extract", "--help")
    assert sub.exit_code == 0 and "Example: quotes extract" in sub.stdout


def test_summary_line_wording():
    from collections import Counter

    skips = Counter({"empty": 1, "not valid JSON": 1})
    assert summary_line(12, 57, skips) == (
        "12 documents, 57 quotes, 2 skipped (1 empty, 1 not valid JSON)"
    )
    assert summary_line(1, 1, Counter()) == "1 document, 1 quote, 0 skipped"


def test_extract_txt_to_stdout_csv_with_real_extractor(in_tmp):
    (in_tmp / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run("extract", "a.txt", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    rows = jsonl_rows(result.stdout)
    assert any(r["quote"] == "Les travaux dureront deux ans." for r in rows)
    for r in rows:
        assert r["doc_id"] == "a.txt" and GOOD[r["start"] : r["end"]] == r["quote"]
    assert result.stderr.strip().splitlines()[-1].startswith("1 document, ")


def test_csv_output_file_round_trips(in_tmp):
    (in_tmp / "d.jsonl").write_text(
        json.dumps(
            {"id": "n1", "text": GOOD, "date": "2024-04-02", "url": "http://x"}, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    result = run("extract", "d.jsonl", "-o", "out.csv", "--bom")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(in_tmp / "out.csv", encoding="utf-8-sig")
    assert list(df.columns) == [*Quote.columns(), "date", "url"]
    assert "Les travaux dureront deux ans." in df["quote"].tolist()
    assert set(df["date"]) == {"2024-04-02"} and result.stdout == ""


def test_bad_inputs_are_reported_and_counted(in_tmp):
    (in_tmp / "a.txt").write_text(GOOD, encoding="utf-8")
    (in_tmp / "vide.txt").write_text("  \n", encoding="utf-8")
    (in_tmp / "d.jsonl").write_text(
        json.dumps({"id": "j1", "text": OTHER}) + "\n{pas du json\n", encoding="utf-8"
    )
    result = run("extract", "a.txt", "vide.txt", "d.jsonl", "absent.txt", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert {r["doc_id"] for r in jsonl_rows(result.stdout)} == {"a.txt", "j1"}
    err = result.stderr.splitlines()
    assert "skipped vide.txt: empty" in err
    assert "skipped d.jsonl line 2: not valid JSON" in err
    assert any(line.startswith("skipped absent.txt: cannot read: ") for line in err)
    assert err[-1].startswith("2 documents, ")
    assert err[-1].endswith("3 skipped (1 empty, 1 not valid JSON, 1 cannot read)")
    assert "Traceback" not in result.output


def test_one_failing_document_does_not_stop_the_others(in_tmp, monkeypatch):
    """A document whose extraction raises is skipped; the others of its batch are kept."""
    real = pipeline._rows

    def flaky(doc: Document, *args: object) -> list[Quote]:
        if doc.doc_id == "b.txt":
            raise RuntimeError("analyse\nimpossible")
        return real(doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_rows", flaky)
    for name in ("a.txt", "b.txt", "c.txt"):
        (in_tmp / name).write_text(GOOD, encoding="utf-8")
    result = run("extract", "a.txt", "b.txt", "c.txt", "-o", "out.jsonl")
    assert result.exit_code == 0, result.output
    ids = {r["doc_id"] for r in jsonl_rows((in_tmp / "out.jsonl").read_text("utf-8"))}
    assert ids == {"a.txt", "c.txt"}
    assert "skipped b.txt: error: RuntimeError: analyse impossible" in result.stderr
    assert "(1 error)" in result.stderr


def test_error_on_jsonl_document_names_file_and_line(in_tmp, monkeypatch):
    def boom(text: str, parse_all: bool) -> object:
        raise ValueError("oups")

    monkeypatch.setattr(pipeline, "prepare", boom)
    lines = [json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "b", "text": GOOD})]
    (in_tmp / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", "d.jsonl", "-o", "out.csv")
    assert "skipped d.jsonl line 2 (id b): error: ValueError: oups" in result.stderr.splitlines()
    assert result.exit_code == 1 and not (in_tmp / "out.csv").exists()


def test_nothing_processed_exits_1_and_writes_no_file(in_tmp):
    (in_tmp / "vide.txt").write_text("", encoding="utf-8")
    result = run("extract", "vide.txt", "absent", "-o", "out.csv")
    assert result.exit_code == 1
    assert "0 documents, 0 quotes, 2 skipped" in result.stderr
    assert not (in_tmp / "out.csv").exists() and "Traceback" not in result.output


def test_stdin_input(in_tmp):
    result = run("extract", "-", "--format", "jsonl", stdin=OTHER.encode("cp1252"))
    assert result.exit_code == 0, result.output
    rows = jsonl_rows(result.stdout)
    assert rows and all(r["doc_id"] == "stdin" for r in rows)
    assert any(r["quote"] == "Nous serons prêts" for r in rows)


def test_format_from_extension_and_parquet(in_tmp):
    (in_tmp / "a.txt").write_text(GOOD, encoding="utf-8")
    assert run("extract", "a.txt", "-o", "q.parquet").exit_code == 0
    df = pd.read_parquet(in_tmp / "q.parquet")
    assert list(df.columns) == Quote.columns() and len(df) >= 1
    assert run("extract", "a.txt", "-o", "q.data", "--format", "jsonl").exit_code == 0
    assert jsonl_rows((in_tmp / "q.data").read_text("utf-8"))


def test_custom_fields_and_directory_input(in_tmp):
    (in_tmp / "corpus" / "sub").mkdir(parents=True)
    (in_tmp / "corpus" / "sub" / "d.csv").write_text(
        f'ref;corps;journal\nr1;"{GOOD}";Le Courrier\n', encoding="utf-8"
    )
    result = run(
        "extract", "corpus", "--id-field", "ref", "--text-field", "corps", "-f", "jsonl", "--quiet"
    )
    assert result.exit_code == 0, result.output
    rows = jsonl_rows(result.stdout)
    assert rows and {(r["doc_id"], r["journal"]) for r in rows} == {("r1", "Le Courrier")}
    assert result.stderr == ""  # --quiet: no summary when nothing went wrong


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "-f", "parquet"], "parquet cannot be written to stdout"),
        (["a.txt", "-o", "pas/de/dossier.csv"], "No such file or directory"),
        (["a.txt", "--format", "xml"], "xml"),
        (["a.txt", "--inconnue"], "No such option"),
    ],
)
def test_usage_errors_exit_2_without_traceback(in_tmp, args, message):
    (in_tmp / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run("extract", *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_no_arguments_shows_help():
    result = run("extract")
    assert "Usage" in result.output and result.exit_code in (0, 2)


def test_installed_entry_point_runs():
    exe = Path(sys.executable).with_name("quotes")
    if not exe.exists():
        pytest.skip("console script not installed")
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("quotes ")


def test_stdin_binary_is_skipped(in_tmp):
    result = run("extract", "-", stdin=b"\x00\x01" * 50)
    assert result.exit_code == 1
    assert "skipped stdin: binary file" in result.stderr


def test_bad_matmul_setting_is_a_usage_error(in_tmp, monkeypatch):
    (in_tmp / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("QUOTES_MATMUL", "gpu")
    result = run("extract", "a.txt")
    assert result.exit_code == 2
    assert "QUOTES_MATMUL='gpu'" in result.output and "Traceback" not in result.output
