"""Tests for quotes.index.fts_query: queries run against a real SQLite FTS5 table.

Why a real table: the point of `to_match` is that SQLite reads its output as the user
meant it, so comparing strings alone would not catch a wrong precedence or an escape
that FTS5 rejects. The table uses the tokenizer of the quote index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.index.fts_query import MAX_DEPTH, QueryError, to_match

ROWS = {
    1: "L'État doit financer la réforme des retraites.",
    2: "Le pouvoir d'achat des retraités baisse, selon le syndicat.",
    3: "D'achat, pas de pouvoir : la grève continue.",
    4: "La pauvreté progresse chez les retraités.",
    5: "Une pension pour les plus pauvres, sans grève.",
    6: "La retraite à 64 ans : grève et syndicat mobilisés.",
    7: "Or, le gouvernement ne cède pas.",
}


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    """One in-memory FTS5 table for the module (module scope also suits hypothesis)."""
    con = sqlite3.connect(":memory:")
    con.execute(
        "CREATE VIRTUAL TABLE t USING fts5(quote, tokenize='unicode61 remove_diacritics 2')"
    )
    con.executemany("INSERT INTO t(rowid, quote) VALUES (?, ?)", ROWS.items())
    yield con
    con.close()


def search(db: sqlite3.Connection, query: str) -> set[int]:
    """Rows matching a user query, with the expression bound as a parameter like the app."""
    return {r for (r,) in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_match(query),))}


# --- what queries find ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        # words: all must match, accents and case do not matter
        ("etat", {1}),
        ("ÉTAT", {1}),
        ("retraites réforme", {1}),
        ("retraite", {6}),  # no stemming: "retraite" is not "retraites"
        ("l'état", {1}),  # the apostrophe stays in the string; the tokenizer splits it
        ("or gouvernement", {7}),  # lower-case or/and/not are words
        ("et syndicat", {6}),
        ("- , retraite ;", {6}),  # punctuation-only words are dropped
        # phrases: the words in this order only
        ("pouvoir achat", {2, 3}),
        ('"pouvoir d\'achat"', {2}),
        ("« pouvoir d’achat »", {2}),
        ("«pouvoir d'achat»", {2}),
        ("“pouvoir d'achat”", {2}),
        ('"achat pouvoir"', set()),
        # prefixes, of words and of phrases
        ("pauv*", {4, 5}),
        ("retraite*", {1, 2, 4, 6}),
        ('"pouvoir d*"', {2}),
        ('"pouvoir d"*', {2}),
        # operators and grouping
        ("pension OR pauvreté", {4, 5}),
        ("grève AND NOT syndicat", {3, 5}),
        ("grève NOT syndicat", {3, 5}),
        ("grève AND syndicat", {6}),
        ("pauvres OR retraite syndicat", {5, 6}),  # AND binds tighter than OR
        ("(pauvres OR retraite) syndicat", {6}),
        ("(pension OR retraités) AND NOT grève", {1, 2, 4}),
        ("etat OR pension NOT grève", {1}),
        ("pouvoir AND NOT achat OR etat", {1}),
    ],
)
def test_query_finds_rows(db: sqlite3.Connection, query: str, rows: set[int]) -> None:
    assert search(db, query) == rows


def test_output_uses_explicit_and_and_fts5_not() -> None:
    """The documented example: implicit AND made explicit, AND NOT becomes NOT."""
    query = 'retraite "pouvoir d\'achat" pauv* OR (grève AND NOT syndicat)'
    expected = '"retraite" AND "pouvoir d\'achat" AND "pauv"* OR ("grève" NOT "syndicat")'
    assert to_match(query) == expected


def test_inner_double_quotes_are_doubled(db: sqlite3.Connection) -> None:
    """A straight quote inside guillemets must not end the FTS5 string early."""
    assert to_match('« le "pouvoir" d\'achat »') == '"le ""pouvoir"" d\'achat"'
    assert search(db, "« pouvoir \" d'achat »") == {2}


@pytest.mark.parametrize(
    "query",
    [
        "quote:retraite",
        "quote : retraite",
        "{quote}: grève",
        "NEAR(pouvoir achat)",
        "NEAR(pouvoir achat, 2)",
        "a-b",
        "-grève",
        "^x",
        "+retraite",
        "grève:",
        "retraite\x00grève",
        '"quote:" NEAR',
    ],
)
def test_fts5_syntax_in_user_text_is_plain_text(db: sqlite3.Connection, query: str) -> None:
    """Column filters and FTS5 operators typed by a user are characters of a string."""
    search(db, query)  # no sqlite3.OperationalError


def test_fts5_column_filter_is_not_applied(db: sqlite3.Connection) -> None:
    """'quote:' is searched as a word, not read as "only the quote column"."""
    assert search(db, "quote:retraite") == set()
    assert search(db, "pouvoir-d'achat") == {2}


def test_deepest_allowed_nesting_runs_in_sqlite(db: sqlite3.Connection) -> None:
    """MAX_DEPTH stays under FTS5's parser stack limit, with operators at every level."""
    query = "etat OR (" * MAX_DEPTH + "pension NOT grève AND retraite" + ")" * MAX_DEPTH
    assert search(db, query) == {1}


# --- errors ---------------------------------------------------------------------------------

NOT_FIRST = "NOT needs a term before it, e.g. 'retraite NOT grève'"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ("- , ;", "only punctuation"),
        ("\"pouvoir d'achat", "unbalanced '\"': no closing '\"' (at character 1)"),
        ('retraite "pouvoir', "unbalanced '\"'"),
        ("« pouvoir d'achat", "unbalanced '«': no closing '»'"),
        ("pouvoir d'achat »", "unbalanced '»': no opening '«'"),
        ("“pouvoir d'achat", "unbalanced '“'"),
        ("pouvoir d'achat”", "unbalanced '”'"),
        ("(retraite OR pension", "unbalanced '(': no matching ')' (at character 1)"),
        ("retraite (", "unbalanced '('"),
        ("retraite)", "unbalanced ')': no matching '(' (at character 9)"),
        (") retraite", "unbalanced ')'"),
        ("()", "empty parentheses"),
        ("retraite ( )", "empty parentheses '()' (at character 10)"),
        ("AND", "AND needs a term before it"),
        ("OR", "OR needs a term before it"),
        ("retraite OR", "OR needs a term after it (at character 10)"),
        ("retraite AND", "AND needs a term after it"),
        ("OR retraite", "OR needs a term before it (at character 1)"),
        ("(OR retraite)", "OR needs a term before it"),
        ("(retraite OR) grève", "OR needs a term after it"),
        ("a AND AND b", "two operators in a row, 'AND AND' (at character 7)"),
        ("a OR AND b", "two operators in a row, 'OR AND'"),
        ("a NOT", "NOT needs a term after it"),
        ("a AND NOT", "NOT needs a term after it"),
        ("NOT", NOT_FIRST),
        ("NOT grève", NOT_FIRST),
        ("(NOT grève)", NOT_FIRST),
        ("retraite OR NOT grève", NOT_FIRST),
        ("retraite NOT NOT grève", "two operators in a row, 'NOT NOT'"),
        ("*", "'*' needs a word before it, e.g. 'pauvre*'"),
        ("retraite *", "'*' needs a word before it"),
        ('"*"', "'*' needs a word before it"),
        ("*isme", "'*' can only end a word"),
        ("re*traite", "'*' can only end a word"),
        ('"retraite"*isme', "'*' can only end a phrase or a word"),
        ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1), "too many nested parentheses"),
    ],
)
def test_malformed_query_raises_a_helpful_error(query: str, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        to_match(query)
    assert fragment in str(info.value)


def test_query_error_is_a_value_error() -> None:
    """Callers that already handle ValueError for bad input keep working."""
    with pytest.raises(ValueError):
        to_match("NOT grève")


# --- any input: a QueryError or an expression SQLite accepts ---------------------------------

# Operators, delimiters, FTS5 syntax and separators (space listed twice: mostly apart).
PIECES = "AND OR NOT ( ) \" « » “ ” * ' : ^ + - NEAR quote é a b { } ,".split()
SEPARATORS = [" ", " ", "\x00", "\u00a0"]
SYNTAX_HEAVY = st.lists(st.sampled_from(PIECES + SEPARATORS), max_size=30).map("".join)


def accepted_or_rejected(db: sqlite3.Connection, query: str) -> None:
    """Either QueryError, or SQLite runs the expression without OperationalError."""
    try:
        expression = to_match(query)
    except QueryError:
        return
    db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_rejected_or_valid_fts5(db: sqlite3.Connection, query: str) -> None:
    """Whatever a user pastes, the failure is ours to explain, never SQLite's."""
    accepted_or_rejected(db, query)


@settings(max_examples=500, deadline=None)
@given(SYNTAX_HEAVY)
def test_syntax_heavy_text_is_rejected_or_valid_fts5(db: sqlite3.Connection, query: str) -> None:
    """Random text rarely forms operators and quotes; this strategy does so on purpose."""
    accepted_or_rejected(db, query)
