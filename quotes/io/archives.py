"""Container formats and path patterns for `quotes.io.readers`: gzip, Parquet and globs.

Why a separate module: these are byte- and record-level concerns (how to decompress, how
to stream a columnar file, which paths a pattern names), while `readers` turns records
into `Document`s and problems into `Skipped`. The dependency runs one way only (readers
imports this module), and nothing here builds a `Document` or a `Skipped`: failures are
raised (`READ_ERRORS`, `UnreadableInput`) for `readers` to report as one-line skips.

* gzip: ``x.jsonl.gz``, ``x.csv.gz``, ``x.txt.gz``... are decompressed while streaming
  (`open_bytes`), and the suffix before ``.gz`` decides how the content is read.
* Parquet: read batch by batch (`parquet_records`), never whole; dates and timestamps
  become ISO strings so that every writer (CSV, JSONL, Parquet) can store them as text.
* globs: ``data/**/*.jsonl`` is expanded here (`expand_pattern`) rather than by a shell,
  which Windows users do not have and which fails on argument-length limits.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import io
import os
import zlib
from collections.abc import Iterator
from typing import Any

#: Rows turned into Python objects at a time: bounds memory when texts are long articles.
PARQUET_BATCH_ROWS = 256
#: What decompressing a damaged or fake gzip file raises (BadGzipFile is an OSError).
DECOMPRESS_ERRORS: tuple[type[Exception], ...] = (gzip.BadGzipFile, EOFError, zlib.error)
#: What reading a file, compressed or not, can raise.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error)

_GZIP = ".gz"
_WILDCARDS = frozenset("*?[")


class UnreadableInput(Exception):
    """A file that cannot be read (any further): `reason` for the user, `line` if known.

    `line` is the 1-based row at which reading stopped, so that rows before it are kept.
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


# --- gzip ------------------------------------------------------------------------------


def is_gzip(path: str) -> bool:
    """True for ``*.gz``, whatever the case: the content must be decompressed first."""
    return path.lower().endswith(_GZIP)


def input_kind(path: str) -> str:
    """How to read `path`: "jsonl", "csv", "parquet" or "text" (the fallback).

    The kind of ``x.jsonl.gz`` is that of ``x.jsonl``. A gzipped Parquet file counts as
    text (and is then reported as binary): Parquet needs random access and compresses its
    own pages, so nobody should gzip it.
    """
    name = path.lower()
    compressed = name.endswith(_GZIP)
    if compressed:
        name = name[: -len(_GZIP)]
    suffix = os.path.splitext(name)[1]
    if suffix in (".jsonl", ".csv"):
        return suffix[1:]
    return "parquet" if suffix == ".parquet" and not compressed else "text"


def open_bytes(path: str) -> io.BufferedIOBase:
    """Open for binary reading, decompressing ``*.gz`` on the fly so big files stream."""
    if is_gzip(path):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_error_reason(exc: BaseException) -> str:
    """The skip reason for one of `READ_ERRORS`; damaged gzip data is not an OS error."""
    if isinstance(exc, DECOMPRESS_ERRORS):
        return f"not valid gzip: {exc}"
    return f"cannot read: {getattr(exc, 'strerror', None) or exc}"


def read_head(path: str, size: int) -> bytes:
    """Up to `size` leading bytes of the (decompressed) content, to sniff binary data.

    Damaged gzip data is not raised here: the reader meets it again where the data breaks,
    after yielding the documents before it, which a failed sniff would have thrown away.
    OS errors (missing file, no permission) are raised.
    """
    head = bytearray()
    with open_bytes(path) as fh:
        try:
            while len(head) < size:
                chunk = fh.read1(size - len(head))
                if not chunk:
                    break
                head += chunk
        except DECOMPRESS_ERRORS:
            pass
    return bytes(head)


# --- Parquet ---------------------------------------------------------------------------


def parquet_records(path: str, text_field: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(row, record)`` for each row of a Parquet file, `row` counting from 1.

    Streams `PARQUET_BATCH_ROWS` rows at a time. Values are plain Python objects, with
    dates and times as ISO strings. Raises `UnreadableInput` for a file that is not Parquet,
    has no `text_field` column or no rows, or that breaks part way (with the row).
    """
    parquet = _open_parquet(path)
    try:
        names = parquet.schema_arrow.names
        if text_field not in names:
            columns = ", ".join(names)
            raise UnreadableInput(f"no '{text_field}' column: columns are {columns}")
        row = 0
        batches = parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS)
        while (records := _next_records(batches, row + 1)) is not None:
            for record in records:
                row += 1
                yield row, {key: iso_dates(value) for key, value in record.items()}
        if row == 0:
            raise UnreadableInput("empty: no rows")
    finally:
        parquet.close()


def _parquet_errors() -> tuple[type[Exception], ...]:
    """Errors of a bad or damaged Parquet file (OverflowError: a date out of range)."""
    import pyarrow as pa

    return (OSError, ValueError, OverflowError, pa.ArrowException)


def _open_parquet(path: str) -> Any:
    """A `pyarrow.parquet.ParquetFile`; only its footer is read here, not the data."""
    try:
        import pyarrow.parquet as pq  # lazy: keeps `quotes --help` and text runs fast
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise UnreadableInput(f"cannot read: pyarrow is not installed ({exc})") from None
    try:
        return pq.ParquetFile(path)
    except _parquet_errors() as exc:
        strerror = getattr(exc, "strerror", None)
        raise UnreadableInput(
            f"cannot read: {strerror}" if strerror else f"not valid Parquet: {exc}"
        ) from None


def _next_records(batches: Iterator[Any], first_row: int) -> list[dict[str, Any]] | None:
    """The next batch as a list of dicts, None at the end; damage raises `UnreadableInput`."""
    try:
        batch = next(batches, None)
        return None if batch is None else batch.to_pylist()
    except _parquet_errors() as exc:
        raise UnreadableInput(f"not valid Parquet: {exc}", first_row) from None


def iso_dates(value: Any) -> Any:
    """Dates, times and timestamps as ISO 8601 strings, also inside lists and structs.

    The CSV and Parquet writers store pass-through values as text, where ``str()`` of a
    datetime is not ISO (space instead of ``T``); JSON cannot hold a datetime at all.
    """
    if isinstance(value, dt.date | dt.time):  # datetime (and pandas.Timestamp) are dates
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [iso_dates(item) for item in value]
    if isinstance(value, dict):
        return {key: iso_dates(item) for key, item in value.items()}
    return value


# --- glob patterns ---------------------------------------------------------------------


def is_pattern(given: str) -> bool:
    """True when `given` has a wildcard and is not an existing path.

    An existing path wins so that a file really named ``notes[1].txt`` is read as such.
    """
    return not _WILDCARDS.isdisjoint(given) and not os.path.lexists(given)


def expand_pattern(pattern: str) -> list[str]:
    """The paths `pattern` matches (``**`` spans folders), sorted; empty when none.

    A matched directory is walked by the caller like one given by name, so matches inside
    it are dropped: ``data/**`` reads each file of ``data`` once, not twice.
    """
    matches = sorted(glob.glob(pattern, recursive=True))
    folders = {os.path.normpath(m) for m in matches if os.path.isdir(m)}
    return [m for m in matches if not _inside(os.path.normpath(m), folders)]


def _inside(path: str, folders: set[str]) -> bool:
    """True when a strict ancestor of `path` is one of `folders` (all normalised)."""
    parent = os.path.dirname(path)
    while parent and parent != path:
        if parent in folders:
            return True
        path, parent = parent, os.path.dirname(parent)
    return False
