"""English mentions resolved to who they stand for (quotes.lang.en.mentions, people and
rules): names the small model tags oddly, roles, organisations, messages, pairs, titles
used as descriptions, signatures and the sentence before a standalone quote. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.model import Quote
from quotes.nlp import Tok


def one(text: str) -> Quote:
    """The only quote of `text`, read as English."""
    found = extract(text, lang="en")
    assert len(found) == 1, found
    return found[0]


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(text, lang="en")]


def test_a_lowercase_description_is_no_organisation_of_the_text() -> None:
    """The small NER tags "the rookie defenceman" ORG: a lowercase phrase names no
    organisation, so it is never resolved to the league named before."""
    text = (
        "Ashford answered a few minutes later when Jones scored his first career NHL goal."
        '\n\n"I will have a little smile tomorrow," said the rookie defenceman, younger '
        "brother of Sam Jones of the Ashford Owls."
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
        "Vern Pike was one of them, upset there was no vote. Pike also criticized the "
        "mayor, saying he was “selling the town.”"
    )
    assert one(text).speaker == "Vern Pike"


def test_a_role_written_as_a_title_goes_to_the_role() -> None:
    text = 'Organizer Maria Gomez spoke first.\n\n"We are not done," Gomez said.'
    q = one(text)
    assert (q.speaker, q.speaker_role) == ("Maria Gomez", "Organizer")


def test_a_title_alone_names_nobody() -> None:
    text = (
        "Director, security research at the firm Norbeck, Kevin Hale, agreed with this.\n\n"
        "“We believe it is the same group,” he confirmed."
    )
    assert one(text).speaker == "Kevin Hale"


def test_the_organisation_is_named_in_full_with_its_of_phrase() -> None:
    text = (
        "The Roman Catholic Diocese of Ashford condemned the actions on Saturday.\n\n"
        '"We apologize to everyone," the diocese said.'
    )
    assert one(text).speaker == "the Roman Catholic Diocese of Ashford"


def test_the_sentence_before_is_found_over_a_lone_period_line() -> None:
    """Some feeds put a line holding only "." between paragraphs: the source the
    paragraph before reports is still the one of the quote standing alone after it."""
    text = (
        '"We have more portables than anyone," Moyra Bell said.\n .\n'
        " Marie Hewitt says she wants the province to look at the schools again.\n .\n"
        ' "When my kids come home and say the school is gross, that does not help."'
    )
    assert speakers(text) == ["Moyra Bell", "Marie Hewitt"]


def test_a_speech_verb_reported_by_another_gives_the_outer_subject() -> None:
    """ "maintain" is a speech verb, but here it is what "He said" reports: the quoted
    words are his, not the police's."""
    text = (
        "Eric Stone said there is no timeline for the review.\n\n"
        "He said the police will maintain a presence this week and then move to a "
        '"much smaller presence, one that everyone is comfortable with."'
    )
    assert one(text).speaker == "Eric Stone"


def test_a_message_cited_without_its_author_is_the_source_just_named() -> None:
    text = (
        "The aid group Harwell said its programs director was among those killed. "
        'A statement said the group was "shocked and saddened" by his death.'
    )
    assert one(text).speaker == "Harwell"


def test_of_a_pair_of_subjects_neither_alone_is_the_next_he() -> None:
    text = (
        '"We are proud of them," union president Jeff Trent said.\n\n'
        "In an emailed statement, Bella's owners Tor Sahlberg and Leyla Abrader said they "
        "respected the vote.\n\n"
        '"I would rather pay a dollar more," he said.'
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
        "Researchers at Norbeck Systems’s Talon unit found the same addresses.\n\n"
        "“It is the same group,” the security firm wrote in its statement."
    )
    assert one(text).speaker != "Norbeck Systems’s"


def test_the_title_just_after_a_name_is_that_person() -> None:
    text = 'Trump lashed out at the senator on Twitter. "She is a disaster," the president wrote.'
    assert one(text).speaker == "Trump"


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
    """The small parser makes both "lawyer" and "Giuliani" subjects of "said"."""
    assert one('"I will not comment," Trump\'s lawyer Rudy Giuliani said.').speaker == (
        "Rudy Giuliani"
    )


def test_a_possessive_before_a_name_is_no_role() -> None:
    q = one('"It was a lie," Fox News\' Tucker Carlson said on his show.')
    assert (q.speaker, q.speaker_role) == ("Tucker Carlson", None)


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
        "Ashford answered minutes later when Sam Jones scored his first NHL goal.\n\n"
        '"I will have a little smile tomorrow," said the rookie defenceman.'
    )
    assert one(text).speaker == "Sam Jones"


def test_a_surname_the_tagger_reads_as_a_word_is_the_person_named() -> None:
    text = (
        "Sandra Oh won the award on Sunday.\n\n"
        "Canadian actor Oh said the unlikely pairing of her and Sam came because they are "
        "“the only two Canadians in the room.”"
    )
    q = one(text)
    assert q.speaker == "Sandra Oh"


def test_a_show_title_with_the_period_inside_is_a_term() -> None:
    """American style puts the sentence's period inside the marks: told "Fox & Friends."
    names a show; a quote opening its sentence in capitals stays a quote."""
    found = extract('"It is a witch hunt," she told "Fox & Friends."', lang="en")
    assert [q.quote for q in found] == ["It is a witch hunt,"]
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
