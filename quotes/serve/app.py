"""The web pages of `quotes serve`: a Starlette app over one index file.

Why Starlette + Jinja2: well-kept, small, and testable through the ASGI client without
a socket; uvicorn serves it (`quotes.serve.run`). The pages only render: searching goes
through `quotes.index.search` (the query language, speaker aliases, query plan and
highlighting of `quotes search`), the other pages through `quotes.index.pages`, so there
is one implementation of each question, and user text reaches SQLite only as bound
parameters there. Every page is a GET whose URL holds its question, so it can be shared.
"""

from __future__ import annotations

import io
import json
import sqlite3
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from quotes.index import pages
from quotes.index.fts_query import QueryError
from quotes.index.review import ensure_table, history
from quotes.index.search import search
from quotes.index.store import NotAnIndex, connect
from quotes.io.formula import formula_safe
from quotes.lang import CODES
from quotes.model import KINDS
from quotes.serve import charts
from quotes.serve.params import EXPORT_ROWS, PAGE_SIZE, BadParameter, SearchParams

HERE = Path(__file__).parent
# Marks around matched words that no quote holds; turned into <mark> after escaping.
_MARKS = ("\x02", "\x03")


def highlighted(text: Any) -> Markup:
    """A `match` cell as HTML: the text escaped, the matched words in <mark>."""
    if not isinstance(text, str):
        return Markup("")
    safe = escape(text).replace(_MARKS[0], "<mark>").replace(_MARKS[1], "</mark>")
    return Markup(safe)


def blank(value: Any) -> Any:
    """Missing values (None, NaN) shown as nothing."""
    try:
        return "" if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def web_link(value: Any) -> str:
    """An article URL fit for a link: http(s) only, so that a document's `url` field
    cannot carry a `javascript:` link into the page; anything else gives no link."""
    text = str(blank(value)).strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


class Pages:
    """The route handlers, bound to one index (`db`)."""

    def __init__(self, db: Path, review: bool) -> None:
        self.db = db
        self.review = review
        self._sources: tuple[tuple[int, ...], list[str]] | None = None
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.filters["highlighted"] = highlighted
        self.templates.env.filters["blank"] = blank
        self.templates.env.filters["web_link"] = web_link

    def render(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> Response:
        context.setdefault("review", self.review)
        context.setdefault("db_name", self.db.name)
        return self.templates.TemplateResponse(request, template, context, status_code=status)

    def error(self, request: Request, status: int, message: str) -> Response:
        return self.render(request, "error.html", status=status, message=message)

    def sources(self) -> list[str]:
        """The sources of the index, for the filter's list; read again only when the
        index file changed (`quotes index` run meanwhile), not on every page."""
        stamp = tuple(
            p.stat().st_mtime_ns if p.exists() else 0
            for p in (self.db, self.db.with_name(self.db.name + "-wal"))
        )
        if self._sources is None or self._sources[0] != stamp:
            con = connect(self.db)
            try:
                rows = con.execute("SELECT DISTINCT source FROM docs WHERE source IS NOT NULL")
                self._sources = (stamp, sorted(s for (s,) in rows))
            finally:
                con.close()
        return self._sources[1]

    # -- search ---------------------------------------------------------------------------

    def home(self, request: Request) -> Response:
        """The search page: the box, the filters, a page of results."""
        try:
            params = SearchParams.of(request.query_params)
            found = search(
                self.db,
                params.q,
                **params.search_options(),  # type: ignore[arg-type]
                limit=PAGE_SIZE + 1,
                offset=(params.page - 1) * PAGE_SIZE,
                highlight=_MARKS,
                corrected=True,
            )
        except (BadParameter, QueryError) as exc:
            return self.render(
                request,
                "search.html",
                status=400,
                params=SearchParams(q=request.query_params.get("q", "")),
                message=str(exc),
                error=True,
                rows=[],
                sources=self.sources(),
                kinds=KINDS,
                langs=CODES,
            )
        rows = found.head(PAGE_SIZE).to_dict("records")
        return self.render(
            request,
            "search.html",
            params=params,
            rows=rows,
            more=len(found) > PAGE_SIZE,
            ranked=found.attrs.get("ranked", True),
            first=(params.page - 1) * PAGE_SIZE + 1,
            sources=self.sources(),
            kinds=KINDS,
            langs=CODES,
            message="" if rows else "No quote matches this search.",
        )

    def export(self, request: Request) -> Response:
        """The current search as CSV (formula-safe cells) or JSON, EXPORT_ROWS rows at most."""
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "json"):
            raise HTTPException(404, f"No download as {fmt!r}.")
        try:
            params = SearchParams.of(request.query_params)
            options = params.search_options()
            found = search(self.db, params.q, **options, limit=EXPORT_ROWS, corrected=True)  # type: ignore[arg-type]
        except (BadParameter, QueryError) as exc:
            return Response(str(exc) + "\n", status_code=400, media_type="text/plain")
        name = f"quotes.{fmt}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if fmt == "csv":
            buffer = io.StringIO()
            found.map(formula_safe).to_csv(buffer, index=False)
            return Response(
                buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers
            )
        body = found.to_json(orient="records", force_ascii=False)
        return Response(body, media_type="application/json", headers=headers)

    # -- one quote, one speaker, the sources ------------------------------------------------

    def quote(self, request: Request) -> Response:
        """A quote in its context, its cue and mention, and every document carrying it."""
        row = pages.quote_row(self.db, request.path_params["row_id"])
        if row is None:
            return self.error(request, 404, f"No quote with id {request.path_params['row_id']}.")
        others = pages.repeats(self.db, row["quote_id"]).to_dict("records")
        changes = history(self.db, row["id"])
        shown = changes[-1] if changes else None
        return self.render(
            request,
            "quote.html",
            row=row,
            others=others,
            context=_context(row),
            changes=changes,
            speaker=row["speaker"] if shown is None else shown["speaker"],
            false=shown is not None and shown["action"] == "false",
        )

    def speaker(self, request: Request) -> Response:
        """A speaker's quotes over time, roles, sources and latest quotes."""
        name = (request.query_params.get("name") or "").strip()
        by = request.query_params.get("by") or "month"
        if not name:
            return self.error(request, 400, "Which speaker? Give a name: /speaker?name=…")
        try:
            profile = pages.speaker_profile(self.db, name, by=by, corrected=True)
        except QueryError as exc:
            return self.error(request, 400, str(exc))
        if profile["names"].empty:
            return self.error(request, 404, f"No quote by {name!r} in this index.")
        latest = search(self.db, "", speaker=name, limit=PAGE_SIZE, corrected=True)
        timeline = list(profile["timeline"].itertuples(index=False, name=None))
        return self.render(
            request,
            "speaker.html",
            name=name,
            by=by,
            chart=Markup(charts.bars(timeline, f"quotes of {name} per {by}")),
            timeline=timeline,
            **{k: profile[k].to_dict("records") for k in ("roles", "sources", "names")},
            latest=latest.to_dict("records"),
        )

    def sources_overview(self, request: Request) -> Response:
        """Quotes per speaker gender, per source and period."""
        by = request.query_params.get("by") or "month"
        try:
            table = pages.gender_by_source(self.db, by=by, corrected=True)
        except QueryError as exc:
            return self.error(request, 400, str(exc))
        rows = table.to_dict("records")
        for row in rows:
            counts = {g: int(row[g]) for g in pages.GENDERS}
            row["bar"] = Markup(charts.gender_bar(counts))
        return self.render(request, "sources.html", rows=rows, by=by)

    def api_speakers(self, request: Request) -> Response:
        """Speakers whose names match the typed text, for the speaker box's suggestions."""
        names = pages.suggest_speakers(self.db, request.query_params.get("prefix") or "")
        return Response(json.dumps(names, ensure_ascii=False), media_type="application/json")


def _context(row: dict[str, Any]) -> Markup:
    """The context with the quote's words marked (the first place they occur)."""
    context, quote = str(row.get("context") or ""), str(row.get("quote") or "")
    at = context.find(quote) if quote else -1
    if at < 0:
        return Markup(escape(context))
    end = at + len(quote)
    return Markup(f"{escape(context[:at])}<mark>{escape(quote)}</mark>{escape(context[end:])}")


def make_app(db: str | Path, review: bool = False) -> Starlette:
    """The app over index `db` (checked now: NotAnIndex for a missing or bad file, or,
    in review mode, one where corrections cannot be written)."""
    db = Path(db)
    connect(db).close()
    handlers = Pages(db, review)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "") or "Something went wrong."
        return handlers.error(request, status, str(detail))

    async def crashed(request: Request, exc: Exception) -> Response:
        message = "This page failed; the server log says why."
        if isinstance(exc, NotAnIndex):
            message = str(exc)
        return handlers.error(request, 500, message)

    routes = [
        Route("/", handlers.home),
        Route("/search.{fmt:str}", handlers.export),
        Route("/quote/{row_id:int}", handlers.quote),
        Route("/speaker", handlers.speaker),
        Route("/sources", handlers.sources_overview),
        Route("/api/speakers", handlers.api_speakers),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    if review:
        from quotes.serve.review import review_routes

        try:
            ensure_table(db)
        except sqlite3.Error as exc:  # a read-only file or folder
            raise NotAnIndex(f"{db}: cannot store corrections there ({exc})") from None
        routes += review_routes(handlers)
    return Starlette(
        routes=routes, exception_handlers={HTTPException: not_found, Exception: crashed}
    )
