"""quotes.attribution.cataphora: an incise pronoun nothing before resolves points to the
person named at the start of the next sentence. Sentences written for these tests."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.attribution.cataphora import forward_speaker, opening_name

_QUOTE = "Le village est sous l'eau. « Je n'ai jamais vu une telle crue », confie-t-{p}. "


@pytest.mark.parametrize(
    ("pronoun", "after", "speaker"),
    [
        ("il", "Pierre Dumas, 52 ans, habite au bord de la rivière.", "Pierre Dumas"),
        ("elle", "Anne Vidal, agricultrice, a tout perdu.", "Anne Vidal"),
        ("elle", "Anne Vidal habite au bord de la rivière.", "Anne Vidal"),
    ],
)
def test_the_pronoun_points_forward(pronoun: str, after: str, speaker: str) -> None:
    (row,) = extract(_QUOTE.format(p=pronoun) + after)
    assert row.speaker == speaker


@pytest.mark.parametrize(
    ("pronoun", "after"),
    [
        ("elle", "Pierre Dumas, 52 ans, habite au bord de la rivière."),  # gender disagrees
        ("il", "La rivière a débordé dans la nuit."),  # no name opens the sentence
        ("il", "Sainte-Aube Nord, la commune voisine, est épargnée."),  # no first name
    ],
)
def test_no_forward_name_no_speaker(pronoun: str, after: str) -> None:
    (row,) = extract(_QUOTE.format(p=pronoun) + after)
    assert row.speaker is None


def test_an_antecedent_before_wins() -> None:
    (row,) = extract(
        "Paul Roy est arrivé tôt. « Tout est prêt », dit-il. Anne Vidal, elle, attend."
    )
    assert row.speaker == "Paul Roy"


def test_opening_name() -> None:
    assert opening_name("Jean-Marc Petit, le maire, refuse.") == ("Jean-Marc Petit", "m")
    assert opening_name("Pierre.") is None
    assert forward_speaker("ils", "Pierre Dumas, 52 ans, habite là.") is None
