"""quotes.attribution.names: an organisation's name keeps its capitalised head noun and
its adjectives; a medium's name glued before a person's is whom they spoke to."""

from __future__ import annotations

import pytest

from quotes import extract


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "« C'est une trahison », a dénoncé, dans un communiqué, le Parti socialiste.",
            "Parti socialiste",
        ),
        (
            "D'après l'Agence France-Presse, « au moins dix personnes ont été blessées ».",
            "Agence France-Presse",
        ),
    ],
)
def test_an_organisation_name_is_never_cut_to_its_head(text: str, speaker: str) -> None:
    (row,) = extract(text)
    assert row.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "« Nous partirons », a déclaré à l'Agence France-Presse Paul Roy, maire de Dole.",
            "Paul Roy",
        ),
        ("« Nous partirons », a confié au Soir Anne Vidal.", "Anne Vidal"),
        ("« Nous partirons », a confié à La Presse Canadienne Marc Lefort.", "Marc Lefort"),
    ],
)
def test_a_medium_before_the_name_is_not_part_of_it(text: str, speaker: str) -> None:
    (row,) = extract(text)
    assert row.speaker == speaker


def test_a_person_of_the_party_is_still_the_person() -> None:
    text = "« Nous restons vigilants », a déclaré la présidente du Parti socialiste, Anne Roy."
    (row,) = extract(text)
    assert row.speaker == "Anne Roy"
