"""Searching the quote index: who said this, what X said about Y, how often a line was
repeated. Every function returns a pandas DataFrame, for notebooks and for the CLI.

User text only ever reaches SQLite as a bound parameter: the query is turned into an
FTS5 expression by `fts_query.to_match` (where every word is an FTS5 string) and bound
to `MATCH ?`; filters are bound values too.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from quotes.index.fts_query import QueryError, to_match
from quotes.index.normalise import is_alias, name_words
from quotes.index.store import connect

DEFAULT_LIMIT = 20
# Marks put around the words that matched, in the `match` column.
HIGHLIGHT = ("[", "]")
RESULT_COLUMNS = [
    "quote",
    "speaker",
    "date",
    "doc_id",
    "source",
    "kind",
    "cue",
    "speaker_mention",
    "start",
    "end",
    "context",
    "url",
    "quote_id",
    "n_docs",
    "first_date",
    "match",
]


@dataclass(frozen=True)
class Filters:
    """What a search or a speaker list is restricted to; empty fields restrict nothing."""

    speaker: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive (the whole day)
    source: str | None = None
    kind: str | None = None

    def where(self, con: sqlite3.Connection) -> tuple[list[str], list[object]]:
        """SQL conditions on `q` (the quotes table) and their bound values."""
        sql: list[str] = []
        args: list[object] = []
        if self.speaker:
            names = speaker_aliases(con, self.speaker)
            sql.append(f"q.speaker IN ({', '.join('?' * len(names)) or 'NULL'})")
            args += names
        if self.since:
            sql.append("q.date >= ?")
            args.append(_day(self.since, "--since").isoformat())
        if self.until:
            sql.append("q.date < ?")
            args.append((_day(self.until, "--until") + dt.timedelta(days=1)).isoformat())
        if self.source:
            sql.append("q.source = ? COLLATE NOCASE")
            args.append(self.source)
        if self.kind:
            sql.append("q.kind = ?")
            args.append(self.kind)
        return sql, args


def _day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise QueryError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


def speaker_aliases(con: sqlite3.Connection, name: str) -> list[str]:
    """The speaker names of the index that `name` designates, accents and case aside:
    names holding all its words ("macron" -> "Emmanuel Macron", "M. Macron"), and shorter
    forms of it ("Macron" for "Emmanuel Macron") unless the index gives that short form
    to somebody else too ("Brigitte Macron")."""
    rows = con.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")
    names = [s for (s,) in rows]
    query = set(name_words(name))
    words = {s: set(name_words(s)) for s in names}
    out = []
    for s in names:
        if not is_alias(name, s):
            continue
        if query <= words[s]:
            out.append(s)
            continue
        others = [w for w in words.values() if words[s] < w]  # fuller names with its words
        if all(w <= query or query <= w for w in others):
            out.append(s)
    return out


def search(
    db: str | Path,
    query: str = "",
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    distinct: bool = False,
    highlight: tuple[str, str] = HIGHLIGHT,
) -> pd.DataFrame:
    """Quotes of the index matching `query` (words, "phrases", prefix*, AND/OR/NOT) and
    the filters, best match first (newest first without a query).

    `distinct` gives each distinct quote (`quote_id`) once, with the number of documents
    carrying it (`n_docs`) and its first date, most repeated first. The `match` column is
    the quote with the words that matched between the `highlight` marks.
    Raises `QueryError` for a malformed query or date, `NotAnIndex` for a bad file.
    """
    con = connect(db)
    try:
        filters = Filters(speaker, since, until, source, kind)
        return _search(con, query, filters, limit, distinct, highlight)
    finally:
        con.close()


def _search(
    con: sqlite3.Connection,
    query: str,
    filters: Filters,
    limit: int | None,
    distinct: bool,
    highlight: tuple[str, str],
) -> pd.DataFrame:
    where, args = filters.where(con)
    if query.strip():
        source = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
        where.insert(0, "quotes_fts MATCH ?")
        args.insert(0, to_match(query))
        match, rank, marks = "highlight(quotes_fts, 0, ?, ?)", "quotes_fts.rank", list(highlight)
    else:  # no query: newest first
        source, match, rank, marks = "quotes q", "q.quote", "q.id", []
    joined = f"FROM {source} JOIN groups g ON g.quote_id = q.quote_id"
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    if distinct:  # each quote_id once (its first row), most repeated first
        ids = _run(
            con,
            f"SELECT MIN(q.id) {joined}{condition} GROUP BY q.quote_id "
            "ORDER BY g.n_docs DESC, g.first_date, q.quote_id" + _limit(limit, args),
            args,
        )
        if not ids:
            return pd.DataFrame(columns=RESULT_COLUMNS)
        condition += (" AND " if condition else " WHERE ") + "q.id IN ({})".format(
            ", ".join(str(int(i)) for (i,) in ids)  # integers from the index itself
        )
        order = "g.n_docs DESC, g.first_date, q.quote_id"
        args = args[:-1] if limit is not None else args
    else:
        order = "_rank" if query.strip() else "q.date IS NULL, q.date DESC, q.id"
    columns = ", ".join(f'q."{c}"' for c in RESULT_COLUMNS[:13])
    sql = (
        f"SELECT {columns}, g.n_docs, g.first_date, {match} AS match, {rank} AS _rank "
        f"{joined}{condition} ORDER BY {order}" + ("" if distinct else _limit(limit, args))
    )
    try:
        frame = pd.read_sql_query(sql, con, params=marks + args)
    except (sqlite3.OperationalError, pd.errors.DatabaseError) as exc:  # FTS5 refused it
        raise QueryError(f"the query could not be run: {exc}") from None
    return frame[RESULT_COLUMNS].reset_index(drop=True)


def _limit(limit: int | None, args: list[object]) -> str:
    """A LIMIT clause, its value appended to the bound `args`."""
    if limit is None:
        return ""
    args.append(int(limit))
    return " LIMIT ?"


def _run(con: sqlite3.Connection, sql: str, args: list[object]) -> list[tuple]:
    try:
        return con.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:  # FTS5 refused the expression
        raise QueryError(f"the query could not be run: {exc}") from None


def speakers(
    db: str | Path,
    query: str = "",
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Speakers with their number of quotes and documents and their first and last
    dates, most quoted first; `query` and the filters restrict the quotes counted."""
    con = connect(db)
    try:
        where, args = Filters(speaker, since, until, source, kind).where(con)
        where.append("q.speaker IS NOT NULL")
        source_sql = "quotes q"
        if query.strip():
            source_sql = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
            where.insert(0, "quotes_fts MATCH ?")
            args.insert(0, to_match(query))
        sql = (
            "SELECT q.speaker AS speaker, COUNT(*) AS quotes, COUNT(DISTINCT q.doc_id) AS "
            f"documents, MIN(q.date) AS first_date, MAX(q.date) AS last_date FROM {source_sql} "
            f"WHERE {' AND '.join(where)} GROUP BY q.speaker ORDER BY quotes DESC, speaker"
        )
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        try:
            return pd.read_sql_query(sql, con, params=args)
        except (sqlite3.OperationalError, pd.errors.DatabaseError) as exc:
            raise QueryError(f"the query could not be run: {exc}") from None
    finally:
        con.close()
