"""`quotes index`, `quotes search` and `quotes speakers`: corpus-wide quote search.

Why a module of its own: the commands share the search index (quotes.index), not the
extraction CLI's output writers. Same conventions as `quotes extract`: data on stdout,
messages on stderr, exit 2 for a usage error (bad query, bad date, not an index) and
never a traceback for one.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from quotes import cli_options as opt
from quotes.index.fts_query import QueryError
from quotes.index.load import is_quote_table, quote_rows
from quotes.index.plan import RANKED_ROWS
from quotes.index.store import NotAnIndex, Writer, connect
from quotes.io.error_log import ErrorLog
from quotes.io.formula import formula_safe
from quotes.io.readers import Origin, Skipped, iter_inputs_with_origin, one_line
from quotes.io.writers import OutputError
from quotes.runner import Options, default_jobs, process

if TYPE_CHECKING:  # pandas is imported by the commands that read an index, not at start-up
    import pandas as pd

    from quotes.model import Document

COMMIT_EVERY = 500  # documents per transaction: a crash loses at most these
_MARKS = ("\ue000", "\ue001")  # highlight marks no text contains (private use)


class Shown(str, Enum):
    """Output formats of `search` and `speakers`."""

    table = "table"
    csv = "csv"
    json = "json"


Db = Annotated[str, typer.Option("--db", help="The index file built by `quotes index`.")]
Query = Annotated[
    str,
    typer.Argument(
        help='Words (all must match), "exact phrases", prefix* , AND / OR / NOT, '
        "( ). Accents and case do not matter. Empty: every quote the filters allow.",
    ),
]
Speaker = Annotated[
    str | None,
    typer.Option("--speaker", help="Quotes of this person: 'Macron' also finds 'Emmanuel Macron'."),
]
Since = Annotated[str | None, typer.Option("--since", help="From this date on (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this date, included.")]
Source = Annotated[str | None, typer.Option("--source", help="Only documents of this source.")]
Kind = Annotated[
    str | None, typer.Option("--kind", help="Only this kind: direct, partial (or term).")
]
LangOnly = Annotated[
    str | None, typer.Option("--lang", help="Only quotes read in this language: fr or en.")
]
MinConf = Annotated[
    float | None,
    typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Only rows with this confidence or more."
    ),
]
Corrected = Annotated[
    bool,
    typer.Option(
        "--corrected",
        help="Apply readers' corrections (quotes serve --review): corrected speakers, "
        "false quotes left out.",
    ),
]
Format = Annotated[
    Shown, typer.Option("--format", "-f", case_sensitive=False, help="table, csv or json.")
]


def _err() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


def _fail(message: str) -> typer.Exit:
    _err().print(one_line(f"Error: {message}"), markup=False, emoji=False)
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add `index`, `search` and `speakers` to `app` (called by quotes/cli.py)."""
    app.command("index", no_args_is_help=True)(index)
    app.command("search", no_args_is_help=True)(search_command)
    app.command("speakers", no_args_is_help=True)(speakers_command)


def index(
    db: Annotated[str, typer.Argument(help="The index file; created when missing.")],
    inputs: opt.Inputs,
    id_field: opt.IdField = "id",
    text_field: opt.TextField = "text",
    include_terms: opt.IncludeTerms = False,
    min_confidence: opt.MinConfidence = 0.0,
    quiet: opt.Quiet = False,
    jobs: opt.Jobs = None,
    fast: opt.Fast = False,
    errors_file: opt.ErrorsFile = None,
    backend: opt.Backend = opt.BackendName.spacy,
    device: opt.Device = opt.DeviceName.cpu,
    model: opt.Model = None,
    attribution: opt.Attribution = None,
    weights: opt.Weights = None,
    lang: opt.Lang = opt.LangName.auto,
    no_text: Annotated[
        bool,
        typer.Option(
            "--no-text",
            help="Keep no document texts in the index (smaller; `quotes export-gold` then "
            "needs the documents again with --docs).",
        ),
    ] = False,
) -> None:
    """Add quotes to a search index, from documents or from a quotes table.

    INPUT: documents (same inputs and options as `quotes extract`), or a table that
    `quotes extract` wrote (CSV, JSONL, Parquet), recognised by its columns.

    A document indexed again has its rows replaced, so indexing is incremental: run it
    on each day's new articles. Quotes with the same words in several documents share a
    quote_id (see `quotes search --distinct`).

    Example: quotes index quotes.db articles/

    Example: quotes index quotes.db quotes.csv   (a table from `quotes extract`)
    """
    err = _err()
    say = lambda text: err.print(one_line(text), markup=False, emoji=False)  # noqa: E731
    setting = opt.prepare(backend, device, model, attribution, weights, say, fast=fast, lang=lang)
    try:
        errors = ErrorLog(errors_file) if errors_file else None
    except (OutputError, OSError) as exc:
        raise _fail(str(exc)) from None
    try:
        con = connect(db, create=True)
    except NotAnIndex as exc:
        if errors is not None:
            errors.close()
        raise _fail(str(exc)) from None
    writer = Writer(con)

    def skip(origin: Origin, skipped: Skipped) -> None:
        err.print(one_line(skipped.message()), markup=False)
        if errors is not None:
            errors.write(origin, skipped)

    tables = [i for i in inputs if i != "-" and is_quote_table(i)]
    documents = [i for i in inputs if i not in tables]
    done = rows = skipped = 0
    try:
        seen: set[str] = set()
        for doc_id, doc_rows in _from_tables(tables, skip):
            if doc_id is None:
                skipped += 1
                continue
            rows += writer.replace_document(doc_id, doc_rows, replace=doc_id not in seen)
            done += doc_id not in seen
            seen.add(doc_id)
            if done % COMMIT_EVERY == 0:
                writer.commit()
        if documents:
            items = iter_inputs_with_origin(documents, id_field=id_field, text_field=text_field)
            texts: deque[str | None] = deque()  # one per item in flight, in input order
            items = _keeping_texts(items, texts, keep=not no_text)
            options = Options.of(setting, include_terms, min_confidence, fast, device.value)
            for outcome in process(items, options, jobs or default_jobs()):
                text = texts.popleft()  # process() gives one outcome per item, in order
                if outcome.skipped is not None:
                    skip(outcome.origin, outcome.skipped)
                    skipped += 1
                    continue
                found = outcome.rows or []
                rows += writer.replace_document(outcome.doc_id or "", found, text=text)
                done += 1
                if done % COMMIT_EVERY == 0:
                    writer.commit()
                    if not quiet:
                        err.print(f"{done} documents, {rows} quotes…", markup=False)
        writer.commit()
    except KeyboardInterrupt:
        writer.commit()
        err.print(f"interrupted: {done} documents indexed; run again to finish", markup=False)
        raise typer.Exit(130) from None
    finally:
        con.close()
        if errors is not None:
            errors.close()
    if not quiet:
        err.print(
            f"{done} documents, {rows} quotes indexed, {skipped} skipped into {db}", markup=False
        )
    if done == 0:
        raise typer.Exit(1)


def _keeping_texts(
    items: Iterator[tuple[Origin, Document | Skipped]], texts: deque, keep: bool
) -> Iterator[tuple[Origin, Document | Skipped]]:
    """`items` as they are, each one's text (None: skipped, or not kept) queued in `texts`
    for the index's `texts` table (`quotes export-gold`)."""
    for origin, item in items:
        texts.append(item.text if keep and not isinstance(item, Skipped) else None)
        yield origin, item


def _from_tables(
    tables: list[str], skip: Callable[[Origin, Skipped], None]
) -> Iterator[tuple[str | None, list[dict[str, Any]]]]:
    """(doc_id, rows) of quotes tables, a run of consecutive rows of one document at a
    time; (None, []) for each unreadable record (given to `skip`)."""
    for path in tables:
        current: str | None = None
        batch: list[dict[str, Any]] = []
        for item in quote_rows(path):
            if isinstance(item[1], Skipped):
                skip(item[0], item[1])
                yield None, []
                continue
            _, doc_id, row = item  # type: ignore[misc]
            if doc_id != current and batch:
                yield current, batch
                batch = []
            current = doc_id
            batch.append(row)
        if batch:
            yield current, batch


def search_command(
    query: Query = "",
    db: Db = "",
    speaker: Speaker = None,
    since: Since = None,
    until: Until = None,
    source: Source = None,
    kind: Kind = None,
    lang_only: LangOnly = None,
    min_conf: MinConf = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Rows at most.")] = 20,
    distinct: Annotated[
        bool,
        typer.Option(
            "--distinct",
            help="Each distinct quote once, with the number of documents carrying it "
            "and its first date, most repeated first.",
        ),
    ] = False,
    fmt: Format = Shown.table,
    raw_csv: opt.RawCsv = False,
    corrected: Corrected = False,
) -> None:
    """Search the quotes of an index.

    Example: quotes search --db quotes.db '"services publics" retraite*'

    Example: quotes search --db quotes.db --speaker Macron --since 2024-01-01 --format csv

    Example: quotes search --db quotes.db "dette" --distinct
    """
    from quotes.index.search import search

    marks = _MARKS if fmt is Shown.table else ("[", "]")
    filters: dict[str, Any] = {"speaker": speaker, "since": since, "until": until}
    filters |= {"source": source, "kind": kind, "lang": lang_only, "min_confidence": min_conf}
    found = _ask(
        search,
        db,
        query,
        "no quote found",
        **filters,
        limit=limit,
        distinct=distinct,
        highlight=marks,
        corrected=corrected,
    )
    if found is None:
        return
    if not found.attrs.get("ranked", True):
        _err().print(
            f"more than {RANKED_ROWS:,} quotes match: showing the most recently indexed; "
            "add words or filters to rank them by relevance",
            markup=False,
        )
    if fmt is Shown.table:
        _table(found, distinct)
    else:
        _dump(found, fmt, raw_csv)


def speakers_command(
    query: Query = "",
    db: Db = "",
    speaker: Speaker = None,
    since: Since = None,
    until: Until = None,
    source: Source = None,
    kind: Kind = None,
    lang_only: LangOnly = None,
    min_conf: MinConf = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Rows at most.")] = None,
    fmt: Format = Shown.table,
    raw_csv: opt.RawCsv = False,
    corrected: Corrected = False,
) -> None:
    """Speakers of an index with their number of quotes and documents, most quoted first.

    Example: quotes speakers --db quotes.db --since 2024-01-01 --limit 20

    Example: quotes speakers --db quotes.db "retraites" --format csv
    """
    from quotes.index.search import speakers

    filters: dict[str, Any] = {"speaker": speaker, "since": since, "until": until}
    filters |= {"source": source, "kind": kind, "lang": lang_only, "min_confidence": min_conf}
    found = _ask(
        speakers, db, query, "no speaker found", **filters, limit=limit, corrected=corrected
    )
    if found is None:
        return
    if fmt is Shown.table:
        table = Table(*found.columns)
        for row in found.itertuples(index=False):
            table.add_row(*(_cell(v) for v in row))
        Console().print(table)
    else:
        _dump(found, fmt, raw_csv)


def _ask(
    fn: Callable[..., pd.DataFrame], db: str, query: str, none_found: str, **options: Any
) -> pd.DataFrame | None:
    """Run a search function for the CLI: usage errors exit 2 with one line; an empty
    result is said on stderr (None returned)."""
    if not db:
        raise _fail("--db is required: the index file built by `quotes index`")
    try:
        found = fn(db, query, **options)
    except (QueryError, NotAnIndex) as exc:
        raise _fail(str(exc)) from None
    if found.empty:
        _err().print(none_found, markup=False)
        return None
    return found


def _table(found: pd.DataFrame, distinct: bool) -> None:
    """A readable table; the words that matched the query are highlighted."""
    extra = ["n_docs", "first_date"] if distinct else ["date", "doc_id"]
    table = Table("quote", "speaker", *extra, show_lines=True)
    for row in found.to_dict("records"):
        table.add_row(
            _highlighted(row["match"]),
            row["speaker"] or "",
            *(_cell(row[c]) for c in extra),
        )
    Console().print(table)


def _cell(value: Any) -> str:
    """A table cell: missing values (None, NaN, NA) empty."""
    import pandas as pd

    return "" if pd.isna(value) else str(value)


def _highlighted(match: str) -> Text:
    out = Text()
    a, b = _MARKS
    for k, part in enumerate(match.replace(b, a).split(a)):
        out.append(part, style="bold yellow" if k % 2 else "")
    return out


def _dump(found: pd.DataFrame, fmt: Shown, raw_csv: bool = False) -> None:
    """CSV (formula-safe unless `raw_csv`, quotes.io.formula) or JSON on stdout."""
    if fmt is Shown.csv:
        (found if raw_csv else found.map(formula_safe)).to_csv(sys.stdout, index=False)
    else:
        sys.stdout.write(found.to_json(orient="records", force_ascii=False, indent=1) + "\n")
