"""quotes.repairs: the model's slips on first names, repaired before the rules read."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.nlp import Tok
from quotes.repairs import first_name_runs


def _tok(i: int, text: str, pos: str, ent: str = "") -> Tok:
    return Tok(i, text, text.lower(), pos, "dep", i, 0, 0, ent)


def test_a_first_name_tagged_adjective_becomes_a_person() -> None:
    toks = [_tok(0, "Anne", "ADJ", "MISC"), _tok(1, "Roy", "PROPN"), _tok(2, "ne", "ADV")]
    out = first_name_runs(toks)
    assert [(t.pos, t.ent) for t in out] == [("PROPN", "PER"), ("PROPN", "PER"), ("ADV", "")]


def test_organisations_places_and_lone_first_names_keep_their_tags() -> None:
    org = [_tok(0, "France", "PROPN", "ORG"), _tok(1, "Télévisions", "PROPN", "ORG")]
    alone = [_tok(0, "Anne", "ADJ"), _tok(1, "a", "AUX"), _tok(2, "dit", "VERB")]
    not_a_name = [_tok(0, "Grand", "ADJ"), _tok(1, "Paris", "PROPN", "LOC")]
    for toks in (org, alone, not_a_name):
        assert first_name_runs(toks) == toks


@pytest.mark.parametrize(
    "text",
    [
        "Anne Roy ne désarme pas. Pour elle, « la loi doit changer ».",
        "Anne Roy ne désarme pas. « La loi doit changer », a-t-elle dit.",
        "Anne Roy ne désarme pas. Elle a ajouté : « la loi doit changer ».",
    ],
)
def test_a_pronoun_finds_the_first_name_the_model_missed(text: str) -> None:
    """The model reads "Anne Roy ne désarme pas." with "Anne" as an adjective, root of
    the sentence: without the repair "elle" points nowhere."""
    (row,) = extract(text)
    assert row.speaker == "Anne Roy"
