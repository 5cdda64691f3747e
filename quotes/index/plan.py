"""Which rows a full-text search returns, found fast on a million quotes.

Why: ranking (FTS5's bm25 `rank`) costs time for every matching row, and joining every
match to its quote row to apply filters costs as much; a common word matches a third of
a corpus. So the plan depends on how many rows each side selects:

1. the filters (dates, source, kind) select few rows (`FEW_ROWS`): each of them is
   tested against the query on its own (`MATCH ? AND rowid = ?` is an index lookup),
   then ranked (a speaker filter is part of the MATCH expression instead: the FTS index
   also holds speaker names, see `search.fts_match`);
2. the query matches few rows (`RANKED_ROWS`): all are ranked, filters applied;
3. both are broad: the newest indexed matches that pass the filters, in index order
   (ranking a hundred thousand rows would take seconds for little use; `Plan.ranked`
   says which was done, so a caller can tell the user).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

FEW_ROWS = 3_000
RANKED_ROWS = 5_000


@dataclass(frozen=True)
class Plan:
    """The ids of the rows to show, in order, and whether they are ranked by relevance."""

    ids: list[int]
    ranked: bool


def _count_upto(con: sqlite3.Connection, sql: str, args: list[object], cap: int) -> int:
    """COUNT(*) of a row source, stopping at `cap` + 1 (the exact number is not needed)."""
    row = con.execute(f"SELECT COUNT(*) FROM (SELECT 1 {sql} LIMIT {int(cap) + 1})", args)
    return int(row.fetchone()[0])


def matching_ids(
    con: sqlite3.Connection,
    match: str,
    where: list[str],
    args: list[object],
    limit: int | None,
    *,
    by_index: bool = False,
) -> Plan:
    """The rows of `quotes q` matching the FTS5 expression `match` and the conditions
    `where` (with their bound `args`), best first, at most `limit`. `by_index`: `match`
    itself narrows to the filtered rows (a speaker column term), so FTS5 goes first."""
    filtered = f"FROM quotes q WHERE {' AND '.join(where)}" if where and not by_index else ""
    if filtered and _count_upto(con, filtered, args, FEW_ROWS) <= FEW_ROWS:
        ranks = []
        for (qid,) in con.execute(f"SELECT q.id {filtered}", args).fetchall():
            hit = con.execute(
                "SELECT rank FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = ?", (match, qid)
            ).fetchone()
            if hit is not None:
                ranks.append((hit[0], qid))
        ranks.sort()
        return Plan([qid for _, qid in ranks[:limit]], ranked=True)
    source = "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH ?"
    source += "".join(f" AND {w}" for w in where)
    ranked = _count_upto(con, "FROM quotes_fts WHERE quotes_fts MATCH ?", [match], RANKED_ROWS)
    ranked_ok = ranked <= RANKED_ROWS
    order = "quotes_fts.rank" if ranked_ok else "quotes_fts.rowid DESC"
    sql = f"SELECT q.id {source} ORDER BY {order}"
    bound = [match, *args]
    if limit is not None:
        sql += " LIMIT ?"
        bound.append(int(limit))
    return Plan([qid for (qid,) in con.execute(sql, bound)], ranked=ranked_ok)
