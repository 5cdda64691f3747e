"""Readers' corrections of an index: a row's speaker corrected, a false quote marked, a
row confirmed. Stored in their own table; the extracted rows are never changed.

Why apart: the extraction can be run again (a better model, new weights) and a reader's
judgement must survive it. So a correction names its row by what re-indexing keeps, the
document and the quote's offsets (`doc_id`, `start`, `end`), not by the row's id, and
the latest correction of a row is the one that holds. `corrections` gives what they say
for the search functions (`quotes search --corrected`), and `quotes export-gold` turns
them into a gold file for `quotes eval` / `quotes train`.

Writes are one short `BEGIN IMMEDIATE` transaction each, so two browsers correcting at
the same time wait for each other (SQLite's busy timeout) and lose nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quotes.index.store import add_speaker_words, connect

ACTIONS = ("speaker", "false", "confirm")
BUSY_MS = 10_000

_TABLE = """
CREATE TABLE IF NOT EXISTS corrections(
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER, "end" INTEGER, quote TEXT,
    action TEXT NOT NULL CHECK (action IN ('speaker', 'false', 'confirm')),
    speaker TEXT, at TEXT NOT NULL, reviewer TEXT);
CREATE INDEX IF NOT EXISTS corrections_row ON corrections(doc_id, start, "end");
"""
# the latest correction of each row of `quotes q` that has one
_LATEST = """
SELECT q.id, c.action, c.speaker, c.at, c.reviewer FROM corrections c
JOIN quotes q ON q.doc_id = c.doc_id AND q.start IS c.start AND q."end" IS c."end"
WHERE c.id = (SELECT MAX(d.id) FROM corrections d WHERE d.doc_id = c.doc_id
              AND d.start IS c.start AND d."end" IS c."end")
"""


class ReviewError(ValueError):
    """A correction that cannot be stored (unknown row, unknown action)."""


@dataclass(frozen=True)
class Correction:
    """The latest correction of one row."""

    action: str  # one of ACTIONS
    speaker: str | None  # the speaker it asserts (None: nobody, or a false quote)
    at: str
    reviewer: str | None = None


@dataclass
class Corrections:
    """The latest correction of every corrected row, by row id."""

    rows: dict[int, Correction] = field(default_factory=dict)

    @property
    def false(self) -> list[int]:
        return [i for i, c in self.rows.items() if c.action == "false"]

    def speaker_of(self, row_id: int, extracted: str | None) -> str | None:
        """The speaker a row has once corrected."""
        c = self.rows.get(row_id)
        return extracted if c is None or c.action == "false" else c.speaker


def has_table(con: sqlite3.Connection) -> bool:
    found = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'"
    ).fetchone()
    return found is not None


def ensure_table(db: str | Path) -> None:
    """Create the corrections table of an index when it has none (review mode)."""
    con = connect(db)
    try:
        con.executescript(_TABLE)
    finally:
        con.close()


def record(
    db: str | Path,
    row_id: int,
    action: str,
    speaker: str | None = None,
    reviewer: str | None = None,
) -> Correction:
    """Store one correction of the row `row_id`: `speaker` (set its speaker to `speaker`;
    empty: nobody), `false` (not a quote) or `confirm` (the speaker shown is right)."""
    if action not in ACTIONS:
        raise ReviewError(f"action {action!r}: expected one of {', '.join(ACTIONS)}")
    speaker = (speaker or "").strip() or None
    con = connect(db)
    con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    try:
        con.executescript(_TABLE)
        con.execute("BEGIN IMMEDIATE")
        found = con.execute(
            'SELECT doc_id, start, "end", quote, speaker FROM quotes WHERE id = ?', (int(row_id),)
        ).fetchone()
        if found is None:
            con.rollback()
            raise ReviewError(f"no quote with id {row_id}")
        doc_id, start, end, quote, extracted = found
        if action == "confirm":  # what is confirmed is the speaker shown now
            speaker = latest(con, [int(row_id)]).speaker_of(int(row_id), extracted)
        if action == "false":
            speaker = None
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        con.execute(
            'INSERT INTO corrections (doc_id, start, "end", quote, action, speaker, at, reviewer)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, start, end, quote, action, speaker, at, reviewer),
        )
        if speaker:  # so that a search by this name finds the row (speaker_aliases)
            add_speaker_words(con, speaker)
        con.commit()
        return Correction(action, speaker, at, reviewer)
    finally:
        con.close()


def latest(con: sqlite3.Connection, row_ids: Iterable[int] | None = None) -> Corrections:
    """The latest correction of the rows `row_ids` (all corrected rows: None)."""
    if not has_table(con):
        return Corrections()
    sql, args = _LATEST, []
    ids = None if row_ids is None else [int(i) for i in row_ids]
    if ids is not None:
        if not ids:
            return Corrections()
        sql += f" AND q.id IN ({', '.join('?' * len(ids))})"
        args = ids
    rows = {
        int(i): Correction(action, speaker, at, reviewer)
        for i, action, speaker, at, reviewer in con.execute(sql, args)
    }
    return Corrections(rows)


def history(db: str | Path, row_id: int) -> list[dict[str, object]]:
    """Every correction of a row, oldest first."""
    con = connect(db)
    try:
        if not has_table(con):
            return []
        cur = con.execute(
            "SELECT c.action, c.speaker, c.at, c.reviewer FROM corrections c JOIN quotes q "
            'ON q.doc_id = c.doc_id AND q.start IS c.start AND q."end" IS c."end" '
            "WHERE q.id = ? ORDER BY c.id",
            (int(row_id),),
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]
    finally:
        con.close()
