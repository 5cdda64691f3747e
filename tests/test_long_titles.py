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
