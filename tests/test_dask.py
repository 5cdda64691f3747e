"""Tests for quotes.dask.extract_dask: same rows as extract_frame, on a real local cluster.

Skipped when the optional ``dask`` extra is not installed. The cluster has two worker
processes, so each test through it also checks that tasks, arguments and the model cache
work across processes, as on a real cluster.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import quotes  # noqa: E402
import quotes.dask as quotes_dask  # noqa: E402
from quotes import nlp  # noqa: E402
from quotes.dask import extract_dask  # noqa: E402
from quotes.model import Quote  # noqa: E402

TEXTS = [
    "« Nous ne céderons rien », a déclaré la ministre Hélène Garnier devant les syndicats.",
    "Le conseil municipal s'est réuni mardi soir pour voter le budget de l'année.",
    "Le maire de Lyon, Paul Mercier, a estimé que « la situation reste fragile ». "
    "Il a ajouté : « Nous suivrons la situation de près. »",
    np.nan,
    "La pluie est attendue sur la Bretagne en fin de semaine, selon Météo-France.",
    "« Les salariés méritent mieux », a lancé Sophie Lambert, secrétaire générale du syndicat.",
    "Le festival « Les Nuits de Fourvière » ouvre ses portes en juin.",  # a term, no quote
    "Interrogé par nos confrères, le président du club a assuré : "
    "« Nous allons recruter cet été. »",
    "« C'est une victoire pour tous les habitants », s'est félicitée la maire Claire Dubois.",
    "Aucune déclaration n'a été faite à l'issue de la réunion.",
    "Le procureur Marc Lefèvre a indiqué que « l'enquête se poursuit ».",
    "Selon le ministère, le nombre de demandeurs d'emploi a baissé au troisième trimestre.",
]
NO_QUOTE_ROWS = [1, 3, 4, 6, 9, 11]  # no direct or partial quote (3 has no text at all)
SOURCES = [
    "AFP",
    "Le Monde",
    "Le Progrès",
    "AFP",
    "Ouest-France",
    "Libération",
    "Le Dauphiné",
    "L'Équipe",
    "Sud Ouest",
    "AFP",
    "Le Figaro",
    "La Croix",
]
PASS_THROUGH = ["date", "source"]


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"art-{i:02d}" for i in range(len(TEXTS))],
            "text": TEXTS,
            "date": pd.to_datetime([f"2024-03-{i + 1:02d}" for i in range(len(TEXTS))]),
            "source": SOURCES,
        },
        index=range(100, 100 + len(TEXTS)),
    )


def single_process(df: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
    """The reference: extract_frame in this process (the skipped NaN row warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return quotes.extract_frame(df, **kwargs)


@pytest.fixture(scope="module")
def expected(docs: pd.DataFrame) -> pd.DataFrame:
    return single_process(docs, id_col="id")


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """Two single-threaded worker processes, as on a cluster; closed after the module."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as cl,
    ):
        yield cl


def test_cluster_result_equals_extract_frame_exactly(client, docs, expected):
    assert len(expected) == 7  # the fixture has quotes, else the test proves little
    # Without Dask's object -> string[pyarrow] conversion the input reaches the workers
    # unchanged, so even the pass-through dtypes must match.
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(docs, npartitions=3)
    got = extract_dask(ddf, id_col="id").compute()
    assert ddf.npartitions == 3
    assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=True, check_exact=True)


def test_default_config_same_values_and_dtypes_follow_the_input(client, docs, expected):
    ddf = dd.from_pandas(docs, npartitions=3)  # Dask may convert text columns here
    out = extract_dask(ddf, id_col="id")
    got = out.compute().reset_index(drop=True)
    quote_cols = Quote.columns()
    assert_frame_equal(got[quote_cols], expected[quote_cols], check_dtype=True)
    assert got[PASS_THROUGH].dtypes.equals(ddf[PASS_THROUGH].dtypes)
    assert_frame_equal(
        got[PASS_THROUGH], expected[PASS_THROUGH].astype(got[PASS_THROUGH].dtypes.to_dict())
    )
    # The meta announced before computing is what the partitions produce.
    assert list(out.columns) == list(got.columns)
    assert out.dtypes.equals(got.dtypes)


def test_ids_from_the_index_without_id_col(client, docs):
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(docs, npartitions=3)
    got = extract_dask(ddf).compute().reset_index(drop=True)
    want = single_process(docs)
    assert_frame_equal(got, want)
    assert got["doc_id"].iloc[0] == "100"
    assert "id" in got.columns  # passed through like any other column


@pytest.mark.parametrize(
    ("include_terms", "by_confidence"), [(True, False), (False, True)], ids=["terms", "conf"]
)
def test_options_reach_the_workers(client, docs, include_terms, by_confidence):
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(docs, npartitions=3)
    # a threshold above the lowest confidence of the default rows, whatever the weights
    min_confidence = single_process(docs, id_col="id")["confidence"].min() + 0.005
    opts = {
        "include_terms": include_terms,
        "min_confidence": min_confidence if by_confidence else 0.0,
    }
    got = extract_dask(ddf, id_col="id", **opts).compute().reset_index(drop=True)
    want = single_process(docs, id_col="id", **opts)
    assert len(want) != 7  # the option changes the rows
    assert_frame_equal(got, want)


def test_model_loaded_once_per_worker(client, docs):
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(docs, npartitions=6)
    extract_dask(ddf, id_col="id").compute()
    extract_dask(ddf, id_col="id").compute()  # a second run reuses the loaded model
    misses = {w: info.misses for w, info in client.run(nlp.get_nlp.cache_info).items()}
    assert len(misses) == 2
    assert set(misses.values()) <= {0, 1} and 1 in misses.values(), misses  # 0: never used


def test_partitions_without_quotes_give_empty_typed_frames(client, docs):
    quiet = docs.iloc[NO_QUOTE_ROWS]
    ddf = dd.from_pandas(quiet, npartitions=2)
    out = extract_dask(ddf, id_col="id")
    got = out.compute()
    assert got.empty
    assert list(got.columns) == [*Quote.columns(), *PASS_THROUGH]
    assert got.dtypes.equals(out.dtypes)


def test_empty_partitions_match_the_meta(docs):
    ddf = dd.from_pandas(docs, npartitions=3)
    out = extract_dask(ddf[ddf["source"] == "nobody"], id_col="id")  # every partition empty
    got = out.compute(scheduler="sync")
    assert_frame_equal(got, out._meta)
    none = extract_dask(dd.from_pandas(docs.iloc[:0], npartitions=1), id_col="id")
    assert_frame_equal(none.compute(scheduler="sync"), none._meta)


def test_partition_function_casts_to_meta_dtypes(docs):
    """A partition whose rows leave a text column all None still has the meta's dtypes."""
    ddf = dd.from_pandas(docs, npartitions=1)
    out = extract_dask(ddf.loc[107:107], id_col="id")  # speaker_role is None in every row
    got = out.compute(scheduler="sync")
    assert len(got) == 1 and got["speaker_role"].isna().all()
    assert got.dtypes.equals(out.dtypes)


def test_clashing_columns_renamed_like_extract_frame():
    df = pd.DataFrame(
        {"text": ["« Nous reviendrons », a promis le maire Jean Roux."], "start": [7], "x": [1.5]}
    )
    out = extract_dask(dd.from_pandas(df, npartitions=1))
    assert list(out.columns) == [*Quote.columns(), "input_start", "x"]
    got = out.compute(scheduler="sync")
    assert_frame_equal(got, single_process(df), check_dtype=False)
    assert got["input_start"].tolist() == [7]


def test_bad_arguments_fail_before_computing(docs):
    ddf = dd.from_pandas(docs, npartitions=2)
    with pytest.raises(ValueError, match="text column 'body' not found"):
        extract_dask(ddf, text_col="body")
    with pytest.raises(ValueError, match="id column 'uid' not found"):
        extract_dask(ddf, id_col="uid")
    with pytest.raises(TypeError, match="dask DataFrame"):
        extract_dask(docs)  # type: ignore[arg-type]


def test_import_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)  # as if dask were missing
    try:
        with pytest.raises(ImportError, match=r'pip install "quotes\[dask\]"'):
            importlib.reload(quotes_dask)
    finally:
        monkeypatch.undo()
        importlib.reload(quotes_dask)  # leave a working module for the other tests
    assert quotes_dask.extract_dask is not None
