"""English mentions resolved to who they stand for (quotes.lang.en.mentions, people and
rules): names the small model tags oddly, roles, organisations, messages, pairs, titles
used as descriptions, signatures and the sentence before a standalone quote. Sentences
written for these tests."""

from __future__ import annotations

import pytest
from helpers import english_one as one
from helpers import english_speakers as speakers

from quotes import extract
from quotes.nlp import Tok


def test_a_lowercase_description_is_no_organisation_of_the_text() -> None:
    """The small NER tags "the rookie defenceman" ORG: a lowercase phrase names no
    organisation, so it is never resolved to the league named before."""
    text = (
        "Ashford replied soon after when Jones netted his first goal in the NHL."
        '\n\n"My mother will frame the puck," said the rookie defenceman, cousin '
        "of Sam Jones of the Ashford Owls."
    )
    assert one(text).speaker != "NHL"


def test_a_possessive_is_no_part_of_the_fullest_name() -> None:
    text = (
        "Alex Brannigan's first start could not have gone much better.\n\n"
        '"It was a dream," Brannigan said.'
    )
    assert one(text).speaker == "Alex Brannigan"


def test_a_surname_tagged_as_a_noun_is_still_the_person_named_before() -> None:
    text = (
        "Dale Pike stood at the back, angry that nobody had asked the town. Pike also "
        "blamed the mayor, saying he was “selling off the harbour.”"
    )
    assert one(text).speaker == "Dale Pike"


def test_a_role_written_as_a_title_goes_to_the_role() -> None:
    text = 'Organizer Maria Gomez spoke first.\n\n"We are not done," Gomez said.'
    q = one(text)
    assert (q.speaker, q.speaker_role) == ("Maria Gomez", "Organizer")


def test_a_title_alone_names_nobody() -> None:
    text = (
        "Director, fraud analysis at the bank Norbeck, Owen Hale, shared that view.\n\n"
        "“The same three accounts sent every message,” he confirmed."
    )
    assert one(text).speaker == "Owen Hale"


def test_the_organisation_is_named_in_full_with_its_of_phrase() -> None:
    text = (
        "The Anglican Diocese of Ashford closed two parishes on Saturday.\n\n"
        '"We had no other way to pay the roofs," the diocese said.'
    )
    assert one(text).speaker == "the Anglican Diocese of Ashford"


def test_the_sentence_before_is_found_over_a_lone_period_line() -> None:
    """Some feeds put a line holding only "." between paragraphs: the source the
    paragraph before reports is still the one of the quote standing alone after it."""
    text = (
        '"Our buses run half empty," Lena Bright said.\n .\n'
        " Carla Hewitt says she wants the council to redraw the routes.\n .\n"
        ' "My daughter waits forty minutes in the snow every morning."'
    )
    assert speakers(text) == ["Lena Bright", "Carla Hewitt"]


def test_a_speech_verb_reported_by_another_gives_the_outer_subject() -> None:
    """ "maintain" is a speech verb, but here it is what "He said" reports: the quoted
    words are his, not the police's."""
    text = (
        "Hugh Stone said the audit had no end date.\n\n"
        "He said the board will maintain its checks this month and then switch to a "
        '"lighter touch that staff can live with."'
    )
    assert one(text).speaker == "Hugh Stone"


def test_a_message_cited_without_its_author_is_the_source_just_named() -> None:
    text = (
        "The charity Harwell said two of its nurses were hurt in the crash. "
        'A statement said the charity was "grateful to the rescue crews" that night.'
    )
    assert one(text).speaker == "Harwell"


def test_of_a_pair_of_subjects_neither_alone_is_the_next_he() -> None:
    text = (
        '"The drivers earned this," union president Jeff Trent said.\n\n'
        "In an emailed statement, Bella's owners Tor Sahlberg and Leyla Abrader said they "
        "accepted the result.\n\n"
        '"I would pay more for a fair ride," he said.'
    )
    assert speakers(text) == ["Jeff Trent", "Jeff Trent"]


def test_the_short_form_of_an_organisation_is_no_person() -> None:
    """The small NER takes "Oak Ridge Catholic" for a person now and then; when the text
    writes it in full as a school, it is the school."""
    from quotes.lang.en.mentions import _relabel
    from quotes.lang.en.people import People

    text = "Oak Ridge Catholic High School won. Oak Ridge Catholic said nothing."
    people = People(text)
    start = text.index("Oak Ridge Catholic said")
    run = [
        Tok(k, w, w, "PROPN", "compound", 2, start + a, start + a + len(w), "PER")
        for k, (w, a) in enumerate([("Oak", 0), ("Ridge", 4), ("Catholic", 10)])
    ]
    assert _relabel(people, run, "PER") == "ORG"
    assert _relabel(People("Oak Ridge Catholic said nothing."), run, "PER") == "PER"


def test_a_possessive_is_no_part_of_an_organisation_named_before() -> None:
    text = (
        "Analysts at Norbeck Systems’s Talon unit traced the payments.\n\n"
        "“Every transfer went through one account,” the security firm wrote in its report."
    )
    assert one(text).speaker != "Norbeck Systems’s"


def test_the_title_just_after_a_name_is_that_person() -> None:
    text = 'Marsh attacked the senator online. "She has failed the farmers," the president wrote.'
    assert one(text).speaker == "Marsh"


def test_a_person_the_sentence_before_introduces_speaks_the_standalone_quote() -> None:
    text = (
        '"We did nothing wrong," Tom Lee said. "Nothing at all."\n\n'
        "Ann Gray, a neighbour, saw it differently.\n\n"
        '"They were shouting all night."'
    )
    assert speakers(text) == ["Tom Lee", "Tom Lee", "Ann Gray"]


def test_a_pronoun_subject_before_a_standalone_quote_continues_the_speaker() -> None:
    text = (
        '"We did nothing wrong," Tom Lee said.\n\n'
        "He walked back to his car.\n\n"
        '"They were shouting all night."'
    )
    assert speakers(text) == ["Tom Lee", "Tom Lee"]


def test_a_hyphenated_surname_is_one_name_as_written() -> None:
    text = 'Rep. Alana Ortiz-Cole spoke on Monday.\n\n"We will not stop," Ortiz-Cole said.'
    q = one(text)
    assert (q.speaker, q.speaker_role) == ("Alana Ortiz-Cole", "Rep.")


def test_an_age_or_a_party_in_apposition_is_no_role() -> None:
    q = one('Maria Lopez, 34, said she had waited for hours. "I just want to vote," Lopez said.')
    assert (q.speaker, q.speaker_role) == ("Maria Lopez", None)
    q = one('Sen. Tom Bracken (R-Ky.) said the bill was dead. "It is going nowhere," Bracken said.')
    assert (q.speaker, q.speaker_role) == ("Tom Bracken", "Sen.")


def test_of_two_subjects_the_one_next_to_the_verb() -> None:
    """The small parser makes both "lawyer" and "Galvin" subjects of "said"."""
    assert one('"I will not comment," Marsh\'s lawyer Rudy Galvin said.').speaker == ("Rudy Galvin")


def test_a_possessive_before_a_name_is_no_role() -> None:
    q = one('"It was a lie," Metro News\' Tucker Carlin said on his show.')
    assert (q.speaker, q.speaker_role) == ("Tucker Carlin", None)


@pytest.mark.parametrize(
    "text",
    [
        "Tom Lee spoke on Monday.\n\n“This is a disgrace. We deserve better.”\n\n"
        "— Jane Roe (@janeroe) January 20, 2019",
        'Tom Lee spoke on Monday.\n\n"This is a disgrace." — Jane Roe (@janeroe) January 20, 2019',
        "Tom Lee spoke on Monday.\n\n“Absolutely shameful.” pic.twitter.com/abc123 — Jane Roe "
        "(@janeroe) March 3, 2019",
    ],
)
def test_an_embedded_post_is_signed_after_a_dash(text: str) -> None:
    q = one(text)
    assert (q.speaker, q.speaker_role) == ("Jane Roe", None)


def test_a_dash_inside_a_sentence_signs_nothing() -> None:
    text = 'Tom Lee spoke first. He called the plan "a disgrace" — Jane Roe left the room.'
    assert one(text).speaker != "Jane Roe"


def test_a_title_with_its_modifiers_just_after_a_name_is_that_person() -> None:
    text = (
        "Ashford replied soon after when Sam Jones netted his first goal in the NHL.\n\n"
        '"My mother will frame the puck," said the rookie defenceman.'
    )
    assert one(text).speaker == "Sam Jones"


def test_a_surname_the_tagger_reads_as_a_word_is_the_person_named() -> None:
    """The small tagger reads the surname "Oh" as an interjection: the capitalised last
    word of the mention is still the person the text named in full."""
    from quotes.lang.en.mentions import speaker_of
    from quotes.lang.en.people import People

    text = "Mina Oh took the prize. Korean singer Oh spoke later."
    at = text.index("Korean")
    spec = [("Korean", "ADJ"), ("singer", "NOUN"), ("Oh", "INTJ")]
    toks, pos = [], at
    for k, (w, tag) in enumerate(spec):
        toks.append(Tok(k, w, w.lower(), tag, "nsubj", 2, pos, pos + len(w)))
        pos += len(w) + 1
    assert speaker_of(People(text), toks, at) == "Mina Oh"


def test_a_show_title_with_the_period_inside_is_a_term() -> None:
    """American style puts the sentence's period inside the marks: told "Breakfast &
    Friends." names a show; a quote opening its sentence in capitals stays a quote."""
    found = extract('"It is a smear," she told "Breakfast & Friends."', lang="en")
    assert [q.quote for q in found] == ["It is a smear,"]
    assert [q.quote for q in extract('"Go Home Now," the crowd chanted.', lang="en")] == [
        "Go Home Now,"
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            '"We will not negotiate," Secretary of State Mike Pompey said Tuesday.',
            "Mike Pompey",
            "Secretary of State",
        ),
        (
            '"The threat is real," Director of National Intelligence Dan Coles told senators.',
            "Dan Coles",
            "Director of National Intelligence",
        ),
    ],
)
def test_a_title_with_its_of_phrase_before_the_name(text: str, speaker: str, role: str) -> None:
    q = one(text)
    assert (q.speaker, q.speaker_role) == (speaker, role)
