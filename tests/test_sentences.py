"""Tests for quotes.sentences.split_sentences: quotes stay whole, glued paragraphs are split."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.scanner import SPACES, scan
from quotes.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, scan(text))]


def test_plain_sentences() -> None:
    assert sentences("Il pleut. Le match est reporté ! Qui jouera ? Personne…") == [
        "Il pleut.",
        "Le match est reporté !",
        "Qui jouera ?",
        "Personne…",
    ]


def test_empty_text() -> None:
    assert split_sentences("", []) == []
    assert split_sentences("   \n  ", []) == []


def test_quote_kept_whole_across_its_full_stops() -> None:
    text = (
        "Le maire a parlé. « Nous avons gagné. Nous continuerons. Merci à tous. » "
        "Puis il est parti."
    )
    assert sentences(text) == [
        "Le maire a parlé.",
        "« Nous avons gagné. Nous continuerons. Merci à tous. »",
        "Puis il est parti.",
    ]


def test_quote_with_question_and_exclamation_marks_kept_whole() -> None:
    text = "Il a dit : « Oui ? Non ! Peut-être… » Puis il est parti."
    assert sentences(text) == ["Il a dit : « Oui ? Non ! Peut-être… »", "Puis il est parti."]


@pytest.mark.parametrize(
    "incise",
    [", a-t-il dit.", ", a déclaré M. Dupont.", ", estime-t-elle.", ", s’est exclamé le maire."],
)
def test_incise_stays_with_the_quote(incise: str) -> None:
    text = f"« Nous avons gagné. Nous continuerons »{incise} La foule a applaudi."
    assert sentences(text) == [
        f"« Nous avons gagné. Nous continuerons »{incise}",
        "La foule a applaudi.",
    ]


def test_quote_ending_with_exclamation_then_incise() -> None:
    text = "« Quelle victoire ! », a lancé la capitaine. Le public a chanté."
    assert sentences(text) == [
        "« Quelle victoire ! », a lancé la capitaine.",
        "Le public a chanté.",
    ]


def test_quoted_sentence_ends_the_sentence() -> None:
    text = "Elle a dit «Oui.» Puis elle est partie."
    assert sentences(text) == ["Elle a dit «Oui.»", "Puis elle est partie."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Il faut rester prudent.« Demain sera difficile », a-t-il prévenu.",
            ["Il faut rester prudent.", "« Demain sera difficile », a-t-il prévenu."],
        ),
        (
            "Voici la fin.«Début d'un autre paragraphe», a-t-il écrit.",
            ["Voici la fin.", "«Début d'un autre paragraphe», a-t-il écrit."],
        ),
        (
            "Ailleurs au paysÀ Marseille, la pluie est tombée.",
            ["Ailleurs au pays", "À Marseille, la pluie est tombée."],
        ),
        (
            "Les résultats du scrutinLe maire sortant a été réélu.",
            ["Les résultats du scrutin", "Le maire sortant a été réélu."],
        ),
        (  # a three-letter last word: "pas", "ans", "été"
            "Le compte n'y est pasJulien, un artisan, ajoute que tout va bien.",
            ["Le compte n'y est pas", "Julien, un artisan, ajoute que tout va bien."],
        ),
    ],
)
def test_glued_paragraphs_are_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "M. Dupont est arrivé en retard hier.",
        "Selon Mme Martin, tout va bien.",
        "Selon Mme. Martin, tout va bien.",
        "Le Dr Petit et le Dr. Leroy sont absents.",
        "Le Pr. Durand et Me. Martin sont là.",
        "MM. Durand et Leroy sont là.",
        "Selon J.-C. Martin, tout va bien.",
        "La lettre de Pierre M. Dupont est arrivée.",
    ],
)
def test_abbreviations_do_not_split(text: str) -> None:
    assert sentences(text) == [text]


def test_abbreviations_among_sentences() -> None:
    text = "M. Dupont est arrivé. Mme Martin aussi. Le Dr Petit était absent."
    assert sentences(text) == [
        "M. Dupont est arrivé.",
        "Mme Martin aussi.",
        "Le Dr Petit était absent.",
    ]


def test_name_at_sentence_end_still_splits() -> None:
    text = "Il a vu M. Durand. Puis Mme Leroy."
    assert sentences(text) == ["Il a vu M. Durand.", "Puis Mme Leroy."]


@pytest.mark.parametrize("gap", ["", " "])
def test_heading_quote_glued_to_next_sentence_is_split(gap: str) -> None:
    text = f"«Titre en gras»{gap}Le ministre a parlé. Il a dit «non»."
    assert sentences(text) == ["«Titre en gras»", "Le ministre a parlé.", "Il a dit «non»."]


def test_multi_paragraph_quote_is_one_sentence() -> None:
    text = (
        "Le maire a conclu.\n"
        "« Nous avons travaillé. Beaucoup.\n"
        "« Les résultats sont là. Nous continuerons. »\n"
        "La séance a été levée."
    )
    assert sentences(text) == [
        "Le maire a conclu.",
        "« Nous avons travaillé. Beaucoup.\n« Les résultats sont là. Nous continuerons. »",
        "La séance a été levée.",
    ]


def test_multi_paragraph_quote_keeps_its_incise() -> None:
    text = "« Un.\n« Deux.\n« Trois », a-t-il dit. Fin."
    assert sentences(text) == ["« Un.\n« Deux.\n« Trois », a-t-il dit.", "Fin."]


def test_paragraphs_are_sentence_boundaries() -> None:
    text = "Un titre sans point\nLe texte commence ici   Un autre bloc"
    assert sentences(text) == ["Un titre sans point", "Le texte commence ici", "Un autre bloc"]


@pytest.mark.parametrize("name", ["LinkedIn", "BlackRock", "McDonald", "iPhone", "macOS"])
def test_camel_case_name_is_not_a_glued_paragraph(name: str) -> None:
    text = f"Il a publié un message sur {name} hier soir."
    assert sentences(text) == [text]


# --- properties -----------------------------------------------------------------------------

TOKENS = [
    "«",
    "»",
    "“",
    "”",
    " ",
    "\n",
    "   ",
    "Le maire",
    " dit",
    "paysÀ",
    "M.",
    "Dr.",
    ".",
    "!",
    "?",
    "…",
    ", a-t-il dit",
    "Marseille",
    "fin",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_sentences_are_ordered_trimmed_and_keep_quotes_whole(text: str) -> None:
    spans = scan(text)
    sents = split_sentences(text, spans)
    prev = 0
    for a, b in sents:
        assert prev <= a < b <= len(text)
        assert text[a] not in SPACES and text[b - 1] not in SPACES
        prev = b
    # sentences cover every non-space character of the text
    covered = set()
    for a, b in sents:
        covered.update(range(a, b))
    assert all(text[i] in SPACES for i in range(len(text)) if i not in covered)
    for s in spans:
        stop = s.end if s.recovered else s.close_pos + 1
        assert any(a <= s.open_pos and stop <= b for a, b in sents), (s, sents)
