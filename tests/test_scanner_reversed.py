"""Tests for quotes.scanner on reversed guillemets » … « (Swiss/German style, wire copy):
the direction read once per document, then the same pairing as « … »."""

from __future__ import annotations

import pytest
from test_scanner import check_offsets

from quotes.scanner import NORMAL, REVERSED, direction, scan


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in scan(text)]


# --- direction ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "»Nous ne reculerons pas«, a affirmé le maire.",
        "Le ministre a promis »des mesures rapides« aux agriculteurs.",
        "Elle a déclaré : »La ville mérite mieux«. »Nous agirons«, a-t-elle ajouté.",
        "»Pourquoi attendre ?«\n»Parce que le budget n’est pas voté«, répond l’adjoint.",
        "»\u00a0Nous partirons demain\u00a0«, dit-il.",  # French spaces inside the marks
    ],
)
def test_direction_reversed(text: str) -> None:
    assert direction(text) == REVERSED


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Pas la moindre citation ici.",
        "« Nous ne reculerons pas », a affirmé le maire.",
        "«Nous ne reculerons pas», a affirmé le maire.",
        "Le ministre a promis «\u00a0des mesures rapides\u00a0» aux agriculteurs.",
        # no shape either way: marks spaced mid-sentence
        "Il a dit « bonjour » puis » au revoir « en partant.",
        # a tie, one pair of each direction
        "«Oui», dit Anne. »Non«, dit Paul.",
        # a single reversed pair among normal quotes
        "«Oui», dit Anne. «Non», dit Paul. Il parle d’une »erreur«. «Enfin», dit Marc.",
        # » used as a bullet or breadcrumb, with no « shaped as a closer
        "Accueil » Politique\n» Lire aussi : le budget\n» Lire aussi : le vote\n»Voir aussi",
        # only one mark has a shape: not enough to turn the text around
        "»Nous ne céderons pas, a-t-il dit.",
    ],
)
def test_direction_normal(text: str) -> None:
    assert direction(text) == NORMAL


def test_direction_needs_twice_the_normal_evidence() -> None:
    two_to_one = "»Oui«, dit Anne. »Non«, dit Paul. «Peut-être», dit Marc."
    three_to_one = two_to_one + " »Jamais«, dit Luc."
    assert direction(two_to_one) == NORMAL
    assert direction(three_to_one) == REVERSED


# --- pairing in a reversed text -------------------------------------------------------------


def test_reversed_paragraph_with_incises() -> None:
    text = (
        "»Nous ne reculerons pas«, a affirmé le maire de Lyon, Paul Moreau. "
        "»Ce projet est vital pour la ville«, a-t-il ajouté devant le conseil."
    )
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Nous ne reculerons pas",
        "Ce projet est vital pour la ville",
    ]
    assert [s.mark for s in spans] == ["»", "»"]
    assert all(text[s.close_pos] == "«" and not s.recovered for s in spans)
    check_offsets(text, spans)


def test_several_reversed_quotes_mid_sentence() -> None:
    text = (
        "Le ministre a parlé d’une »réforme juste« et promis »des résultats rapides«. "
        "Pour l’opposition, »c’est une promesse de plus«. »Nous verrons«, conclut-elle."
    )
    assert contents(text) == [
        "réforme juste",
        "des résultats rapides",
        "c’est une promesse de plus",
        "Nous verrons",
    ]
    check_offsets(text, scan(text))


def test_reversed_quote_over_paragraphs_reopened_with_its_opener() -> None:
    text = (
        "La directrice a pris la parole.\n"
        "»Nous avons beaucoup appris cette année.\n"
        "»Les chiffres sont bons et nous irons plus loin.«\n"
        "La réunion s’est terminée à midi."
    )
    s = scan(text)
    assert [text[x.start : x.end] for x in s] == [
        "Nous avons beaucoup appris cette année.\n»Les chiffres sont bons et nous irons plus loin."
    ]
    assert s[0].paragraph == 1 and not s[0].recovered and s[0].mark == "»"


def test_reversed_quote_over_three_paragraphs() -> None:
    text = "»Un.\n»Deux.\n»Trois.«, dit-il."
    assert contents(text) == ["Un.\n»Deux.\n»Trois."]


def test_reversed_quote_with_nested_curly_quotes() -> None:
    text = "»Il m’a dit “jamais” et il est parti«, raconte la voisine. »Depuis, rien«, dit-elle."
    assert contents(text) == ["Il m’a dit “jamais” et il est parti", "Depuis, rien"]


def test_reversed_quote_with_nested_reversed_guillemets() -> None:
    text = "»Le juge a dit »jamais« et il a raison«, répète-t-il."
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == ["Le juge a dit »jamais« et il a raison"]
    assert not spans[0].recovered


def test_unclosed_reversed_quote_is_recovered_before_its_incise() -> None:
    text = "»Oui«, dit Anne. »Nous ne céderons pas, a-t-il dit en partant."
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == ["Oui", "Nous ne céderons pas"]
    assert [s.recovered for s in spans] == [False, True]
    check_offsets(text, spans)


def test_unclosed_reversed_quote_does_not_run_into_next_paragraph() -> None:
    text = "»Nous avons travaillé«, dit-il.\n»Les résultats viendront\nLa séance est levée."
    spans = scan(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Nous avons travaillé",
        "Les résultats viendront",
    ]
    assert spans[1].recovered and spans[1].close_pos == text.rindex("\n")


def test_low_and_single_marks_unchanged_in_a_reversed_text() -> None:
    text = (
        "»Il a écrit „fin“ puis ‹ non › sur le mur«, dit-elle. "
        "Le panneau disait „ouvert le dimanche“. »C’est tout«, a-t-elle ajouté."
    )
    assert direction(text) == REVERSED
    spans = scan(text)
    assert [(text[s.start : s.end], s.mark) for s in spans] == [
        ("Il a écrit „fin“ puis ‹ non › sur le mur", "»"),
        ("ouvert le dimanche", "„"),
        ("C’est tout", "»"),
    ]
    check_offsets(text, spans)


def test_straight_quote_after_the_opening_guillemet() -> None:
    text = '»"Jamais" est un mot fort«, dit-il. »Je le maintiens«, a-t-il ajouté.'
    assert contents(text) == ['"Jamais" est un mot fort', "Je le maintiens"]


def test_direction_can_be_forced() -> None:
    text = "Il dit » oui « puis » non « enfin."  # spaced mid-sentence: no evidence
    assert direction(text) == NORMAL
    assert contents(text) == ["puis", "enfin."]
    spans = scan(text, direction=REVERSED)
    assert [text[s.start : s.end] for s in spans] == ["oui", "non"]


# --- normal texts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "« Nous tiendrons bon », a déclaré le maire. «\u00a0Toujours\u00a0», a-t-il ajouté.",
        "Le maire a pris la parole.\n« Nous avons travaillé.\n» Les résultats sont là. »\nFin.",
        "Il répète « Le juge a dit « jamais » et il a raison » chaque jour.",
        "Un signe » perdu, puis il a dit « bonsoir » et il est parti.",
        "Il lit „le mot „fin“ est écrit“ sur la page. Elle a dit «\u202fnon\u202f».",
    ],
)
def test_normal_texts_are_scanned_as_before(text: str) -> None:
    assert direction(text) == NORMAL
    assert scan(text) == scan(text, direction=NORMAL)
    assert all(s.mark != "»" for s in scan(text))


def test_stray_reversed_pair_in_a_normal_text_is_paired_as_normal() -> None:
    """The text stays normal: »erreur« is a lone » then an unclosed « recovered before the
    next «, the documented cost of deciding per document."""
    text = (
        "« Oui », a dit Anne. « Non », a répondu Paul. "
        "Il a parlé d’une »erreur« hier. « Peut-être », a conclu Marc."
    )
    assert direction(text) == NORMAL
    spans = scan(text)
    assert [(text[s.start : s.end], s.recovered) for s in spans] == [
        ("Oui", False),
        ("Non", False),
        ("hier.", True),
        ("Peut-être", False),
    ]
    check_offsets(text, spans)


def test_stray_normal_pair_in_a_reversed_text_is_paired_as_reversed() -> None:
    text = (
        "»Oui«, a dit Anne. »Non«, a répondu Paul. "
        "Il a parlé d’une « erreur » hier. »Peut-être«, a conclu Marc."
    )
    assert direction(text) == REVERSED
    assert [text[s.start : s.end] for s in scan(text)] == ["Oui", "Non", "hier.", "Peut-être"]


def test_a_quote_nested_right_inside_reversed_marks_keeps_the_direction() -> None:
    # found by the property test: the inner “ ” hid the guillemets' shape
    normal = "Elle évoque «“non”», a déclaré la maire."
    reversed_ = "Elle évoque »“non”«, a déclaré la maire."
    assert direction(reversed_) == "reversed"
    assert [(s.start, s.end) for s in scan(reversed_)] == [(s.start, s.end) for s in scan(normal)]
