"""`extract_dask`: quote extraction over a Dask DataFrame, for corpus-wide runs on a cluster.

Why: `quotes.extract_frame` works on a pandas DataFrame that fits in one process's
memory, and `quotes extract` uses the cores of one machine. Archives of millions of
articles are usually stored as partitioned Parquet datasets and processed on a cluster;
`extract_dask` runs `extract_frame` on every partition of a Dask DataFrame, lazily, so
the same code scales from a laptop to a `distributed` cluster without loading the corpus.

Rows and ids are exactly those of `extract_frame`: one row per quote, the `Quote`
columns first, then the input's other columns (renamed ``input_<name>`` if they clash
with a quote field). `doc_id` comes from `id_col`, or else from the index. Dask keeps
the global index of `dd.from_pandas`, but a Parquet dataset read without ``index=``
numbers each partition from 0, so ids would repeat across partitions: pass `id_col`
for such inputs. The output index is a fresh 0..n-1 per partition (divisions unknown):
ids live in `doc_id`, not in the index.

The spaCy model is loaded once per worker process, not once per partition:
`quotes.nlp.get_nlp` is cached per process and worker processes outlive their tasks.
Each partition warms that cache under a lock (so two threads of one worker never load
the model twice) and with the exact call the parser makes (so the cache key is shared).
A worker without the model fails its task with `ModelNotAvailable` instead of quietly
returning no quotes. spaCy holds the GIL while parsing, so prefer several worker
processes with one thread each over threads. Rows skipped by `extract_frame` (missing
text, extraction errors) are reported as warnings in the worker's log.

Example::

    import dask.dataframe as dd
    from distributed import Client
    from quotes.dask import extract_dask

    client = Client("tcp://scheduler:8786")  # or Client() for a local cluster
    ddf = dd.read_parquet("articles/")  # columns: id, text, date, source...
    extract_dask(ddf, id_col="id").to_parquet("quotes/")

Needs the ``dask`` extra: ``pip install "quotes[dask]"``. The module is named
``quotes.dask``; absolute imports inside it resolve to the real ``dask`` package, so only
running this file as a script (with ``quotes/`` first on ``sys.path``) would shadow it.
"""

from __future__ import annotations

import threading
from typing import Any

import pandas as pd

try:
    import dask.dataframe as dd
    from dask.dataframe.utils import make_meta
except ImportError as err:  # the optional extra is not installed
    raise ImportError(
        "quotes.dask needs Dask (dask[dataframe] and distributed); install them with: "
        'pip install "quotes[dask]"'
    ) from err

from quotes import nlp
from quotes.frame import extract_frame
from quotes.io.writers import quote_column_kinds

__all__ = ["extract_dask"]

# The dtype pandas infers for a column of Python strings: "str" under pandas 3, object
# under pandas 2. `extract_frame` yields it for text columns of non-empty results, but
# object for empty ones or columns that are all None, so partitions must be normalised.
_STR_DTYPE = pd.Series(["x"]).dtype
_MODEL_LOCK = threading.Lock()


def _quote_dtypes() -> dict[str, Any]:
    """The dtype of each quote column in every partition and in the meta."""
    dtypes = dict(extract_frame([]).dtypes)  # int, bool and float columns as extract_frame
    for col, kind in quote_column_kinds().items():
        if kind == "str":
            dtypes[col] = _STR_DTYPE
    return dtypes


def _warm_model() -> None:
    """Load the spaCy model once in this process, before any thread of it needs it.

    `nlp.get_nlp` is a plain `functools.cache`: two threads missing it together would
    both load the model. The call mirrors `nlp.parse_sentences` (one positional
    argument) so it fills the very cache entry the parser reads later.
    """
    with _MODEL_LOCK:
        nlp.get_nlp(nlp.DEFAULT_MODEL)


def _extract_partition(
    part: pd.DataFrame,
    text_col: str,
    id_col: str | None,
    include_terms: bool,
    min_confidence: float,
    dtypes: dict[str, Any],
    backend: str = "spacy",
    device: str = "cpu",
) -> pd.DataFrame:
    """`extract_frame` on one partition, with quote columns cast to the meta's dtypes."""
    if len(part) and backend == "spacy":
        _warm_model()
    out = extract_frame(
        part,
        text_col=text_col,
        id_col=id_col,
        include_terms=include_terms,
        min_confidence=min_confidence,
        backend=backend,
        device=device,
    )
    return out.astype(dtypes)


def extract_dask(
    ddf: dd.DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    *,
    include_terms: bool = False,
    min_confidence: float = 0.0,
    backend: str = "spacy",
    device: str = "cpu",
) -> dd.DataFrame:
    """One row per quote of a Dask DataFrame of documents, as `extract_frame` per partition.

    `backend`/`device` as for `extract_frame`; the workers must have that backend's models.

    Lazy: nothing runs until `.compute()`, `.to_parquet()`... The columns and dtypes are
    known in advance (the `Quote` fields, then the input's other columns with their own
    dtypes), so downstream Dask operations need no sampling. A missing `text_col` or
    `id_col` raises ValueError here rather than on the workers.
    """
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(
            f"extract_dask expects a dask DataFrame, not {type(ddf).__name__}; "
            "use quotes.extract_frame for pandas data."
        )
    quote_dtypes = _quote_dtypes()
    # The empty input through extract_frame itself: same validation, column order and
    # input_<name> renaming as every partition will get, without loading the model.
    meta = extract_frame(make_meta(ddf), text_col=text_col, id_col=id_col).astype(quote_dtypes)
    return ddf.map_partitions(
        _extract_partition,
        text_col=text_col,
        id_col=id_col,
        include_terms=include_terms,
        min_confidence=min_confidence,
        dtypes=quote_dtypes,
        backend=backend,
        device=device,
        meta=meta,
        clear_divisions=True,  # each partition's output is indexed 0..n-1
    )
