"""Records shared by every step: a quote span, a document, and the output row.

`Quote` is the one record users see (one row of the output table). Its field order is
the documented output schema, so writers and `extract_frame` derive columns from it
instead of repeating the list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

KINDS = ("direct", "partial", "term")  # the values of Quote.kind


@dataclass(frozen=True)
class Document:
    """One input text with its id and the extra columns to carry through (date, url...)."""

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Quote:
    """One quotation found in a document.

    `start`/`end` are Python character offsets of the quote content (marks and surrounding
    spaces excluded) in the input text, so `text[start:end] == quote` always holds.
    `speaker_role` is the title or role the text gives the speaker ("ministre de
    l'Intérieur"); `speaker_gender` is "female", "male" or "unknown", only from marks in the
    text (il/elle, Mme/M., agreement, a known first name); `confidence` is the estimated
    probability that the row is a quote with the right speaker (see `quotes.confidence`);
    `lang` the language the document was read in ("fr", "en"; see `quotes.lang`).
    """

    doc_id: str
    quote: str
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    kind: str
    start: int
    end: int
    context: str
    paragraph: int
    recovered: bool = False
    speaker_role: str | None = None
    speaker_gender: str = "unknown"
    confidence: float = 0.0
    lang: str = "fr"

    @classmethod
    def columns(cls) -> list[str]:
        """The output schema, in order."""
        return [f.name for f in fields(cls)]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def overlap(self, start: int, end: int) -> int:
        """Number of characters shared with the span [start, end)."""
        return max(0, min(self.end, end) - max(self.start, start))

    def overlap_ratio(self, start: int, end: int) -> float:
        """Share of the span [start, end) that this quote covers (0..1)."""
        return self.overlap(start, end) / (end - start) if end > start else 0.0
