"""A quote signed with a dash («…» – Name), and the sentence joining that keeps a signature
on the next line with its quote. Sentences written for these tests."""

from __future__ import annotations

import pytest
from helpers import extract, only

from quotes.scanner import scan
from quotes.sentences import split_sentences


def test_dash_on_the_same_line_signs_the_quote() -> None:
    q = only("«Le temps ne compte plus, ici. Nous étions seuls au monde.» – Hervé Gagnon")
    assert (q.speaker, q.cue) == ("Hervé Gagnon", "–")


def test_signature_on_the_next_line_with_a_role() -> None:
    q = only("«Je ne regrette rien.»\n— Marie Tremblay, ancienne ministre de la Culture")
    assert q.speaker == "Marie Tremblay"
    assert q.speaker_role == "ancienne ministre de la Culture"
    assert q.speaker_gender == "female"


def test_a_work_title_after_the_name_is_no_role() -> None:
    q = only("«La nuit tombait sur le port.» – Paul Lemieux, Les Marées, tome 3")
    assert q.speaker == "Paul Lemieux"
    assert q.speaker_role is None


def test_an_organisation_signs_whole() -> None:
    q = only("«La grève continue.»\n— Syndicat des enseignants (SEQ)")
    assert q.speaker == "Syndicat des enseignants"


def test_name_with_its_affiliation_and_an_aside() -> None:
    q = only("«Nous ne céderons pas.» – Paul Martin de la CSN, lors du rassemblement.")
    assert q.speaker == "Paul Martin"


@pytest.mark.parametrize(
    "text",
    [
        "«Vous venez ce soir ?»\n— Et vous, qu'en pensez-vous ?",
        "«Vous venez ?»\n— Marie, tu viens ?",  # a dialogue line naming who is addressed
    ],
)
def test_a_dialogue_line_signs_nothing(text: str) -> None:
    assert extract(text)[0].speaker is None


def test_a_dash_after_marks_inside_a_sentence_signs_nothing() -> None:
    text = "Le projet «Horizon de la mer» — Marie Roy le pilote depuis mars — avance vite."
    assert all(q.speaker != "Marie Roy" for q in extract(text, include_terms=True))


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, scan(text))]


def test_a_short_dash_line_joins_the_quote_before_it() -> None:
    text = "«Rien n'est perdu.»\n— Luc Roy, porte-parole\nIl pleuvait ce jour-là."
    signed = "«Rien n'est perdu.»\n— Luc Roy, porte-parole"
    assert _sentences(text) == [signed, "Il pleuvait ce jour-là."]


def test_a_dash_line_after_text_or_a_long_one_stays_apart() -> None:
    text = "Il pleuvait.\n— Luc Roy, porte-parole"
    assert len(_sentences(text)) == 2
    long = "«Rien n'est perdu.»\n— Luc Roy " + "et encore " * 10 + "le reste"
    assert len(_sentences(long)) == 2
