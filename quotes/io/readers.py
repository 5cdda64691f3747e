"""Turn what a user points us at (files, folders, stdin) into `Document`s.

Why this module is defensive: inputs come from users and from scrapers, so a batch run must
not die on one bad file. Every user mistake (missing file, binary file, bad JSON line, empty
text, wrong encoding) becomes a `Skipped` record with a one-line reason naming the file and
line; the caller reports it and carries on. Nothing here raises for bad input.

Input kinds:

* ``-``: stdin, read as one plain-text document with id ``stdin``.
* a directory: its ``*.txt``, ``*.jsonl``, ``*.csv`` (also gzipped) and ``*.parquet`` files,
  recursively, in sorted order.
* a pattern with ``*``, ``?`` or ``[`` that is not an existing path (``data/**/*.jsonl``):
  its sorted matches, each read as if given by name (no match: a skip, as a missing file).
* ``*.jsonl``: one document per line; ``*.csv``: one document per row (streamed with the
  csv module, so large files are never loaded whole). The id comes from ``id_field`` (or
  ``<file>:<line>`` when absent), the text from ``text_field``; every other key goes to
  `Document.meta` and is written out as a pass-through column.
* ``*.parquet``: one document per row, streamed in batches; fields and ids as for JSONL,
  with the row number (from 1) as the line number.
* ``*.gz``: decompressed while streaming and read by the suffix before ``.gz``.
* any other file: one plain-text document whose id is the path as given.

Decoding: a UTF-8 BOM is dropped; text that is not valid UTF-8 is decoded as cp1252 (what
French Windows tools write), then latin-1, which cannot fail. Newlines are never rewritten
(CRLF stays CRLF) because quote offsets must index the decoded text exactly.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from quotes.io import archives
from quotes.model import Document

#: Suffixes picked up when a directory is given.
DIRECTORY_SUFFIXES = (".txt", ".jsonl", ".csv", ".txt.gz", ".jsonl.gz", ".csv.gz", ".parquet")
#: How much of a file is inspected to decide it is binary.
SNIFF_BYTES = 8192
#: Share of control bytes (other than tab, newlines, form feed) above which a file is binary.
CONTROL_SHARE = 0.10

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_LINE_PREFIX = re.compile(r"^(line \d+): ")


def _raise_csv_field_limit() -> None:
    """Allow huge CSV cells: the default 128 KB limit would reject a long article."""
    limit = sys.maxsize
    while limit > 2**20:
        try:
            csv.field_size_limit(max(limit, csv.field_size_limit()))
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


_raise_csv_field_limit()


@dataclass(frozen=True)
class Skipped:
    """An input that gave no document, and why.

    `reason` reads ``"[line N: ]<category>[: detail]"`` so that the CLI can both print it
    and count skips by category ("empty", "not valid JSON", "cannot read"...).
    """

    source: str
    doc_id: str | None
    reason: str

    @property
    def category(self) -> str:
        """The reason without its line number and details, for the summary counts."""
        return _LINE_PREFIX.sub("", self.reason).split(": ", 1)[0]

    @property
    def line(self) -> int | None:
        """The line number the reason refers to, if any."""
        m = _LINE_PREFIX.match(self.reason)
        return int(m.group(1)[5:]) if m else None

    def message(self) -> str:
        """One line for stderr, e.g. ``skipped data/x.jsonl line 4: not valid JSON``."""
        where, reason = self.source, self.reason
        m = _LINE_PREFIX.match(reason)
        if m:
            where = f"{where} {m.group(1)}"
            reason = reason[m.end() :]
        line = self.line
        default_ids = {self.source, f"{self.source}:{line}" if line else self.source}
        if self.doc_id and self.doc_id not in default_ids:
            where = f"{where} (id {self.doc_id})"
        return one_line(f"skipped {where}: {reason}")


class Origin(NamedTuple):
    """Where a document or skip came from: the input path and, for JSONL/CSV, the line."""

    source: str
    line: int | None = None


def one_line(text: str) -> str:
    """Collapse whitespace runs so a message never spans several terminal lines."""
    return " ".join(str(text).split())


def with_line(line: int | None, reason: str) -> str:
    """Prefix a reason with ``line N:`` when the origin has a line number."""
    return f"line {line}: {reason}" if line else reason


def looks_binary(head: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control bytes in the first 8 KB."""
    head = head[:SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 or b == 127) and b not in _TEXT_CONTROLS)
    return controls / len(head) > CONTROL_SHARE


def decode_bytes(data: bytes) -> str:
    """Decode file content: UTF-8 (BOM dropped), else cp1252, else latin-1; never fails."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_UNIVERSAL_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _iter_lines(path: str, *, lone_cr: bool = False) -> Iterator[str]:
    """Yield decoded lines, terminators kept, split on LF (never on U+2028 and the like).

    `lone_cr` also splits at a CR not followed by LF, which is what the csv module expects
    (the equivalent of opening with newline=''), so old Mac files parse. JSONL does not
    need it: a raw CR cannot occur inside a JSON string.
    Each line is decoded on its own so a 1 GB file streams; for a file in a single
    encoding this gives exactly the same text as decoding it whole. ``*.gz`` files are
    decompressed on the fly.
    """
    with archives.open_bytes(path) as fh:
        head = fh.read(2)
        if head.startswith(_UTF16_BOMS):  # rare: LF is two bytes here, decode whole
            text = decode_bytes(head + fh.read())
            start = 0
            while start < len(text):
                end = text.find("\n", start)
                end = len(text) if end < 0 else end + 1
                yield text[start:end]
                start = end
            return
        fh.seek(0)
        for i, raw in enumerate(fh):
            if i == 0 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if lone_cr and b"\r" in raw.rstrip(b"\r\n"):
                for part in _UNIVERSAL_LINE.finditer(raw):
                    yield decode_bytes(part.group())
            else:
                yield decode_bytes(raw)


def _fallback_id(path: str, line: int) -> str:
    return f"{path}:{line}"


def _make_doc(
    path: str, line: int, record: dict[str, Any], id_field: str, text_field: str
) -> Document | Skipped:
    """Build one document from a JSONL object or CSV row, or say why it cannot be built."""
    raw_id = record.get(id_field)
    doc_id = _fallback_id(path, line) if raw_id is None or raw_id == "" else str(raw_id)
    if text_field not in record or record[text_field] is None:
        return Skipped(path, doc_id, f"line {line}: missing text field '{text_field}'")
    text = record[text_field]
    if not isinstance(text, str):
        kind = type(text).__name__
        return Skipped(
            path, doc_id, f"line {line}: text field not a string: '{text_field}' is {kind}"
        )
    if not text.strip():
        return Skipped(path, doc_id, f"line {line}: empty")
    meta = {k: v for k, v in record.items() if k not in (id_field, text_field)}
    return Document(doc_id, text, meta)


def _read_jsonl(
    path: str, id_field: str, text_field: str
) -> Iterator[tuple[Origin, Document | Skipped]]:
    line = records = 0
    try:
        for line, raw in enumerate(_iter_lines(path), 1):
            if not raw.strip():
                continue
            records += 1
            origin = Origin(path, line)
            try:
                record = json.loads(raw)
            except ValueError:
                yield origin, Skipped(path, None, f"line {line}: not valid JSON")
                continue
            if not isinstance(record, dict):
                yield origin, Skipped(path, None, f"line {line}: not a JSON object")
                continue
            yield origin, _make_doc(path, line, record, id_field, text_field)
    except archives.READ_ERRORS as exc:
        yield Origin(path, line or None), Skipped(path, None, archives.read_error_reason(exc))
        return
    if records == 0:
        yield Origin(path), Skipped(path, None, "empty")


def _pick_delimiter(header_line: str) -> str:
    """Comma unless the header clearly uses ';' (French Excel) or tabs."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(
    path: str, id_field: str, text_field: str
) -> Iterator[tuple[Origin, Document | Skipped]]:
    line = 1
    try:
        lines = _iter_lines(path, lone_cr=True)
        first = next(lines, None)
        if first is None or not first.strip():
            yield Origin(path), Skipped(path, None, "empty")
            return
        reader = csv.reader(itertools.chain([first], lines), delimiter=_pick_delimiter(first))
        header = [name.strip() for name in next(reader)]
        if text_field not in header:
            yield (
                Origin(path),
                Skipped(path, None, f"no '{text_field}' column: columns are {', '.join(header)}"),
            )
            return
        rows = 0
        while True:
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            rows += 1
            record = dict(zip(header, row, strict=False))  # short rows: missing cells
            yield Origin(path, line), _make_doc(path, line, record, id_field, text_field)
        if rows == 0:
            yield Origin(path), Skipped(path, None, "empty: no rows after the header")
    except csv.Error as exc:  # the rest of the file cannot be parsed reliably
        reason = f"line {line}: not valid CSV: {one_line(str(exc))}"
        yield Origin(path, line), Skipped(path, None, reason)
    except archives.READ_ERRORS as exc:
        yield Origin(path), Skipped(path, None, archives.read_error_reason(exc))


def _read_text(path: str) -> Iterator[tuple[Origin, Document | Skipped]]:
    origin = Origin(path)
    try:
        with archives.open_bytes(path) as fh:
            data = fh.read()
    except archives.READ_ERRORS as exc:
        yield origin, Skipped(path, None, archives.read_error_reason(exc))
        return
    yield origin, _text_document(path, path, data)


def _text_document(source: str, doc_id: str, data: bytes) -> Document | Skipped:
    if looks_binary(data[:SNIFF_BYTES]) and not data.startswith(_UTF16_BOMS):
        return Skipped(source, doc_id, "binary file")
    text = decode_bytes(data)
    if not text.strip():
        return Skipped(source, doc_id, "empty")
    return Document(doc_id, text)


def _read_stdin() -> Iterator[tuple[Origin, Document | Skipped]]:
    stream = sys.stdin
    try:
        buffer = getattr(stream, "buffer", None)
        data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    except (OSError, ValueError) as exc:  # ValueError: stdin closed
        yield Origin("stdin"), Skipped("stdin", "stdin", f"cannot read: {one_line(str(exc))}")
        return
    yield Origin("stdin"), _text_document("stdin", "stdin", data)


def _walk(directory: str) -> tuple[list[str], list[Skipped]]:
    """Files of `directory` with a known suffix, recursively, sorted; symlinked dirs skipped.

    Subdirectories that cannot be listed come back as skips rather than vanishing silently.
    """
    found: list[str] = []
    errors: list[Skipped] = []

    def on_error(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else directory
        errors.append(Skipped(where, None, archives.read_error_reason(exc)))

    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs.sort()
        for name in files:
            if name.lower().endswith(DIRECTORY_SUFFIXES):
                found.append(os.path.join(root, name))
    found.sort(key=lambda p: os.path.relpath(p, directory).split(os.sep))
    return found, errors


def _read_parquet(
    path: str, id_field: str, text_field: str
) -> Iterator[tuple[Origin, Document | Skipped]]:
    """Rows as documents, like JSONL lines; a damaged file keeps the rows before the damage."""
    try:
        for row, record in archives.parquet_records(path, text_field):
            yield Origin(path, row), _make_doc(path, row, record, id_field, text_field)
    except archives.UnreadableInput as exc:
        yield Origin(path, exc.line), Skipped(path, None, with_line(exc.line, exc.reason))


def _read_file(
    path: str, id_field: str, text_field: str
) -> Iterator[tuple[Origin, Document | Skipped]]:
    kind = archives.input_kind(path)
    if kind == "parquet":
        yield from _read_parquet(path, id_field, text_field)
    elif kind in ("jsonl", "csv"):
        try:
            head = archives.read_head(path, SNIFF_BYTES)
        except OSError as exc:
            yield Origin(path), Skipped(path, None, archives.read_error_reason(exc))
            return
        if looks_binary(head) and not head.startswith(_UTF16_BOMS):
            yield Origin(path), Skipped(path, None, "binary file")
            return
        reader = _read_jsonl if kind == "jsonl" else _read_csv
        yield from reader(path, id_field, text_field)
    else:
        yield from _read_text(path)


def _read_path(
    given: str, id_field: str, text_field: str
) -> Iterator[tuple[Origin, Document | Skipped]]:
    """One file, or every known file of a directory; a path that cannot be used is a skip."""
    try:
        is_dir = stat.S_ISDIR(os.stat(given).st_mode)
    except OSError as exc:
        yield Origin(given), Skipped(given, None, archives.read_error_reason(exc))
        return
    if not is_dir:
        yield from _read_file(given, id_field, text_field)
        return
    files, errors = _walk(given)
    for skipped in errors:
        yield Origin(skipped.source), skipped
    if not files and not errors:
        yield Origin(given), Skipped(given, None, "no .txt, .jsonl, .csv or .parquet files")
    for path in files:
        yield from _read_file(path, id_field, text_field)


def iter_inputs_with_origin(
    inputs: list[str], *, id_field: str = "id", text_field: str = "text"
) -> Iterator[tuple[Origin, Document | Skipped]]:
    """Like `iter_inputs`, with each item's `Origin` so later errors can name file and line."""
    for given in inputs:
        if given == "-":
            yield from _read_stdin()
            continue
        paths = archives.expand_pattern(given) if archives.is_pattern(given) else [given]
        if not paths:  # reported like a missing file: same "cannot read" category
            yield Origin(given), Skipped(given, None, "cannot read: no file matches")
        for path in paths:
            yield from _read_path(path, id_field, text_field)


def iter_inputs(
    inputs: list[str], *, id_field: str = "id", text_field: str = "text"
) -> Iterator[Document | Skipped]:
    """Yield one `Document` per readable text and one `Skipped` per unusable input, lazily.

    Never raises for bad input, so one broken file cannot stop a batch run.
    """
    for _origin, item in iter_inputs_with_origin(inputs, id_field=id_field, text_field=text_field):
        yield item
