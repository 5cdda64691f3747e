"""TEMPORARY placeholder: the real pipeline is being written. Interface is fixed."""

from __future__ import annotations

import regex

from quotes.model import Document, Quote

_PAIR = regex.compile(r"«\s*(.+?)\s*»")


def extract_document(doc: Document, *, include_terms: bool = False) -> list[Quote]:
    """Return the quotes of one document (placeholder: « » only, no attribution)."""
    out = []
    for m in _PAIR.finditer(doc.text):
        out.append(Quote(doc.doc_id, m.group(1), None, None, None, "direct",
                         m.start(1), m.end(1), m.group(0), 0))
    return out
