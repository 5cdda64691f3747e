"""quotes.index.plan: the three ways of finding a search's rows give the same rows (and
the same order when ranked), whichever the sizes make the index choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.index import plan
from quotes.index.fts_query import to_match
from quotes.index.search import Filters
from quotes.index.store import Writer, connect

SENTENCES = [
    "La réforme des retraites sera votée avant l'été",
    "Les retraites des agriculteurs doivent augmenter",
    "Nous refusons cette réforme injuste",
    "Le budget de la santé augmente enfin",
    "La réforme de la santé attendra l'automne",
]


@pytest.fixture
def con(tmp_path: Path):
    con = connect(tmp_path / "p.db", create=True)
    writer = Writer(con)
    for d in range(30):
        rows = [
            {"quote": f"{SENTENCES[(d + k) % 5]} ({d}-{k})", "speaker": f"Orateur {d % 3}"}
            for k in range(3)
        ]
        writer.replace_document(f"d{d}", rows, {"date": f"2024-01-{d % 28 + 1:02d}"})
    writer.commit()
    yield con
    con.close()


def run(con, query: str, speaker: str | None, few: int, ranked: int, monkeypatch) -> plan.Plan:
    monkeypatch.setattr(plan, "FEW_ROWS", few)
    monkeypatch.setattr(plan, "RANKED_ROWS", ranked)
    where, args = Filters(speaker=speaker).where(con)
    return plan.matching_ids(con, to_match(query), where, args, limit=None)


def brute_force(con, query: str, speaker: str | None) -> set[int]:
    ids = {
        r
        for (r,) in con.execute(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [to_match(query)]
        )
    }
    if speaker:
        ids &= {r for (r,) in con.execute("SELECT id FROM quotes WHERE speaker = ?", [speaker])}
    return ids


@pytest.mark.parametrize(
    ("query", "speaker"), [("réforme", "Orateur 1"), ("retraite*", None), ("santé", "Orateur 2")]
)
def test_every_plan_finds_the_same_rows(con, monkeypatch, query: str, speaker: str | None) -> None:
    expected = brute_force(con, query, speaker)
    assert expected
    by_filter = run(con, query, speaker, few=10**6, ranked=0, monkeypatch=monkeypatch)
    by_rank = run(con, query, speaker, few=0, ranked=10**6, monkeypatch=monkeypatch)
    newest = run(con, query, speaker, few=0, ranked=0, monkeypatch=monkeypatch)
    if speaker:  # the filter-first plan only applies when there is a filter
        assert set(by_filter.ids) == expected and by_filter.ranked
        assert by_filter.ids == by_rank.ids  # the same bm25 order
    assert set(by_rank.ids) == expected and by_rank.ranked
    assert set(newest.ids) == expected and not newest.ranked
    assert newest.ids == sorted(newest.ids, reverse=True)


def test_limit_keeps_the_best(con, monkeypatch) -> None:
    monkeypatch.setattr(plan, "RANKED_ROWS", 10**6)
    where, args = Filters().where(con)
    full = plan.matching_ids(con, to_match("réforme"), where, args, limit=None).ids
    assert plan.matching_ids(con, to_match("réforme"), where, args, limit=4).ids == full[:4]
