"""Tests for quotes.lexicon: the shipped word lists and the rule-based verb lemmatiser."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import lexicon
from quotes.lexicon import (
    first_name_gender,
    fold,
    is_speech_verb,
    speech_verbs,
    tagged,
    verb_lemmas,
    words,
)

LEXICON_DIR = resources.files("quotes").joinpath("lexicons")
FILES = sorted(p.name for p in LEXICON_DIR.iterdir() if p.name.endswith(".txt"))

# files with tab-separated columns: number of columns and allowed values of each tag column
COLUMNS = {
    "first_names_fr.txt": [{"m", "f", "u"}],
    "roles_fr.txt": [{"m", "f", "u", "n"}],  # n: grammatical gender only (une source)
    "titles_fr.txt": [{"m", "f", "u"}],
    "pronouns_fr.txt": [{"m", "f", "u"}, {"sg", "pl"}],
    "sign_nouns_fr.txt": [{"sign", "garment"}],
    "relation_nouns_fr.txt": [{"circle", "person"}],
    "first_names_en.txt": [{"m", "f", "u"}],
    "titles_en.txt": [{"m", "f", "u"}],
    "gendered_nouns_en.txt": [{"m", "f"}],
    "pronouns_en.txt": [{"m", "f", "u"}, {"sg", "pl"}],
    "function_words_fr.txt": [{"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "ADV"}],
}


def entries(name: str) -> list[str]:
    return lexicon._lines(name)


def test_expected_files_are_shipped() -> None:
    assert set(FILES) >= {
        "cue_prepositions_fr.txt",
        "collectives_fr.txt",
        "first_names_fr.txt",
        "function_words_fr.txt",
        "incise_skip_fr.txt",
        "legal_cues_fr.txt",
        "organisations_fr.txt",
        "pronouns_fr.txt",
        "roles_fr.txt",
        "sign_nouns_fr.txt",
        "speech_nouns_fr.txt",
        "speech_verbs_fr.txt",
        "term_cues_fr.txt",
        "titles_fr.txt",
    }


@pytest.mark.parametrize("name", FILES)
def test_every_file_loads(name: str) -> None:
    lines = entries(name)
    assert lines, name
    assert all(line == line.strip() and not line.startswith("#") for line in lines)
    loaded = words(name)
    assert loaded and all(w == fold(w) for w in loaded)
    assert len(tagged(name)) == len(loaded)


@pytest.mark.parametrize("name", FILES)
def test_no_duplicates_after_fold(name: str) -> None:
    keys = Counter(fold(line.split("\t")[0]) for line in entries(name))
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize("name", FILES)
def test_tab_columns_are_valid(name: str) -> None:
    tags = COLUMNS.get(name, [])
    for line in entries(name):
        parts = line.split("\t")
        assert len(parts) == 1 + len(tags), repr(line)
        assert parts[0] and parts[0] == parts[0].strip(), repr(line)
        assert "  " not in parts[0], repr(line)
        for value, allowed in zip(parts[1:], tags, strict=True):
            assert value in allowed, repr(line)


def test_tagged_reads_the_gender_column() -> None:
    assert first_name_gender("Hélène") == "f"
    assert first_name_gender("HELENE") == "f"
    assert first_name_gender("Zzzyx") is None
    assert tagged("roles_fr.txt")["ministre"] == "u"


def test_fold() -> None:
    assert fold("Déclaré") == "declare"
    assert fold("L’Élysée") == "l'elysee"
    assert fold("aujourd'hui") == "aujourd'hui"


def test_speech_verbs_drop_the_reflexive_pronoun() -> None:
    verbs = speech_verbs()
    assert {"dire", "declarer", "estimer", "expliquer", "souligner", "promettre"} <= verbs
    assert not any(v.startswith(("se ", "s'")) for v in verbs)
    assert "exclamer" in verbs  # from « s'exclamer »


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("déclaré", "déclarer"),  # « a déclaré »
        ("estime-t-elle", "estimer"),
        ("expliquent-ils", "expliquer"),
        ("souligné", "souligner"),  # « a souligné »
        ("dit", "dire"),
        ("dit-elle", "dire"),
        ("promet", "promettre"),
        ("promettent", "promettre"),
        ("affirmait", "affirmer"),
        ("ajoutèrent", "ajouter"),
        ("réagit", "réagir"),
        ("répondu", "répondre"),
        ("Estime-t-il", "estimer"),
    ],
)
def test_verb_lemmas(form: str, lemma: str) -> None:
    assert lemma in verb_lemmas(form)


@pytest.mark.parametrize(
    "form",
    [
        "déclaré",
        "estime-t-elle",
        "expliquent-ils",
        "souligné",
        "dit",
        "promet",
        "ajoute-t-il",
        "assure-t-elle",
        "dénoncent",
        "reconnaît",
        "poursuit-il",
        "DÉCLARÉ",
    ],
)
def test_is_speech_verb_on_inflected_forms(form: str) -> None:
    assert is_speech_verb(form)


@pytest.mark.parametrize("form", ["table", "maison", "a", "contient", "manifesté", "voiture"])
def test_is_speech_verb_negative(form: str) -> None:
    assert not is_speech_verb(form)


def test_is_speech_verb_uses_the_tagger_lemma() -> None:
    assert is_speech_verb("xyz", lemma="Déclarer")
    assert not is_speech_verb("table", lemma="tabler")


@pytest.mark.parametrize(
    "form",
    [
        "rappelle-t-il",
        "rappellent",
        "appelle",
        "soutiennent",
        "écrivent",
        "s’insurge-t-il",
        "s'exclame",
    ],
)
def test_is_speech_verb_missed_forms(form: str) -> None:
    assert is_speech_verb(form)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_fold_strips_exactly_the_combining_marks(text):
    """fold (cached words and long strings alike) = lower case, ’ to ', NFD without marks."""
    import unicodedata

    nfd = unicodedata.normalize("NFD", text.lower().replace("’", "'"))
    expected = "".join(c for c in nfd if not unicodedata.combining(c))
    assert fold(text) == expected
    assert fold(text * 3) == expected * 3  # past the cached length: the other path
