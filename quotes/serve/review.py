"""Review mode of `quotes serve --review`: a reader corrects a row's speaker, marks a
false quote or confirms a row, from the quote page.

Why a route of its own, only mounted with `--review`: the default server is read-only,
so an index shared on a newsroom's network cannot be changed by accident. Corrections go
to their own table through `quotes.index.review.record` (one transaction each). The form
is a plain POST (urlencoded, read here without a multipart library); a POST whose Origin
is another site is refused, so a page elsewhere cannot make the browser correct rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from quotes.index.review import ReviewError, record

if TYPE_CHECKING:
    from quotes.serve.app import Pages

MAX_FORM = 10_000  # bytes: a speaker's name and an action, nothing more


def same_origin(request: Request) -> bool:
    """The POST comes from this server's own page (or from no browser page at all)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def review_routes(pages: Pages) -> list[Route]:
    """The POST route of corrections, bound to the app's pages."""

    async def correct(request: Request) -> Response:
        row_id = request.path_params["row_id"]
        if not same_origin(request):
            return pages.error(request, 403, "Corrections are only taken from this server's pages.")
        body = await request.body()
        if len(body) > MAX_FORM:
            return pages.error(request, 413, "This correction is too long.")
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        try:
            await run_in_threadpool(
                record,
                pages.db,
                row_id,
                form.get("action", ""),
                speaker=form.get("speaker"),
                reviewer=form.get("reviewer") or None,
            )
        except ReviewError as exc:
            status = 404 if "no quote" in str(exc) else 400
            return pages.error(request, status, str(exc))
        return RedirectResponse(f"/quote/{row_id}", status_code=303)

    return [Route("/review/{row_id:int}", correct, methods=["POST"])]
