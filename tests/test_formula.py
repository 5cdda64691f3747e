"""CSV cells a spreadsheet would run as formulas are neutralised (OWASP CSV injection);
JSONL and Parquet keep the values; --raw-csv opts out."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes.cli import app
from quotes.io.formula import FORMULA_START, formula_safe
from quotes.io.writers import open_writer, quote_row
from quotes.model import Quote

runner = CliRunner()
ARTICLE = "« Nous tiendrons bon », a déclaré Claire Morin devant la mairie."


def quote_saying(text: str, speaker: str) -> Quote:
    return Quote("d1", text, speaker, speaker, "a déclaré", "direct", 2, 2 + len(text), text, 0)


@pytest.mark.parametrize("lead", FORMULA_START)
def test_each_leading_character_is_prefixed_in_csv_only(tmp_path: Path, lead: str) -> None:
    bad = f'{lead}HYPERLINK("http://exemple.test","clic")'
    rows = [quote_row(quote_saying(bad, bad))]
    for fmt in ("csv", "jsonl", "parquet"):
        with open_writer(str(tmp_path / f"o.{fmt}"), fmt) as w:
            w.write(rows)
    with (tmp_path / "o.csv").open(newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["quote"] == "'" + bad and row["speaker"] == "'" + bad
    assert row["start"] == "2"  # numbers are not text cells
    (line,) = (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["quote"] == bad
    assert pd.read_parquet(tmp_path / "o.parquet")["speaker"].tolist() == [bad]


def test_raw_csv_writes_cells_unchanged(tmp_path: Path) -> None:
    rows = [quote_row(quote_saying("=1+1", "@moi"))]
    with open_writer(str(tmp_path / "o.csv"), "csv", raw_csv=True) as w:
        w.write(rows)
    (row,) = list(csv.DictReader((tmp_path / "o.csv").open(newline="", encoding="utf-8")))
    assert (row["quote"], row["speaker"]) == ("=1+1", "@moi")


def test_harmless_text_is_left_alone() -> None:
    for text in ("Nous tiendrons", "« Non »", "'déjà cité", " =espace devant", "", "3-2"):
        assert formula_safe(text) == text
    assert formula_safe(-3) == -3 and formula_safe(None) is None


@given(st.text(max_size=30))
def test_a_safe_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    safe = formula_safe(text)
    assert not safe.startswith(FORMULA_START)
    assert safe in (text, "'" + text)


def _extract(tmp_path: Path, *extra: str) -> dict[str, str]:
    src = tmp_path / "in.jsonl"
    line = {"id": "a1", "text": ARTICLE, "url": '=HYPERLINK("http://x.test","clic")'}
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "-j", "1", "-q", *extra])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    return row


def test_cli_csv_is_formula_safe_by_default_and_raw_on_request(tmp_path: Path) -> None:
    row = _extract(tmp_path)
    assert row["url"].startswith("'=HYPERLINK(") and row["speaker"] == "Claire Morin"
    assert _extract(tmp_path, "--raw-csv")["url"].startswith("=HYPERLINK(")


def test_a_formula_safe_table_indexes_with_its_original_values(tmp_path: Path) -> None:
    _extract(tmp_path)  # writes tmp_path / "out.csv", formula-safe
    db = tmp_path / "q.db"
    result = runner.invoke(app, ["index", str(db), str(tmp_path / "out.csv"), "-j", "1"])
    assert result.exit_code == 0, result.output
    found = runner.invoke(app, ["search", "--db", str(db), "tiendrons", "--format", "json"])
    (row,) = json.loads(found.stdout)
    assert row["url"].startswith("=HYPERLINK(")  # the prefix came off when read back
    shown = runner.invoke(app, ["search", "--db", str(db), "tiendrons", "--format", "csv"])
    assert "'=HYPERLINK(" in shown.stdout  # and goes on again in CSV output
    raw = ["search", "--db", str(db), "tiendrons", "--format", "csv", "--raw-csv"]
    assert "'=HYPERLINK(" not in runner.invoke(app, raw).stdout


def test_unprefixed_undoes_formula_safe_only() -> None:
    from quotes.io.formula import unprefixed

    assert unprefixed(formula_safe("=A1")) == "=A1"
    assert unprefixed("'déjà") == "'déjà" and unprefixed("'") == "'"
