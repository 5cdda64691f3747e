"""Searching the quote index: who said this, what X said about Y, how often a line was
repeated. Every function returns a pandas DataFrame, for notebooks and for the CLI.

User text only ever reaches SQLite as a bound parameter: the query is turned into an
FTS5 expression by `fts_query.to_match` (where every word is an FTS5 string) and bound
to `MATCH ?`; filters are bound values too.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from quotes.index.fts_query import QueryError, to_match
from quotes.index.highlight import QueryWords, highlight
from quotes.index.normalise import is_alias, name_words
from quotes.index.plan import matching_ids
from quotes.index.review import Corrections, latest
from quotes.index.store import connect
from quotes.lang import CODES

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
    "speaker_role",
    "speaker_gender",
    "lang",
    "confidence",
    "id",  # the row's id in the index (`quote_row`, the quote page of `quotes serve`)
    "n_docs",
    "first_date",
    "match",
]
_ROW_COLUMNS = RESULT_COLUMNS[:-3]  # those of the quotes table (q); then groups' and match


@dataclass(frozen=True)
class Filters:
    """What a search or a speaker list is restricted to; empty fields restrict nothing."""

    speaker: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive (the whole day)
    source: str | None = None
    kind: str | None = None
    lang: str | None = None  # "fr", "en": the language the quotes were read in
    min_confidence: float | None = None  # rows with a confidence at least this
    # readers' corrections to apply (`quotes.index.review`; --corrected), or None
    corrections: Corrections | None = field(default=None, compare=False)

    @property
    def by_speaker_index(self) -> bool:
        """The speaker filter may narrow the full-text search (`fts_match`): not when
        corrections may give rows a speaker the full-text index does not hold."""
        return bool(self.speaker) and not (self.corrections and self.corrections.rows)

    def where(self, con: sqlite3.Connection) -> tuple[list[str], list[object]]:
        """SQL conditions on `q` (the quotes table) and their bound values."""
        sql: list[str] = []
        args: list[object] = []
        fixed = self.corrections.rows if self.corrections else {}
        if self.speaker:
            names = speaker_aliases(con, self.speaker)
            sql.append(f"q.speaker IN ({', '.join('?' * len(names)) or 'NULL'})")
            args += names
            if fixed:  # rows corrected away from these names out, rows corrected to them in
                away = [i for i, c in fixed.items() if c.speaker not in names]
                to = [i for i, c in fixed.items() if c.speaker in names and c.action != "false"]
                sql[-1] = (
                    f"(({sql[-1]} AND q.id NOT IN ({_marks(away)})) OR q.id IN ({_marks(to)}))"
                )
                args += [*away, *to]
        if self.corrections and self.corrections.false:
            sql.append(f"q.id NOT IN ({_marks(self.corrections.false)})")
            args += self.corrections.false
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
        if self.lang:
            if self.lang not in CODES:
                raise QueryError(f"lang {self.lang!r}: expected one of {', '.join(CODES)}")
            sql.append("q.lang = ?")
            args.append(self.lang)
        if self.min_confidence is not None:
            sql.append("q.confidence >= ?")
            args.append(float(self.min_confidence))
        return sql, args


def _marks(values: list[object]) -> str:
    """Placeholders for the values of an IN list (NULL for none: matches nothing)."""
    return ", ".join("?" * len(values)) or "NULL"


def _day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise QueryError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


def fts_match(query: str, speaker: str | None = None) -> str:
    """The MATCH expression: the user's query on the quote column only (a quote *about*
    Macron, not one *by* him), and, with a speaker filter, the speaker's surname on the
    speaker column, so FTS5 reads only that speaker's quotes (the exact alias check is
    done on the rows, `Filters.where`)."""
    match = f"quote : ({to_match(query)})"
    words = name_words(speaker or "")
    if words:
        match += ' AND speaker : "{}"'.format(words[-1].replace('"', '""'))
    return match


def speaker_aliases(con: sqlite3.Connection, name: str) -> list[str]:
    """The speaker names of the index that `name` designates, accents and case aside:
    names holding all its words ("macron" -> "Emmanuel Macron", "M. Macron"), and shorter
    forms of it ("Macron" for "Emmanuel Macron") unless the index gives that short form
    to somebody else too ("Brigitte Macron")."""
    query = set(name_words(name))
    if not query:
        return []
    # every name `name` can designate holds its last word, and so do their fuller forms
    rows = con.execute("SELECT name FROM speaker_words WHERE word = ?", (name_words(name)[-1],))
    names = [s for (s,) in rows]
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
    lang: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    distinct: bool = False,
    highlight: tuple[str, str] = HIGHLIGHT,
    corrected: bool = False,
) -> pd.DataFrame:
    """Quotes of the index matching `query` (words, "phrases", prefix*, AND/OR/NOT) and
    the filters, best match first (newest first without a query).

    `distinct` gives each distinct quote (`quote_id`) once, with the number of documents
    carrying it (`n_docs`) and its first date, most repeated first. The `match` column is
    the quote with the words that matched between the `highlight` marks. `offset` skips
    that many rows of the result first (paging: rows offset to offset + limit). `lang`
    keeps the quotes read in one language ("fr", "en") of a mixed corpus.
    `frame.attrs["ranked"]` is False when the query matched too many quotes to rank
    (see `quotes.index.plan`): the newest indexed matches are returned instead.
    `corrected` applies readers' corrections (`quotes.index.review`): false quotes left
    out, corrected speakers in the `speaker` column (and its filter), and a `correction`
    column (the latest correction's action, or None).
    Raises `QueryError` for a malformed query or date, `NotAnIndex` for a bad file.
    """
    con = connect(db)
    try:
        fixes = latest(con) if corrected else None
        filters = Filters(speaker, since, until, source, kind, lang, min_confidence, fixes)
        if offset < 0:
            raise QueryError(f"offset {offset}: expected 0 or more")
        upto = None if limit is None else limit + offset
        frame = _search(con, query, filters, upto, distinct, highlight)
        if fixes is not None:
            frame = _apply(frame, fixes)
        if offset:
            attrs = frame.attrs
            frame = frame.iloc[offset:].reset_index(drop=True)
            frame.attrs = attrs
        return frame
    finally:
        con.close()


def _search(
    con: sqlite3.Connection,
    query: str,
    filters: Filters,
    limit: int | None,
    distinct: bool,
    marks: tuple[str, str],
) -> pd.DataFrame:
    where, args = filters.where(con)
    columns = ", ".join(f'q."{c}"' for c in _ROW_COLUMNS) + ", g.n_docs, g.first_date"
    groups = "JOIN groups g ON g.quote_id = q.quote_id"
    if not query.strip():  # no query: newest first, or most repeated first
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        if distinct and not where:  # the groups table knows: no pass over the quotes
            sql = (
                f"SELECT {columns}, q.quote AS match FROM groups g CROSS JOIN quotes q "
                "ON q.id = (SELECT MIN(id) FROM quotes WHERE quote_id = g.quote_id) "
                "ORDER BY g.n_docs DESC, g.first_date, g.quote_id"
            )
        elif distinct:
            sql = (
                f"SELECT {columns}, q.quote AS match, MIN(q.id) FROM quotes q {groups}"
                f"{condition} GROUP BY q.quote_id ORDER BY g.n_docs DESC, g.first_date, q.quote_id"
            )
        else:  # NULL dates sort last in DESC, and the date index serves this order
            sql = (
                f"SELECT {columns}, q.quote AS match FROM quotes q {groups}{condition} "
                "ORDER BY q.date DESC, q.id"
            )
        frame = pd.read_sql_query(sql + _limit(limit, args), con, params=args)
        return frame[RESULT_COLUMNS].reset_index(drop=True)
    match = fts_match(query, filters.speaker if filters.by_speaker_index else None)
    try:
        ranked = True
        if distinct:
            ids = _distinct_ids(con, match, where, args, limit)
        else:
            found = matching_ids(con, match, where, args, limit, by_index=filters.by_speaker_index)
            ids, ranked = found.ids, found.ranked
        rows = _rows(con, columns, groups, ids)
    except sqlite3.OperationalError as exc:  # FTS5 refused the expression
        raise QueryError(f"the query could not be run: {exc}") from None
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS[:-1])
    words = QueryWords.of(query)
    frame["match"] = [highlight(q, words, marks) for q in frame["quote"]]
    frame.attrs["ranked"] = ranked  # False: too many matches, newest indexed shown
    return frame


def _apply(frame: pd.DataFrame, fixes: Corrections) -> pd.DataFrame:
    """The corrected speakers in `speaker`, and the `correction` column."""
    attrs = frame.attrs
    frame = frame.copy()
    found = [fixes.rows.get(int(i)) for i in frame["id"]]
    frame["speaker"] = [
        s if c is None else c.speaker for s, c in zip(frame["speaker"], found, strict=True)
    ]
    frame["correction"] = [None if c is None else c.action for c in found]
    frame.attrs = attrs
    return frame


def _rows(con: sqlite3.Connection, columns: str, groups: str, ids: list[int]) -> list[tuple]:
    """The rows of `ids`, in that order."""
    found: dict[int, tuple] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT q.id, {columns} FROM quotes q {groups} WHERE q.id IN ({marks})"
        found.update((row[0], row[1:]) for row in con.execute(sql, chunk))
    return [found[i] for i in ids if i in found]


def speaker_expression(fixes: Corrections | None) -> tuple[str, list[object]]:
    """SQL for a row's speaker, corrections applied, and its bound values."""
    changed = [
        (i, c.speaker) for i, c in (fixes.rows.items() if fixes else ()) if c.action != "false"
    ]
    if not changed:
        return "q.speaker", []
    cases = " ".join("WHEN ? THEN ?" for _ in changed)
    return f"(CASE q.id {cases} ELSE q.speaker END)", [v for pair in changed for v in pair]


def _distinct_ids(
    con: sqlite3.Connection, match: str, where: list[str], args: list[object], limit: int | None
) -> list[int]:
    """One row id per quote_id among the matches, most repeated quote first."""
    sql = (
        "SELECT MIN(q.id) FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
        "JOIN groups g ON g.quote_id = q.quote_id WHERE quotes_fts MATCH ?"
        + "".join(f" AND {w}" for w in where)
        + " GROUP BY q.quote_id ORDER BY g.n_docs DESC, g.first_date, q.quote_id"
    )
    bound = [match, *args]
    return [qid for (qid,) in con.execute(sql + _limit(limit, bound), bound)]


def _limit(limit: int | None, args: list[object]) -> str:
    """A LIMIT clause, its value appended to the bound `args`."""
    if limit is None:
        return ""
    args.append(int(limit))
    return " LIMIT ?"


def speakers(
    db: str | Path,
    query: str = "",
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    lang: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    corrected: bool = False,
) -> pd.DataFrame:
    """Speakers with their number of quotes and documents and their first and last
    dates, most quoted first; `query` and the filters restrict the quotes counted.
    `corrected` counts rows under their corrected speakers, false quotes left out."""
    con = connect(db)
    try:
        fixes = latest(con) if corrected else None
        filters = Filters(speaker, since, until, source, kind, lang, min_confidence, fixes)
        where, args = filters.where(con)
        who, who_args = speaker_expression(fixes)
        where.append(f"{who} IS NOT NULL")
        args += who_args
        source_sql = "quotes q"
        if query.strip():
            source_sql = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
            where.insert(0, "quotes_fts MATCH ?")
            args.insert(0, fts_match(query, speaker if filters.by_speaker_index else None))
        sql = (
            f"SELECT {who} AS speaker, COUNT(*) AS quotes, COUNT(DISTINCT q.doc_id) AS "
            f"documents, MIN(q.date) AS first_date, MAX(q.date) AS last_date FROM {source_sql} "
            f"WHERE {' AND '.join(where)} GROUP BY 1 ORDER BY quotes DESC, speaker"
        )
        args = who_args + args
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        try:
            return pd.read_sql_query(sql, con, params=args)
        except (sqlite3.OperationalError, pd.errors.DatabaseError) as exc:
            raise QueryError(f"the query could not be run: {exc}") from None
    finally:
        con.close()
