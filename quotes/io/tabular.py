"""The CSV and Parquet writers: one header fixed from the first batch, then batches.

Why apart from `quotes.io.writers`: both formats need the whole header before the first
row while meta keys are only discovered while streaming (see that module's docstring for
the column policy); the buffering that decides the header is shared here, the atomic
destination and the JSONL writer stay there.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quotes.io import writers
from quotes.io.formula import formula_safe
from quotes.io.writers import OutputError, RowWriter, Warn, _as_text, _clean, quote_column_kinds


class TabularWriter(RowWriter):
    """Shared buffering and fixed-header logic for CSV and Parquet."""

    def __init__(self, path: str | None, columns: Sequence[str], on_warning: Warn = None) -> None:
        super().__init__(path, columns, on_warning)
        self._pending: list[Mapping[str, Any]] = []
        self._header_fixed = False
        self._known = set(self.columns)
        self._dropped: set[str] = set()

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            if self._header_fixed:
                for key in row:
                    if key not in self._known and key not in self._dropped:
                        self._dropped.add(key)
                        self._warn(
                            f"column '{key}' first appeared after the {self.fmt} header was "
                            f"written; it is left out (use jsonl to keep every column)"
                        )
            self._pending.append(row)
            if len(self._pending) >= writers.BATCH_SIZE:
                self._flush()

    def _fix_header(self) -> None:
        for row in self._pending:
            for key in row:
                if key not in self._known:
                    self._known.add(key)
                    self.columns.append(key)
        self._header_fixed = True
        self._start()

    def _flush(self) -> None:
        if not self._header_fixed:
            self._fix_header()
        if self._pending:
            self._emit(self._pending)
            self.rows_written += len(self._pending)
            self._pending = []

    def _finish(self) -> None:
        self._flush()
        self._end()

    def _start(self) -> None:
        raise NotImplementedError

    def _emit(self, rows: list[Mapping[str, Any]]) -> None:
        raise NotImplementedError

    def _end(self) -> None:
        raise NotImplementedError


class CsvWriter(TabularWriter):
    fmt = "csv"

    def __init__(
        self,
        path: str | None,
        columns: Sequence[str],
        on_warning: Warn = None,
        *,
        bom: bool,
        raw: bool = False,
    ) -> None:
        super().__init__(path, columns, on_warning)
        self._stream = self._dest.open_text("utf-8-sig" if bom else "utf-8")
        self._csv = csv.writer(self._stream, quoting=csv.QUOTE_ALL)
        self._cell = (lambda v: v) if raw else formula_safe

    def _start(self) -> None:
        self._csv.writerow(self.columns)

    def _emit(self, rows: list[Mapping[str, Any]]) -> None:
        cell = self._cell
        self._csv.writerows(
            ["" if (v := _as_text(cell(row.get(c)))) is None else v for c in self.columns]
            for row in rows
        )

    def _end(self) -> None:
        self._release()


class ParquetWriter(TabularWriter):
    fmt = "parquet"

    def __init__(self, path: str | None, columns: Sequence[str], on_warning: Warn = None) -> None:
        if path in (None, "-"):
            raise OutputError(
                "parquet cannot be written to stdout: give a file, e.g. -o quotes.parquet"
            )
        super().__init__(path, columns, on_warning)
        self._writer: Any = None
        self._schema: Any = None

    def _start(self) -> None:
        import pyarrow as pa  # lazy: keeps `quotes --help` fast
        import pyarrow.parquet as pq

        types = {"int": pa.int64(), "bool": pa.bool_(), "float": pa.float64()}
        kinds = quote_column_kinds()
        self._schema = pa.schema(
            [pa.field(c, types.get(kinds.get(c, "str"), pa.string())) for c in self.columns]
        )
        self._writer = pq.ParquetWriter(self._dest.tmp, self._schema)

    def _emit(self, rows: list[Mapping[str, Any]]) -> None:
        import pyarrow as pa

        kinds = quote_column_kinds()
        arrays = []
        for field in self._schema:
            values = [row.get(field.name) for row in rows]
            if field.name not in kinds or kinds[field.name] == "str":
                values = [_as_text(v) for v in values]
            else:
                values = [_clean(v) for v in values]
            arrays.append(pa.array(values, type=field.type))
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))

    def _end(self) -> None:
        self._writer.close()

    def _release(self) -> None:
        if self._writer is not None:
            self._writer.close()
