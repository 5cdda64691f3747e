"""English fragments quoted inside the journalist's sentence (quotes.lang.en.partials) and
names inside a title's prepositional phrase (quotes.lang.en.titled). Sentences written
for these tests, in British, Irish and Australian styles."""

from __future__ import annotations

import pytest
from helpers import english_one as one


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Rovers manager Gary Thwaite hailed his side\'s "never-say-die attitude" after '
            "the late winner.",
            "Gary Thwaite",
        ),
        (
            "Labour MP Clara Benning accused ministers of “moving the goalposts” on housing.",
            "Clara Benning",
        ),
        (
            "The review found the budget was “never realistic from the start” in 2019.",
            "The review",
        ),
    ],
)
def test_a_fragment_is_the_subjects(text: str, speaker: str) -> None:
    """partials.partial_subject: whatever the verb, when the subject can speak."""
    assert one(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The “very long winter” ahead worries the farmers.",  # inside the subject
        "The flood left “a trail of utter devastation” across the valley.",  # cannot speak
    ],
)
def test_a_fragment_with_no_speaking_subject_has_no_speaker(text: str) -> None:
    assert one(text).speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Speaking in the Dail, Minister for Health Declan Morrissey said: “Nobody in "
            "this House will defend it.”",
            "Declan Morrissey",
        ),
        ("Secretary of State for Wales Ana Pryce told reporters: “We will not wait.”", "Ana Pryce"),
    ],
)
def test_the_name_closing_a_title(text: str, speaker: str) -> None:
    """titled.name_in_title: the parser hangs the name on "for"/"of"."""
    assert one(text).speaker == speaker


def test_a_title_without_a_name_stays_the_title() -> None:
    assert one("The Minister for Health said: “Nobody will defend it.”").speaker == "Minister"
