"""Formula-safe CSV cells (CSV injection, the OWASP rule).

A journalist opens the CSV in Excel or LibreOffice; a cell that begins with `=`, `+`,
`-`, `@`, a tab or a carriage return is read as a formula there (`=HYPERLINK(...)` from a
quoted tweet becomes a live link, worse ones run commands). Quoted speech is untrusted
text, so CSV output prefixes such a text cell with a single quote, which the spreadsheet
shows as text. Only CSV is touched: JSONL, Parquet and DataFrames keep the values as they
are, and `--raw-csv` (`raw=True`) writes them unchanged for programs that read CSV.
Numbers (offsets, confidence) are not text cells and are never prefixed. Reading such a
table back (`quotes index quotes.csv`) takes the prefix off again (`unprefixed`).
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """`value` with a leading single quote when it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unprefixed(value: Any) -> Any:
    """The cell as it was before `formula_safe` ("'=x" -> "=x"), for CSV read back."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_START:
        return value[1:]
    return value
