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


@pytest.mark.parametrize(
    "text",
    [
        "Interrogé par «Le Courrier du Lac» la semaine dernière, il avait dénoncé la décision.",
        "Comme l'a écrit «La Voix du Nord» lundi, le maire a démenti.",
    ],
    ids=["interroge-par", "comme-l-a-ecrit"],
)
def test_titles_with_articles_are_names(text: str) -> None:
    """terms._title_case: every word capitalised but the articles and prepositions: a
    title, not speech, and its article does not count as a quoted phrase's determiner."""
    v = verdict(text)
    assert "name_case" in names(v) and "det_inside" not in names(v)
    assert v.kind == "term"


def test_a_phrase_with_a_determiner_is_still_a_quote() -> None:
    """terms._title_case: «une honte absolue» (lower case) keeps its det_inside point."""
    v = verdict("Le syndicat a dénoncé «une honte absolue» après le vote.")
    assert "det_inside" in names(v) and "name_case" not in names(v)
    assert v.kind != "term"


def test_se_dire_followed_by_par_names_a_cause_not_a_speaker() -> None:
    """patterns.passive_agent: "s'est dite «rassurée» par ces propos": "par" gives the
    cause of a reflexive "se dire", not the speaker; the subject is the speaker."""
    from tests.helpers import extract

    (q,) = extract("La maire, Sophie Lambert, s’est dite « rassurée » par ces propos.")
    assert q.speaker == "Sophie Lambert"
    (q,) = extract("Le projet a été jugé « irréaliste » par les riverains.")
    assert q.speaker == "les riverains"
