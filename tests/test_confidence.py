"""The confidence column, speaker_role and speaker_gender (own sentences, fictional people)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import quotes
from quotes.cli import app
from quotes.confidence import confidence, quote_probability, speaker_probability
from quotes.terms import QUOTE_THRESHOLD

TEXT = (
    "La ministre de la Santé, Hélène Garnier, était à Lyon. "
    "« Nous tiendrons nos promesses », a-t-elle déclaré. "
    "Selon une source policière, « rien n'est joué ». "
    "« Je reste », a dit M. Perrin."
)


def test_confidence_is_a_probability_ordered_by_evidence() -> None:
    assert 0 < confidence(1, None, None) < confidence(3, "main_subject", "X")
    assert confidence(3, "main_subject", "X") < confidence(7, "incise_after", "X") <= 1
    assert quote_probability(QUOTE_THRESHOLD) > quote_probability(QUOTE_THRESHOLD - 1)
    assert speaker_probability("incise_after", None) < speaker_probability("incise_after", "X")


def test_rows_carry_role_gender_and_confidence() -> None:
    rows = {q.quote: q for q in quotes.extract(TEXT)}
    garnier = rows["Nous tiendrons nos promesses"]
    assert garnier.speaker == "Hélène Garnier"
    assert garnier.speaker_role == "ministre de la Santé"
    assert garnier.speaker_gender == "female"
    assert garnier.confidence >= 0.8
    assert rows["Je reste"].speaker_gender == "male"  # from "M."
    # "une source" is feminine only in grammar: nothing is said of the person
    assert rows["rien n'est joué"].speaker_gender == "unknown"
    assert rows["rien n'est joué"].speaker_role is None


def test_gender_is_never_guessed_from_nothing() -> None:
    (q,) = quotes.extract("« Ça suffit », a lancé Dominique Serres.")  # unisex first name
    assert q.speaker == "Dominique Serres" and q.speaker_gender == "unknown"


def test_min_confidence_filters_rows() -> None:
    everything = quotes.extract(TEXT)
    kept = quotes.extract(TEXT, min_confidence=0.9)
    dropped = [q for q in everything if q.confidence < 0.9]
    assert dropped, [q.confidence for q in everything]  # the unnamed source is less sure
    assert kept == [q for q in everything if q.confidence >= 0.9]
    assert kept and len(kept) < len(everything)


@pytest.mark.parametrize("value", ["-0.1", "1.5", "abc"])
def test_cli_rejects_a_bad_min_confidence(value: str) -> None:
    result = CliRunner().invoke(
        app, ["extract", "-", "-j", "1", "--min-confidence", value], input=TEXT
    )
    assert result.exit_code == 2


def test_cli_min_confidence_keeps_only_confident_rows() -> None:
    result = CliRunner().invoke(
        app, ["extract", "-", "-j", "1", "-f", "jsonl", "-q", "--min-confidence", "0.8"], input=TEXT
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines and all('"confidence": 0.' in line for line in lines)
