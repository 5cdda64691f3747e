"""Tests for quotes.io.readers: every input kind, and every bad input becomes a Skipped."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.io.readers import (
    Skipped,
    decode_bytes,
    iter_inputs,
    iter_inputs_with_origin,
    looks_binary,
)
from quotes.model import Document

PHRASE = "Le maire a affirmé : « Nous rouvrirons l'école en septembre. »"
ACCENTS = "L’élève a répondu : « Déjà vu, c’est l’été ! » Œuvre à suivre, ça ira."


def read(*inputs: str, **kwargs: str) -> list[Document | Skipped]:
    return list(iter_inputs(list(inputs), **kwargs))


def docs_of(items: list[Document | Skipped]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def skips_of(items: list[Document | Skipped]) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path so paths can be given relative, as a user would type them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- plain text -----------------------------------------------------------------------


def test_txt_is_one_document_with_path_as_id(in_tmp):
    (in_tmp / "sub").mkdir()
    (in_tmp / "sub" / "a.txt").write_text(PHRASE, encoding="utf-8")
    [doc] = read("sub/a.txt")
    assert doc == Document("sub/a.txt", PHRASE, {})


def test_other_extension_is_plain_text(in_tmp):
    (in_tmp / "note.md").write_text(PHRASE, encoding="utf-8")
    [doc] = read("note.md")
    assert doc.doc_id == "note.md" and doc.text == PHRASE


def test_bom_is_dropped_and_crlf_kept(in_tmp):
    (in_tmp / "w.txt").write_bytes(b"\xef\xbb\xbf" + "Ligne un\r\n« Oui. »\r\n".encode())
    [doc] = read("w.txt")
    assert doc.text == "Ligne un\r\n« Oui. »\r\n"


def test_cp1252_french_is_decoded_right(in_tmp):
    (in_tmp / "win.txt").write_bytes(ACCENTS.encode("cp1252"))
    [doc] = read("win.txt")
    assert doc.text == ACCENTS  # œ and ’ only exist in cp1252, not latin-1


def test_utf16_with_bom(in_tmp):
    (in_tmp / "u16.txt").write_bytes(ACCENTS.encode("utf-16"))
    [doc] = read("u16.txt")
    assert doc.text == ACCENTS


def test_decode_bytes_never_fails():
    assert decode_bytes(bytes(range(256))) == bytes(range(256)).decode("latin-1")
    assert decode_bytes("é".encode()) == "é"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_skipped(in_tmp, content):
    (in_tmp / "e.txt").write_bytes(content)
    [skip] = read("e.txt")
    assert skip == Skipped("e.txt", "e.txt", "empty")
    assert skip.message() == "skipped e.txt: empty"


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, bytes([1, 2, 3, 4, 5, 6, 14, 15]) * 50 + b"abc"],
)
def test_binary_file_is_skipped(in_tmp, content):
    (in_tmp / "img.txt").write_bytes(content)
    [skip] = read("img.txt")
    assert skip.reason == "binary file"
    assert looks_binary(content)


def test_text_is_not_binary():
    assert not looks_binary(ACCENTS.encode("cp1252"))
    assert not looks_binary(("\tcol\r\n" + PHRASE).encode())


def test_twenty_megabyte_document_read_completely(in_tmp):
    line = "Il a précisé : « La séance reprendra à quinze heures. »\n"
    text = line * (20_000_000 // len(line.encode()) + 1)
    (in_tmp / "big.txt").write_text(text, encoding="utf-8")
    [doc] = read("big.txt")
    assert len(doc.text) == len(text) and doc.text == text


def test_nonexistent_path_gives_os_reason(in_tmp):
    [skip] = read("absent.txt")
    assert skip.source == "absent.txt"
    assert skip.reason == f"cannot read: {os.strerror(2)}"
    assert skip.category == "cannot read"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_gives_os_reason(in_tmp):
    path = in_tmp / "locked.txt"
    path.write_text(PHRASE, encoding="utf-8")
    path.chmod(0)
    try:
        [skip] = read("locked.txt")
    finally:
        path.chmod(0o644)
    assert skip.reason == "cannot read: Permission denied"


# --- directories -----------------------------------------------------------------------


def test_directory_recursion_sorted_and_filtered(in_tmp):
    root = in_tmp / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text("« Un. »", encoding="utf-8")
    (root / "b" / "deep" / "c.TXT").write_text("« Trois. »", encoding="utf-8")
    (root / "b" / "b.jsonl").write_text(json.dumps({"id": "j", "text": "« Deux. »"}) + "\n")
    (root / "z.csv").write_text("id,text\nc1,« Quatre. »\n", encoding="utf-8")
    (root / "ignored.md").write_text("« Non. »", encoding="utf-8")
    ids = [d.doc_id for d in docs_of(read("corpus"))]
    assert ids == ["corpus/a.txt", "j", "corpus/b/deep/c.TXT", "c1"]


def test_empty_directory_is_reported(in_tmp):
    (in_tmp / "vide").mkdir()
    [skip] = read("vide")
    assert skip.source == "vide" and "no .txt" in skip.reason


# --- JSONL ---------------------------------------------------------------------------


def write_jsonl(path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_jsonl_documents_meta_and_ids(in_tmp):
    write_jsonl(
        in_tmp / "d.jsonl",
        [
            json.dumps({"id": "a1", "text": PHRASE, "date": "2024-03-01", "url": "http://x"}),
            json.dumps({"text": "Elle a dit « Non. »", "source": "AFP"}, ensure_ascii=False),
            json.dumps({"id": 7, "text": "« Sept. »"}),
        ],
    )
    docs = read("d.jsonl")
    assert docs == [
        Document("a1", PHRASE, {"date": "2024-03-01", "url": "http://x"}),
        Document("d.jsonl:2", "Elle a dit « Non. »", {"source": "AFP"}),
        Document("7", "« Sept. »", {}),
    ]


def test_jsonl_custom_fields(in_tmp):
    write_jsonl(in_tmp / "d.jsonl", [json.dumps({"uid": "u", "body": PHRASE, "id": "kept"})])
    [doc] = read("d.jsonl", id_field="uid", text_field="body")
    assert doc == Document("u", PHRASE, {"id": "kept"})


def test_jsonl_bad_line_among_good_lines(in_tmp):
    write_jsonl(
        in_tmp / "d.jsonl",
        [
            json.dumps({"id": "ok1", "text": PHRASE}),
            '{"id": "broken", "text": "« Oups',
            "",
            json.dumps({"id": "ok2", "text": PHRASE}),
        ],
    )
    items = read("d.jsonl")
    assert [d.doc_id for d in docs_of(items)] == ["ok1", "ok2"]
    [skip] = skips_of(items)
    assert skip.reason == "line 2: not valid JSON"
    assert skip.category == "not valid JSON" and skip.line == 2
    assert skip.message() == "skipped d.jsonl line 2: not valid JSON"


def test_jsonl_missing_or_bad_text_field(in_tmp):
    write_jsonl(
        in_tmp / "d.jsonl",
        [
            json.dumps({"id": "n1", "titre": "sans texte"}),
            json.dumps({"id": "n2", "text": 42}),
            json.dumps({"id": "n3", "text": "   "}),
            json.dumps(["pas", "un", "objet"]),
            json.dumps({"text": None}),
        ],
    )
    skips = read("d.jsonl")
    assert [(s.doc_id, s.reason) for s in skips] == [
        ("n1", "line 1: missing text field 'text'"),
        ("n2", "line 2: text field not a string: 'text' is int"),
        ("n3", "line 3: empty"),
        (None, "line 4: not a JSON object"),
        ("d.jsonl:5", "line 5: missing text field 'text'"),
    ]
    assert "(id n1)" in skips[0].message() and "d.jsonl line 1" in skips[0].message()


def test_jsonl_crlf_bom_and_cp1252_lines(in_tmp):
    good = json.dumps({"id": "w", "text": "a\r\nb"}).encode() + b"\r\n"
    latin = '{"id": "c", "text": "ACC"}\r\n'.replace("ACC", ACCENTS).encode("cp1252")
    (in_tmp / "d.jsonl").write_bytes(b"\xef\xbb\xbf" + good + latin)
    assert read("d.jsonl") == [Document("w", "a\r\nb", {}), Document("c", ACCENTS, {})]


def test_empty_jsonl_and_binary_jsonl(in_tmp):
    (in_tmp / "e.jsonl").write_text("\n\n", encoding="utf-8")
    (in_tmp / "b.jsonl").write_bytes(b"\x00\x01\x02" * 100)
    assert [s.reason for s in read("e.jsonl", "b.jsonl")] == ["empty", "binary file"]


def test_origin_carries_line_numbers(in_tmp):
    write_jsonl(in_tmp / "d.jsonl", ["", json.dumps({"text": PHRASE})])
    [(origin, doc)] = list(iter_inputs_with_origin(["d.jsonl"]))
    assert origin == ("d.jsonl", 2) and doc.doc_id == "d.jsonl:2"


# --- CSV -----------------------------------------------------------------------------


def test_csv_rows_with_meta_quoted_newlines_and_fallback_id(in_tmp):
    (in_tmp / "d.csv").write_text(
        "id,date,text\n"
        'r1,2024-01-05,"Il a dit, ""enfin"" :\r\n« On y va. »"\n'
        ",2024-01-06,« Sans id. »\n",
        encoding="utf-8",
        newline="",
    )
    assert read("d.csv") == [
        Document("r1", 'Il a dit, "enfin" :\r\n« On y va. »', {"date": "2024-01-05"}),
        Document("d.csv:4", "« Sans id. »", {"date": "2024-01-06"}),
    ]


def test_csv_semicolon_cp1252_from_excel(in_tmp):
    content = f"id;text;source\nx;{ACCENTS};Le Monde\n"
    (in_tmp / "excel.csv").write_bytes(content.encode("cp1252"))
    assert read("excel.csv") == [Document("x", ACCENTS, {"source": "Le Monde"})]


def test_csv_missing_text_column_and_short_row(in_tmp):
    (in_tmp / "no.csv").write_text("id,corps\n1,texte\n", encoding="utf-8")
    (in_tmp / "short.csv").write_text("id,source,text\nr1,AFP\nr2,AFP,« Oui. »\n")
    items = read("no.csv", "short.csv")
    assert [getattr(i, "reason", None) for i in items] == [
        "no 'text' column: columns are id, corps",
        "line 2: missing text field 'text'",
        None,
    ]
    assert items[2] == Document("r2", "« Oui. »", {"source": "AFP"})


def test_csv_header_only_and_empty(in_tmp):
    (in_tmp / "h.csv").write_text("id,text\n", encoding="utf-8")
    (in_tmp / "e.csv").write_text("", encoding="utf-8")
    assert [s.category for s in read("h.csv", "e.csv")] == ["empty", "empty"]


def test_csv_huge_cell(in_tmp):
    text = "« Oui. » " * 50_000  # well over the csv module's default 128 KB field limit
    (in_tmp / "big.csv").write_text(f'id,text\nbig,"{text}"\n', encoding="utf-8")
    [doc] = read("big.csv")
    assert doc.text == text


# --- stdin ---------------------------------------------------------------------------


def test_stdin_is_one_document(monkeypatch):
    data = ("Ligne\r\n" + ACCENTS).encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read("-") == [Document("stdin", "Ligne\r\n" + ACCENTS, {})]


def test_empty_stdin_is_skipped(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert read("-") == [Skipped("stdin", "stdin", "empty")]


# --- robustness ----------------------------------------------------------------------


def test_messages_are_one_line(in_tmp):
    (in_tmp / "x.jsonl").write_text('{"id": "a\\nb", "text": 1}\n', encoding="utf-8")
    [skip] = read("x.jsonl")
    assert "\n" not in skip.message()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_reader_never_raises(tmp_path, data, suffix):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    for item in iter_inputs([str(path)]):
        assert isinstance(item, Document | Skipped)
        if isinstance(item, Skipped):
            assert "\n" not in item.message()


def test_csv_old_mac_line_endings(in_tmp):
    (in_tmp / "mac.csv").write_bytes(b'id,text\rm1,"deux\rlignes"\rm2,simple\r')
    assert read("mac.csv") == [Document("m1", "deux\rlignes", {}), Document("m2", "simple", {})]


def test_csv_parse_error_is_skipped_with_line(in_tmp):
    body = "id,text\n" + "r,« ok »\n" * 3 + "long," + "x" * 100 + "\nr,« ok »\n"
    (in_tmp / "late.csv").write_text(body, encoding="utf-8")
    old_limit = csv.field_size_limit(50)  # provoke a csv.Error on line 5
    try:
        items = read("late.csv")
    finally:
        csv.field_size_limit(old_limit)
    assert len(docs_of(items)) == 3
    [skip] = skips_of(items)
    assert skip.reason.startswith("line 5: not valid CSV: field larger than field limit")
