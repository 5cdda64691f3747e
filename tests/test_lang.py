"""The language of a document (quotes.lang): decided from its function words, checked
when given, and a clear error for a missing English model. Sentences written for these
tests."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes import extract
from quotes.cli import app
from quotes.lang import CODES, UnknownLanguage, check, detect, language_of, split_by_language
from quotes.lang.en import model as english
from quotes.nlp import ModelNotAvailable

FRENCH = "Le maire a dit qu'il ne viendrait pas à la réunion, mais que les élus seraient là."
ENGLISH = "The mayor said that he would not come to the meeting, but that the council would."


def test_french_text_is_french() -> None:
    assert detect(FRENCH) == "fr"


def test_english_text_is_english() -> None:
    assert detect(ENGLISH) == "en"


def test_english_with_french_marks_is_still_english() -> None:
    assert detect("« We will not go back to the old rules », the minister said on Monday.") == "en"


def test_too_few_words_to_tell_gives_the_default() -> None:
    assert detect("Trudeau, Macron") == "fr"
    assert detect("Trudeau, Macron", default="en") == "en"


def test_a_given_language_is_kept_whatever_the_text() -> None:
    assert language_of(ENGLISH, "fr") == "fr"
    assert language_of(ENGLISH, "auto") == "en"
    assert language_of(ENGLISH, None) == "en"


def test_a_mixed_corpus_is_split_by_language_in_order() -> None:
    assert split_by_language([FRENCH, ENGLISH, FRENCH], "auto") == {"fr": [0, 2], "en": [1]}


def test_an_unknown_language_names_the_choices() -> None:
    with pytest.raises(UnknownLanguage, match="auto, fr, en"):
        check("de")
    with pytest.raises(ValueError, match="unknown language"):
        extract(ENGLISH, lang="german")


@given(st.text(max_size=300))
def test_detect_always_answers_a_known_language(text: str) -> None:
    assert detect(text) in CODES


def test_missing_english_model_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(english.MODEL_ENV, raising=False)
    monkeypatch.setattr(english, "installed", lambda: [])
    with pytest.raises(ModelNotAvailable, match=r"quotes\[en\]"):
        english.english_model()
    with pytest.raises(ModelNotAvailable, match=r"quotes\[en\]"):
        extract('"We will be back," the mayor said on Monday.', lang="en")


def test_an_english_model_that_is_not_installed_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(english.MODEL_ENV, "no_such_english_model")
    with pytest.raises(ModelNotAvailable, match="no_such_english_model"):
        english.english_model()


def test_cli_lang_en_without_the_model_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(english.MODEL_ENV, raising=False)
    monkeypatch.setattr(english, "installed", lambda: [])
    source = tmp_path / "a.txt"
    source.write_text('"We will be back," the mayor said.', encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(source), "--lang", "en"])
    assert result.exit_code == 2
    assert "quotes[en]" in result.output
    assert "Traceback" not in result.output


def test_english_text_without_the_model_is_never_read_as_french(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(english.MODEL_ENV, raising=False)
    monkeypatch.setattr(english, "installed", lambda: [])
    with pytest.raises(ModelNotAvailable):
        extract('"We will be back," the mayor said on Monday to the people of the town.')


def test_cli_rejects_an_unknown_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "a.txt"
    source.write_text("Il a dit : « Bonjour. »", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(source), "--lang", "de"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_auto_reports_english_documents_skipped_without_the_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(english.MODEL_ENV, raising=False)
    monkeypatch.setattr(english, "installed", lambda: [])
    (tmp_path / "fr.txt").write_text(
        "« Nous partirons demain », a déclaré Marie Dupont aux journalistes.", encoding="utf-8"
    )
    (tmp_path / "en.txt").write_text(
        '"We will leave tomorrow," Mary Doyle told reporters on Monday.', encoding="utf-8"
    )
    out = tmp_path / "q.csv"
    errors = tmp_path / "skipped.csv"
    args = ["extract", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--jobs", "1", "--errors-file", str(errors)])
    assert "Traceback" not in result.output
    rows = pd.read_csv(out)
    assert list(rows["speaker"]) == ["Marie Dupont"]  # the French document is not lost
    skipped = pd.read_csv(errors)
    assert len(skipped) == 1 and "quotes[en]" in skipped["reason"][0]


def test_models_lists_the_english_model() -> None:
    from quotes.lang.en.model import installed

    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0
    assert "spacy, English:" in result.output
    assert installed()[0] in result.output  # the README's install puts one there


def test_models_says_how_to_install_a_missing_english_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(english, "installed", lambda: [])
    result = CliRunner().invoke(app, ["models"])
    assert "none: " in result.output and "quotes[en]" in result.output
