"""The matrix multiply spaCy's CPU models run on: numpy's BLAS rather than blis.

Why this module: about half the time of a `fr_core_news_sm` parse is matrix products
(thinc's `Ops.gemm`, in the tok2vec and NER layers), which thinc hands to the `blis`
library by default. Where blis has no kernel tuned for the CPU it falls back to a generic
one: on the AMD EPYC machines this project is measured on, a product of the models'
shapes takes 3 to 5 times longer than with the OpenBLAS that numpy ships, and the whole
parse about 1.5 times longer. The parses are the same (checked on 78,000 tokens of news
text: identical tags, heads, lemmas and entities); only the order of a few float
additions differs.

`model_ops()` is the thinc backend a model is loaded under (`quotes.nlp.get_nlp`):
numpy's BLAS by default, thinc's own when the environment says ``QUOTES_MATMUL=blis``.
`one_blas_thread()` is the environment worker processes start in: each worker already
has a core of its own, and BLAS threads competing for the same cores slow every worker.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

ENV = "QUOTES_MATMUL"
CHOICES = ("numpy", "blis")
_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def chosen() -> str:
    """The matrix multiply asked for: ``QUOTES_MATMUL`` (default "numpy")."""
    value = os.environ.get(ENV, "numpy").strip().lower() or "numpy"
    if value not in CHOICES:
        raise ValueError(f"{ENV}={value!r}: choose one of {', '.join(CHOICES)}")
    return value


def blas_ops() -> Any:
    """thinc's CPU backend with `gemm` done by numpy (and so its BLAS)."""
    import numpy
    from thinc.api import NumpyOps

    class BlasOps(NumpyOps):  # type: ignore[misc]
        """NumpyOps whose matrix products go through `numpy.matmul`."""

        def gemm(self, x, y, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def]
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    return BlasOps()


@contextlib.contextmanager
def model_ops() -> Iterator[None]:
    """Models built inside this block keep the chosen backend (thinc gives each layer
    the current ops when it is created); the previous backend is restored after."""
    if chosen() == "blis":
        yield
        return
    from thinc.api import get_current_ops, set_current_ops

    previous = get_current_ops()
    set_current_ops(blas_ops())
    try:
        yield
    finally:
        set_current_ops(previous)


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Processes started inside this block run BLAS on one thread (unless the user set
    the thread variables); this process's own environment is restored after."""
    saved = {name: os.environ.get(name) for name in _THREAD_VARS}
    for name in _THREAD_VARS:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
