"""Readers' corrections as a gold file (`quotes export-gold`), in the format `quotes eval`
and `quotes train` read (`../shared/eval/README.md`'s format, documented in the README).

Why: a newsroom that reviews its own outlets' quotes in the browser can then measure
the extraction there and fit attribution to them (`quotes train`), which no peer offers.

What is written, per document with at least one correction:
- a confirmed row, or one whose speaker was corrected: a gold quote with that speaker;
- a row marked false: a `nonquotes` entry (kind `term`), so reporting it again is a
  false positive;
- a row of the document nobody reviewed: a gold quote marked `ambiguous`, which the
  metric does not score (the extraction's own answer is not gold).
Quotes the extraction missed are in no row, so the file cannot hold them: recall on it
is only over what was found. The texts are those `quotes index` kept (its `texts`
table), or the documents given again (`--docs`: for an index built from a quotes table
or with `--no-text`); the offsets of the rows must slice back into them, else the
document is reported and left out.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from quotes.index.review import latest
from quotes.index.store import document_text

_ROWS = (
    'SELECT q.id, q.doc_id, q.quote, q.speaker, q.speaker_mention, q.cue, q.kind, q.start, q."end",'
    " q.source FROM quotes q WHERE q.doc_id IN ({}) ORDER BY q.doc_id, q.start"
)


@dataclass(frozen=True)
class Problem:
    """A reviewed document that could not be written; `message` says why."""

    doc_id: str
    message: str


def reviewed_documents(con: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """The rows of every document with a correction, each with its `correction`."""
    fixes = latest(con)
    if not fixes.rows:
        return {}
    ids = list(fixes.rows)
    docs: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        docs.update(
            d for (d,) in con.execute(f"SELECT doc_id FROM quotes WHERE id IN ({marks})", chunk)
        )
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = ["id", "doc_id", "quote", "speaker", "mention", "cue", "kind", "start", "end", "source"]
    ordered = sorted(docs)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        for values in con.execute(_ROWS.format(", ".join("?" * len(chunk))), chunk):
            row = dict(zip(names, values, strict=True))
            row["correction"] = fixes.rows.get(row["id"])
            out[row["doc_id"]].append(row)
    return dict(out)


def gold_line(doc_id: str, text: str, rows: Iterable[dict[str, Any]]) -> dict[str, Any] | Problem:
    """The gold record of one document (see the module docstring)."""
    quotes, nonquotes = [], []
    outlet = None
    for row in rows:
        start, end = row["start"], row["end"]
        if start is None or end is None or text[start:end] != row["quote"]:
            return Problem(doc_id, f"the quote at {start}-{end} is not in this text any more")
        outlet = outlet or row["source"]
        fix = row["correction"]
        if fix is not None and fix.action == "false":
            nonquotes.append({"start": start, "end": end, "text": row["quote"], "kind": "term"})
            continue
        if row["kind"] == "term" and fix is None:
            continue  # an unreviewed term: not a quote, and not known to be a non-quote
        entry = {
            "start": start,
            "end": end,
            "text": row["quote"],
            "kind": "partial" if row["kind"] == "partial" else "direct",
            "speaker": row["speaker"] if fix is None else fix.speaker,
            "mention": row["mention"],
            "cue": row["cue"],
        }
        if fix is None:
            entry["ambiguous"] = True
        quotes.append(entry)
    record: dict[str, Any] = {"id": doc_id, "text": text, "quotes": quotes, "nonquotes": nonquotes}
    if outlet:
        record["outlet"] = outlet
    return record


def export(
    con: sqlite3.Connection, documents: Iterable[tuple[str, str]] | None = None
) -> Iterator[dict[str, Any] | Problem]:
    """Gold records of the reviewed documents, with the texts the index kept, or with
    those found among `documents` ((id, text) pairs, read once); a Problem for each
    reviewed document whose text is in neither."""
    wanted = reviewed_documents(con)
    for doc_id, text in documents or ():
        rows = wanted.pop(doc_id, None)
        if rows is not None:
            yield gold_line(doc_id, text, rows)
    for doc_id in sorted(wanted):
        kept = document_text(con, doc_id)
        if kept is None:
            yield Problem(
                doc_id,
                "reviewed, but the index kept no text of it: give the documents with --docs"
                if documents is None
                else "reviewed, but its text is neither kept by the index nor among --docs",
            )
        else:
            yield gold_line(doc_id, kept, wanted[doc_id])
