"""What `quotes index` reads: documents to extract quotes from, or a quotes table that
`quotes extract` already wrote (CSV, JSONL or Parquet, gzipped or not).

Why both: extraction takes hours on a big archive; a table made once must be indexable
without redoing it. A file is a quotes table when its columns include those of
`quotes extract` that identify a quote (`QUOTE_TABLE_COLUMNS`); anything else is read as
documents, exactly as `quotes extract` reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from quotes.io import archives
from quotes.io.formula import unprefixed
from quotes.io.readers import Origin, Skipped, iter_inputs_with_origin

QUOTE_TABLE_COLUMNS = frozenset({"doc_id", "quote", "speaker", "start", "end"})
_INTEGERS = ("start", "end", "paragraph")
_FLOATS = ("confidence",)
_HEAD_BYTES = 1 << 16


def columns_of(path: str) -> set[str]:
    """The column names of a CSV / JSONL / Parquet file (first record), or empty."""
    kind = archives.input_kind(path)
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return set(pq.ParquetFile(path).schema_arrow.names)
        if kind not in ("csv", "jsonl"):
            return set()
        with archives.open_bytes(path) as f:
            first = f.readline(_HEAD_BYTES).decode("utf-8-sig", errors="replace")
    except Exception:  # unreadable: the document reader reports it as a skip
        return set()
    if kind == "jsonl":
        try:
            record = json.loads(first)
        except ValueError:
            return set()
        return set(record) if isinstance(record, dict) else set()
    delimiter = max(",;\t", key=first.count)
    return {c.strip().strip('"') for c in first.rstrip("\r\n").split(delimiter)}


def is_quote_table(path: str) -> bool:
    """True for a file written by `quotes extract` (or with the same quote columns)."""
    return columns_of(path) >= QUOTE_TABLE_COLUMNS


def quote_rows(path: str) -> Iterator[tuple[Origin, str, dict[str, Any]] | tuple[Origin, Skipped]]:
    """The rows of a quotes table, streamed, as (origin, doc_id, row); unreadable
    records as (origin, skipped), the way documents are reported."""
    for origin, item in iter_inputs_with_origin([path], id_field="doc_id", text_field="quote"):
        if isinstance(item, Skipped):
            yield origin, item
            continue
        row: dict[str, Any] = {"quote": item.text, **item.meta}
        doc_id = item.doc_id
        if ".csv" in path.lower():  # written formula-safe by `quotes extract`
            row, doc_id = {k: unprefixed(v) for k, v in row.items()}, unprefixed(doc_id)
        for key in _INTEGERS:
            row[key] = _number(row.get(key), int)
        for key in _FLOATS:
            row[key] = _number(row.get(key), float)
        yield origin, doc_id, row


def _number(value: Any, kind: type) -> Any:
    """CSV cells are text: "12" -> 12; empty or unreadable -> None."""
    if value is None or value == "":
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except (TypeError, ValueError):
        return None
