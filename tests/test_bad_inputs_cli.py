"""The bad-input table of the reliability issue, each row through the CLI: a one-line
message naming the input, the documented exit code (0 when some document was done, 1
when none, 2 for a usage error), nothing lost of the other documents, no traceback, and
the final output never half-written."""

from __future__ import annotations

import csv
import errno
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.io import archives, tabular, writers

runner = CliRunner()
GOOD = "« Le pont rouvrira au printemps », a annoncé Sophie Marchand."
GOOD_QUOTE = "Le pont rouvrira au printemps"


pytestmark = pytest.mark.usefixtures("warm_model")


def extract(tmp: Path, *inputs: str, out: str = "out.csv"):
    (tmp / "good.txt").write_text(GOOD, encoding="utf-8")
    args = ["extract", *inputs, str(tmp / "good.txt"), "-o", str(tmp / out), "-j", "1"]
    return runner.invoke(app, args)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / name).write_bytes(data)
        return str(tmp / name)

    return make


def empty_dir(tmp: Path) -> str:
    (tmp / "vide").mkdir()
    (tmp / "vide" / "image.png").write_bytes(b"\x89PNG\x00\x00")
    return str(tmp / "vide")


SKIPPED = {
    "empty file": (write("empty.txt", b""), "empty.txt"),
    "binary file": (write("blob.txt", b"\x00\xff\xfe\x01" * 64), "blob.txt"),
    "missing text field": (write("notext.jsonl", b'{"id": "x1"}\n'), "notext.jsonl"),
    "nonexistent path": (lambda tmp: str(tmp / "absent.txt"), "absent.txt"),
    "directory with nothing readable": (empty_dir, "vide"),
}


@pytest.mark.parametrize("case", SKIPPED)
def test_a_bad_input_is_named_skipped_and_the_others_kept(tmp_path: Path, case: str) -> None:
    make, name = SKIPPED[case]
    result = extract(tmp_path, make(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if name in line], result.output
    assert "1 skipped" in result.output
    assert [r["quote"] for r in rows(tmp_path / "out.csv")] == [GOOD_QUOTE]


def test_a_jsonl_with_one_non_json_line_keeps_the_other_lines(tmp_path: Path) -> None:
    other = json.dumps({"id": "j1", "text": GOOD.replace("Sophie", "Anne")}, ensure_ascii=False)
    (tmp_path / "mixed.jsonl").write_text(other + "\n{pas du json\n", encoding="utf-8")
    result = extract(tmp_path, str(tmp_path / "mixed.jsonl"))
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "mixed.jsonl" in result.output and "line 2" in result.output
    speakers = sorted(r["speaker"] for r in rows(tmp_path / "out.csv"))
    assert speakers == ["Anne Marchand", "Sophie Marchand"]


@pytest.mark.parametrize(
    "data",
    [GOOD.replace("é", "\u00e9").encode("cp1252"), ("\ufeff" + GOOD + "\r\n\r\n" + GOOD).encode()],
    ids=["cp1252", "bom-crlf"],
)
def test_legacy_encodings_and_bom_crlf_are_read_with_offsets_kept(
    tmp_path: Path, data: bytes
) -> None:
    (tmp_path / "old.txt").write_bytes(data)
    result = extract(tmp_path, str(tmp_path / "old.txt"))
    assert result.exit_code == 0, result.output
    got = [r for r in rows(tmp_path / "out.csv") if "old.txt" in r["doc_id"]]
    text = data.decode("cp1252" if data[:1] == b"\xab" else "utf-8-sig")
    assert got and all(text[int(r["start"]) : int(r["end"])] == r["quote"] for r in got)
    assert all(r["speaker"] == "Sophie Marchand" for r in got)


def test_an_unreadable_file_is_named_and_skipped(tmp_path: Path, monkeypatch) -> None:
    real = archives.open_bytes

    def locked(path, *a, **k):  # root reads anything: the refusal is simulated
        if str(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *a, **k)

    monkeypatch.setattr(archives, "open_bytes", locked)
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    result = extract(tmp_path, str(tmp_path / "locked.txt"))
    assert result.exit_code == 0 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert any("locked.txt" in ln and "Permission denied" in ln for ln in lines)
    assert [r["quote"] for r in rows(tmp_path / "out.csv")] == [GOOD_QUOTE]


def test_nothing_readable_at_all_exits_1(tmp_path: Path) -> None:
    args = ["extract", str(tmp_path / "absent.txt"), "-o", str(tmp_path / "o.csv"), "-j", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "absent.txt" in result.output
    assert "Traceback" not in result.output


def test_unbalanced_marks_never_crash(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_text('« Il a dit » » « sans fin “ ni ” ” " fin', encoding="utf-8")
    result = extract(tmp_path, str(tmp_path / "odd.txt"))
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert GOOD_QUOTE in [r["quote"] for r in rows(tmp_path / "out.csv")]


def test_output_pointing_at_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "dossier").mkdir()
    result = extract(tmp_path, out="dossier")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "dossier" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_read_only_output_folder_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    def refuse(*a, **k):  # root writes anywhere: the refusal is simulated
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writers.tempfile, "mkstemp", refuse)
    result = extract(tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "out.csv" in result.output and "Permission denied" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_a_full_disk_leaves_the_old_output_whole(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "out.csv").write_text("ancien fichier\n", encoding="utf-8")

    def full(self, rows):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tabular.CsvWriter, "_emit", full)
    result = extract(tmp_path)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "No space left on device" in result.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "ancien fichier\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_sql_looking_search_text_is_only_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "q.db"
    assert runner.invoke(app, ["index", str(db), str(tmp_path / "a.txt"), "-j", "1"]).exit_code == 0
    for args in (["'; DROP TABLE quotes; --"], ["pont", "--speaker", "x'); DROP TABLE quotes;--"]):
        result = runner.invoke(app, ["search", "--db", str(db), *args, "--format", "json"])
        assert result.exit_code in (0, 2) and "Traceback" not in result.output
    again = runner.invoke(app, ["search", "--db", str(db), "pont", "--format", "json"])
    assert [r["quote"] for r in json.loads(again.stdout)] == [GOOD_QUOTE]
