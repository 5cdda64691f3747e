"""Acronyms the text defines, and "selon la même source" (sentences written for these tests)."""

from __future__ import annotations

from helpers import speakers
from hypothesis import given
from hypothesis import strategies as st

from quotes.attribution.acronyms import expand, find_acronyms


def test_definition_after_the_full_name() -> None:
    text = (
        "La Fédération des travailleurs (FDT) et l'Organisation mondiale de la santé (OMS) "
        "ont répondu, comme la Régie autonome des transports urbains (RATU)."
    )
    assert find_acronyms(text) == {
        "FDT": "Fédération des travailleurs",
        "OMS": "Organisation mondiale de la santé",
        "RATU": "Régie autonome des transports urbains",
    }


def test_definition_before_the_full_name() -> None:
    text = "La CGT (Confédération générale du travail) appelle à la grève."
    assert find_acronyms(text) == {"CGT": "Confédération générale du travail"}


def test_parentheses_that_do_not_spell_the_acronym_define_nothing() -> None:
    text = "Jean Roy (PS) et la SNCF (société nationale) ont parlé. Le PS (opposition) aussi."
    assert find_acronyms(text) == {}


def test_expand_reads_the_article() -> None:
    acr = {"FDT": "Fédération des travailleurs"}
    assert expand("la FDT", acr) == "Fédération des travailleurs"
    assert expand("FDT", acr) == "Fédération des travailleurs"
    assert expand("la FDT du Nord", acr) is None
    assert expand("la CGT", acr) is None


@given(st.text(alphabet="ABCDEFabcdef ()'’-éÉ", max_size=80))
def test_every_found_definition_spells_its_acronym(text: str) -> None:
    for acronym, full in find_acronyms(text).items():
        assert full and full in text
        assert acronym[0] == full.lstrip("lLdD'’")[0].upper()


def test_acronym_speaker_gets_the_full_name() -> None:
    text = (
        "La Fédération des travailleurs (FDT) a appelé à manifester. La grève sera "
        "«très suivie», selon la FDT."
    )
    assert speakers(text)[-1] == "Fédération des travailleurs"


def test_same_source_is_the_last_named_source() -> None:
    text = (
        "«Nous sommes inquiets», a déclaré Paul Roy. «Rien ne va», a ajouté Anne Lenoir. La "
        "ligne restera «fermée jusqu'à lundi», selon la même source."
    )
    assert speakers(text)[-1] == "Anne Lenoir"
