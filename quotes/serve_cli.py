"""The `quotes serve` command (the pages are `quotes.serve`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console


def register(app: typer.Typer) -> None:
    """Add `serve` to `app` (called by quotes/cli.py)."""
    app.command("serve", no_args_is_help=True)(serve)


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
        Console(stderr=True).print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
