"""Unit tests for quotes.attribution.resolve.Registry, on Mention objects built by hand.

No parser here: each test writes a short text, places mentions on it by offset, and asks
the registry who they designate (canonical name, role alias, pronoun antecedent,
demonstrative, definite description).
"""

from __future__ import annotations

import pytest
from helpers import at, pron

from quotes.attribution.resolve import NAMED, PRONOUN, SOURCE, SUBJECT, Registry


def test_canonical_surname_gets_full_name_written_with_known_first_name():
    """canonical: "Dupuis" -> "Elon Dupuis", found by scanning the text for full names."""
    text = "Elon Dupuis dirige l’usine. « Nous resterons », a déclaré Dupuis."
    reg = Registry(text)
    assert reg.canonical("Dupuis") == "Elon Dupuis"


def test_canonical_drops_title_and_finds_full_name():
    """canonical: "M. Herbert" -> "Jason Herbert" (the title is not a word of the name)."""
    text = "Jason Herbert est arrivé en retard. « Désolé », a dit M. Herbert."
    reg = Registry(text)
    assert reg.canonical("M. Herbert") == "Jason Herbert"


def test_canonical_without_fuller_name_strips_the_title():
    """canonical: "Mme Lefort" with no first name anywhere -> "Lefort"."""
    reg = Registry("Mme Lefort a quitté la séance.")
    assert reg.canonical("Mme Lefort") == "Lefort"
    assert reg.canonical("Lefort") == "Lefort"


def test_canonical_does_not_merge_two_people_sharing_a_surname():
    """canonical: "Hélène Garnier" never becomes "Paul Garnier" (first names differ)."""
    reg = Registry("Paul Garnier et Hélène Garnier ont signé.")
    assert reg.canonical("Hélène Garnier") == "Hélène Garnier"
    assert reg.canonical("Paul Garnier") == "Paul Garnier"


def test_canonical_uses_names_added_as_mentions():
    """canonical: a name recorded with `add` (first name unknown to the lexicon) counts too."""
    text = "Zéphyrin Toubon a parlé. Toubon a ajouté."
    reg = Registry(text)
    assert reg.canonical("Toubon") == "Toubon"  # "Zéphyrin" is not a known first name
    reg.add(at(text, "Zéphyrin Toubon", name="Zéphyrin Toubon", person=True), "Zéphyrin Toubon")
    assert reg.canonical("Toubon") == "Zéphyrin Toubon"


def test_canonical_of_empty_key_returns_input():
    """canonical: a string with no name words (only a title) is returned unchanged."""
    reg = Registry("Rien.")
    assert reg.canonical("M.") == "M."


# --- role_alias ----------------------------------------------------------------------------

ROLE_TEXT = (
    "Le ministre de l’Intérieur, Paul Garnier, s’est rendu à Lormière. "
    "« Les auteurs seront retrouvés », a prévenu le ministre de l’Intérieur. "
    "« Rien n’est décidé », a dit le ministre de l’Économie."
)


def _role_registry() -> Registry:
    reg = Registry(ROLE_TEXT)
    named = at(
        ROLE_TEXT,
        "Le ministre de l’Intérieur, Paul Garnier",
        name="Paul Garnier",
        gender="m",
        person=True,
    )
    reg.add(named, "Paul Garnier", 0, SUBJECT)
    return reg


def test_role_alias_same_role_designates_the_named_person():
    """role_alias: "le ministre de l’Intérieur" -> the name attached to that role before."""
    reg = _role_registry()
    later = at(ROLE_TEXT, "le ministre de l’Intérieur", gender="m", person=True)
    assert reg.role_alias(later) == "Paul Garnier"
    assert reg.resolve(later, 1) == "Paul Garnier"


def test_role_alias_shorter_role_matches_prefix():
    """role_alias: "le ministre" (a prefix of the role words) -> Paul Garnier."""
    text = ROLE_TEXT + " « Je reviendrai », a conclu le ministre."
    reg = Registry(text)
    reg.add(
        at(text, "Le ministre de l’Intérieur, Paul Garnier", name="Paul Garnier", person=True),
        "Paul Garnier",
    )
    assert reg.role_alias(at(text, "le ministre.", person=True)) == "Paul Garnier"


def test_role_alias_other_role_does_not_match():
    """role_alias: "le ministre de l’Économie" is not "le ministre de l’Intérieur"."""
    reg = _role_registry()
    other = at(ROLE_TEXT, "le ministre de l’Économie", gender="m", person=True)
    assert reg.role_alias(other) is None
    assert reg.resolve(other, 2) == "le ministre de l’Économie"  # keeps its description


def test_role_alias_only_looks_backwards():
    """role_alias: a role named with a person only *after* the mention is not an alias."""
    text = "« Non », a dit le maire. Le maire, Luc Perrin, est parti."
    reg = Registry(text)
    reg.add(at(text, "Le maire, Luc Perrin", name="Luc Perrin", person=True), "Luc Perrin")
    assert reg.role_alias(at(text, "le maire", person=True)) is None


# --- antecedent ----------------------------------------------------------------------------


def test_antecedent_gender_from_mentions():
    """antecedent: "il" -> the masculine person, "elle" -> the feminine one."""
    text = "Hélène Garnier a critiqué Paul Roux. « Non », a-t-il dit. « Si », a-t-elle dit."
    reg = Registry(text)
    reg.add(
        at(text, "Hélène Garnier", name="Hélène Garnier", gender="f", person=True),
        "Hélène Garnier",
        0,
        SUBJECT,
    )
    reg.add(at(text, "Paul Roux", name="Paul Roux", gender="m", person=True), "Paul Roux", 0, NAMED)
    assert reg.antecedent(pron(text, "il"), 1) == "Paul Roux"
    assert reg.antecedent(pron(text, "elle"), 2) == "Hélène Garnier"


def test_antecedent_prefers_subject_over_named_complement_in_same_sentence():
    """antecedent: "Laurent Giraud a critiqué M. Vasseur. «…», a-t-il dit" -> the subject."""
    text = "Laurent Giraud a critiqué M. Vasseur. « Faux », a-t-il dit."
    reg = Registry(text)
    reg.add(
        at(text, "Laurent Giraud", name="Laurent Giraud", gender="m", person=True),
        "Laurent Giraud",
        0,
        SUBJECT,
    )
    reg.add(at(text, "M. Vasseur", name="M. Vasseur", gender="m", person=True), "Vasseur", 0, NAMED)
    assert reg.antecedent(pron(text, "il"), 1) == "Laurent Giraud"


def test_antecedent_prefers_more_recent_sentence():
    """antecedent: sentences are searched backwards; a nearer sentence wins over salience."""
    text = "Paul Roux est arrivé. Le public a vu Marc Duval. « Oui », a-t-il dit."
    reg = Registry(text)
    reg.add(
        at(text, "Paul Roux", name="Paul Roux", gender="m", person=True), "Paul Roux", 0, SOURCE
    )
    reg.add(
        at(text, "Marc Duval", name="Marc Duval", gender="m", person=True), "Marc Duval", 1, NAMED
    )
    assert reg.antecedent(pron(text, "il"), 2) == "Marc Duval"


def test_antecedent_number_plural_pronoun_skips_singulars():
    """antecedent: "ils" takes the plural mention, "il" skips it."""
    text = (
        "Les syndicats de la SNCF ont rencontré Paul Roux. "
        "« Non », ont-ils dit. « Oui », a-t-il dit."
    )
    reg = Registry(text)
    reg.add(
        at(text, "Les syndicats de la SNCF", name="SNCF", gender="m", number="pl"),
        "SNCF",
        0,
        SUBJECT,
    )
    reg.add(at(text, "Paul Roux", name="Paul Roux", gender="m", person=True), "Paul Roux", 0, NAMED)
    assert reg.antecedent(pron(text, "ils"), 1) == "SNCF"
    assert reg.antecedent(pron(text, "il"), 2) == "Paul Roux"


def test_antecedent_ignores_mentions_after_the_pronoun():
    """antecedent: only mentions written before the pronoun are candidates."""
    text = "« Non », a-t-elle dit. Hélène Garnier est partie."
    reg = Registry(text)
    reg.add(
        at(text, "Hélène Garnier", name="Hélène Garnier", gender="f", person=True),
        "Hélène Garnier",
        1,
        SUBJECT,
    )
    assert reg.antecedent(pron(text, "elle"), 0) is None


def test_antecedent_skips_non_person_subjects():
    """antecedent: "Le RIC a-t-il dit": a non-person subject is no antecedent of "il"."""
    text = "Le projet de loi Lormière arrive. « Non », a-t-il dit."
    reg = Registry(text)
    reg.add(
        at(text, "Le projet de loi Lormière", name="Lormière", gender="m"), "Lormière", 0, SUBJECT
    )
    assert reg.antecedent(pron(text, "il"), 1) is None


def test_antecedent_recent_source_counts_even_if_not_marked_person():
    """antecedent: the source of a quote in the previous sentence is a valid antecedent."""
    text = "« Oui », a dit la CGT. « Non », a-t-elle ajouté."
    reg = Registry(text)
    reg.add(at(text, "la CGT", name="CGT", gender="f"), "CGT", 0, SOURCE)
    assert reg.antecedent(pron(text, "elle"), 1) == "CGT"


def test_antecedent_too_far_back_is_none():
    """antecedent: a mention more than MAX_SENTENCES_BACK sentences back is not used."""
    text = "Paul Roux est venu. A. B. C. D. E. « Non », a-t-il dit."
    reg = Registry(text)
    reg.add(
        at(text, "Paul Roux", name="Paul Roux", gender="m", person=True), "Paul Roux", 0, SUBJECT
    )
    assert reg.antecedent(pron(text, "il"), 4) == "Paul Roux"
    assert reg.antecedent(pron(text, "il"), 6) is None


def test_antecedent_unknown_gender_is_compatible_with_both():
    """antecedent: a name of unknown gender ("Lefort") can be "il" or "elle"."""
    text = "Lefort a parlé. « Non », a-t-elle dit. « Non », a-t-il dit."
    reg = Registry(text)
    reg.add(at(text, "Lefort", name="Lefort", person=True), "Lefort", 0, SUBJECT)
    assert reg.antecedent(pron(text, "elle"), 1) == "Lefort"
    assert reg.antecedent(pron(text, "il"), 2) == "Lefort"


def test_add_keeps_the_most_salient_entry_per_start():
    """add: a second mention at the same offset replaces the first only if more salient."""
    text = "Paul Roux a parlé. « Non », a-t-il dit."
    reg = Registry(text)
    m = at(text, "Paul Roux", name="Paul Roux", gender="m", person=True)
    reg.add(m, "Paul Roux", 0, NAMED)
    reg.add(m, "Paul Roux", 0, SOURCE)
    assert reg.ranks[m.start] == (0, SOURCE)
    reg.add(m, "Paul Roux", 0, PRONOUN)
    assert reg.ranks[m.start] == (0, SOURCE)
    assert len(reg.entries) == 1


def test_add_a_source_keeps_the_fuller_wording_found_at_its_start():
    """add: the source's phrase stops at its own quote ("Une délégation de six «…»"); the
    subject found there before keeps its fuller wording, with the source's salience."""
    text = "Une délégation de six «élus» a été formée. «Nous voulons être reçus», écrit-elle."
    reg = Registry(text)
    full = at(text, "Une délégation de six «élus»")
    reg.add(full, None, 0, SUBJECT)
    reg.add(at(text, "Une délégation de six"), None, 0, SOURCE)
    assert [e[0].text for e in reg.entries] == ["Une délégation de six «élus»"]
    assert reg.ranks[full.start] == (0, SOURCE)


@pytest.mark.xfail(
    reason="BUG: Registry keys entries by start offset, so a named person starting where a "
    "coordinated subject starts ('Mme Lefort et M. Vasseur') is dropped and 'elle' finds "
    "no antecedent",
    strict=True,
)
def test_antecedent_person_inside_coordinated_subject():
    """antecedent: "Mme Lefort et M. Vasseur ont débattu. «…», a-t-elle lancé" -> Lefort."""
    text = "Mme Lefort et M. Vasseur ont débattu. « Non », a-t-elle lancé."
    reg = Registry(text)
    # what the pipeline records: the subject first, then each PER entity
    reg.add(
        at(
            text,
            "Mme Lefort et M. Vasseur",
            name="Mme Lefort",
            gender="f",
            number="pl",
            person=True,
        ),
        "Lefort",
        0,
        SUBJECT,
    )
    reg.add(at(text, "Mme Lefort", name="Mme Lefort", gender="f", person=True), "Lefort", 0, NAMED)
    reg.add(at(text, "M. Vasseur", name="M. Vasseur", gender="m", person=True), "Vasseur", 0, NAMED)
    assert reg.antecedent(pron(text, "elle"), 1) == "Lefort"


# --- demonstrative -------------------------------------------------------------------------


def test_demonstrative_takes_earlier_phrase_with_same_head():
    """demonstrative: "cette délégation" -> the earlier "Une délégation de la CGT", resolved."""
    text = "Une délégation de la CGT a été reçue. « Rien », a déploré cette délégation."
    reg = Registry(text)
    reg.add(at(text, "Une délégation de la CGT", name="CGT", gender="f"), "CGT", 0, SUBJECT)
    this = at(text, "cette délégation", gender="f")
    assert reg.demonstrative(this) == "CGT"
    assert reg.resolve(this, 1) == "CGT"


def test_demonstrative_needs_a_demonstrative_determiner():
    """demonstrative: "la délégation" is not a demonstrative (returns None)."""
    text = "Une délégation de la CGT a été reçue. « Rien », a déploré la délégation."
    reg = Registry(text)
    reg.add(at(text, "Une délégation de la CGT", name="CGT", gender="f"), "CGT", 0, SUBJECT)
    assert reg.demonstrative(at(text, "la délégation", gender="f", occurrence=0)) is None


def test_demonstrative_without_matching_head_is_none():
    """demonstrative: "ce collectif" with no earlier "collectif" -> None, keeps its text."""
    text = "Une délégation de la CGT a été reçue. « Rien », a déploré ce collectif."
    reg = Registry(text)
    reg.add(at(text, "Une délégation de la CGT", name="CGT", gender="f"), "CGT", 0, SUBJECT)
    this = at(text, "ce collectif", gender="m")
    assert reg.demonstrative(this) is None
    assert reg.resolve(this, 1) == "ce collectif"


# --- described_person ----------------------------------------------------------------------

OFFICER = (
    "Le lieutenant Antoine Béraud a dirigé l’intervention. "
    "« Personne n’a été blessé », a déclaré l’officier."
)


def _officer_registry(sentence: int) -> Registry:
    reg = Registry(OFFICER)
    reg.add(
        at(OFFICER, "Le lieutenant Antoine Béraud", name="Antoine Béraud", gender="m", person=True),
        "Antoine Béraud",
        sentence,
        SUBJECT,
    )
    return reg


def test_described_person_definite_description_after_the_name():
    """described_person: "a déclaré l’officier" right after Antoine Béraud -> Antoine Béraud."""
    reg = _officer_registry(0)
    officer = at(OFFICER, "l’officier", gender="m", person=True)
    assert reg.described_person(officer, 1) == "Antoine Béraud"
    assert reg.resolve(officer, 1) == "Antoine Béraud"


def test_described_person_only_from_previous_sentence():
    """described_person: a name two sentences back is too far; the description stays."""
    reg = _officer_registry(0)
    officer = at(OFFICER, "l’officier", gender="m", person=True)
    assert reg.described_person(officer, 2) is None
    assert reg.resolve(officer, 2) == "l’officier"


def test_described_person_not_for_indefinite_or_plural():
    """described_person: "un officier" or "les officiers" designate someone else."""
    text = OFFICER + " « Rien », a dit un officier. « Rien », ont dit les officiers."
    reg = Registry(text)
    reg.add(
        at(text, "Le lieutenant Antoine Béraud", name="Antoine Béraud", gender="m", person=True),
        "Antoine Béraud",
        0,
        SUBJECT,
    )
    assert reg.described_person(at(text, "un officier", gender="m", person=True), 1) is None
    plural = at(text, "les officiers", gender="m", number="pl", person=True)
    assert reg.described_person(plural, 1) is None


def test_described_person_gender_must_agree():
    """described_person: "l’élue" (feminine) does not designate Antoine Béraud."""
    text = OFFICER + " « Rien », a dit l’élue."
    reg = Registry(text)
    reg.add(
        at(text, "Le lieutenant Antoine Béraud", name="Antoine Béraud", gender="m", person=True),
        "Antoine Béraud",
        0,
        SUBJECT,
    )
    assert reg.described_person(at(text, "l’élue", gender="f", person=True), 1) is None


# --- resolve -------------------------------------------------------------------------------


def test_resolve_dispatches_by_kind_of_mention():
    """resolve: pronoun -> antecedent, name -> canonical, description -> itself."""
    text = (
        "Elon Dupuis a parlé. « Oui », a dit Dupuis. « Non », a-t-il ajouté. "
        "« Peut-être », a dit une source policière."
    )
    reg = Registry(text)
    reg.add(
        at(text, "Elon Dupuis", name="Elon Dupuis", gender="m", person=True),
        "Elon Dupuis",
        0,
        SUBJECT,
    )
    assert (
        reg.resolve(at(text, "Dupuis", name="Dupuis", person=True, occurrence=1), 1)
        == "Elon Dupuis"
    )
    assert reg.resolve(pron(text, "il"), 2) == "Elon Dupuis"
    unnamed = at(text, "une source policière", gender="f", person=False)
    assert reg.resolve(unnamed, 3) == "une source policière"


def test_one_word_ner_name_without_gender_counts_one_sentence_further_back():
    """antecedent: "Vernay" (NER's person, no gender mark) loses to the woman named before."""
    text = "Claire Dubois préside. Elle salue le vote de Vernay. « Bravo », a-t-elle dit."
    reg = Registry(text)
    reg.add(
        at(text, "Claire Dubois", name="Claire Dubois", gender="f", person=True),
        "Claire Dubois",
        0,
        SUBJECT,
    )
    reg.add(at(text, "Vernay", name="Vernay", gender="", person=True), "Vernay", 1, NAMED)
    assert reg.antecedent(pron(text, "elle"), 2) == "Claire Dubois"
    # a two-word name keeps its rank: NER's "Paul Dubois" in that sentence is nearer
    reg.add(at(text, "Dubois", name="Paul Dubois", gender="", person=True), "Paul Dubois", 1, NAMED)
    assert reg.antecedent(pron(text, "elle"), 2) == "Paul Dubois"


def test_a_name_repeated_through_a_long_text_is_kept_once_and_still_expands() -> None:
    text = " ".join(["Élodie Ferrand a parlé."] * 200) + " Ferrand a conclu."
    reg = Registry(text)
    assert reg.full_names == ["Élodie Ferrand"]
    assert reg.canonical("Ferrand") == "Élodie Ferrand"
