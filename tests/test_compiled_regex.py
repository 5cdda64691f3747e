"""Tests for quotes.compiled_regex: long regex programs kept on disk, same behaviour."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import compiled_regex as cr

# A pattern shaped like spaCy French's token_match: an alternation over a big class.
WORDS = ["porte-parole", "saut-de-ski", "aujourd'hui", "vis-à-vis", "Saint-Ours"]
PATTERN = (
    "(?iu)" + "|".join(f"(?:^{re.escape(w)}$)" for w in WORDS) + r"|(?:^[a-zé]+-l[èe]s?-[a-z]+$)"
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTES_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cr, "MIN_CHARS", 10)  # the test pattern counts as long
    return tmp_path


def test_second_compile_is_read_from_disk(cache, monkeypatch):
    first = cr.compile_cached(PATTERN)
    files = list(cache.glob("re-*.json"))
    assert len(files) == 1

    def no_compiling(*args):
        raise AssertionError("compiled again instead of read from the cache")

    monkeypatch.setattr(cr, "_program", no_compiling)
    second = cr.compile_cached(PATTERN)
    for text in [*WORDS, "porte-parole!", "PORTE-PAROLE", "gens-les-plus", "rien"]:
        assert bool(first.match(text)) == bool(second.match(text)) == bool(re.match(PATTERN, text))
    assert second.pattern == PATTERN and second.flags == re.compile(PATTERN).flags


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aéèls-'PoRtE ", max_size=20))
def test_cached_program_matches_like_re(text):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cr, "MIN_CHARS", 10)
        mp.setenv("QUOTES_CACHE_DIR", "off")
        rebuilt = cr._build(PATTERN, cr._program(PATTERN, 0))
    expected = re.compile(PATTERN).match(text)
    got = rebuilt.match(text)
    assert (got and got.span()) == (expected and expected.span())


def test_damaged_entry_is_compiled_anew_and_replaced(cache):
    cr.compile_cached(PATTERN)
    (entry,) = cache.glob("re-*.json")
    entry.write_bytes(b"not json")
    pattern = cr.compile_cached(PATTERN)
    assert pattern.match("vis-à-vis")
    assert entry.read_bytes() != b"not json"


def test_cache_off_and_unwritable_folder_still_compile(tmp_path, monkeypatch):
    monkeypatch.setattr(cr, "MIN_CHARS", 10)
    monkeypatch.setenv("QUOTES_CACHE_DIR", "off")
    assert cr.cache_dir() is None
    assert cr.compile_cached(PATTERN).match("saut-de-ski")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("QUOTES_CACHE_DIR", str(blocker / "cache"))  # a file as a parent
    assert cr.compile_cached(PATTERN).match("saut-de-ski")


def test_short_patterns_never_touch_the_cache(cache):
    assert cr.compile_cached("^abc$").match("abc")
    assert not list(cache.iterdir())


def test_block_routes_re_compile_and_restores_it(cache):
    before = cr._compiler.compile
    with cr.cached_compiles():
        re.purge()
        assert re.compile(PATTERN).match("porte-parole")
    assert cr._compiler.compile is before
    assert len(list(cache.glob("re-*.json"))) == 1
    with pytest.raises(RuntimeError), cr.cached_compiles():
        raise RuntimeError("boom")
    assert cr._compiler.compile is before


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("QUOTES_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cr.cache_dir() == tmp_path / "quotes"
