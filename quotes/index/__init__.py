"""Corpus-wide quote search: an SQLite FTS5 index of extracted quotes."""
