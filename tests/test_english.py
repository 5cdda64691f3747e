"""English quotes and speakers (quotes.lang.en): every attribution pattern, names,
titles, pronouns, organisations and terms, with the English spaCy model (installed by
the README's install step). Sentences written for these tests."""

from __future__ import annotations

import pytest
from helpers import english_one as one
from helpers import english_speakers as speakers

from quotes import extract
from quotes.lang.en.mentions import organisation_like
from quotes.lang.en.terms import speech_word
from quotes.nlp import Tok


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will not back down," said Jane Roe.', "Jane Roe"),
        ('"We will not back down," Jane Roe said on Monday.', "Jane Roe"),
        ('"The plan is sound," says Omar Haddad, who runs the clinic.', "Omar Haddad"),
        ('"It was a long night," Kim Tran added.', "Kim Tran"),
        ('"Nobody told us anything," Paul Gray told CBC News on Friday.', "Paul Gray"),
        ('"It will take years," Mark Bell wrote in an email.', "Mark Bell"),
    ],
)
def test_incise_after_the_quote(text: str, speaker: str) -> None:
    q = one(text)
    assert q.speaker == speaker
    assert q.lang == "en"


def test_the_medium_told_is_never_the_speaker() -> None:
    q = one('"We were never warned," Lisa Wong told the Daily Courier.')
    assert q.speaker == "Lisa Wong"


def test_words_between_the_name_and_the_verb() -> None:
    q = one('"We won," Tim Guest with the city health authority said.')
    assert q.speaker == "Tim Guest"


def test_incise_without_a_comma_keeps_the_quote_and_its_speaker_together() -> None:
    q = one('"We can do a lot of good things for the workers" union president Paul Gray said.')
    assert q.speaker == "Paul Gray"
    assert q.speaker_role == "union president"


def test_according_to() -> None:
    assert one('The man "acted alone," according to Sergeant Ray Cole.').speaker == "Ray Cole"


def test_cue_verb_before_with_a_colon() -> None:
    q = one('Mayor Ann Lee said: "The bridge will reopen in May."')
    assert q.speaker == "Ann Lee"
    assert q.speaker_role == "Mayor"


def test_colon_after_any_verb() -> None:
    q = one('Dr. Anne Hill, a family doctor, is more blunt: "This program is failing patients."')
    assert q.speaker == "Anne Hill"


def test_partial_quote_takes_the_subject_of_the_speech_verb() -> None:
    q = one('Tom Baker called the plan "a total disaster" for the town.')
    assert q.speaker == "Tom Baker"
    assert q.kind == "partial"


def test_in_her_words() -> None:
    text = 'Maria Lopez sold the farm in June. It had, in her words, become "a burden."'
    assert one(text).speaker == "Maria Lopez"


def test_pronoun_goes_to_the_person_named_with_the_fullest_name() -> None:
    text = (
        "Darla Finch has run the food bank since 2015. Finch said she was tired. "
        '"We need more volunteers," she said.'
    )
    q = one(text)
    assert q.speaker == "Darla Finch"
    assert q.speaker_mention == "she"


def test_a_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        "Mr. Carl Vance met Ms. Rita Moss at the hall. Later, Vance left. "
        '"It was a good talk," she said.'
    )
    q = one(text)
    assert q.speaker == "Rita Moss"
    assert q.speaker_gender == "female"


def test_a_quote_standing_alone_continues_the_previous_speaker() -> None:
    text = '"We were ready," said Coach Dan Price.\n\n"The second period was our best."'
    assert speakers(text) == ["Dan Price", "Dan Price"]


def test_a_quote_after_a_sentence_reporting_speech_goes_to_its_subject() -> None:
    text = 'Nina Park said the vote was close.\n\n"We lost by twelve votes."'
    assert speakers(text) == ["Nina Park"]


def test_title_goes_to_the_role_and_the_name_to_its_fullest_form() -> None:
    text = (
        'Prime Minister Justin Ardent met the premiers on Tuesday. "We have a deal," Ardent said.'
    )
    q = one(text)
    assert q.speaker == "Justin Ardent"
    assert q.speaker_role == "Prime Minister"


def test_two_people_sharing_a_surname_take_the_nearest() -> None:
    text = 'Erin Cole scored first. Later, Sam Cole scored twice. "It felt great," Cole said.'
    assert one(text).speaker == "Sam Cole"


def test_an_apposition_gives_the_role() -> None:
    text = (
        "Jane Roe, a spokesperson for the union, spoke to workers. "
        '"The strike goes on," the spokesperson said.'
    )
    assert one(text).speaker == "Jane Roe"


def test_a_description_with_a_name_in_apposition_is_that_name() -> None:
    q = one('"We are short of beds," the director of the hospital, Omar Haddad, said.')
    assert q.speaker == "Omar Haddad"


def test_an_organisation_speaks_as_such() -> None:
    q = one('"The matter is closed," the city council said in a statement.')
    assert q.speaker == "the city council"


def test_the_author_of_a_statement_is_the_speaker() -> None:
    q = one('"We will respond," a statement from the European Commission said.')
    assert q.speaker == "the European Commission"


def test_a_conjunction_is_not_part_of_the_name() -> None:
    text = 'Tim Guest spoke first. But Tim Guest, a nurse, said: "It is fine."'
    assert one(text).speaker == "Tim Guest"


def test_first_person_speaker_is_left_empty() -> None:
    assert one('"It could be the dad," I said to my daughter.').speaker is None


def test_month_abbreviation_does_not_cut_the_sentence() -> None:
    q = one('"It was difficult," Gray wrote on Aug. 30 in an email to staff.')
    assert q.speaker == "Gray"


@pytest.mark.parametrize(
    "text",
    [
        "She reads «The Globe and Mail» every morning before work.",
        'The so-called "reform" changed nothing for the people who need help.',
    ],
)
def test_names_and_scare_quotes_are_terms(text: str) -> None:
    assert extract(text, lang="en") == []
    assert [q.kind for q in extract(text, lang="en", include_terms=True)] == ["term"]


@pytest.mark.parametrize("form", ["said", "says", "told", "added", "warning", "replied"])
def test_speech_verb_forms(form: str) -> None:
    assert speech_word(form)


@pytest.mark.parametrize("form", ["sad", "toll", "bed", "tolled"])
def test_words_that_are_no_speech_verbs(form: str) -> None:
    assert not speech_word(form)


def test_a_mixed_corpus_reads_each_document_in_its_language() -> None:
    from quotes.model import Document
    from quotes.pipeline import extract_documents

    docs = [
        Document("fr", "« Nous partirons demain », a déclaré Marie Dupont aux journalistes."),
        Document("en", '"We will leave tomorrow," Mary Doyle told reporters on Monday.'),
    ]
    fr, en = extract_documents(docs)
    assert isinstance(fr, list) and isinstance(en, list)
    assert [(q.speaker, q.lang) for q in fr] == [("Marie Dupont", "fr")]
    assert [(q.speaker, q.lang) for q in en] == [("Mary Doyle", "en")]


def test_the_object_of_a_verb_is_not_an_inverted_subject() -> None:
    text = (
        'The charity said it was "shocked" to confirm the death of Luke Marsh, '
        "a nurse from the town."
    )
    assert one(text).speaker != "Luke Marsh"


def tok(text: str, i: int, pos: str = "PROPN", ent: str = "") -> Tok:
    return Tok(i, text, text.lower(), pos, "compound", i, 0, len(text), ent)


@pytest.mark.parametrize(
    ("words", "organisation"),
    [
        (["Maple", "Hall"], True),
        (["Burnaby", "RCMP"], True),
        (["Oak", "Ridge", "School"], True),
        (["RCMP", "Chief", "Jane", "Roe"], False),
        (["Jane", "Roe"], False),
    ],
)
def test_organisation_like(words: list[str], organisation: bool) -> None:
    assert organisation_like([tok(w, k) for k, w in enumerate(words)]) is organisation


def test_a_place_the_ner_takes_for_a_person_takes_no_pronoun() -> None:
    text = (
        "Mary Lund runs the kitchen at Maple Hall. Maple Hall opened in 1990. "
        '"We feed two hundred people a night," she said.'
    )
    assert one(text).speaker == "Mary Lund"


def test_they_after_two_people_named_together_is_both() -> None:
    text = 'Ann Roe and Tom Lee said they respected the vote. "We will work with it," they said.'
    assert one(text).speaker == "Ann Roe and Tom Lee"


def test_a_title_after_other_words_is_still_the_role() -> None:
    q = one('"We found the car," said Police Chief Dana Whit on Tuesday.')
    assert q.speaker == "Dana Whit"
    assert q.speaker_role == "Police Chief"


def test_a_proper_name_goes_on_after_of() -> None:
    q = one('"Shops will close," the Ostley Chamber of Commerce said in a letter.')
    assert q.speaker == "the Ostley Chamber of Commerce"


def test_the_organisation_described_is_the_one_named_with_that_noun() -> None:
    text = (
        "The Ossery Valley School District closed two schools in June. "
        '"We had no choice," the district said.'
    )
    assert one(text).speaker == "the Ossery Valley School District"


def test_a_description_keeps_its_words_after_the_noun() -> None:
    q = one('"No deal is near," a source close to the talks said.')
    assert q.speaker == "a source close to the talks"


def test_a_name_in_apposition_after_a_description() -> None:
    text = (
        "The leader of the borough council, Ruth Abara, urged both sides "
        '"to get back round the table."'
    )
    assert one(text).speaker == "Ruth Abara"


def test_eval_on_the_fictional_english_sample() -> None:
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from quotes.cli import app

    gold = Path(__file__).resolve().parent.parent / "data" / "sample_en_gold.jsonl"
    result = CliRunner().invoke(app, ["eval", str(gold), "--lang", "en", "--json", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["spans"]["at30"]["f1"] >= 0.95
    assert report["speaker"]["lenient"] >= 0.9


def test_a_gendered_role_before_the_name_gives_the_gender() -> None:
    q = one('"We will appeal," spokeswoman Lena Brody said.')
    assert (q.speaker, q.speaker_role, q.speaker_gender) == ("Lena Brody", "spokeswoman", "female")


def test_an_incise_without_a_comma_is_english_only() -> None:
    from quotes.scanner import scan
    from quotes.sentences import split_sentences

    english = '"We can do more for workers" union president Paul Gray said.'
    assert len(split_sentences(english, scan(english), speech_word)) == 1
    french = "«Une victoire historique» Le ministre déclare la fin du conflit."
    assert len(split_sentences(french, scan(french))) == 2  # a heading, then its text


def test_a_long_document_in_parts_gives_the_same_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes.lang.en import pipeline as english
    from quotes.model import Document

    text = "\n\n".join(
        [
            "Prime Minister Justin Ardent met the premiers on Tuesday.",
            '"We have a deal," Ardent said.',
            '"It took two years."',
            "Rita Moss, a spokesperson for the union, spoke after him.",
            '"The strike goes on," she said.',
            "According to Moss, the talks will resume.",
            '"We will be back in May."',
        ]
    )
    whole = english.extract_documents([Document("d", text)])
    monkeypatch.setattr(english, "CHUNK_CHARS", 50)
    monkeypatch.setattr(english, "_PART_SENTENCES", 2)
    parts = english.extract_documents([Document("d", text)])
    assert parts == whole
    assert [q.speaker for q in parts[0]] == ["Justin Ardent"] * 2 + ["Rita Moss"] * 2


def test_the_aged_description_is_the_person_just_named() -> None:
    text = 'Dale Price lost his home in the fire. "We have nothing left," the 45-year-old said.'
    assert one(text).speaker == "Dale Price"
