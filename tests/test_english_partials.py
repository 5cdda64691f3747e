"""English fragments quoted inside the journalist's sentence (quotes.lang.en.partials),
names inside a title's prepositional phrase (quotes.lang.en.titled), people named by an
epithet or a rank. Sentences written for these tests, in British, Irish and Australian
styles."""

from __future__ import annotations

import pytest
from helpers import english_one as one
from helpers import english_speakers


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


def test_a_name_set_off_after_the_subject_noun_is_the_subject() -> None:
    """mentions._subject: "Her son-in-law, Darren Pike, said" makes him the latest
    subject, so "the 38-year-old" after it is him, not the speaker before."""
    text = (
        "Margaret Holroyd, 71, told the BBC she had been woken at 03:00.\n\n"
        '"I looked out and the street was a river," she said.\n\n'
        "Her son-in-law, Darren Pike, said the family had spent the night at a rest centre.\n\n"
        '"It\'s been a long night," the 38-year-old said.'
    )
    assert english_speakers(text) == ["Margaret Holroyd", "Darren Pike"]


def test_an_epithet_with_a_gender_is_the_latest_person_of_that_gender() -> None:
    """People.described: "the modest mother" after her husband spoke is her."""
    text = (
        "Kirsty Delaney, 34, pulled two children from the car.\n\n"
        'Her husband, Gareth Delaney, wrote: "My wife is a proper hero."\n\n'
        'But the modest mother insisted: "Anyone would have done the same."'
    )
    assert english_speakers(text) == ["Gareth Delaney", "Kirsty Delaney"]


def test_a_bare_kin_noun_is_someone_else() -> None:
    """ "the father" right after the son is named is the son's father: kept as written."""
    text = (
        "Police said Tom Gatsby, 19, died at the scene.\n\n"
        '"He is gone, he is gone," the father repeated into his phone.'
    )
    assert one(text).speaker != "Tom Gatsby"


def test_a_british_police_rank_is_a_title() -> None:
    """titles_en.txt: "DI Moss" is Kieran Moss, the rank goes to the role."""
    text = (
        "Detective Inspector Kieran Moss, of Greater Manchester Police, appealed for "
        'witnesses.\n\n"Someone knows who did this," DI Moss said.'
    )
    assert english_speakers(text) == ["Kieran Moss"]
