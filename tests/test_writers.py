"""Tests for quotes.io.writers: round trips, header policy, stdout and atomic writes."""

from __future__ import annotations

import json
import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotes.io.writers import (
    BATCH_SIZE,
    OutputError,
    infer_format,
    open_writer,
    passthrough_name,
    quote_column_kinds,
    quote_row,
)
from quotes.model import Quote

TRICKY = 'Il a lancé, « sans détour » : "non, jamais"\r\net puis ; voilà… l’été'


def make_quote(i: int = 0, text: str = "Nous reviendrons.", speaker: str | None = None) -> Quote:
    return Quote(
        f"doc{i}",
        text,
        speaker,
        speaker,
        "a déclaré" if speaker else None,
        "direct",
        10,
        10 + len(text),
        f"« {text} »",
        i,
        recovered=bool(i % 2),
    )


def rows(n: int = 3, **meta: object) -> list[dict]:
    return [quote_row(make_quote(i, speaker="Mme Dupré" if i else None), meta) for i in range(n)]


def test_infer_format():
    assert [
        infer_format(p)
        for p in (None, "-", "a.csv", "a.JSONL", "a.json", "x.parquet", "x.txt", "noext")
    ] == ["csv", "csv", "csv", "jsonl", "jsonl", "parquet", "csv", "csv"]


def test_quote_column_kinds_follow_the_model():
    kinds = quote_column_kinds()
    assert list(kinds) == Quote.columns()
    assert kinds["start"] == "int" and kinds["recovered"] == "bool" and kinds["quote"] == "str"


def test_quote_row_renames_clashing_meta():
    row = quote_row(make_quote(), {"start": "lundi", "date": "2024-02-01"})
    assert row["start"] == 10 and row["input_start"] == "lundi" and row["date"] == "2024-02-01"
    assert passthrough_name("x", {"x", "input_x"}) == "input_input_x"


# --- CSV -----------------------------------------------------------------------------


def test_csv_round_trip_with_tricky_text(tmp_path):
    out = tmp_path / "q.csv"
    data = [quote_row(make_quote(0, TRICKY, "Jean-Loïc Thévenin"), {"source": "Le Journal, Nîmes"})]
    with open_writer(str(out), "csv") as w:
        w.write(data)
    df = pd.read_csv(out, keep_default_na=False)
    assert list(df.columns) == [*Quote.columns(), "source"]
    assert df.loc[0, "quote"] == TRICKY
    assert df.loc[0, "speaker"] == "Jean-Loïc Thévenin"
    assert df.loc[0, "source"] == "Le Journal, Nîmes"
    assert df.loc[0, "start"] == 10 and not df.loc[0, "recovered"]


def test_csv_quotes_every_field_and_writes_none_as_empty(tmp_path):
    out = tmp_path / "q.csv"
    with open_writer(str(out), "csv") as w:
        w.write(rows(1))
    header, first = out.read_text(encoding="utf-8").splitlines()[:2]
    assert header.startswith('"doc_id","quote"')
    assert first.startswith('"doc0","Nous reviendrons.","",""')
    assert pd.isna(pd.read_csv(out).loc[0, "speaker"])


@pytest.mark.parametrize("bom", [True, False])
def test_csv_bom_only_when_asked(tmp_path, bom):
    out = tmp_path / "q.csv"
    with open_writer(str(out), "csv", bom=bom) as w:
        w.write(rows(1))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    assert pd.read_csv(out, encoding="utf-8-sig").columns[0] == "doc_id"


def test_csv_header_from_first_batch_and_late_keys_warned_once(tmp_path):
    out = tmp_path / "q.csv"
    warned: list[str] = []
    early = rows(BATCH_SIZE, date="2024-01-01")
    late = rows(5, date="2024-01-02", url="http://exemple.fr")
    with open_writer(str(out), "csv", extra_columns=["section"], on_warning=warned.append) as w:
        w.write(early)
        w.write(late)
    df = pd.read_csv(out)
    assert list(df.columns) == [*Quote.columns(), "section", "date"]
    assert len(df) == BATCH_SIZE + 5 and w.rows_written == BATCH_SIZE + 5
    assert len(warned) == 1 and "'url'" in warned[0]


def test_csv_keys_within_first_batch_are_kept_in_first_seen_order(tmp_path):
    out = tmp_path / "q.csv"
    with open_writer(str(out), "csv") as w:
        w.write(rows(2, source="AFP"))
        w.write(rows(2, date="2024-01-01", source="AFP"))
    df = pd.read_csv(out)
    assert list(df.columns)[-2:] == ["source", "date"]
    assert df["date"].isna().sum() == 2


def test_csv_to_stdout(capsys):
    with open_writer(None, "csv") as w:
        w.write(rows(2))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith('"doc_id"')


# --- JSONL ---------------------------------------------------------------------------


def test_jsonl_keeps_accents_and_every_key(tmp_path):
    out = tmp_path / "q.jsonl"
    with open_writer(str(out), "jsonl") as w:
        w.write([quote_row(make_quote(0, TRICKY), {"date": "2024"})])
        w.write([quote_row(make_quote(1), {"url": "http://x", "tags": ["a", "é"]})])
    raw = out.read_text(encoding="utf-8")
    assert "é" in raw and "\\u00e9" not in raw
    first, second = (json.loads(line) for line in raw.splitlines())
    assert list(first) == [*Quote.columns(), "date"] and first["quote"] == TRICKY
    assert second["url"] == "http://x" and second["tags"] == ["a", "é"]
    assert first["speaker"] is None and second["recovered"] is True


def test_jsonl_nan_becomes_null(tmp_path):
    out = tmp_path / "q.jsonl"
    with open_writer(str(out), "jsonl") as w:
        w.write([quote_row(make_quote(), {"score": float("nan")})])
    assert json.loads(out.read_text())["score"] is None


# --- Parquet -------------------------------------------------------------------------


def test_parquet_round_trip_with_schema(tmp_path):
    out = tmp_path / "q.parquet"
    n = 2 * BATCH_SIZE + 7
    with open_writer(str(out), "parquet") as w:
        w.write(rows(n, date="2024-05-01", views=12, extra={"k": "é"}))
    table = pq.read_table(out)
    assert table.num_rows == n
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("recovered").type == pa.bool_()
    assert table.schema.field("speaker").type == pa.string()
    assert table.schema.field("views").type == pa.string()
    df = table.to_pandas()
    assert table.column("speaker")[0].as_py() is None
    assert df.loc[1, "speaker"] == "Mme Dupré"
    assert df.loc[0, "views"] == "12" and json.loads(df.loc[0, "extra"]) == {"k": "é"}
    assert list(df.columns) == [*Quote.columns(), "date", "views", "extra"]


def test_parquet_with_no_rows_still_has_schema(tmp_path):
    out = tmp_path / "q.parquet"
    with open_writer(str(out), "parquet", extra_columns=["date"]):
        pass
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.column_names == [*Quote.columns(), "date"]


def test_parquet_to_stdout_is_a_clear_error():
    for path in (None, "-"):
        with pytest.raises(OutputError, match="stdout"):
            open_writer(path, "parquet")


# --- errors and atomicity ------------------------------------------------------------


def test_unknown_format_and_bad_paths(tmp_path):
    with pytest.raises(OutputError, match="unknown format 'xml'"):
        open_writer(str(tmp_path / "q.xml"), "xml")
    with pytest.raises(OutputError, match="No such file or directory"):
        open_writer(str(tmp_path / "absent" / "q.csv"), "csv")
    with pytest.raises(OutputError, match="directory"):
        open_writer(str(tmp_path), "csv")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_no_final_file_when_an_exception_happens_mid_write(tmp_path, fmt):
    out = tmp_path / f"q.{fmt}"

    def exploding():
        yield from rows(BATCH_SIZE + 10)
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError), open_writer(str(out), fmt) as w:
        w.write(exploding())
    assert os.listdir(tmp_path) == []


def test_existing_file_survives_a_failed_run(tmp_path):
    out = tmp_path / "q.csv"
    out.write_text("ancien contenu", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), open_writer(str(out), "csv") as w:
        w.write(rows(3))
        raise KeyboardInterrupt
    assert out.read_text(encoding="utf-8") == "ancien contenu"
    assert os.listdir(tmp_path) == ["q.csv"]


def test_temp_file_is_hidden_until_close_and_gets_normal_permissions(tmp_path):
    out = tmp_path / "q.csv"
    w = open_writer(str(out), "csv")
    w.write(rows(2))
    assert not out.exists()
    [tmp] = os.listdir(tmp_path)
    assert tmp.startswith(".q.csv.") and tmp.endswith(".tmp")
    w.close()
    assert os.listdir(tmp_path) == ["q.csv"]
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
