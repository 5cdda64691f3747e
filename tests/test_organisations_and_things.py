"""Organisations as pronoun antecedents, names that label things, present tenses the tagger
calls adjectives, and documents whose author is a relative clause's fragment. Sentences
written for these tests."""

from __future__ import annotations

import pytest
from helpers import check_last_speaker as check
from helpers import last_speaker, toks_of

from quotes.attribution.clauses import reported_sources
from quotes.attribution.ctx import Ctx
from quotes.attribution.cues import cue_verb_token
from quotes.attribution.kinds import can_speak
from quotes.attribution.mention import Mention
from quotes.evaluation import speaker_match


def test_pronoun_stands_for_an_organisation_not_a_named_affair() -> None:
    text = (
        "Mercredi, la commission d'enquête, qui a été créée après les violences, a publié un "
        "rapport sur l'affaire Lormont dans lequel elle a évoqué «une série de "
        "dysfonctionnements graves»."
    )
    got = last_speaker(text)
    assert speaker_match("la commission d'enquête", got, strict=True), got


def test_name_after_a_thing_noun_is_no_person() -> None:
    got = last_speaker("La loi Verdier a fait débat. «Elle est injuste», a dit un élu.")
    assert got == "un élu"
    text = "La tempête Gabriel arrive. Selon elle, la neige sera «très collante»."
    assert last_speaker(text) != "Gabriel"


def test_present_tense_tagged_as_adjective_after_a_subject_noun() -> None:
    text = "La commission évoque notamment «des pouvoirs excessifs laissés à un conseiller»."
    toks = toks_of(text)
    verb = next(t.i for t in toks if t.text == "évoque")
    assert cue_verb_token(toks, verb)
    assert last_speaker(text) == "La commission"


def test_noun_after_a_determiner_mid_sentence_is_not_a_cue() -> None:
    toks = toks_of("Il a lu les annonces de la semaine.")
    k = next(t.i for t in toks if t.text == "annonces")
    assert not cue_verb_token(toks, k)


def test_document_author_is_never_a_relative_fragment() -> None:
    text = (
        "Sur les 136 prévenus dont la nationalité a pu être connue, il y avait 90 Français. "
        "«Ces chiffres confirment une tendance», ajoute le rapport."
    )
    assert not (last_speaker(text) or "").startswith("dont")


def test_a_person_of_an_organisation_is_the_source() -> None:
    assert last_speaker("«Nous irons au bout», a déclaré le porte-parole de la CGT.") == (
        "le porte-parole de la CGT"
    )
    assert last_speaker("«Nous irons au bout», a déclaré une journaliste de l'AFP.") == (
        "une journaliste de l'AFP"
    )


def test_a_collective_of_an_organisation_speaks_as_it() -> None:
    assert last_speaker("«Nous irons au bout», a déclaré une délégation de la CGT.") == "CGT"


def test_words_on_a_carried_sign_belong_to_who_carries_it() -> None:
    text = (
        "Avant la marche, les lycéens étaient 200 devant la mairie, tenant des pancartes «Pas "
        "de planète B pour nous», selon une journaliste de l'AFP."
    )
    assert last_speaker(text) == "les lycéens"
    text = "Les grévistes brandissaient des banderoles «Non à la fermeture du site»."
    assert last_speaker(text) == "Les grévistes"


def test_an_imperfect_ends_the_subject_whatever_its_tag() -> None:
    text = "Les lycéens brandissaient des pancartes «Pas de planète B pour nous»."
    assert last_speaker(text) == "Les lycéens"


def _m(text: str, number: str = "sg", **kw: object) -> Mention:
    return Mention(0, len(text), text, None, "", number, **kw)  # type: ignore[arg-type]


def test_can_speak_kinds() -> None:
    assert can_speak(_m("le syndicat"))
    assert can_speak(_m("un communiqué"))
    assert can_speak(_m("les «foulards rouges»", "pl"))
    assert can_speak(_m("une habitante"))
    assert not can_speak(_m("la défiscalisation des heures supplémentaires"))
    assert not can_speak(_m("quatre échangeurs", "pl"))
    assert not can_speak(None)


def test_a_subject_that_cannot_speak_gets_no_quote() -> None:
    text = "Ces mesures, la hausse des primes ou la baisse des taxes, vont coûter «dix milliards»."
    assert last_speaker(text) is None
    text = "Le syndicat juge la réforme «injuste et brutale»."
    assert last_speaker(text) == "Le syndicat"


def test_continuation_before_colon_keeps_the_previous_speaker() -> None:
    text = (
        "À Paris, les grévistes scandaient à l'unisson : «Fin du mois, même combat». Ou "
        "encore : «Nous sommes tous en colère ce matin»."
    )
    assert last_speaker(text) == "les grévistes"
    text = "La ministre a dénoncé «une faute grave». Et d'ajouter : «Il faudra des sanctions»."
    assert last_speaker(text) == "La ministre"


def test_speech_noun_owner() -> None:
    text = "Pas plus que les appels du gouvernement «à la responsabilité» après l'attentat."
    assert last_speaker(text) == "gouvernement"
    text = "La promesse de la mairie «de tout rebâtir avant l'été» a été tenue."
    assert last_speaker(text) == "la mairie"
    # the owner must be able to speak
    text = "Les appels du large «à partir loin» résonnent dans ses livres."
    assert last_speaker(text) != "large"


def test_a_person_description_never_resolves_to_an_organisation() -> None:
    text = (
        "Des manifestants ont défilé. Pour l'heure, le gouvernement ne donne pas suite. "
        "Vendredi, le premier ministre a lâché : «Le RIC, ça me hérisse !»"
    )
    assert last_speaker(text) != "le gouvernement"


def test_possessive_speech_noun_stands_for_its_owner() -> None:
    text = "Paul Roy ne décolère pas. Son message est clair : «Nous resterons mobilisés.»"
    assert last_speaker(text) == "Paul Roy"


def test_verbless_label_before_a_colon() -> None:
    text = "La ministre Anne Roy a parlé hier. Sa réponse : «Pas question de reculer.»"
    assert last_speaker(text) == "Anne Roy"
    assert last_speaker("Bilan de la journée : «trois blessés légers».") is None


# unlinked_relative: "X qui scandent «…»" when the parser hangs "qui" on the short quote
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "La nuit a été agitée : vitres brisées, poubelles renversées, jeunes qui scandent "
            "« honte à vous » au passage des policiers.",
            "jeunes",
        ),
        (
            "Au milieu de la foule, des supporters qui hurlent « on est chez nous » au passage "
            "du car.",
            "des supporters",
        ),
        (
            "La place, des enfants qui chantent « joyeux anniversaire » et des parents.",
            "des enfants",
        ),
        ("Des voisins qui criaient « Au secours » ont alerté la police.", "Des voisins"),
    ],
)
def test_a_subject_relative_lends_the_quote_to_the_noun_before_qui(text, want):
    check(text, want)


# reported_sources: "…, a précisé X à l'AFP." names a source without quotation marks
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "L'accident s'est produit vers 21h00 sur la ligne 2, a précisé la Régie des "
            "transports de Lyon à l'AFP. « Deux rames se sont heurtées », a indiqué la même "
            "source.",
            "la Régie des transports de Lyon",
        ),
        (
            "Le suspect a été interpellé vers minuit, a indiqué une source policière. « Il "
            "était armé », selon la même source.",
            "une source policière",
        ),
        (  # the latest source, quoted or not
            "« Deux blessés », a dit la police. Le chantier a pris du retard, a précisé la "
            "mairie. « Le pont rouvrira », selon la même source.",
            "la mairie",
        ),
        (  # a sentence with a quote is attributed by the rules, not read as reported speech
            "« Le pont rouvrira », a précisé la mairie. « Les travaux reprennent », a "
            "indiqué la même source.",
            "la mairie",
        ),
    ],
)
def test_the_same_source_can_be_a_source_of_reported_speech(text, want):
    check(text, want)


@pytest.mark.parametrize(
    "text",
    [
        "Les lycéens ont défilé devant la gare, scandant le slogan du jour.",  # an object
        "Le maire est arrivé en retard, a-t-il précisé à la presse.",  # a pronoun, no name
    ],
)
def test_no_reported_source_where_none_is_named(text):
    ctx = Ctx.sentence(text, toks_of(text), [])
    assert reported_sources(ctx) == []


def test_a_reported_source_is_the_inverted_subject_after_the_comma():
    text = "Le pont rouvrira en mai, a annoncé la préfecture du Rhône aux journalistes."
    ctx = Ctx.sentence(text, toks_of(text), [])
    assert [m.text for m in reported_sources(ctx)] == ["la préfecture du Rhône"]


# make_mention / noun_phrase: a numeral is no name, an object clitic ends the phrase
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Deux pancartes me reviennent en tête quand je pense à cette grève : « Contre la "
            "vie chère ».",
            "Deux pancartes",
        ),
        ("Trois manifestants ont lancé : « Nous reviendrons ».", "Trois manifestants"),
        ("Les élus lui ont répondu : « Nous verrons ».", "Les élus"),
        ("Les syndicats nous en ont parlé : « La grève continue ».", "Les syndicats"),
    ],
)
def test_no_fragment_from_a_numeral_or_a_clitic(text, want):
    check(text, want)


def test_a_speech_verb_form_after_a_contracted_article_is_a_noun() -> None:
    """cues.cue_verb_token: "au prévenu" (à + le) is a noun even when tagged a verb, so the
    speaker of the quote is the subject of "a rappelé", not nobody."""
    text = "La juge a rappelé au prévenu qu'il risquait «jusqu'à dix ans de prison»."
    toks = toks_of(text)
    k = next(t.i for t in toks if t.text == "prévenu")
    assert not cue_verb_token(toks, k)
    assert last_speaker(text) == "La juge"
