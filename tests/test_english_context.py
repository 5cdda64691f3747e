"""English quotes whose speaker the story around them gives (quotes.lang.en.repairs,
pipeline, mentions, rules, terms): names the small tagger or the NER misread, people
introduced several sentences before a quote, pronoun subjects that turn to someone new,
messages and their authors, titles with an of-phrase, short spans with the period
inside. Sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import english_one as one
from helpers import english_speakers as speakers

from quotes import extract
from quotes.lang.en.people import People
from quotes.lang.en.repairs import name_as_adverb, name_before_verb
from quotes.lang.en.rules import Sentence, mention_range
from quotes.nlp import Tok


def _tok(i: int, text: str, pos: str, dep: str, head: int, at: int) -> Tok:
    return Tok(i, text, text.lower(), pos, dep, head, at, at + len(text))


def test_a_surname_tagged_as_an_adverb_is_the_subject() -> None:
    """ "Kenneally found …": the tagger reads the "-ly" name as an adverb of "found";
    mended, she is the subject, the latest woman before "she said"."""
    text = (
        "Ada Brandt chairs the tenants association.\n\n"
        "Ruth Kenneally moved into the building in May. Kenneally found the heating "
        'broken.\n\n"It failed twice in one week," she said.'
    )
    assert one(text).speaker == "Ruth Kenneally"


def test_an_adverb_the_text_never_writes_as_a_name_stays_one() -> None:
    text = "Ruth Kenneally agreed. Clearly Kenneally won."
    people = People(text)
    clearly = _tok(0, "Clearly", "ADV", "advmod", 2, 23)
    name = _tok(1, "Kenneally", "ADV", "advmod", 2, 31)
    won = _tok(2, "won", "VERB", "ROOT", 2, 41)
    mended = name_as_adverb(people, [clearly, name, won])
    assert [t.dep for t in mended] == ["advmod", "nsubj", "ROOT"]
    assert mended[1].pos == "PROPN"


def test_a_verb_with_a_subject_keeps_its_adverb() -> None:
    text = "Ruth Kenneally agreed. Kenneally she saw."
    people = People(text)
    toks = [
        _tok(0, "Kenneally", "ADV", "advmod", 2, 23),
        _tok(1, "she", "PRON", "nsubj", 2, 33),
        _tok(2, "saw", "VERB", "ROOT", 2, 37),
    ]
    assert name_as_adverb(people, toks) == toks


def test_a_person_introduced_several_sentences_back_is_the_antecedent() -> None:
    """Six sentences of story between the woman named and "she said": she is parsed
    (quotes.lang.en.pipeline._CONTEXT_SENTENCES), so "she" is hers, not the speaker of
    the quote before."""
    text = (
        '"We need more beds," Ada Brandt said at the meeting in March.\n\n'
        "Dana Whitcombe took over the clinic in June. The building was old. The roof "
        "leaked in every storm. Two nurses quit in the first month. The budget was cut "
        'twice. Donors stayed away.\n\n"It was the hardest year of my life," she said.'
    )
    assert speakers(text) == ["Ada Brandt", "Dana Whitcombe"]


def test_a_clause_after_and_is_no_incise() -> None:
    """ "…," and the city council will continue: a new clause, not "…," continued X."""
    text = (
        "Mayor Ina Vold met the workers of the Korr Motors plant on Friday.\n\n"
        'Vold said the closure came as a "betrayal of the town," and the city council '
        "will continue to press the company."
    )
    assert one(text).speaker == "Ina Vold"


def test_a_name_listed_with_the_subjects_roles_is_the_subject() -> None:
    """ "city councillor and housing advocate Paul Brook told": the parser coordinates
    the roles and the name; he is the subject, the next "he"."""
    text = (
        "Ben Ward, the head of a rental firm, told the Daily Post the issue is related "
        'to rent control.\n\n"You can see that there is a motive," he said.\n\n'
        "Riverside city councillor and housing advocate Paul Brook told the Daily Post "
        'the rules favour owners.\n\n"It is hard to know your rights," he said.'
    )
    assert speakers(text) == ["Ben Ward", "Paul Brook"]


def test_a_name_right_before_a_main_verb_without_subject_is_its_subject() -> None:
    """The parse of "… advocate Ana Roe told …" with "advocate" a verb and the name its
    object: the name before the subjectless main verb is mended into its subject."""
    words = [
        ("advocate", "VERB", "ccomp", 3, ""),
        ("Ana", "PROPN", "compound", 2, "PER"),
        ("Roe", "PROPN", "dobj", 0, "PER"),
        ("told", "VERB", "ROOT", 3, ""),
        ("us", "PRON", "dobj", 3, ""),
    ]
    toks = [
        Tok(i, w, w.lower(), pos, dep, head, 10 * i, 10 * i + len(w), ent)
        for i, (w, pos, dep, head, ent) in enumerate(words)
    ]
    mended = name_before_verb(toks)
    assert (mended[2].dep, mended[2].head) == ("nsubj", 3)
    assert mended[:2] == toks[:2] and mended[3:] == toks[3:]
    with_subject = [*toks[:4], Tok(4, "she", "she", "PRON", "nsubj", 3, 40, 43)]
    assert name_before_verb(with_subject) == with_subject


def test_speech_verbs_of_manner_cue_their_quote() -> None:
    """ "blurted out", "sighed": verbs of how words were said (speech_verbs_en.txt)."""
    text = (
        'Cal Ferris waited at the door.\n\n"You are late," Ferris blurted out. "But so am '
        'I."\n\nLater, Mia Tolland arrived. "Not again," she sighed.'
    )
    assert speakers(text) == ["Cal Ferris", "Cal Ferris", "Mia Tolland"]


def test_a_pronoun_subject_that_turns_to_someone_new_gives_the_standalone_quote() -> None:
    """The sentence before a standalone quote is about "she", the woman just named, not
    the man quoted before: the quote is hers; "he" there goes on with him."""
    story = (
        '"We start at dawn," Tom Lark said.\n\nHelen Marsh grew up on the farm. After the '
        'flood, {} was forced to sell half the land.\n\n"It broke my heart."'
    )
    assert speakers(story.format("she")) == ["Tom Lark", "Helen Marsh"]
    assert speakers(story.format("he")) == ["Tom Lark", "Tom Lark"]


def test_a_surname_tagged_as_a_place_is_the_person() -> None:
    """ "Now, Tirana said": the NER's GPE is Paul Tirana, named before, the subject
    the next "he" stands for (not the psychologist quoted in between)."""
    text = (
        "Paul Tirana built a house above the bay in 2011.\n\nSuch a move is not uncommon, "
        "said Dr. Sam Ocho, a psychologist in Halifax.\n\nNow, Tirana said he is able to "
        'rest.\n\n"She made me a better person," he said.'
    )
    assert one(text).speaker == "Paul Tirana"


def test_a_name_in_apposition_far_from_the_subject_is_not_the_subject() -> None:
    """ "the mill, along with a bakery run by his father's friend, Ray Doyle, gave …":
    Doyle is in apposition, far from the subject noun; the next "he" is Vale's."""
    text = (
        "Tom Vale said he wants to carry on the work of his father.\n\nHe said the mill, "
        "along with a bakery run by his father's friend, Ray Doyle, gave the town a "
        'boost.\n\n"They brought a lot of jobs," he said.'
    )
    assert one(text).speaker == "Tom Vale"


@pytest.mark.parametrize(
    "text",
    [
        'So on their third date, she decided to drop "the bomb."',
        'They even celebrated their "silver wedding," two years early.',
    ],
)
def test_a_word_or_two_with_the_period_inside_is_a_term(text: str) -> None:
    """American style puts the period inside the marks: a word or two ending the
    journalist's sentence is no one's sentence."""
    assert extract(text, lang="en") == []
    assert [q.kind for q in extract(text, lang="en", include_terms=True)] == ["term"]


@pytest.mark.parametrize(
    "text",
    [
        'The old shed had, in her words, become "unhealthy."',  # "words": a cue
        'The crowd kept shouting "Enough!" at the gates.',
        '"Never." That was all Roe would say.',
    ],
)
def test_short_words_of_someone_stay_quotes(text: str) -> None:
    assert [q.kind for q in extract(text, lang="en")] in (["partial"], ["direct"])


def test_a_spokesperson_for_an_organisation_is_the_source_as_written() -> None:
    """ "A spokesperson for the Department of Water Safety": the described source, not
    the organisation's last word taken for a surname ("Water Safety")."""
    text = (
        "The Water Safety board met on Monday.\n\nA spokesperson for the Department of "
        'Water Safety said in an email that the agency "will enforce the law."'
    )
    assert one(text).speaker == "A spokesperson for the Department of Water Safety"


def test_a_participle_inside_reported_words_is_the_reporters() -> None:
    """ "Pruitt says the province has asked Ottawa to drop the fee, calling it "…"": the
    participle hangs on what she reports; the words are hers."""
    text = (
        "OTTAWA — Health Minister Ana Pruitt says the province has asked Ottawa to drop "
        'the fee for rural clinics, calling the charge "unfair to every small town."'
    )
    assert one(text).speaker == "Ana Pruitt"


def test_a_hyphenated_name_with_two_heads_is_one_mention() -> None:
    """The parser makes "Wilson" and "Roe" of "Wilson-Roe said" two subjects: the
    mention is still the name as written."""
    text = "Wilson-Roe said no."
    spans = [(0, 6, "Wilson", "nsubj"), (6, 7, "-", "punct"), (7, 10, "Roe", "nsubj")]
    toks = [
        Tok(i, w, w.lower(), "PROPN" if w != "-" else "PUNCT", dep, 3, a, b, "PER")
        for i, (a, b, w, dep) in enumerate(spans)
    ]
    toks += [
        Tok(3, "said", "say", "VERB", "ROOT", 3, 11, 15),
        Tok(4, "no", "no", "ADV", "advmod", 3, 16, 18),
    ]
    s = Sentence(text, toks, [])
    assert mention_range(s, 2) == (0, 2)
    assert mention_range(s, 0) == (0, 2)


def test_a_statement_released_by_an_office_is_the_offices() -> None:
    """ "said a statement released by the Premier's Office": the office wrote it; "her
    office" next is that office, named before."""
    text = (
        "Premier Ana Vance spoke with the mayors of Ashford and Brill on Monday.\n\n"
        'Vance and Mayor Tom Oake discussed "the state of the bridge and the need for all '
        'levels of government to pay their share," said a statement released by the '
        'Premier\'s Office.\n\nVance and Mayor Lee Pratt "agreed to meet again in May," '
        "said her office."
    )
    assert speakers(text) == ["the Premier's Office", "the Premier's Office"]


def test_an_organisation_run_ending_with_a_title_and_a_name_is_a_person() -> None:
    """The NER tags "Oskana Hereditary Chief Ta'wun" ORG: a title then a name is a
    person (the next "he"); "Oskana Band Council" stays an organisation."""
    from quotes.lang.en.mentions import _relabel

    text = "Oskana Hereditary Chief Ta'wun spoke. Oskana Band Council met."

    def run(words: str, at: int) -> list[Tok]:
        out = []
        for k, w in enumerate(words.split()):
            out.append(Tok(k, w, w.lower(), "PROPN", "compound", k, at, at + len(w), "ORG"))
            at += len(w) + 1
        return out

    people = People(text)
    assert _relabel(people, run("Oskana Hereditary Chief Ta'wun", 0), "ORG") == "PER"
    assert _relabel(people, run("Oskana Band Council", 38), "ORG") == "ORG"


def test_a_party_member_called_back_is_the_politician_just_named() -> None:
    """ "the Ohio Republican said": capitalised words, yet no name: the latest subject."""
    text = (
        'Senate Majority Leader Tom Bexley blamed activists for the attacks.\n\n"They '
        'decided it was time to attack these young people," the Ohio Republican said.'
    )
    assert one(text).speaker == "Tom Bexley"


def test_a_title_with_an_of_phrase_before_a_name_the_ner_missed() -> None:
    q = one('"No comment," said Chief of Police Ana Ruiz.')
    assert (q.speaker, q.speaker_role) == ("Ana Ruiz", "Chief of Police")


def test_a_name_in_apposition_to_a_role_whatever_its_entity_label() -> None:
    """ "said the Green leader, Tola Varna": the NER calls the name a place; after a
    role noun, a capitalised proper noun in apposition is the person."""
    q = one('"This is a government in chaos," said the Green leader, Tola Varna.')
    assert q.speaker == "Tola Varna"


def test_the_role_a_name_is_in_apposition_to() -> None:
    """ "The health secretary, Ann Roe, said": her role; "Mr Lee": his title (issue 15:
    titles are split into the role), and his gender."""
    text = (
        'The health secretary, Ann Roe, said the wards were "full every night."\n\n'
        "'We will not wait,' Mr Tom Lee told the BBC. 'Not one more winter.'"
    )
    rows = extract(text, lang="en")
    roles = {(q.speaker, q.speaker_role, q.speaker_gender) for q in rows}
    assert roles == {("Ann Roe", "health secretary", "female"), ("Tom Lee", "Mr", "male")}


def test_a_courtesy_title_and_a_described_source_called_back() -> None:
    """British copy: "Ms Lund said" (the NER's ORG) is Rachel Lund named before; "the
    spokesperson" is the spokesperson just described."""
    text = (
        "A Ministry of Transport spokesperson said the strike was ‘unnecessary’.\n\n"
        "‘We will not reopen the deal,’ the spokesperson added.\n\n"
        "‘People wait too long,’ said Rachel Lund, who leads the Riders Association.\n\n"
        "Ms Lund said both sides must ‘get back round the table’."
    )
    assert speakers(text) == [
        "A Ministry of Transport spokesperson",
        "A Ministry of Transport spokesperson",
        "Rachel Lund",
        "Rachel Lund",
    ]


def test_a_surname_with_lowercase_particles_is_the_full_name() -> None:
    text = (
        "Mayor Ilse van der Mark opened the new bridge on Monday.\n\n"
        '"It took ten years," van der Mark said.'
    )
    assert one(text).speaker == "Ilse van der Mark"


def test_a_quote_ending_with_a_period_ends_its_sentence() -> None:
    """ "…the gunman "acted alone." The statement said …": a new sentence, not an incise
    of the quote; both quotes are the department's, not the place's ("of Ashton", the
    NER's organisation) nor the dateline's."""
    text = (
        "ASHTON, Ohio — Residents gathered on Sunday.\n\n"
        '"We want answers," said Mark Tull, 45, of Ashton.\n\n'
        'The police department said in a statement that the gunman "acted alone." The '
        'statement said officers "ended the threat in under a minute."'
    )
    assert speakers(text)[1:] == ["The police department", "The police department"]


def test_a_dateline_names_no_source() -> None:
    from quotes.lang.en.repairs import dateline

    toks = [
        Tok(0, "OTTAWA", "ottawa", "PROPN", "nsubj", 3, 0, 6, "ORG"),
        Tok(1, "—", "—", "PUNCT", "punct", 3, 7, 8),
        Tok(2, "Roe", "roe", "PROPN", "nsubj", 3, 9, 12, "PER"),
        Tok(3, "said", "say", "VERB", "ROOT", 3, 13, 17),
    ]
    assert [t.ent for t in dateline(toks)] == ["", "", "PER", ""]
    nato = [replace(toks[0], text="NATO", end=4), *toks[2:]]
    assert dateline(nato) == nato  # no dash: an acronym, not a dateline
