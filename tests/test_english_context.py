"""English quotes whose speaker the story around them gives (quotes.lang.en.repairs,
pipeline, mentions): names the small tagger reads as adverbs, people introduced several
sentences before a quote, pronoun subjects that turn to someone new. Sentences written
for these tests."""

from __future__ import annotations

from helpers import english_one as one
from helpers import english_speakers as speakers

from quotes.lang.en.people import People
from quotes.lang.en.repairs import name_as_adverb
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
