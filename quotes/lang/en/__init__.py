"""English: spaCy's `en_core_web_sm` (quotes.lang.en.model), the span classifier
(terms), the attribution rules (rules), the parse mended where the text says otherwise
(repairs), who a mention stands for (mentions, people), and the steps from text to rows
(pipeline). The interface every language package gives
`quotes.lang.mixed`: `extract_documents(docs, include_terms=, min_confidence=,
progress=, **options)`, per document its rows or the exception that stopped it."""

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
    """The English documents' rows with the attribution `options` (attribution, weights);
    the French-only ones (backend, fast) are ignored, and `progress` is called once per
    document when it is done."""
    from quotes.lang.en import pipeline

    out = pipeline.extract_documents(
        docs,
        include_terms=include_terms,
        min_confidence=min_confidence,
        attribution=options.get("attribution"),
        weights=options.get("weights"),
    )
    if progress is not None:
        for doc in docs:
            progress(doc, len(doc.text), len(doc.text))
    return out
