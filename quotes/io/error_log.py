"""`--errors-file`: every input a run skipped, as CSV, for the user to fix and rerun.

Why a file of its own: on a run over a million documents the skip lines scroll away;
a table (source, line, doc_id, reason) can be filtered and fixed. Rows are flushed at
once, so an interrupted run keeps its log.
"""

from __future__ import annotations

import csv
import os

from quotes.io.readers import Origin, Skipped
from quotes.io.writers import OutputError


class ErrorLog:
    """--errors-file: one CSV row per skipped input, flushed at once (kept on interrupt)."""

    def __init__(self, path: str) -> None:
        if os.path.isdir(path):
            raise OutputError(f"cannot write {path}: it is a directory")
        self._file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file)
        self._csv.writerow(["source", "line", "doc_id", "reason"])

    def write(self, origin: Origin, skipped: Skipped) -> None:
        line = skipped.line or origin.line
        self._csv.writerow([skipped.source, line or "", skipped.doc_id or "", skipped.reason])
        self._file.flush()

    def close(self) -> None:
        self._file.close()
