"""Turn the search query a journalist types into a safe SQLite FTS5 MATCH expression.

Why: FTS5 reads user text as syntax (`quote:` filters a column; `NEAR(`, `^`, `+`, `-`
are operators), so a pasted line fails with an obscure SQLite error or means something
else. The user grammar: words (all must match), `pauvre*` prefixes, phrases in `"…"`,
`« … »` or `“ … ”` (`"pouvoir d*"` is a prefix phrase), capitalised `AND`/`OR`/`NOT`
(`AND NOT` = `NOT`) and parentheses. Every word and phrase is emitted as an FTS5 string,
so no user text is ever syntax; the parser uses FTS5 precedence (NOT, AND, OR), so the
output means what was typed; and a malformed query raises `QueryError` for the user.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

OPERATORS = ("AND", "OR", "NOT")
# Phrase opener -> its closer; a closer met alone is unbalanced.
OPENERS = {'"': '"', "«": "»", "“": "”"}
CLOSERS = {"»": "«", "”": "“"}
WORD_BREAKS = frozenset("()") | OPENERS.keys() | CLOSERS.keys()
# FTS5's parser stack overflows near 31 nested groups; stay well below it.
MAX_DEPTH = 20
NOT_HINT = "NOT needs a term before it, e.g. 'retraite NOT grève'"


class QueryError(ValueError):
    """A malformed search query; the message says what is wrong and where, for a user."""


@dataclass(frozen=True)
class Token:
    """A word or phrase (`kind` "TERM"), an operator, or a parenthesis, at `pos`."""

    kind: str
    text: str
    pos: int
    prefix: bool = False


@dataclass(frozen=True)
class Group:
    """A parenthesised sub-query, kept so the output groups as the user did."""

    inner: Node


@dataclass(frozen=True)
class Chain:
    """Parts joined by one operator; flat lists keep emission free of deep recursion."""

    op: str
    parts: tuple[Node, ...]


Node = Token | Group | Chain


def _error(message: str, pos: int) -> QueryError:
    """A QueryError that points at the character (1-based) where the problem is."""
    return QueryError(f"{message} (at character {pos + 1})")


def _has_word(text: str) -> bool:
    """True when FTS5's unicode61 tokenizer finds a token (letters, digits) in `text`."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def _in_word(ch: str) -> bool:
    """True for characters that continue a bare word (not space, parenthesis or quote)."""
    return not ch.isspace() and ch not in WORD_BREAKS


def _term(text: str, prefix: bool, pos: int) -> Token | None:
    """A TERM token, or None for punctuation only (an empty FTS5 string matches nothing)."""
    text = text.strip()
    if text.endswith("*"):
        text, prefix = text.rstrip("*").strip(), True
    if _has_word(text):
        return Token("TERM", text, pos, prefix)
    if prefix:
        raise _error("'*' needs a word before it, e.g. 'pauvre*'", pos)
    return None


def _phrase(query: str, start: int) -> tuple[Token | None, int]:
    """The phrase opened at `start`, and the index after it (and after a trailing `*`)."""
    closer = OPENERS[query[start]]
    end = query.find(closer, start + 1)
    if end < 0:
        raise _error(f"unbalanced '{query[start]}': no closing '{closer}'", start)
    after = end + 1
    while after < len(query) and query[after] == "*":
        after += 1
    if after > end + 1 and after < len(query) and _in_word(query[after]):
        raise _error("'*' can only end a phrase or a word, e.g. 'pauvre*'", end + 1)
    return _term(query[start + 1 : end], after > end + 1, start), after


def _word(word: str, pos: int) -> Token | None:
    """An operator or a TERM token for a bare word; `*` may only end a word."""
    if word in OPERATORS:
        return Token(word, word, pos)
    if "*" in word.rstrip("*"):
        raise _error(f"'*' can only end a word (prefix search), e.g. 'pauvre*': {word!r}", pos)
    return _term(word, False, pos)


def tokenise(query: str) -> list[Token]:
    """Split a query into words, phrases, operators and parentheses, by position."""
    query = query.replace("\x00", " ")  # a NUL ends an FTS5 string early
    tokens: list[Token | None] = []
    i = 0
    while i < len(query):
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(Token(ch, ch, i))
            i += 1
        elif ch in CLOSERS:
            raise _error(f"unbalanced '{ch}': no opening '{CLOSERS[ch]}' before it", i)
        elif ch in OPENERS:
            token, i = _phrase(query, i)
            tokens.append(token)
        else:
            end = i
            while end < len(query) and _in_word(query[end]):
                end += 1
            tokens.append(_word(query[i:end], i))
            i = end
    return [t for t in tokens if t is not None]


def _misplaced(token: Token | None, prev: Token | None) -> QueryError:
    """The error for `token` (None: the end) where a word, phrase or '(' must come."""
    if prev is not None and prev.kind in OPERATORS and (token is None or token.kind == ")"):
        return _error(f"{prev.kind} needs a term after it", prev.pos)
    if token is None:  # the parser only asks for a term at the end after "(" or an operator
        return _error("unbalanced '(': no matching ')'", prev.pos if prev else 0)
    if token.kind == ")":
        if prev is not None and prev.kind == "(":
            return _error("empty parentheses '()'", prev.pos)
        return _error("unbalanced ')': no matching '('", token.pos)
    hint = f"; {NOT_HINT}" if token.kind == "NOT" else ""
    if prev is not None and prev.kind in OPERATORS:
        return _error(f"two operators in a row, '{prev.kind} {token.kind}'{hint}", token.pos)
    if token.kind == "NOT":
        return _error(NOT_HINT, token.pos)
    return _error(f"{token.kind} needs a term before it", token.pos)


class _Parser:
    """Recursive descent with FTS5 precedence: or := and (OR and)*,
    and := not ([AND] not)*, not := primary ((NOT | AND NOT) primary)*."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens, self.i, self.depth = tokens, 0, 0

    def peek(self, ahead: int = 0) -> Token | None:
        return self.tokens[self.i + ahead] if self.i + ahead < len(self.tokens) else None

    def kind(self, ahead: int = 0) -> str | None:
        token = self.peek(ahead)
        return token.kind if token else None

    def take(self) -> Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def chain(self, op: str, parts: list[Node]) -> Node:
        return parts[0] if len(parts) == 1 else Chain(op, tuple(parts))

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.kind() == "OR":
            self.take()
            parts.append(self.and_expr())
        return self.chain("OR", parts)

    def and_expr(self) -> Node:
        parts = [self.not_expr()]
        while self.kind() in ("AND", "TERM", "("):
            if self.kind() == "AND":
                self.take()
            parts.append(self.not_expr())
        return self.chain("AND", parts)

    def not_expr(self) -> Node:
        parts = [self.primary()]
        while self.kind() == "NOT" or (self.kind() == "AND" and self.kind(1) == "NOT"):
            if self.take().kind == "AND":
                self.take()
            parts.append(self.primary())
        return self.chain("NOT", parts)

    def primary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "TERM":
            return self.take()
        if token is not None and token.kind == "(":
            return self.group()
        raise _misplaced(token, self.peek(-1) if self.i else None)

    def group(self) -> Node:
        opening = self.take()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error(f"too many nested parentheses (at most {MAX_DEPTH})", opening.pos)
        inner = self.or_expr()
        if self.kind() != ")":
            raise _error("unbalanced '(': no matching ')'", opening.pos)
        self.take()
        self.depth -= 1
        return Group(inner)


def parse(tokens: list[Token]) -> Node:
    """The query tree; raises QueryError for misplaced operators or parentheses."""
    parser = _Parser(tokens)
    tree = parser.or_expr()
    extra = parser.peek()
    if extra is not None:  # only a ")" stops the top-level expression early
        raise _error("unbalanced ')': no matching '('", extra.pos)
    return tree


def emit(node: Node) -> str:
    """FTS5 text for a tree: terms as strings (inner `"` doubled), explicit operators."""
    if isinstance(node, Token):
        return '"' + node.text.replace('"', '""') + '"' + ("*" if node.prefix else "")
    if isinstance(node, Group):
        return "(" + emit(node.inner) + ")"
    return f" {node.op} ".join(emit(part) for part in node.parts)


def to_match(query: str) -> str:
    """The FTS5 MATCH expression for a user query."""
    tokens = tokenise(query)
    if not tokens:
        what = "empty query" if not query.strip() else "no words in the query, only punctuation"
        raise QueryError(f"{what}: type at least one word to search for")
    return emit(parse(tokens))
