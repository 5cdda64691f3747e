"""Options that several commands share (`extract`, `index`), declared once so that their
names, defaults and help texts never drift apart."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer

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


def prepare_backend(backend: BackendName, device: DeviceName, say: Callable[[str], None]) -> str:
    """The backend to run, checked before any document is read: a missing library or
    model is a usage error (exit 2) whose message names the command that fixes it."""
    from quotes import backends

    try:
        return backends.check(backend.value, device.value)
    except (backends.ModelNotAvailable, ValueError) as exc:
        say(f"Error: {exc}")
        raise typer.Exit(2) from None
