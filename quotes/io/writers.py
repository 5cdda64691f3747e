"""Write result rows (one per quote) to CSV, JSONL or Parquet, atomically.

Why atomic: batch runs get interrupted. Output goes to a hidden temp file next to the
destination and is renamed over it only when the writer closes without error, so a crash
or Ctrl-C never leaves a half-written file under the final name (an older file survives).
Stdout cannot be made atomic; it is streamed as is (and refused for Parquet, a binary
format that needs a seekable file).

Column policy: every row has the `Quote.columns()` fields, then pass-through columns taken
from the document's meta (date, source, url...). CSV and Parquet need one fixed header
before the first row, but meta keys are only discovered while streaming. So those writers
(quotes.io.tabular) buffer the first `BATCH_SIZE` rows and fix the header as
`Quote.columns()` + `extra_columns` + the other keys seen in that first batch, in
first-seen order, then stream in batches. A key that first appears after the header is
written cannot be added: it is left out of that CSV/Parquet file and reported once
through `on_warning` (no crash). Pass every key in `extra_columns` up front, or use
JSONL, which has no header and keeps every key of every row.

Types: CSV writes None as an empty field and nested values as JSON; every field is quoted
(QUOTE_ALL) so commas, quotes and newlines inside quotes survive a round trip; a text
cell a spreadsheet would run as a formula gets a leading ' (quotes.io.formula). Parquet
uses an explicit schema derived from `Quote` (string / int64 / bool, all nullable);
pass-through columns are stored as strings because their types are unknown up front and
may differ between documents.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import math
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any, get_type_hints

from quotes.model import Quote

FORMATS = ("csv", "jsonl", "parquet")
#: Rows buffered before the header is fixed, and rows per Parquet row group batch.
BATCH_SIZE = 1000
#: Receives one-line warnings (late columns); None means `warnings.warn`.
Warn = Callable[[str], None] | None


class OutputError(ValueError):
    """A user mistake about the output (bad format, unwritable path, Parquet to stdout)."""


def infer_format(path: str | None) -> str:
    """Output format from the file extension; csv when unknown or for stdout."""
    if not path or path == "-":
        return "csv"
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return "csv"


def quote_column_kinds() -> dict[str, str]:
    """Each output column of `Quote` mapped to "int", "bool", "float" or "str".

    Derived from the dataclass annotations so a field added to `Quote` gets a type here
    without a second list to keep in sync.
    """
    return dict(_quote_column_kinds())


@functools.lru_cache(maxsize=1)
def _quote_column_kinds() -> tuple[tuple[str, str], ...]:
    hints = get_type_hints(Quote)
    simple = {int: "int", bool: "bool", float: "float"}
    return tuple((name, simple.get(hints.get(name), "str")) for name in Quote.columns())


def passthrough_name(key: str, taken: Iterable[str]) -> str:
    """Name for a meta column that must not hide a quote field: ``start`` -> ``input_start``."""
    taken = set(taken)
    while key in taken:
        key = f"input_{key}"
    return key


def quote_row(quote: Quote, meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One output row: the quote's fields, then the document's meta (renamed on clash)."""
    row = quote.as_dict()
    for key, value in (meta or {}).items():
        row[passthrough_name(str(key), row)] = value
    return row


def _clean(value: Any) -> Any:
    """NaN is not JSON and means "missing" in pandas: store it as None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _as_text(value: Any) -> str | None:
    """Render a pass-through value as a string cell (nested values as JSON)."""
    value = _clean(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


class _Destination:
    """A temp file beside `path` that becomes `path` on commit, or stdout when path is None."""

    def __init__(self, path: str | None) -> None:
        self.path = None if path in (None, "-") else path
        self.tmp: str | None = None
        if self.path is None:
            return
        if os.path.isdir(self.path):
            raise OutputError(f"cannot write {self.path}: it is a directory")
        folder = os.path.dirname(os.path.abspath(self.path))
        name = os.path.basename(self.path)
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        os.close(fd)

    def open_text(self, encoding: str) -> IO[str]:
        """Text stream with no newline translation (csv needs newline='')."""
        if self.tmp is not None:
            return open(self.tmp, "w", encoding=encoding, newline="")
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # already a text-only stream (some embedders)
            return sys.stdout
        sys.stdout.flush()
        return io.TextIOWrapper(buffer, encoding=encoding, newline="", write_through=True)

    def close_text(self, stream: IO[str]) -> None:
        """Close a file stream; only flush and detach stdout (it is not ours to close)."""
        if self.tmp is not None:
            stream.close()
        elif stream is not sys.stdout and isinstance(stream, io.TextIOWrapper):
            stream.flush()
            stream.detach()
        else:
            stream.flush()

    def commit(self) -> None:
        """Give the temp file normal permissions (mkstemp makes it 0600) and rename it."""
        if self.tmp is None or self.path is None:
            return
        try:
            mode = os.stat(self.path).st_mode & 0o7777 if os.path.exists(self.path) else None
            os.chmod(self.tmp, 0o666 & ~_UMASK if mode is None else mode)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None


_UMASK = os.umask(0o022)  # read once at import (os.umask can only be read by setting it)
os.umask(_UMASK)


class RowWriter:
    """Context manager with `.write(rows)`; commits on clean exit, discards on error."""

    fmt = ""

    def __init__(self, path: str | None, columns: Sequence[str], on_warning: Warn = None) -> None:
        self.path = path
        self.columns = list(columns)
        self.rows_written = 0
        self._warn = on_warning or (lambda msg: warnings.warn(msg, stacklevel=3))
        self._closed = False
        self._dest = _Destination(path)
        self._stream: IO[str] | None = None

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Write rows (dicts keyed by column name); may buffer until the batch is full."""
        raise NotImplementedError

    def _finish(self) -> None:
        """Flush what is buffered and close the underlying stream."""
        raise NotImplementedError

    def _release(self) -> None:
        """Close the underlying stream without flushing buffered rows."""
        if self._stream is not None:
            self._dest.close_text(self._stream)
            self._stream = None

    def close(self) -> None:
        """Flush everything and move the file to its final name."""
        if self._closed:
            return
        self._closed = True
        try:
            self._finish()
        except BaseException:
            self._dest.discard()
            raise
        self._dest.commit()

    def abort(self) -> None:
        """Drop the output: the final path is left untouched."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._release()
        self._dest.discard()

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class _JsonlWriter(RowWriter):
    fmt = "jsonl"

    def __init__(self, path: str | None, columns: Sequence[str], on_warning: Warn = None) -> None:
        super().__init__(path, columns, on_warning)
        self._stream = self._dest.open_text("utf-8")

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        stream = self._stream
        if stream is None:
            raise ValueError("write to a closed writer")
        for row in rows:
            ordered = {c: _clean(row.get(c)) for c in self.columns}
            ordered.update((k, _clean(v)) for k, v in row.items() if k not in ordered)
            stream.write(json.dumps(ordered, ensure_ascii=False, default=str) + "\n")
            self.rows_written += 1

    def _finish(self) -> None:
        self._release()


def open_writer(
    path: str | None,
    fmt: str,
    *,
    bom: bool = False,
    raw_csv: bool = False,
    extra_columns: Sequence[str] = (),
    on_warning: Warn = None,
) -> RowWriter:
    """Open a writer for `fmt` ("csv", "jsonl", "parquet") to `path` (None or "-": stdout).

    Columns are `Quote.columns()` + `extra_columns` + keys found in the first batch (see the
    module docstring). `bom` adds a UTF-8 BOM to CSV so Excel shows accents right; CSV
    text cells are formula-safe (quotes.io.formula) unless `raw_csv`.
    Raises `OutputError` for a bad format, an unwritable path or Parquet to stdout.
    """
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise OutputError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")
    columns = list(Quote.columns())
    columns += [c for c in dict.fromkeys(extra_columns) if c not in columns]
    from quotes.io.tabular import CsvWriter, ParquetWriter

    if fmt == "csv":
        return CsvWriter(path, columns, on_warning, bom=bom, raw=raw_csv)
    if fmt == "jsonl":
        return _JsonlWriter(path, columns, on_warning)
    return ParquetWriter(path, columns, on_warning)
