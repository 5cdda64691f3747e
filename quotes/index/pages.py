"""What the pages of `quotes serve` show beyond a search: one quote with the documents
that repeat it, a speaker over time, and the quotes per speaker gender and source.

Why here and not in the server: a notebook asks the same questions ("who said it first,
who repeated it", "how many women did this outlet quote each month"), so they are
functions over the index returning DataFrames, like `quotes.index.search`; the server
only renders them. Every value reaches SQLite as a bound parameter.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from quotes.index.fts_query import QueryError
from quotes.index.normalise import name_words
from quotes.index.review import latest
from quotes.index.search import Filters, speaker_expression
from quotes.index.store import COLUMNS, connect

# period -> the SQL that turns an ISO date into that period's label
PERIODS = {"month": "substr(q.date, 1, 7)", "week": "strftime('%Y-W%W', q.date)"}
GENDERS = ("female", "male", "unknown")
_ROW = ", ".join(f'q."{c}"' for c in ("quote_id", *COLUMNS))


def quote_row(db: str | Path, row_id: int) -> dict[str, Any] | None:
    """One row of the index by its `id` (None when there is none), with the number of
    documents carrying the same quote and its first date."""
    con = connect(db)
    try:
        cur = con.execute(
            f"SELECT q.id, {_ROW}, g.n_docs, g.first_date FROM quotes q "
            "LEFT JOIN groups g ON g.quote_id = q.quote_id WHERE q.id = ?",
            (int(row_id),),
        )
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))
    finally:
        con.close()


def repeats(db: str | Path, quote_id: int) -> pd.DataFrame:
    """Every row carrying the quote `quote_id`, oldest first (undated last): who said it
    first, and who repeated it where."""
    con = connect(db)
    try:
        return pd.read_sql_query(
            f"SELECT q.id, {_ROW} FROM quotes q WHERE q.quote_id = ? "
            "ORDER BY q.date IS NULL, q.date, q.id",
            con,
            params=[int(quote_id)],
        )
    finally:
        con.close()


def _period(by: str) -> str:
    if by not in PERIODS:
        raise QueryError(f"period {by!r}: expected one of {', '.join(PERIODS)}")
    return PERIODS[by]


def _where(con: sqlite3.Connection, filters: Filters) -> tuple[str, list[object]]:
    sql, args = filters.where(con)
    return (" WHERE " + " AND ".join(sql)) if sql else "", args


def speaker_profile(
    db: str | Path,
    name: str,
    by: str = "month",
    filters: Filters | None = None,
    corrected: bool = False,
) -> dict[str, pd.DataFrame]:
    """A speaker (with its aliases, `search.speaker_aliases`): `timeline` (quotes per
    period, dated rows only), `roles` and `sources` (with their numbers of quotes) and
    `names` (the index's names counted as this speaker). `corrected`: with readers'
    corrections (`quotes.index.review`), as `search(..., corrected=True)`."""
    period = _period(by)
    con = connect(db)
    try:
        fixes = latest(con) if corrected else None
        base = replace(filters or Filters(), speaker=name, corrections=fixes)
        where, args = _where(con, base)
        who, who_args = speaker_expression(fixes)

        def frame(sql: str) -> pd.DataFrame:
            return pd.read_sql_query(sql, con, params=args)

        return {
            "timeline": frame(
                f"SELECT {period} AS period, COUNT(*) AS quotes FROM quotes q{where}"
                f"{' AND' if where else ' WHERE'} q.date IS NOT NULL "
                "GROUP BY period ORDER BY period"
            ),
            "roles": frame(
                "SELECT q.speaker_role AS role, COUNT(*) AS quotes FROM quotes q"
                f"{where}{' AND' if where else ' WHERE'} q.speaker_role IS NOT NULL "
                "GROUP BY role ORDER BY quotes DESC, role"
            ),
            "sources": frame(
                "SELECT COALESCE(q.source, '') AS source, COUNT(*) AS quotes, "
                f"MIN(q.date) AS first_date, MAX(q.date) AS last_date FROM quotes q{where} "
                "GROUP BY 1 ORDER BY quotes DESC, source"
            ),
            "names": pd.read_sql_query(
                f"SELECT {who} AS name, COUNT(*) AS quotes FROM quotes q{where} "
                "GROUP BY name ORDER BY quotes DESC, name",
                con,
                params=who_args + args,
            ),
        }
    finally:
        con.close()


def gender_by_source(
    db: str | Path, by: str = "month", filters: Filters | None = None, corrected: bool = False
) -> pd.DataFrame:
    """Quotes with a speaker per source and period, by speaker gender (columns
    `female`, `male`, `unknown`) and the share of women among the gendered ones: the
    figure press observatories publish. Undated rows count under an empty period.
    `corrected` leaves out the rows readers marked false."""
    period = _period(by)
    con = connect(db)
    try:
        fixes = latest(con) if corrected else None
        where, args = _where(con, replace(filters or Filters(), corrections=fixes))
        where += (" AND" if where else " WHERE") + " q.speaker IS NOT NULL"
        counts = ", ".join(
            f"SUM(COALESCE(q.speaker_gender, 'unknown') = '{g}') AS {g}" for g in GENDERS
        )  # the genders are constants of this module, not user text
        frame = pd.read_sql_query(
            f"SELECT COALESCE(q.source, '') AS source, COALESCE({period}, '') AS period, "
            f"{counts} FROM quotes q{where} GROUP BY 1, 2 ORDER BY 1, 2",
            con,
            params=args,
        )
    finally:
        con.close()
    gendered = frame["female"] + frame["male"]
    frame["share_female"] = (frame["female"] / gendered.where(gendered > 0)).round(3)
    return frame


def suggest_speakers(db: str | Path, text: str, limit: int = 20) -> list[str]:
    """Speaker names, in alphabetical order, with a word starting with the last word
    typed and holding the others ("emmanuel mac" -> "Emmanuel Macron"), accents and case
    aside; read from `speaker_words`, so it costs the same on a million quotes."""
    words = name_words(text)
    if not words:
        return []
    con = connect(db)
    try:
        last = words[-1]
        rows = con.execute(
            "SELECT DISTINCT name FROM speaker_words WHERE word >= ? AND word < ? LIMIT 2000",
            (last, last + "\U0010ffff"),
        )
        names = sorted({n for (n,) in rows})
    finally:
        con.close()
    others = set(words[:-1])
    return [n for n in names if others <= set(name_words(n))][:limit]
