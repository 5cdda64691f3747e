"""quotes.terms._long_title: the title of a law, a plan or a list after a determiner is a
term, however long; words of a source after a determiner stay a quote."""

from __future__ import annotations

import pytest

from quotes import extract


@pytest.mark.parametrize(
    "text",
    [
        "Les élus ont adopté la « Révision totale de la loi sur le climat pour la période "
        "après 2030 ».",
        "Le parti présente une « Liste citoyenne pour le renouveau de la vallée » aux élections.",
        "La commune a signé l'« Accord régional sur la gestion des eaux du lac » lundi.",
    ],
)
def test_a_long_capitalised_title_after_a_determiner_is_a_term(text: str) -> None:
    assert extract(text) == []
    assert [q.kind for q in extract(text, include_terms=True)] == ["term"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Le ministre a défendu une « agriculture plus verte et plus juste pour tous ».",
            "partial",
        ),
        ("Il a lancé un « Nous ne céderons jamais devant la violence » à la foule.", "partial"),
        ("Elle a dit : « Révision totale de la loi, voilà ce que nous voulons. »", "direct"),
    ],
)
def test_words_of_a_source_stay_quotes(text: str, kind: str) -> None:
    assert [q.kind for q in extract(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Le projet « Horizon de la mer » avance vite, selon la mairie.",
        "L'opération « Mains propres » a duré deux ans, a rappelé le juge.",
    ],
)
def test_capitalised_words_right_after_a_noun_are_its_name(text: str) -> None:
    assert [q.kind for q in extract(text, include_terms=True)] == ["term"]


def test_lower_case_words_after_a_noun_stay_a_quote() -> None:
    (row,) = extract("Le ministre a jugé le projet « irréaliste ».")
    assert (row.kind, row.speaker) == ("partial", "Le ministre")


def test_capitalised_words_on_placards_stay_quotes() -> None:
    """A sign noun (lexicons/sign_nouns_fr.txt) carries someone's words, not a name."""
    text = "Les militants brandissaient des pancartes « Sauve la planète », a raconté un témoin."
    assert [q.kind for q in extract(text, include_terms=True)] != ["term"]


def test_a_list_of_slogans_keeps_its_later_items() -> None:
    """The words before the second slogan are the first one's, not a naming noun."""
    text = (
        "Ils défilaient en criant « Rendez-nous la forêt », « Water is coming », a raconté "
        "un témoin."
    )
    assert [q.kind for q in extract(text, include_terms=True)].count("term") == 0
