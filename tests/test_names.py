"""Names, roles, descriptions and terms, end to end: who a mention designates. See
test_attribution.py for the conventions (fictional texts, cached extraction)."""

from __future__ import annotations

import pytest
from helpers import PRONOUNS, check, extract, only

# --- names, roles and descriptions (resolve) -----------------------------------------------

CANON_SURNAME = (
    "Elon Dupuis dirige l’entreprise depuis 2015. L’usine emploie trois cents personnes. "
    "« Nous ne délocaliserons pas », a déclaré Dupuis."
)
CANON_TITLE = (
    "Jason Herbert est arrivé en retard au conseil. Les élus l’attendaient. "
    "« Je suis désolé pour ce contretemps », a expliqué M. Herbert."
)
ROLE_ALIAS = (
    "Le ministre de l’Intérieur, Paul Garnier, s’est rendu à Lormière jeudi. "
    "« Les auteurs seront retrouvés », a prévenu le ministre de l’Intérieur."
)
DESCRIBED = (
    "Le lieutenant Antoine Béraud a dirigé l’intervention cette nuit. "
    "« Personne n’a été blessé », a déclaré l’officier."
)
DESCRIBED_F = (
    "L’élue Hélène Garnier a présenté le budget. "
    "« Les impôts n’augmenteront pas », a promis l’élue."
)
DEMONSTRATIVE = (
    "Une délégation de la CGT a été reçue à la préfecture. "
    "« Nous n’avons rien obtenu », a déploré cette délégation."
)
UNNAMED = "« Les suspects étaient connus de nos services », a confié une source policière."
UNNAMED_GROUP = "« Nous sommes épuisés », confient des soignants de l’hôpital de Lormière."


def test_canonical_surname_to_full_name():
    """canonical: "Elon Dupuis" earlier, «…», a déclaré Dupuis -> speaker "Elon Dupuis"."""
    check(
        only(CANON_SURNAME),
        "Nous ne délocaliserons pas",
        "Elon Dupuis",
        "Dupuis",
        "a déclaré",
        "direct",
    )


def test_canonical_title_and_surname_to_full_name():
    """canonical: "M. Herbert" -> "Jason Herbert"."""
    check(
        only(CANON_TITLE),
        "Je suis désolé pour ce contretemps",
        "Jason Herbert",
        "M. Herbert",
        "a expliqué",
        "direct",
    )


def test_role_alias():
    """role_alias: "le ministre de l’Intérieur, Paul Garnier" then "le ministre de l’Intérieur"."""
    check(
        only(ROLE_ALIAS),
        "Les auteurs seront retrouvés",
        "Paul Garnier",
        "le ministre de l’Intérieur",
        "a prévenu",
        "direct",
    )


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "mention", "cue"),
    [
        (DESCRIBED, "Personne n’a été blessé", "Antoine Béraud", "l’officier", "a déclaré"),
        (DESCRIBED_F, "Les impôts n’augmenteront pas", "Hélène Garnier", "l’élue", "a promis"),
    ],
)
def test_described_person(text, quote, speaker, mention, cue):
    """described_person: "…Antoine Béraud… «…», a déclaré l’officier" -> Antoine Béraud."""
    check(only(text), quote, speaker, mention, cue, "direct")


def test_demonstrative():
    """demonstrative: "Une délégation de la CGT … a déploré cette délégation" -> CGT."""
    check(
        only(DEMONSTRATIVE),
        "Nous n’avons rien obtenu",
        "CGT",
        "cette délégation",
        "a déploré",
        "direct",
    )


@pytest.mark.parametrize(
    ("text", "quote", "source", "cue"),
    [
        (
            UNNAMED,
            "Les suspects étaient connus de nos services",
            "une source policière",
            "a confié",
        ),
        (
            UNNAMED_GROUP,
            "Nous sommes épuisés",
            "des soignants de l’hôpital de Lormière",
            "confient",
        ),
    ],
)
def test_unnamed_source_keeps_its_description(text, quote, source, cue):
    """resolve: an unnamed source ("une source policière") is its own speaker."""
    check(only(text), quote, source, source, cue, "direct")


# --- impersonal inversions -----------------------------------------------------------------

POUVAIT_ON = "« Rendez-nous nos trains », pouvait-on lire sur une banderole."
EST_IL = "« Le service sera rétabli lundi », est-il indiqué dans un communiqué."
A_T_IL_ETE = "« Les travaux ont pris du retard », a-t-il été précisé."
EST_IL_AFTER_PERSON = "Paul Garnier a visité l’usine. " + EST_IL
A_T_IL_ETE_AFTER_PERSON = "Paul Garnier a visité l’usine. " + A_T_IL_ETE


@pytest.mark.parametrize("text", [POUVAIT_ON, EST_IL, A_T_IL_ETE], ids=["on", "est-il", "a-t-il"])
def test_impersonal_inversion_has_no_speaker(text):
    """incise_after/impersonal: "pouvait-on lire", "est-il indiqué" name nobody."""
    assert only(text).speaker is None


def test_pouvait_on_has_no_mention_nor_cue():
    """incise_after/impersonal: "pouvait-on lire" leaves mention and cue empty."""
    q = only(POUVAIT_ON)
    assert (q.quote, q.speaker_mention, q.cue) == ("Rendez-nous nos trains", None, None)


@pytest.mark.parametrize(
    "text",
    [EST_IL, A_T_IL_ETE, EST_IL_AFTER_PERSON, A_T_IL_ETE_AFTER_PERSON],
    ids=["est-il", "a-t-il", "est-il_after_person", "a-t-il_after_person"],
)
def test_impersonal_il_is_never_the_mention(text):
    """impersonal: the "il" of a passive inversion is not a speaker mention."""
    assert only(text).speaker_mention not in PRONOUNS


# --- terms ---------------------------------------------------------------------------------

TERMS = (
    "Les « gilets rouges » ont manifesté samedi. "
    "Les « gilets rouges » réclament une hausse des salaires."
)


def test_terms_hidden_by_default():
    """terms: a repeated label «gilets rouges» is not a quote."""
    assert extract(TERMS) == ()


def test_terms_output_with_include_terms():
    """terms: include_terms=True outputs the labels with kind "term" and no speaker."""
    found = extract(TERMS, include_terms=True)
    assert [(q.quote, q.kind) for q in found] == [("gilets rouges", "term")] * 2
    assert all(q.speaker is None and q.cue is None for q in found)


DOCUMENT_AFTER_SUBJECT = (
    "Le collectif des riverains du port a publié mardi ses propositions, "
    "« une charte du bruit pour tous », annonce un communiqué diffusé dans la soirée."
)
DOCUMENT_WITH_AUTHOR = "« Aucune sanction n'est prévue », précise un communiqué de la préfecture."


def test_document_speaks_for_the_subject_before_it() -> None:
    """resolve.document_author: "…, annonce un communiqué" -> the group that issued it."""
    q = only(DOCUMENT_AFTER_SUBJECT)
    assert q.speaker_mention == "un communiqué"  # the phrase stops at its participle
    assert q.speaker == "Le collectif des riverains du port"


def test_document_names_its_author() -> None:
    """resolve.document_author: "un communiqué de la préfecture" -> "préfecture"."""
    q = only(DOCUMENT_WITH_AUTHOR)
    assert q.cue == "précise"
    assert q.speaker == "préfecture"
