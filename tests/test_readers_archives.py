"""Tests for the archive inputs of quotes.io.readers: globs, gzip and Parquet files.

As for the other inputs, every bad archive must become a `Skipped` (never a traceback)
and the documents read before a damaged spot must be kept.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_readers import docs_of, read, skips_of
from typer.testing import CliRunner

from quotes.io import archives
from quotes.io.readers import Skipped, iter_inputs, iter_inputs_with_origin
from quotes.model import Document

ROY = "« Nous resterons ouverts tout l'été », a dit Anne Roy."
MARTIN = "Le maire a prévenu : « La piscine fermera en août. »"
DURAND = "« Rien n'est décidé », a répondu Paul Durand, en colère."


def jsonl_bytes(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def write_gz(path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))


def write_parquet(path, columns: dict[str, pa.Array | list], **kwargs) -> None:
    pq.write_table(pa.table(columns), path, **kwargs)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path so paths (and patterns) can be given relative, as a user types them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- glob patterns -------------------------------------------------------------------


def test_recursive_glob_is_expanded_and_sorted(in_tmp):
    for name, text in [("b/deep/z.jsonl", DURAND), ("a.jsonl", ROY), ("b/m.jsonl", MARTIN)]:
        (in_tmp / "data" / name).parent.mkdir(parents=True, exist_ok=True)
        (in_tmp / "data" / name).write_bytes(jsonl_bytes([{"id": name, "text": text}]))
    (in_tmp / "data" / "b" / "notes.txt").write_text(ROY, encoding="utf-8")
    ids = [d.doc_id for d in docs_of(read("data/**/*.jsonl"))]
    assert ids == ["a.jsonl", "b/deep/z.jsonl", "b/m.jsonl"]  # sorted paths, no .txt


def test_plain_glob_does_not_recurse(in_tmp):
    (in_tmp / "archives" / "2019-old").mkdir(parents=True)
    (in_tmp / "archives" / "2019-02.csv").write_text(f"id,text\nf,{MARTIN}\n", encoding="utf-8")
    (in_tmp / "archives" / "2019-01.csv").write_text(f"id,text\nj,{ROY}\n", encoding="utf-8")
    (in_tmp / "archives" / "2020-01.csv").write_text(f"id,text\nx,{ROY}\n", encoding="utf-8")
    (in_tmp / "archives" / "2019-old" / "2019-03.csv").write_text(f"id,text\nm,{ROY}\n")
    assert [d.doc_id for d in read("archives/2019-*.csv")] == ["j", "f"]


def test_glob_matching_nothing_is_one_skip_like_a_missing_file(in_tmp):
    [skip] = read("rien/**/*.jsonl")
    [missing] = read("absent.jsonl")
    assert skip == Skipped("rien/**/*.jsonl", None, "cannot read: no file matches")
    assert skip.category == missing.category == "cannot read"
    assert skip.message() == "skipped rien/**/*.jsonl: cannot read: no file matches"


def test_existing_path_with_brackets_is_not_a_glob(in_tmp):
    (in_tmp / "notes[1].txt").write_text(ROY, encoding="utf-8")
    (in_tmp / "notes1.txt").write_text(MARTIN, encoding="utf-8")  # what the glob would match
    assert read("notes[1].txt") == [Document("notes[1].txt", ROY, {})]


def test_glob_matching_a_folder_walks_it_once(in_tmp):
    (in_tmp / "data" / "sub").mkdir(parents=True)
    (in_tmp / "data" / "a.txt").write_text(ROY, encoding="utf-8")
    (in_tmp / "data" / "sub" / "b.txt").write_text(MARTIN, encoding="utf-8")
    ids = [d.doc_id for d in read("data/**")]
    assert sorted(ids) == ["data/a.txt", "data/sub/b.txt"]  # once each, not twice


def test_glob_matches_are_checked_like_given_paths(in_tmp):
    (in_tmp / "vide-1.txt").write_text("  ", encoding="utf-8")
    (in_tmp / "vide-2.txt").write_text(ROY, encoding="utf-8")
    items = read("vide-*.txt")
    assert [getattr(i, "reason", None) for i in items] == ["empty", None]


# --- gzip ----------------------------------------------------------------------------


def test_jsonl_gz_with_meta_and_crlf_kept(in_tmp):
    records = [
        {"id": "g1", "text": ROY + "\r\n" + MARTIN, "date": "2019-05-02", "source": "AFP"},
        {"text": DURAND, "date": "2019-05-03"},
    ]
    write_gz(in_tmp / "d.jsonl.gz", jsonl_bytes(records))
    assert read("d.jsonl.gz") == [
        Document("g1", ROY + "\r\n" + MARTIN, {"date": "2019-05-02", "source": "AFP"}),
        Document("d.jsonl.gz:2", DURAND, {"date": "2019-05-03"}),
    ]


def test_csv_gz_semicolons_cp1252_and_meta(in_tmp):
    content = f"id;date;text;journal\nc1;2019-06-01;{ROY};Le Progrès\n"
    write_gz(in_tmp / "excel.csv.gz", content.encode("cp1252"))
    assert read("excel.csv.gz") == [
        Document("c1", ROY, {"date": "2019-06-01", "journal": "Le Progrès"})
    ]


def test_txt_gz_is_one_document_with_path_as_id(in_tmp):
    write_gz(in_tmp / "article.txt.gz", (MARTIN + "\r\n").encode("cp1252"))
    assert read("article.txt.gz") == [Document("article.txt.gz", MARTIN + "\r\n", {})]


def test_gz_suffix_is_case_insensitive_and_bad_lines_still_named(in_tmp):
    write_gz(in_tmp / "D.JSONL.GZ", jsonl_bytes([{"id": "a", "text": ROY}]) + b"{pas du json\n")
    items = read("D.JSONL.GZ")
    assert items[0] == Document("a", ROY, {})
    assert items[1].message() == "skipped D.JSONL.GZ line 2: not valid JSON"


def test_truncated_jsonl_gz_keeps_documents_before_the_damage(in_tmp):
    records = [{"id": f"n{i}", "text": f"{ROY} Numéro {i * 7919 % 10007}."} for i in range(400)]
    data = gzip.compress(jsonl_bytes(records))
    (in_tmp / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = read("cut.jsonl.gz")
    docs, [skip] = docs_of(items), skips_of(items)
    assert 0 < len(docs) < 400
    assert [d.doc_id for d in docs] == [f"n{i}" for i in range(len(docs))]
    assert items[-1] is skip and skip.source == "cut.jsonl.gz"
    assert skip.category == "not valid gzip"
    assert skip.message().startswith("skipped cut.jsonl.gz: not valid gzip: ")
    assert "\n" not in skip.message()


def test_damaged_csv_gz_is_one_skip(in_tmp):
    rows = "".join(f"r{i},{MARTIN} ({i * 31 % 97})\n" for i in range(300))
    data = bytearray(gzip.compress(f"id,text\n{rows}".encode()))
    data[len(data) // 2 : len(data) // 2 + 40] = b"\xff" * 40
    (in_tmp / "bad.csv.gz").write_bytes(bytes(data))
    items = read("bad.csv.gz")
    [skip] = skips_of(items)
    assert skip.source == "bad.csv.gz" and skip.category == "not valid gzip"
    assert items[-1] is skip
    assert [d.doc_id for d in docs_of(items)] == [f"r{i}" for i in range(len(docs_of(items)))]


@pytest.mark.parametrize("name", ["faux.jsonl.gz", "faux.csv.gz", "faux.txt.gz"])
def test_file_named_gz_but_not_gzip_is_skipped(in_tmp, name):
    (in_tmp / name).write_text(ROY, encoding="utf-8")
    [skip] = read(name)
    assert skip.source == name and skip.category == "not valid gzip"
    assert "Not a gzipped file" in skip.reason


def test_truncated_txt_gz_is_one_skip(in_tmp):
    data = gzip.compress((ROY * 50).encode())
    (in_tmp / "cut.txt.gz").write_bytes(data[:-12])
    [skip] = read("cut.txt.gz")
    assert skip.source == "cut.txt.gz" and skip.category == "not valid gzip"


def test_gzipped_binary_is_reported_as_binary(in_tmp):
    write_gz(in_tmp / "img.jsonl.gz", b"\x89PNG\r\n\x1a\n\x00\x00" * 20)
    assert [s.reason for s in read("img.jsonl.gz")] == ["binary file"]


# --- Parquet -------------------------------------------------------------------------


def test_parquet_rows_ids_and_meta_with_iso_dates(in_tmp):
    when = dt.datetime(2019, 5, 2, 14, 30)
    write_parquet(
        in_tmp / "p.parquet",
        {
            "id": ["p1", None],
            "text": [ROY, MARTIN],
            "date": pa.array([when, when + dt.timedelta(days=1)], pa.timestamp("ns")),
            "jour": pa.array([dt.date(2019, 5, 2), None], pa.date32()),
            "pages": [3, 4],
        },
    )
    assert read("p.parquet") == [
        Document(
            "p1",
            ROY,
            {"date": "2019-05-02T14:30:00", "jour": "2019-05-02", "pages": 3},
        ),
        Document("p.parquet:2", MARTIN, {"date": "2019-05-03T14:30:00", "jour": None, "pages": 4}),
    ]


def test_parquet_timezone_and_custom_fields(in_tmp):
    paris = pa.timestamp("us", tz="Europe/Paris")
    write_parquet(
        in_tmp / "p.parquet",
        {
            "ref": [17],
            "corps": [DURAND],
            "publie": pa.array([dt.datetime(2019, 5, 2, 12, tzinfo=dt.timezone.utc)], paris),
        },
    )
    [doc] = read("p.parquet", id_field="ref", text_field="corps")
    assert doc == Document("17", DURAND, {"publie": "2019-05-02T14:00:00+02:00"})


def test_parquet_null_and_empty_text_rows_are_skipped(in_tmp):
    write_parquet(in_tmp / "p.parquet", {"id": ["a", "b", "c"], "text": [ROY, None, "  "]})
    items = read("p.parquet")
    assert items[0] == Document("a", ROY, {})
    assert [(s.doc_id, s.reason) for s in skips_of(items)] == [
        ("b", "line 2: missing text field 'text'"),
        ("c", "line 3: empty"),
    ]
    assert items[1].message() == "skipped p.parquet line 2 (id b): missing text field 'text'"


def test_parquet_text_column_not_strings(in_tmp):
    write_parquet(in_tmp / "p.parquet", {"id": ["a"], "text": [42]})
    [skip] = read("p.parquet")
    assert skip.reason == "line 1: text field not a string: 'text' is int"


def test_parquet_without_text_column_is_one_skip(in_tmp):
    write_parquet(in_tmp / "p.parquet", {"id": ["a", "b"], "corps": [ROY, MARTIN]})
    assert read("p.parquet") == [
        Skipped("p.parquet", None, "no 'text' column: columns are id, corps")
    ]


def test_parquet_without_rows_is_empty(in_tmp):
    write_parquet(in_tmp / "p.parquet", {"id": pa.array([], pa.string()), "text": []})
    assert [s.reason for s in read("p.parquet")] == ["empty: no rows"]


@pytest.mark.parametrize("content", [b"", ROY.encode(), b"PAR1" + b"\x00" * 40])
def test_file_named_parquet_but_not_parquet_is_skipped(in_tmp, content):
    (in_tmp / "faux.parquet").write_bytes(content)
    [skip] = read("faux.parquet")
    assert skip.source == "faux.parquet" and skip.category == "not valid Parquet"
    assert "\n" not in skip.message()


def test_parquet_is_read_in_batches(in_tmp, monkeypatch):
    monkeypatch.setattr(archives, "PARQUET_BATCH_ROWS", 3)
    sizes: list[int] = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, **kwargs):
        for batch in real(self, *args, **kwargs):
            sizes.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    texts = [f"{MARTIN} ({i})" for i in range(10)]
    write_parquet(in_tmp / "p.parquet", {"id": [f"r{i}" for i in range(10)], "text": texts})
    pairs = list(iter_inputs_with_origin(["p.parquet"]))
    assert [doc.text for _origin, doc in pairs] == texts
    assert [origin.line for origin, _doc in pairs] == list(range(1, 11))
    assert sizes == [3, 3, 3, 1]


def test_parquet_damaged_mid_file_keeps_rows_before(in_tmp, monkeypatch):
    monkeypatch.setattr(archives, "PARQUET_BATCH_ROWS", 2)
    real = pq.ParquetFile.iter_batches

    def breaks_after_one_batch(self, *args, **kwargs):
        batches = real(self, *args, **kwargs)
        yield next(batches)
        raise pa.ArrowInvalid("Couldn't deserialize thrift:\nTProtocolException")

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", breaks_after_one_batch)
    write_parquet(in_tmp / "p.parquet", {"id": ["a", "b", "c"], "text": [ROY, MARTIN, DURAND]})
    items = read("p.parquet")
    assert [d.doc_id for d in docs_of(items)] == ["a", "b"]
    [skip] = skips_of(items)
    assert skip.reason.startswith("line 3: not valid Parquet: Couldn't deserialize thrift")
    assert skip.message().startswith("skipped p.parquet line 3: not valid Parquet")
    assert "\n" not in skip.message()


# --- directories ---------------------------------------------------------------------


def test_directory_walk_picks_up_gz_and_parquet(in_tmp):
    root = in_tmp / "corpus"
    write_gz(root / "a.jsonl.gz", jsonl_bytes([{"id": "jg", "text": ROY}]))
    write_gz(root / "b" / "b.csv.gz", f"id,text\ncg,{MARTIN}\n".encode())
    write_gz(root / "b" / "c.txt.gz", DURAND.encode())
    write_parquet(root / "d.parquet", {"id": ["pq"], "text": [ROY]})
    write_gz(root / "ignored.md.gz", ROY.encode())
    (root / "ignored.gz").write_bytes(gzip.compress(ROY.encode()))
    ids = [d.doc_id for d in docs_of(read("corpus"))]
    assert ids == ["jg", "cg", os.path.join("corpus", "b", "c.txt.gz"), "pq"]


def test_empty_directory_message_names_every_kind(in_tmp):
    (in_tmp / "vide").mkdir()
    [skip] = read("vide")
    assert skip.reason == "no .txt, .jsonl, .csv or .parquet files"


# --- robustness ----------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=400),
    compress=st.booleans(),
    cut=st.integers(min_value=0, max_value=40),
    suffix=st.sampled_from([".jsonl.gz", ".csv.gz", ".txt.gz", ".parquet"]),
)
def test_archive_readers_never_raise(tmp_path, data, compress, cut, suffix):
    payload = gzip.compress(data) if compress else data
    path = tmp_path / f"f{suffix}"
    path.write_bytes(payload[: max(len(payload) - cut, 0)])
    for item in iter_inputs([str(path)]):
        assert isinstance(item, Document | Skipped)
        if isinstance(item, Skipped):
            assert "\n" not in item.message()


# --- command line --------------------------------------------------------------------


def test_cli_extracts_from_parquet_and_jsonl_gz(in_tmp):
    from quotes.cli import app

    write_parquet(
        in_tmp / "p.parquet",
        {
            "id": ["pq1"],
            "text": [ROY],
            "date": pa.array([dt.datetime(2019, 5, 2, 8, 0)], pa.timestamp("us")),
        },
    )
    write_gz(in_tmp / "d.jsonl.gz", jsonl_bytes([{"id": "gz1", "text": MARTIN, "date": "2019-06"}]))
    result = CliRunner().invoke(app, ["extract", "p.parquet", "d.jsonl.gz", "-o", "out.csv"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    df = pd.read_csv(in_tmp / "out.csv", dtype=str)
    dates = dict(zip(df["doc_id"], df["date"], strict=True))
    assert dates == {"pq1": "2019-05-02T08:00:00", "gz1": "2019-06"}
    quotes = dict(zip(df["doc_id"], df["quote"], strict=True))
    assert quotes == {
        "pq1": "Nous resterons ouverts tout l'été",
        "gz1": "La piscine fermera en août.",
    }
