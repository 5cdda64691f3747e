"""The Stanza backend: French UD models (tokenize, mwt, pos, lemma, depparse, ner).

Why: many French NLP users prefer Stanza's UD-trained models, and it runs on GPUs. The
attribution rules read only `Tok` records, so this module's job is the conversion
(`tokens_of`), with one French subtlety: multi-word tokens. Stanza splits "du" into the
words "de" + "le" (and "au", "aux", "des" alike), but both words share the characters
of "du"; attribution needs tokens that slice back into the text. A multi-word token
becomes one `Tok` with the text "du", the attributes of its first word (the preposition,
as spaCy tags "du"), the gender and number of the article, and every dependency on
either word pointed at it.

Models are never downloaded at run time: `quotes models download stanza` fetches them
(honouring STANZA_RESOURCES_DIR); without them, this backend fails at once with a
message naming that command.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from quotes.nlp import Cut, ModelNotAvailable, Tok, original_range, prepare_pieces

LANG = "fr"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
DOWNLOAD_HINT = "run: quotes models download stanza"
_GENDER = {"Masc": "m", "Fem": "f"}
_NUMBER = {"Sing": "sg", "Plur": "pl"}


def models_dir() -> Path:
    """Where Stanza keeps its models: $STANZA_RESOURCES_DIR, else ~/stanza_resources."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env) if env else Path.home() / "stanza_resources"


def missing_processors(root: Path | None = None) -> list[str]:
    """The French processors whose model files are not installed (all when none are)."""
    root = root or models_dir()
    if not (root / "resources.json").is_file():
        return list(PROCESSORS)
    lang = root / LANG
    return [p for p in PROCESSORS if not any((lang / p).glob("*.pt"))]


def models_installed() -> bool:
    """True when Stanza is importable and its French models are all on disk."""
    try:
        import stanza  # noqa: F401
    except ImportError:
        return False
    return not missing_processors()


def require_models() -> None:
    """Raise ModelNotAvailable, with the command that fixes it, unless Stanza and its
    French models are installed."""
    try:
        import stanza  # noqa: F401
    except ImportError:
        raise ModelNotAvailable(
            "the Stanza backend needs the [stanza] extra: pip install 'quotes[stanza]' "
            "(see the README for a CPU-only torch), then quotes models download stanza"
        ) from None
    missing = missing_processors()
    if missing:
        raise ModelNotAvailable(
            f"Stanza's French models are not installed in {models_dir()} "
            f"(missing: {', '.join(missing)}); {DOWNLOAD_HINT}"
        )


def download(root: Path | None = None) -> Path:
    """Fetch the French models (needs internet access); returns where they are."""
    import stanza

    root = root or models_dir()
    stanza.download(LANG, model_dir=str(root), processors=",".join(PROCESSORS))
    return root


class StanzaBackend:
    """Stanza's French pipeline, built once; each piece is one document, not re-split."""

    name = "stanza"

    def __init__(self, device: str = "cpu", pipeline: Callable[[list[Any]], Any] | None = None):
        """`pipeline` replaces the real Stanza pipeline (tests give a stand-in that returns
        Documents read from CoNLL-U: no model download, ever)."""
        self.device = device
        self._pipeline = pipeline

    def _get_pipeline(self) -> Callable[[list[Any]], Any]:
        if self._pipeline is None:
            require_models()
            import stanza

            if self.device == "cuda":
                import torch

                if not torch.cuda.is_available():
                    raise ModelNotAvailable("--device cuda: no CUDA device here; use --device cpu")
            try:
                self._pipeline = stanza.Pipeline(
                    LANG,
                    dir=str(models_dir()),
                    processors=",".join(PROCESSORS),
                    device=self.device,
                    download_method=None,
                    tokenize_no_ssplit=True,
                    logging_level="WARN",
                )
            except Exception as exc:  # damaged or partial model files
                raise ModelNotAvailable(
                    f"Stanza could not load its models ({exc}); {DOWNLOAD_HINT}"
                ) from None
        return self._pipeline

    def parse(
        self,
        pieces: Sequence[tuple[str, tuple[int, int]]],
        elide: Sequence[Sequence[tuple[int, int]]] | None = None,
    ) -> list[list[Tok]]:
        """Parse (text, (start, end)) slices in one batch; offsets map back to each text."""
        import stanza

        prepared = prepare_pieces(pieces, elide)
        todo = [p for p in prepared if p.form.strip()]  # Stanza refuses empty documents
        docs = (
            self._get_pipeline()([stanza.Document([], text=p.form) for p in todo]) if todo else []
        )
        parsed = {id(p): doc for p, doc in zip(todo, docs, strict=True)}
        return [
            tokens_of(parsed[id(p)], p.offset, p.original, p.cuts) if id(p) in parsed else []
            for p in prepared
        ]


def tokens_of(doc: Any, offset: int, original: str, cuts: Sequence[Cut] = ()) -> list[Tok]:
    """`Tok` records of a Stanza Document parsed from the parse form of `original` (a piece
    starting at document offset `offset`); `cuts` map the parse form back."""
    surface: list[tuple[int, Any]] = []  # (sentence index, token)
    index: dict[tuple[int, int], int] = {}  # (sentence index, word id) -> Tok index
    for s, sentence in enumerate(doc.sentences):
        for token in sentence.tokens:
            for word in token.words:
                index[(s, word.id)] = len(surface)
            surface.append((s, token))
    toks = []
    for k, (s, token) in enumerate(surface):
        word = token.words[0]
        inside = {w.id for w in token.words}
        head_word = word
        for _ in token.words:  # a head inside the token ("de" -> "le"): follow it out
            if head_word.head not in inside or head_word.head == head_word.id:
                break
            head_word = next(w for w in token.words if w.id == head_word.head)
        head = k if head_word.head in (0, None) else index.get((s, head_word.head), k)
        feats = _feats(token.words)
        start, end = original_range(token.start_char, token.end_char, cuts)
        ner = token.ner or "O"
        toks.append(
            Tok(
                i=k,
                text=original[start:end],
                lemma=(word.lemma or word.text).lower(),
                pos=word.upos or "X",
                dep=(word.deprel or "dep").lower(),
                head=head,
                start=offset + start,
                end=offset + end,
                ent="" if ner == "O" else ner.split("-", 1)[-1],
                gender=_GENDER.get(feats.get("Gender", ""), ""),
                number=_NUMBER.get(feats.get("Number", ""), ""),
                form=feats.get("VerbForm", "").lower(),
            )
        )
    return toks


def _feats(words: Sequence[Any]) -> dict[str, str]:
    """UD features of a token: its first word's, completed by the others' ("de"+"le")."""
    out: dict[str, str] = {}
    for word in words:
        for pair in (word.feats or "").split("|"):
            key, _, value = pair.partition("=")
            if key and value:
                out.setdefault(key, value.split(",")[0])
    return out
