"""`quotes serve`: a local web page over a quote index (search, quote, speaker, sources).

Why a local server and not a hosted one: a newsroom's corpus stays on the laptop that
holds it; the page binds to 127.0.0.1 unless told otherwise and is read-only unless
started with `--review`. The app itself is `quotes.serve.app.make_app`.
"""

from __future__ import annotations

import errno
import socket
import webbrowser
from pathlib import Path


class ServeError(RuntimeError):
    """The server cannot start (bad index, busy port); the message is for the user."""


def check_port(host: str, port: int) -> None:
    """Fail now, with a readable message, when `host:port` cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                msg = f"port {port} on {host} is busy: choose another with --port"
                raise ServeError(msg) from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def run(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    review: bool = False,
    open_browser: bool = False,
) -> None:
    """Serve the index `db` until Ctrl-C (uvicorn stops cleanly on SIGINT)."""
    import uvicorn

    from quotes.index.store import NotAnIndex
    from quotes.serve.app import make_app

    try:
        app = make_app(db, review=review)
    except NotAnIndex as exc:
        raise ServeError(str(exc)) from None
    check_port(host, port)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(f"serving {Path(db).name} on {url} ({'review' if review else 'read-only'}); Ctrl-C stops")
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(app, host=host, port=port, log_level="warning")
