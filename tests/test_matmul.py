"""Tests for quotes.matmul: the matrix multiply models run on, and worker threads."""

from __future__ import annotations

import os

import numpy
import pytest

from quotes import matmul


@pytest.mark.parametrize(
    ("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_blas_gemm_equals_thincs(trans1, trans2):
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(0)
    x = rng.random((7, 5) if not trans1 else (5, 7), dtype="float32")
    y = rng.random((5, 3) if not trans2 else (3, 5), dtype="float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = matmul.blas_ops().gemm(x, y, trans1=trans1, trans2=trans2)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5)
    out = numpy.zeros_like(expected)
    assert matmul.blas_ops().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5)


@pytest.mark.parametrize(("value", "expected"), [(None, "numpy"), ("", "numpy"), ("BLIS", "blis")])
def test_choice_from_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(matmul.ENV, raising=False)
    else:
        monkeypatch.setenv(matmul.ENV, value)
    assert matmul.chosen() == expected


def test_unknown_choice_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(matmul.ENV, "mkl")
    with pytest.raises(ValueError, match="QUOTES_MATMUL='mkl'"):
        matmul.chosen()


def test_layers_built_in_the_block_keep_its_ops(monkeypatch):
    from thinc.api import Linear, get_current_ops

    monkeypatch.delenv(matmul.ENV, raising=False)
    before = get_current_ops()
    with matmul.model_ops():
        layer = Linear(3, 4)
    assert type(layer.ops).__name__ == "BlasOps"
    assert get_current_ops() is before
    monkeypatch.setenv(matmul.ENV, "blis")
    with matmul.model_ops():
        assert type(Linear(3, 4).ops) is type(before)


def test_the_model_parses_the_same_on_either_multiply(monkeypatch):
    import spacy

    text = (
        "« Nous ne céderons pas », a déclaré jeudi la maire de Vaudrenne, Claire Dumas. "
        "Selon le porte-parole du syndicat, les négociations reprendront lundi."
    )
    parses = []
    for choice in ("blis", "numpy"):
        monkeypatch.setenv(matmul.ENV, choice)
        with matmul.model_ops():
            nlp = spacy.load("fr_core_news_sm")
        doc = nlp(text)
        parses.append([(t.pos_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc])
    assert parses[0] == parses[1]


def test_workers_get_one_blas_thread_unless_the_user_chose(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    with matmul.one_blas_thread():
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
        assert os.environ["OMP_NUM_THREADS"] == "4"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "4"
