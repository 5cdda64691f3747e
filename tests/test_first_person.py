"""A quote that says "je" is one person's words: the organisation, group or plural of the
sentence before it is not its speaker (quotes.attribution.kinds.speaks_as_one, used by
patterns.sentence_source)."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.attribution.kinds import speaks_as_one


@pytest.mark.parametrize(
    ("quote", "alone"),
    [
        ("Je ne regrette rien", True),
        ("J’aurais pu partir", True),
        ("On m'a menti", True),
        ("C'est mon choix, et ma décision", True),
        ("Il me semble que c'est trop tard", True),
        ("Moi-même, je n'y crois plus", True),
        ("Nous voterons contre", False),
        ("Le pont sera fini jeudi", False),
        ("Madame la ministre a tort", False),  # "ma" only as a word of its own
        ("Mesdames et messieurs", False),
    ],
)
def test_speaks_as_one(quote: str, alone: bool) -> None:
    assert speaks_as_one(quote) is alone


@pytest.mark.parametrize(
    "before",
    [
        "Le parti a publié un communiqué.",
        "Les syndicats ont défilé devant la préfecture.",
        "L'association a déposé un recours.",
    ],
)
def test_a_group_does_not_say_je(before: str) -> None:
    (row,) = extract(f"Marie Roy a quitté le bureau en mars. {before} « Je ne regrette rien. »")
    assert row.speaker is None or "Roy" in row.speaker


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        ("Le parti a publié un communiqué.", "Le parti"),  # "nous": the party may say it
        ("Anne Vidal a répondu aux critiques.", "Anne Vidal"),
    ],
)
def test_the_sentence_before_still_speaks_otherwise(before: str, speaker: str) -> None:
    quote = "« Je ne regrette rien. »" if "Vidal" in before else "« Nous regrettons ce départ. »"
    (row,) = extract(f"{before} {quote}")
    assert row.speaker == speaker
