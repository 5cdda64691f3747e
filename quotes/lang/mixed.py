"""A corpus of several languages: each language's documents in their own batch.

Why apart from quotes.pipeline: the French steps know nothing of English; this is the
one place that sends each document to its language package (`quotes.lang.<code>`, each
with the same `extract_documents`) and puts the results back in the input order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from quotes.model import Document, Quote

Results = list[list[Quote] | Exception]


def by_language(
    docs: Sequence[Document],
    by_lang: dict[str, list[int]],
    progress: Callable[[Document, int, int], None] | None = None,
    **options: Any,
) -> Results:
    """Per document (in input order) its quotes or the exception that stopped it, each
    language's documents in one batch; a language that cannot run (its model missing)
    is the error of each of its documents, the others go on."""
    out: Results = [[] for _ in docs]
    for code, indexes in by_lang.items():
        package = importlib.import_module(f"quotes.lang.{code}")
        batch = [docs[i] for i in indexes]
        try:
            found = package.extract_documents(batch, progress=progress, **options)
        except Exception as exc:  # e.g. no English model: every English document says so
            found = [exc] * len(batch)
        for i, rows in zip(indexes, found, strict=True):
            out[i] = rows
    return out
