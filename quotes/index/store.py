"""The quote index: one SQLite file with an FTS5 full-text table, no server.

Why SQLite: journalists and researchers search their corpus on a laptop; one file is
easy to keep, copy and open from any language. FTS5's `unicode61 remove_diacritics 2`
tokenizer makes accents and case not matter ("etat" finds "État").

Tables:
- `quotes`: one row per quote (the columns of `quotes extract`, plus `quote_id` and the
  document's date, source and url); `quotes_fts` indexes its `quote` column (kept in step
  by triggers; it also indexes `speaker`, so that a search by speaker reads only that
  speaker's quotes);
- `groups`: one row per distinct quote (`quote_id`): its normalised words, the number of
  documents that carry it and its first date;
- `docs`: the documents indexed, so re-indexing one replaces its rows;
- `speaker_words`: each speaker name under each of its words (folded, titles out), so
  `--speaker macron` finds "Emmanuel Macron" without reading every row;
- `texts`: each indexed document's text, zlib-compressed (`quotes index --no-text` keeps
  none), so that readers' corrections can become a gold file (`quotes export-gold`)
  whose offsets slice that very text.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import regex

from quotes.index.normalise import keys, name_words, normalise, same_quote

SCHEMA_VERSION = "4"
# Version 3 added speaker_role and speaker_gender, version 4 lang (the language each
# quote was read in); an older index gets the new columns (empty for its rows) when first
# opened, see `_upgrade`.
# The per-quote columns stored, in order (the output schema of `quotes extract` that a
# search shows, plus the document's date/source/url).
COLUMNS = (
    "doc_id",
    "quote",
    "speaker",
    "speaker_mention",
    "cue",
    "kind",
    "start",
    "end",
    "context",
    "confidence",
    "date",
    "source",
    "url",
    "speaker_role",
    "speaker_gender",
    "lang",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(doc_id TEXT PRIMARY KEY, date TEXT, source TEXT, url TEXT);
CREATE TABLE IF NOT EXISTS groups(
    quote_id INTEGER PRIMARY KEY, norm TEXT, head TEXT, tail TEXT,
    n_docs INTEGER DEFAULT 0, first_date TEXT);
CREATE INDEX IF NOT EXISTS groups_norm ON groups(norm);
CREATE INDEX IF NOT EXISTS groups_head ON groups(head);
CREATE INDEX IF NOT EXISTS groups_tail ON groups(tail);
CREATE INDEX IF NOT EXISTS groups_repeated ON groups(n_docs DESC, first_date, quote_id);
CREATE TABLE IF NOT EXISTS quotes(
    id INTEGER PRIMARY KEY, quote_id INTEGER, doc_id TEXT, quote TEXT, speaker TEXT,
    speaker_mention TEXT, cue TEXT, kind TEXT, start INTEGER, "end" INTEGER, context TEXT,
    confidence REAL, date TEXT, source TEXT, url TEXT, speaker_role TEXT, speaker_gender TEXT,
    lang TEXT);
CREATE TABLE IF NOT EXISTS texts(doc_id TEXT PRIMARY KEY, text BLOB);
CREATE TABLE IF NOT EXISTS speaker_words(
    word TEXT, name TEXT, PRIMARY KEY (word, name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS quotes_group ON quotes(quote_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_date ON quotes(date);
CREATE INDEX IF NOT EXISTS quotes_source ON quotes(source COLLATE NOCASE, date);
CREATE INDEX IF NOT EXISTS quotes_gender ON quotes(source, date, speaker_gender, speaker);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    quote, speaker, content='quotes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5');
CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, quote, speaker) VALUES (new.id, new.quote, new.speaker);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, quote, speaker)
    VALUES ('delete', old.id, old.quote, old.speaker);
END;
"""


class NotAnIndex(RuntimeError):
    """The file is not a quote index (or not one this version can read)."""


def connect(path: str | Path, create: bool = False) -> sqlite3.Connection:
    """Open an index; `create` makes it (or completes its schema) when needed."""
    path = Path(path)
    if create and not path.parent.is_dir():
        raise NotAnIndex(f"{path}: cannot create the index, folder {path.parent} does not exist")
    if not create and not path.is_file():
        raise NotAnIndex(f"{path}: no such index (build one with: quotes index {path} INPUT)")
    try:
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=WAL")
        old = _schema(con)
        if old in _ADDED:  # before the schema script: its indexes need the new columns
            _upgrade(con, path, old)
        if create:
            con.executescript(_SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            con.commit()
        version = _schema(con)
    except sqlite3.DatabaseError as exc:
        raise NotAnIndex(f"{path}: not a quote index ({exc})") from None
    if version != SCHEMA_VERSION:
        raise NotAnIndex(f"{path}: not a quote index of this version")
    return con


def _schema(con: sqlite3.Connection) -> str | None:
    """The schema version of an index file, None for a new or foreign file."""
    has_meta = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return None if row is None else str(row[0])


# the columns each older schema version lacks
_ADDED = {"2": ("speaker_role", "speaker_gender", "lang"), "3": ("lang",)}


def _upgrade(con: sqlite3.Connection, path: Path, version: str) -> None:
    """Give an older index the columns of this version (its rows' role, gender and
    language stay empty until their documents are indexed again), so it keeps working."""
    try:
        with con:
            for column in _ADDED[version]:
                con.execute(f"ALTER TABLE quotes ADD COLUMN {column} TEXT")
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
    except sqlite3.OperationalError as exc:
        raise NotAnIndex(
            f"{path}: an index of an older version that could not be upgraded ({exc}); "
            "build it again with quotes index"
        ) from None


_DMY = regex.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def iso_date(value: Any) -> str | None:
    """A date as ISO text ("2024-03-05", or with its time), so that text order is time
    order; day-first dates ("05/03/2024") are read as French ones. Unreadable: None."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
    try:  # "2024-03-05 10:00 CET" and the like: the day is what searches filter on
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


class Writer:
    """Adds documents' quotes to an index; re-adding a document replaces its rows."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.touched: set[int] = set()
        self.speakers: set[str] = set()  # names already in speaker_words

    def replace_document(
        self,
        doc_id: str,
        rows: Iterable[Mapping[str, Any]],
        meta: Mapping[str, Any] | None = None,
        *,
        replace: bool = True,
        text: str | None = None,
    ) -> int:
        """Store the quotes of one document in place of any it had; returns their number.
        `rows` are `quotes extract` rows; the document's date/source/url come from `meta`
        or, when not given, from the rows' own columns of those names. With
        `replace=False` the rows are added to the document's (a quotes table whose rows
        of one document are not all together). `text`, the document's text, is kept
        (compressed) for `quotes export-gold`."""
        rows = list(rows)
        if meta is None:
            meta = rows[0] if rows else {}
        date, source, url = iso_date(meta.get("date")), meta.get("source"), meta.get("url")
        if replace:  # `replace=False` adds rows to what this run already stored
            old = self.con.execute(
                "SELECT DISTINCT quote_id FROM quotes WHERE doc_id = ?", (doc_id,)
            )
            self.touched.update(q for (q,) in old)
            self.con.execute("DELETE FROM quotes WHERE doc_id = ?", (doc_id,))
        self.con.execute(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?)",
            (doc_id, date, _text(source), _text(url)),
        )
        if text is not None:
            self.con.execute(
                "INSERT OR REPLACE INTO texts VALUES (?, ?)",
                (doc_id, zlib.compress(text.encode("utf-8"), 6)),
            )
        for row in rows:
            quote = str(row.get("quote") or "")
            qid = self._group(normalise(quote))
            self.touched.add(qid)
            self._speaker(row.get("speaker"))
            values = [doc_id, quote, *(row.get(c) for c in COLUMNS[2:10])]
            values += [
                iso_date(row.get("date")) or date,
                _text(row.get("source")) or _text(source),
                _text(row.get("url")) or _text(url),
                _text(row.get("speaker_role")),
                _text(row.get("speaker_gender")),
                _text(row.get("lang")),
            ]
            self.con.execute(
                f"INSERT INTO quotes (quote_id, {', '.join(_q(c) for c in COLUMNS)}) "
                f"VALUES (?{', ?' * len(COLUMNS)})",
                [qid, *values],
            )
        return len(rows)

    def _speaker(self, name: Any) -> None:
        if not name or not isinstance(name, str) or name in self.speakers:
            return
        self.speakers.add(name)
        add_speaker_words(self.con, name)

    def _group(self, norm: str) -> int:
        """The quote_id of a normalised quote: an existing one with the same or nearly
        the same words, else a new one."""
        found = self.con.execute("SELECT quote_id FROM groups WHERE norm = ?", (norm,)).fetchone()
        if found:
            return int(found[0])
        head, tail = keys(norm)
        for qid, other in self.con.execute(
            "SELECT quote_id, norm FROM groups WHERE head = ? OR tail = ? LIMIT 50", (head, tail)
        ):
            if same_quote(norm, other):
                return int(qid)
        cur = self.con.execute(
            "INSERT INTO groups (norm, head, tail) VALUES (?, ?, ?)", (norm, head, tail)
        )
        return int(cur.lastrowid or 0)

    def commit(self) -> None:
        """Refresh the document counts and first dates of the quotes changed, then commit."""
        touched = list(self.touched)
        for i in range(0, len(touched), 500):
            chunk = touched[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            self.con.execute(
                f"""UPDATE groups SET
                    n_docs = (SELECT COUNT(DISTINCT doc_id) FROM quotes q
                              WHERE q.quote_id = groups.quote_id),
                    first_date = (SELECT MIN(date) FROM quotes q
                                  WHERE q.quote_id = groups.quote_id)
                WHERE quote_id IN ({marks})""",
                chunk,
            )
            self.con.execute(
                f"DELETE FROM groups WHERE n_docs = 0 AND quote_id IN ({marks})", chunk
            )
        self.touched.clear()
        self.con.commit()


def add_speaker_words(con: sqlite3.Connection, name: str) -> None:
    """File a speaker name under each of its words (`speaker_words`), so that
    `--speaker` finds it by any of them."""
    con.executemany(
        "INSERT OR IGNORE INTO speaker_words VALUES (?, ?)",
        [(w, name) for w in set(name_words(name))],
    )


def document_text(con: sqlite3.Connection, doc_id: str) -> str | None:
    """The text `quotes index` kept of a document, or None (a quotes table was indexed,
    or --no-text, or an index made before texts were kept)."""
    has = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'texts'")
    if has.fetchone() is None:
        return None
    row = con.execute("SELECT text FROM texts WHERE doc_id = ?", (doc_id,)).fetchone()
    return None if row is None else zlib.decompress(row[0]).decode("utf-8")


def _q(column: str) -> str:
    return f'"{column}"'


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)
