"""The `quotes eval` command: run the extractor over a gold file and print the scores.

Kept apart from quotes/cli.py so the main CLI only has to call `register(app)`, and so
the command can be tested on a throwaway Typer app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# Module import, not `from ... import extract_document`, so tests can monkeypatch it.
from quotes import cli_options as opt
from quotes import pipeline
from quotes.evaluation import (
    GoldDoc,
    GoldError,
    format_errors,
    format_report,
    load_gold,
    report_to_json,
    score,
)
from quotes.model import Document, Quote

EVAL_HELP = """Score the extractor against a gold JSONL file (quotes, speakers).

Prints precision/recall/F1 at 30% and 80% span overlap, speaker accuracy and
end-to-end scores. A document whose extraction fails is reported on stderr and
scored as "no quotes found". Exit code 2 when the gold file is unusable.

Example:

    quotes eval data/sample_fr_gold.jsonl --errors
"""


def run_extractor(
    docs: list[GoldDoc], console: Console, *, quiet: bool, backend: str = "spacy"
) -> tuple[dict[str, list[Quote]], list[str]]:
    """Extract every gold document; one crash must not lose the scores of the others."""
    predictions: dict[str, list[Quote]] = {}
    failed: list[str] = []
    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("extract", total=len(docs))
        for doc in docs:
            try:
                predictions[doc.doc_id] = list(
                    pipeline.extract_document(
                        Document(doc_id=doc.doc_id, text=doc.text), backend=backend
                    )
                )
            except Exception as exc:  # any extractor bug: report, count, carry on
                failed.append(doc.doc_id)
                console.print(
                    f"error: extraction failed on {doc.doc_id}: {type(exc).__name__}: {exc}",
                    markup=False,
                    highlight=False,
                )
            progress.advance(task)
    return predictions, failed


def register(app: typer.Typer) -> None:
    """Add the `eval` command to `app` (called by quotes/cli.py)."""

    @app.command("eval", help=EVAL_HELP)
    def eval_command(
        gold: Annotated[Path, typer.Argument(help="Gold file, one JSON document per line.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        errors: Annotated[
            bool, typer.Option("--errors", help="List errors grouped by cause.")
        ] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        backend: opt.Backend = opt.BackendName.spacy,
        device: opt.Device = opt.DeviceName.cpu,
    ) -> None:
        err = Console(stderr=True, soft_wrap=True)

        def say(text: str) -> None:
            err.print(text, markup=False, highlight=False)

        name = opt.prepare_backend(backend, device, say)
        try:
            docs = load_gold(gold)
        except GoldError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False)
            raise typer.Exit(2) from None
        predictions, failed = run_extractor(docs, err, quiet=quiet, backend=name)
        if failed:
            err.print(
                f"{len(failed)} of {len(docs)} documents failed extraction (scored as no quotes)",
                markup=False,
                highlight=False,
            )
        report = score(docs, predictions, failed=failed)
        if as_json:
            typer.echo(
                json.dumps(report_to_json(report, errors=errors), ensure_ascii=False, indent=2)
            )
            return
        typer.echo(format_report(report))
        if errors:
            typer.echo("")
            typer.echo(format_errors(report))
