"""French: the project's first language. Its steps are the shared pipeline's own
(quotes.pipeline with quotes.attribution, quotes.terms and the `*_fr.txt` lexicons), its
models those of quotes.backends; this package gives them the interface of every language
package (see quotes.lang.en)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from quotes.model import Document, Quote


def extract_documents(
    docs: Sequence[Document],
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    progress: Callable[[Document, int, int], None] | None = None,
    **options: Any,
) -> list[list[Quote] | Exception]:
    """The French documents' rows, with the backend and attribution `options`."""
    from quotes.pipeline import extract_documents as french

    return french(
        docs,
        include_terms=include_terms,
        min_confidence=min_confidence,
        progress=progress,
        lang="fr",
        **options,
    )
