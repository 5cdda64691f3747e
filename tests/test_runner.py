"""Corpus runs (quotes/runner.py, `quotes extract --jobs/--resume/--errors-file`): parallel
runs write the rows of a serial run, an interrupted run resumed writes the rows of an
uninterrupted one, and the final file only ever appears whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.io.readers import Origin
from quotes.runner import Journal, doc_key

EXE = Path(sys.executable).parent / "quotes"
SPEAKERS = ["Hélène Garnier", "Paul Roux", "Anne Vidal", "Marc Duval", "Claire Dubois"]
VERBS = ["a déclaré", "a estimé", "a expliqué", "a assuré", "a ajouté"]


def corpus(path: Path, n: int) -> Path:
    """A JSONL corpus of `n` short articles written for the tests, with a date column."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            who, verb = SPEAKERS[i % 5], VERBS[(i // 5) % 5]
            text = (
                f"Le conseil municipal s'est réuni lundi pour la {i + 1}e fois. "
                f"« Nous voterons le budget numéro {i} avant l'été », {verb} {who}. "
                "Les habitants attendent des « mesures concrètes » depuis des mois."
            )
            if i % 7 == 3:
                text = "Aucun propos rapporté dans cette brève."
            f.write(json.dumps({"id": f"a{i}", "date": f"2024-03-{i % 28 + 1:02d}", "text": text}))
            f.write("\n")
        f.write("{not json\n")  # one bad line: skipped, reported, never fatal
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_parallel_run_writes_the_serial_rows(tmp_path: Path) -> None:
    """runner.process: 2 worker processes, results in input order, same bytes."""
    src = corpus(tmp_path / "c.jsonl", 40)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    r1 = CliRunner().invoke(app, ["extract", str(src), "-o", str(one), "-j", "1", "-q"])
    r2 = CliRunner().invoke(app, ["extract", str(src), "-o", str(two), "-j", "2", "-q"])
    assert r1.exit_code == 0 and r2.exit_code == 0, (r1.output, r2.output)
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text(encoding="utf-8").splitlines()) > 30


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen[bytes], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be interrupted: {proc.returncode}")
        time.sleep(0.05)
    pytest.fail("the run made no progress")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_run_resumed_equals_uninterrupted(tmp_path: Path, sig: int) -> None:
    """Journal + --resume: interrupt a real run midway, resume it: same rows, no duplicates,
    and the final file never exists half-written.

    The run is held midway, not raced: its folder's second file is a named pipe nobody
    writes to, so the run does the first file's batches, then waits on the pipe. The signal
    lands mid-run however fast or loaded the machine (a timed race once lost on CI)."""
    folder = tmp_path / "in"
    folder.mkdir()
    corpus(folder / "a.jsonl", 100)
    held = folder / "b.jsonl"
    os.mkfifo(held)
    out = tmp_path / "out.csv"
    proc = subprocess.Popen(
        [str(EXE), "extract", str(folder), "-o", str(out), "-j", "1", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        part = Path(str(out) + ".part")
        _wait_for_lines(part, 32, proc)  # a first batch is done; the pipe holds the rest
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert not out.exists()  # nothing final until the run completes
    if sig == signal.SIGINT:
        assert b"--resume" in err  # tells the user how to continue
    done = part.read_bytes().count(b"\n")
    assert 32 <= done <= 100

    held.unlink()  # the same folder, its second file now readable
    corpus(held, 300)
    whole = tmp_path / "whole.csv"
    assert run_cli("extract", str(folder), "-o", str(whole), "-j", "1", "-q").returncode == 0
    resumed = run_cli("extract", str(folder), "-o", str(out), "-j", "1", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == whole.read_bytes()
    assert not part.exists()
    assert "400 documents" in resumed.stderr  # counts include the documents resumed


def test_journal_drops_a_half_written_last_line(tmp_path: Path) -> None:
    """Journal._recover: a line cut by the kill is not a finished document."""
    out = tmp_path / "o.csv"
    j = Journal(str(out), resume=False)
    j.record(doc_key(Origin("c.jsonl", 1), "a"), [{"quote": "x"}])
    j.close()
    with open(str(out) + ".part", "a", encoding="utf-8") as f:
        f.write('{"key": "c.jsonl\\t2\\tb", "rows": [{"quo')
    again = Journal(str(out), resume=True)
    assert list(again.done) == [doc_key(Origin("c.jsonl", 1), "a")]
    again.record(doc_key(Origin("c.jsonl", 2), "b"), [])
    assert [r["quote"] for r in again.rows()] == ["x"]


def test_without_resume_a_stale_journal_is_started_over(tmp_path: Path) -> None:
    """Journal: a new run (no --resume) does not reuse an old journal."""
    out = tmp_path / "o.csv"
    Path(str(out) + ".part").write_text('{"key": "k", "rows": []}\n', encoding="utf-8")
    assert Journal(str(out), resume=False).done == {}


def test_errors_file_lists_every_skip(tmp_path: Path) -> None:
    """--errors-file: one CSV row per skipped input, with file, line and reason."""
    src = corpus(tmp_path / "c.jsonl", 5)
    log = tmp_path / "skipped.csv"
    r = CliRunner().invoke(
        app,
        ["extract", str(src), "-o", str(tmp_path / "o.csv"), "-j", "1", "--errors-file", str(log)],
    )
    assert r.exit_code == 0, r.output
    rows = log.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "source,line,doc_id,reason"
    assert len(rows) == 2 and "not valid JSON" in rows[1] and ",6," in rows[1]


def test_resume_needs_an_output_file() -> None:
    """--resume to stdout is a usage error (exit 2), not a traceback."""
    r = CliRunner().invoke(app, ["extract", "-", "--resume"], input="« Oui », a dit Paul.")
    assert r.exit_code == 2 and "--resume" in r.output


def test_no_output_left_behind_when_nothing_was_processed(tmp_path: Path) -> None:
    """Atomic output: a run with no usable document leaves no file and no journal."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    r = CliRunner().invoke(app, ["extract", str(bad), "-o", str(out), "-j", "1"])
    assert r.exit_code == 1
    assert not out.exists()
    assert not os.path.exists(str(out) + ".part")


def test_unwritable_errors_file_is_a_usage_error(tmp_path: Path) -> None:
    """--errors-file pointing at a folder: exit 2, one line, no output left behind."""
    out = tmp_path / "o.csv"
    r = CliRunner().invoke(
        app, ["extract", "-", "-o", str(out), "--errors-file", str(tmp_path)], input="« Oui »"
    )
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_long_document_reports_its_parts_from_any_worker(jobs: int) -> None:
    from quotes import chunks
    from quotes.model import Document
    from quotes.runner import Options, process

    filler = "Le conseil municipal a voté le budget des travaux du pont.\n\n"
    quote = "« Nous voterons le budget », a déclaré Hélène Garnier.\n\n"
    text = (quote + filler * 2000) * (chunks.CHUNK_CHARS // (len(filler) * 2000) + 1)
    assert len(text) > chunks.CHUNK_CHARS  # a document of several parts
    items = [(Origin("long.txt"), Document("long.txt", text))]
    heard: list[tuple[str, int, int]] = []
    outcomes = list(process(items, Options(), jobs, lambda *said: heard.append(said)))
    assert len(heard) >= 2 and {doc for doc, _, _ in heard} == {"long.txt"}
    assert [done for _, done, _ in heard] == sorted(done for _, done, _ in heard)
    assert heard[-1][1:] == (len(text), len(text))
    rows = outcomes[0].rows or []
    assert len(rows) == text.count("«") and {r["speaker"] for r in rows} == {"Hélène Garnier"}
