"""The parameters of a search page, read from its URL and checked.

Why a module of its own: the URL is the search (a journalist shares it), so the page,
the CSV and the JSON download read the same parameters the same way, and a bad one
(a date that is not a date, a confidence that is not a number) is one readable message
and a 400, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from quotes.lang import CODES
from quotes.model import KINDS

PAGE_SIZE = 20
MAX_PAGE = 500  # deeper pages would mean ranking ten thousand rows for one screen
EXPORT_ROWS = 10_000  # rows of a CSV / JSON download at most


class BadParameter(ValueError):
    """A URL parameter that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class SearchParams:
    """What the search box and the filters ask for; empty strings ask for nothing."""

    q: str = ""
    speaker: str = ""
    since: str = ""
    until: str = ""
    source: str = ""
    kind: str = ""
    lang: str = ""
    min_conf: float | None = None
    distinct: bool = False
    page: int = 1

    @classmethod
    def of(cls, args: Mapping[str, str]) -> SearchParams:
        """Read and check the URL parameters (unknown ones are ignored)."""
        text = {k: (args.get(k) or "").strip() for k in ("q", "speaker", "source", "kind", "lang")}
        return cls(
            q=text["q"],
            speaker=text["speaker"],
            since=_date(args.get("since", ""), "since"),
            until=_date(args.get("until", ""), "until"),
            source=text["source"],
            kind=_kind(text["kind"]),
            lang=_lang(text["lang"]),
            min_conf=_confidence(args.get("min_conf", "")),
            distinct=(args.get("distinct") or "") in ("1", "on", "true", "yes"),
            page=_page(args.get("page", "")),
        )

    def search_options(self) -> dict[str, object]:
        """Keyword arguments of `quotes.index.search.search` (paging aside)."""
        return {
            "speaker": self.speaker or None,
            "since": self.since or None,
            "until": self.until or None,
            "source": self.source or None,
            "kind": self.kind or None,
            "lang": self.lang or None,
            "min_confidence": self.min_conf,
            "distinct": self.distinct,
        }

    def url(self, **change: object) -> str:
        """The query string of these parameters with `change` applied, empty ones left out
        (the link to another page of the same search, or to its download)."""
        values = {**asdict(self), **change}
        pairs = []
        for key, value in values.items():
            if value in ("", None, False) or (key == "page" and value == 1):
                continue
            pairs.append((key, "1" if value is True else str(value)))
        return urlencode(pairs)


def _kind(value: str) -> str:
    if value and value not in KINDS:
        raise BadParameter(f"kind {value!r}: expected one of {', '.join(KINDS)}")
    return value


def _lang(value: str) -> str:
    if value and value not in CODES:
        raise BadParameter(f"lang {value!r}: expected one of {', '.join(CODES)}")
    return value


def _date(value: str, name: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(f"{name} {value!r}: expected a date as YYYY-MM-DD") from None


def _confidence(value: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise BadParameter(f"min_conf {value!r}: expected a number from 0 to 1")
    return number


def _page(value: str) -> int:
    value = (value or "").strip()
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise BadParameter(f"page {value!r}: expected a whole number from 1 to {MAX_PAGE}")
    return int(value)
