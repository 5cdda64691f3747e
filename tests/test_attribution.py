"""End-to-end attribution tests: one short document per pattern, through extract_document.

Each test names, in its docstring, the rule it exercises (quotes/attribution/patterns.py
RULES, context.py, resolve.py, mention.py). The texts are fictional and kept short; the
spaCy model `fr_core_news_sm` is loaded once per process and results are cached per text
(helpers.extract).
"""

from __future__ import annotations

import pytest
import test_context
import test_mentions
import test_names
import test_pronouns
from helpers import PRONOUNS, check, extract, only, texts_of

# --- incise after the quote ----------------------------------------------------------------

INCISE_MINISTER = (
    "« Nous ne céderons rien sur ce dossier », a déclaré le ministre de l’Économie Paul Garnier."
)
INCISE_PRESENT = "« Les urgences sont à bout de souffle », estime Claire Dubois, infirmière."
INCISE_REFLEXIVE = (
    "« C’est une victoire pour tous les habitants », s’est réjoui Marc Duval, 52 ans, agriculteur."
)
INCISE_T_ELLE = (
    "La ministre de la Santé, Hélène Garnier, a visité l’hôpital de Lormière mardi. "
    "« Nous allons recruter deux cents soignants », a-t-elle ajouté."
)
INCISE_DIT_IL = (
    "Marc Duval cultive du blé depuis trente ans. "
    "« Je n’ai jamais vu une sécheresse pareille », dit-il."
)
INCISE_CHAIN = (
    "« Nous ne reculerons pas » et « nous irons jusqu’au bout », a affirmé Sophie Lambert."
)
INCISE_TO_PRESS = "« Le texte sera retiré », a déclaré à la presse Jean Roux."
INCISE_TIME = (
    "« La ville ne paiera pas cette facture », a affirmé mercredi soir le maire, Luc Perrin."
)


def test_incise_after_compound_verb_role_and_name():
    """incise_after: «…», a déclaré le ministre de l’Économie Paul Garnier."""
    check(
        only(INCISE_MINISTER),
        "Nous ne céderons rien sur ce dossier",
        "Paul Garnier",
        "le ministre de l’Économie Paul Garnier",
        "a déclaré",
        "direct",
    )


def test_incise_after_present_tense_with_apposition():
    """incise_after: «…», estime Claire Dubois, infirmière (the apposition stays in the mention)."""
    check(
        only(INCISE_PRESENT),
        "Les urgences sont à bout de souffle",
        "Claire Dubois",
        "Claire Dubois, infirmière",
        "estime",
        "direct",
    )


def test_incise_after_reflexive_verb():
    """incise_after: «…», s’est réjoui Marc Duval, 52 ans, agriculteur."""
    check(
        only(INCISE_REFLEXIVE),
        "C’est une victoire pour tous les habitants",
        "Marc Duval",
        "Marc Duval",
        "s’est réjoui",
        "direct",
    )


def test_incise_after_inverted_t_elle_resolves_to_previous_sentence_person():
    """incise_after + antecedent: «…», a-t-elle ajouté -> the woman named just before."""
    check(
        only(INCISE_T_ELLE),
        "Nous allons recruter deux cents soignants",
        "Hélène Garnier",
        "elle",
        "a-t-elle ajouté",
        "direct",
    )


def test_incise_after_dit_il():
    """incise_after + antecedent: «…», dit-il -> the subject of the previous sentence."""
    check(
        only(INCISE_DIT_IL),
        "Je n’ai jamais vu une sécheresse pareille",
        "Marc Duval",
        "il",
        "dit-il",
        "direct",
    )


def test_incise_after_chain_of_two_quotes():
    """incise_after: «A» et «B», a affirmé X -> both quotes to X."""
    first, second = extract(INCISE_CHAIN)
    check(
        first, "Nous ne reculerons pas", "Sophie Lambert", "Sophie Lambert", "a affirmé", "direct"
    )
    check(second, "nous irons jusqu’au bout", "Sophie Lambert", "Sophie Lambert", "a affirmé")


def test_incise_after_skips_indirect_object():
    """incise_after: «…», a déclaré à la presse Jean Roux (the PP is not the source)."""
    check(
        only(INCISE_TO_PRESS),
        "Le texte sera retiré",
        "Jean Roux",
        "Jean Roux",
        "a déclaré",
        "direct",
    )


def test_incise_after_skips_time_adverbial():
    """incise_after: «…», a affirmé mercredi soir le maire, Luc Perrin."""
    check(
        only(INCISE_TIME),
        "La ville ne paiera pas cette facture",
        "Luc Perrin",
        "le maire, Luc Perrin",
        "a affirmé",
        "direct",
    )


# --- inverted pronoun between two quotes ---------------------------------------------------

INVERTED_BETWEEN = (
    "Paul Garnier a quitté la salle. "
    "« Je ne signerai pas », a-t-il lancé, « ce texte est une trahison »."
)


def test_inverted_pronoun_between_two_quotes():
    """inverted_pronoun: «A», a-t-il lancé, «B» -> «B» also to the man named before."""
    a, b = extract(INVERTED_BETWEEN)
    check(a, "Je ne signerai pas", "Paul Garnier", "il", "a-t-il lancé", "direct")
    assert (b.quote, b.speaker, b.speaker_mention) == (
        "ce texte est une trahison",
        "Paul Garnier",
        "il",
    )
    assert b.cue is not None and "lancé" in b.cue


# --- incise inside the quote ---------------------------------------------------------------

INSIDE_SIMPLE = (
    "Le député Thomas Bernier a été interrogé sur la rumeur. "
    "« C’est faux, dit-il, totalement faux. »"
)
INSIDE_COMPOUND = "« C’est faux, a-t-il répondu, totalement faux. »"
INSIDE_COMPOUND_NAMED = "Le député Thomas Bernier a été interrogé sur la rumeur. " + INSIDE_COMPOUND


def test_incise_inside_simple_verb():
    """incise_inside: «C’est faux, dit-il, totalement faux.» -> "il" -> Thomas Bernier."""
    check(
        only(INSIDE_SIMPLE),
        "C’est faux, dit-il, totalement faux.",
        "Thomas Bernier",
        "il",
        "dit-il",
        "direct",
    )


@pytest.mark.parametrize("text", [INSIDE_COMPOUND, INSIDE_COMPOUND_NAMED], ids=["alone", "named"])
def test_incise_inside_compound_verb(text):
    """incise_inside: «C’est faux, a-t-il répondu, totalement faux.» -> mention "il", cue."""
    q = only(text)
    assert q.quote == "C’est faux, a-t-il répondu, totalement faux."
    assert (q.speaker_mention, q.cue) == ("il", "a-t-il répondu")


# --- incise later, after an apposition -----------------------------------------------------

LATER_PRONOUN = "« Une boisson sucrée », une marque locale, crie l’un d’eux."
LATER_NAME = "« Trois euros le litre », un prix jamais vu, explique Marc Duval."
LATER_COMPOUND = "« Trois euros le litre », un record historique, a résumé Marc Duval, agriculteur."


def test_incise_later_after_apposition():
    """incise_later: «…», une marque locale, crie l’un d’eux."""
    check(only(LATER_PRONOUN), "Une boisson sucrée", "l’un d’eux", "l’un d’eux", "crie", "direct")


def test_incise_later_with_name():
    """incise_later: «…», un prix jamais vu, explique Marc Duval."""
    check(only(LATER_NAME), "Trois euros le litre", "Marc Duval", "Marc Duval", "explique")


def test_incise_later_compound_tense():
    """incise_later: «…», un record historique, a résumé Marc Duval, agriculteur."""
    q = only(LATER_COMPOUND)
    assert (q.speaker, q.speaker_mention, q.cue) == (
        "Marc Duval",
        "Marc Duval, agriculteur",
        "a résumé",
    )


# --- colon, cue verb, "selon" --------------------------------------------------------------

COLON = "La maire Sophie Lambert a prévenu : « Aucune école ne fermera cette année. »"
COLON_PRONOUN = (
    "La ministre de la Santé, Hélène Garnier, a visité l’hôpital de Lormière. "
    "Elle a prévenu : « Aucun service ne fermera cette année. »"
)
CUE_QUE = "Le syndicaliste Marc Petit juge que « la réforme est une provocation »."
CUE_QUE_PRONOUN = (
    "Marc Duval cultive du blé depuis trente ans. "
    "Il juge que « la sécheresse va ruiner la moitié des exploitations »."
)


def test_colon_before():
    """colon_before (via cue_verb_before): La maire Sophie Lambert a prévenu : «…»."""
    check(
        only(COLON),
        "Aucune école ne fermera cette année.",
        "Sophie Lambert",
        "La maire Sophie Lambert",
        "prévenu",
        "direct",
    )


def test_colon_before_pronoun_subject():
    """colon_before + antecedent: Elle a prévenu : «…» -> Hélène Garnier."""
    check(
        only(COLON_PRONOUN),
        "Aucun service ne fermera cette année.",
        "Hélène Garnier",
        "elle",
        "prévenu",
        "direct",
    )


def test_cue_verb_before_que():
    """cue_verb_before: Le syndicaliste Marc Petit juge que «…»."""
    check(
        only(CUE_QUE),
        "la réforme est une provocation",
        "Marc Petit",
        "Marc Petit",
        "juge",
        "direct",
    )


def test_cue_verb_before_pronoun_subject():
    """cue_verb_before + antecedent: Il juge que «…» -> Marc Duval."""
    check(
        only(CUE_QUE_PRONOUN),
        "la sécheresse va ruiner la moitié des exploitations",
        "Marc Duval",
        "il",
        "juge",
        "direct",
    )


SELON = "Selon Nadia Benali, « les loyers ont doublé en dix ans » dans le quartier."
SELON_UNNAMED = "Selon une source policière, « les suspects étaient connus des services »."
DAPRES = "D’après Karim Haddad, le projet est « une aberration écologique »."
POUR = "Pour Isabelle Moreau, « cette loi protège enfin les locataires »."


def test_according_to_selon():
    """according_to: Selon X, «…»."""
    check(
        only(SELON),
        "les loyers ont doublé en dix ans",
        "Nadia Benali",
        "Nadia Benali",
        "Selon",
        "direct",
    )


def test_according_to_selon_unnamed_source():
    """according_to: Selon une source policière, «…» -> the description is the speaker."""
    check(
        only(SELON_UNNAMED),
        "les suspects étaient connus des services",
        "une source policière",
        "une source policière",
        "Selon",
        "direct",
    )


def test_according_to_d_apres_speaker():
    """according_to: D’après X, le projet est «…» (partial quote)."""
    q = only(DAPRES)
    assert (q.quote, q.speaker, q.speaker_mention, q.kind) == (
        "une aberration écologique",
        "Karim Haddad",
        "Karim Haddad",
        "partial",
    )


def test_according_to_d_apres_cue():
    """according_to: the cue of "D’après X" is the whole preposition."""
    assert only(DAPRES).cue == "D’après"


def test_according_to_pour_opening_sentence():
    """according_to: Pour X, «…» (at the start of the sentence)."""
    check(
        only(POUR),
        "cette loi protège enfin les locataires",
        "Isabelle Moreau",
        "Isabelle Moreau",
        "Pour",
        "direct",
    )


NEAREST_VERB = "Les manifestants avaient appelé à « bloquer le pays » samedi, selon Nadia Benali."
NEAREST_SELON = (
    "La préfecture a annoncé deux mille participants mais, selon Nadia Benali, "
    "« la mobilisation a doublé depuis la semaine dernière »."
)


def test_nearest_cue_verb_nearer_than_selon():
    """nearest_cue: «…» right after "avaient appelé à" belongs to the callers, not to selon X."""
    check(
        only(NEAREST_VERB),
        "bloquer le pays",
        "Les manifestants",
        "Les manifestants",
        "appelé",
        "partial",
    )


def test_nearest_cue_selon_nearer_than_verb():
    """nearest_cue: "selon X, «…»" wins over an earlier "a annoncé"."""
    check(
        only(NEAREST_SELON),
        "la mobilisation a doublé depuis la semaine dernière",
        "Nadia Benali",
        "Nadia Benali",
        "selon",
    )


# --- passive agent, main subject -----------------------------------------------------------

PASSIVE = "Le gouvernement a maintenu sa réforme, une décision jugée « absurde » par les syndicats."
MAIN_SUBJECT = (
    "Hélène Garnier veut « remettre de l’ordre dans les comptes de la région » avant l’été."
)


def test_passive_agent():
    """passive_agent: une décision jugée «absurde» par les syndicats -> les syndicats."""
    check(only(PASSIVE), "absurde", "les syndicats", "les syndicats", "jugée", "partial")


def test_main_subject():
    """main_subject: a fragment quoted in the sentence of X belongs to X (no cue)."""
    check(
        only(MAIN_SUBJECT),
        "remettre de l’ordre dans les comptes de la région",
        "Hélène Garnier",
        "Hélène Garnier",
        None,
        "partial",
    )


# --- every document ------------------------------------------------------------------------

ALL_DOCS = {
    **texts_of(dict(globals())),
    **texts_of(vars(test_pronouns)),
    **texts_of(vars(test_names)),
    **texts_of(vars(test_mentions)),
    **texts_of(vars(test_context)),
}


@pytest.mark.parametrize("text", list(ALL_DOCS.values()), ids=list(ALL_DOCS))
def test_speaker_is_never_a_pronoun(text):
    """resolve: a speaker is a name or a description, never "il"/"elle"/"on"."""
    for q in extract(text):
        assert q.speaker is None or q.speaker.lower() not in PRONOUNS
