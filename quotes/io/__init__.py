"""Reading user inputs into documents and writing result rows (CSV, JSONL, Parquet)."""

from quotes.io.readers import Origin, Skipped, iter_inputs, iter_inputs_with_origin
from quotes.io.writers import (
    FORMATS,
    OutputError,
    RowWriter,
    infer_format,
    open_writer,
    quote_row,
)

__all__ = [
    "FORMATS",
    "Origin",
    "OutputError",
    "RowWriter",
    "Skipped",
    "infer_format",
    "iter_inputs",
    "iter_inputs_with_origin",
    "open_writer",
    "quote_row",
]
