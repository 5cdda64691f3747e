"""A reporter cited with "selon" witnessed the words (patterns._witness); imperfect speech
verbs the model mis-tags are verbs (repairs.imperfect_speech_verbs); what a sign says is
a quote of its bearers (terms._on_sign). Sentences written for these tests."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.nlp import Tok
from quotes.repairs import imperfect_speech_verbs

_MARCH = "Les lycéens ont défilé dans le centre. "


def toks(*pairs: tuple[str, str]) -> list[Tok]:
    out, at = [], 0
    for i, (text, pos) in enumerate(pairs):
        out.append(Tok(i, text, text.lower(), pos, "dep", 0, at, at + len(text)))
        at += len(text) + 1
    return out


def test_imperfect_speech_verbs_become_verbs() -> None:
    fixed = imperfect_speech_verbs(toks(("Ils", "PRON"), ("scandaient", "ADV")))
    assert (fixed[1].pos, fixed[1].lemma, fixed[1].form) == ("VERB", "scander", "fin")
    fixed = imperfect_speech_verbs(toks(("elle", "PRON"), ("criait", "ADJ")))
    assert fixed[1].pos == "VERB"


@pytest.mark.parametrize(
    "pairs",
    [
        (("Les", "DET"), ("jardins", "NOUN"), ("fleurissaient", "ADJ")),  # no speech verb
        (("le", "DET"), ("criait", "ADJ")),  # "-ait" without a subject pronoun
        (("Ils", "PRON"), ("scandaient", "VERB")),  # already a verb
    ],
)
def test_other_words_are_left_alone(pairs: tuple[tuple[str, str], ...]) -> None:
    before = toks(*pairs)
    assert imperfect_speech_verbs(before) == before


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Ils scandaient «Nous sommes plus chauds que le climat», "
            "selon un journaliste de l'AFP.",
            "Les lycéens",
        ),
        (
            "Les agriculteurs bloquaient la route en criant «Nous voulons vivre», selon une "
            "correspondante de Radio Nord.",
            "Les agriculteurs",
        ),
    ],
)
def test_a_reporter_cited_with_selon_is_a_witness(sentence: str, speaker: str) -> None:
    (row,) = extract(_MARCH + sentence)
    assert row.speaker == speaker


def test_a_reporter_alone_is_the_source() -> None:
    (row,) = extract(_MARCH + "«La situation est calme», selon un journaliste de l'AFP.")
    assert row.speaker == "un journaliste de l'AFP"


def test_what_signs_say_is_quoted() -> None:
    rows = extract(
        _MARCH + "Ils tenaient des pancartes «Sauvez la forêt» et «Le futur commence ici»."
    )
    assert [(r.quote, r.speaker) for r in rows] == [
        ("Sauvez la forêt", "Les lycéens"),
        ("Le futur commence ici", "Les lycéens"),
    ]
    (row,) = extract("Les grévistes ont déployé une banderole «Non à la fermeture» devant l'usine.")
    assert row.quote == "Non à la fermeture"


def test_a_named_slogan_is_not_a_quote() -> None:
    text = "Des milliers de personnes ont marché sous le slogan «Nous sommes tous voisins»."
    assert extract(text) == []


def test_a_speech_verb_before_a_list_counts_for_every_item() -> None:
    rows = extract(
        _MARCH
        + "Ils défilaient en scandant «Nous sommes plus chauds que le climat», «Rejoignez-nous»."
    )
    assert [r.quote for r in rows] == ["Nous sommes plus chauds que le climat", "Rejoignez-nous"]
