"""quotes.terms: the context cues that mark a quoted span as a term (an offence's name) or
as speech ("se dire"). Helpers are shared with test_terms.py."""

from __future__ import annotations

import pytest
from test_terms import names, verdict


@pytest.mark.parametrize(
    "text",
    [
        "Placé en garde à vue pour « organisation d'une réunion non déclarée », le militant "
        "a été libéré jeudi.",
        "Il a été condamné pour « recel de vol » en 2019.",
        "Le maire, soupçonné de « prise illégale d'intérêts », conteste tout.",
    ],
    ids=["garde-a-vue", "condamne-pour", "soupconne-de"],
)
def test_offence_names_are_terms(text: str) -> None:
    """terms._charge: after "pour"/"de" in a legal context, quotes name an offence."""
    v = verdict(text)
    assert "charge" in names(v)
    assert v.kind == "term"


@pytest.mark.parametrize(
    "text",
    [
        "Les élus veulent des caméras pour garantir plus de «transparence» aux contrôles, "
        "après la plainte déposée en mai.",
        "La ministre est venue «pour écouter les habitants», a-t-elle dit.",
    ],
    ids=["plus-de", "pour-without-legal-word"],
)
def test_pour_and_de_without_legal_context_are_not_charges(text: str) -> None:
    """terms._charge: "plus de «transparence»" is not "soupçonné de «…»"."""
    assert "charge" not in names(verdict(text))


@pytest.mark.parametrize(
    "text",
    [
        "La maire, Sophie Lambert, s’est dite « rassurée » par ces propos.",
        "Le préfet se dit «prêt à discuter».",
    ],
    ids=["s-est-dite", "se-dit"],
)
def test_se_dire_reports_speech(text: str) -> None:
    """terms._reflexive_dire: "s'est dite «rassurée»" is speech, not "la loi dite «…»"."""
    v = verdict(text)
    assert "naming_word" not in names(v)
    assert v.kind != "term"


def test_dite_after_a_noun_still_names() -> None:
    """terms: "la loi dite «anti-bruit»" keeps its naming cue."""
    assert "naming_word" in names(verdict("La loi dite «anti-bruit» encadre les moteurs."))


def test_a_number_before_a_short_span_is_a_determiner() -> None:
    """terms._DETERMINERS: "de huit «porte-parole officiels»" labels people, like "des"."""
    v = verdict("Une délégation de huit «porte-parole officiels» a été créée mardi.")
    assert "det_before" in names(v)
