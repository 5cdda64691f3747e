"""`quotes serve` (the pages are `quotes.serve`) and `quotes export-gold` (readers'
corrections of review mode as a gold file)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from quotes import cli_options as opt


def register(app: typer.Typer) -> None:
    """Add `serve` to `app` (called by quotes/cli.py)."""
    app.command("serve", no_args_is_help=True)(serve)
    app.command("export-gold", no_args_is_help=True)(export_gold)


def serve(
    db: Annotated[str, typer.Argument(help="The index file built by `quotes index`.")],
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; other machines need 0.0.0.0.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Let readers correct speakers, mark false quotes and confirm rows "
            "(stored apart; the extracted rows are never changed).",
        ),
    ] = False,
) -> None:
    """A local web page to search an index: quotes, speakers, sources; Ctrl-C stops it.

    Example: quotes serve quotes.db --open
    """
    from quotes.serve import ServeError, run

    try:
        run(db, host, port, review=review, open_browser=open_browser)
    except ServeError as exc:
        Console(stderr=True, soft_wrap=True).print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


def export_gold(
    db: Annotated[str, typer.Argument(help="The index whose corrections to export.")],
    output: Annotated[str, typer.Option("-o", "--output", help="The gold JSONL file.")],
    inputs: Annotated[
        list[str] | None,
        typer.Option(
            "--docs",
            help="The documents as given to `quotes index` (files, folders, archives), "
            "for an index that kept no texts (built from a quotes table, or --no-text). "
            "Repeat for several.",
        ),
    ] = None,
    id_field: opt.IdField = "id",
    text_field: opt.TextField = "text",
) -> None:
    """Write the reviewed documents of an index as a gold file for `quotes eval` and
    `quotes train`: confirmed and corrected rows as gold quotes, rows marked false as
    non-quotes, the other rows of those documents as ambiguous (not scored).

    Example: quotes export-gold quotes.db -o gold.jsonl

    Example: quotes export-gold quotes.db --docs articles/ -o gold.jsonl   (texts not kept)
    """
    from quotes.index.gold_export import Problem, export
    from quotes.index.store import NotAnIndex, connect
    from quotes.io.readers import iter_inputs_with_origin
    from quotes.io.writers import OutputError, _Destination
    from quotes.model import Document

    err = Console(stderr=True, soft_wrap=True)
    try:
        con = connect(db)
    except NotAnIndex as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    try:
        dest = _Destination(output)
    except OutputError as exc:
        con.close()
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    docs = None
    if inputs:
        docs = (
            (item.doc_id, item.text)
            for _, item in iter_inputs_with_origin(inputs, id_field=id_field, text_field=text_field)
            if isinstance(item, Document)
        )
    written = problems = 0
    try:
        stream = dest.open_text("utf-8")
        for record in export(con, docs):
            if isinstance(record, Problem):
                problems += 1
                err.print(f"{record.doc_id}: left out: {record.message}", markup=False)
                continue
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
        dest.close_text(stream)
        if written:
            dest.commit()
        else:  # nothing to write: no empty gold file left behind
            dest.discard()
    except BaseException:
        dest.discard()
        raise
    finally:
        con.close()
    err.print(
        f"{written} reviewed documents written to {output}, {problems} left out", markup=False
    )
    if written == 0:
        raise typer.Exit(1)
