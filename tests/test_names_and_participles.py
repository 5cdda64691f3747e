"""Names with particles or a glued complement, clause openers after a source, and whose a
present participle is ("…, dénonçant une «hypocrisie»"). Sentences written for these tests."""

from __future__ import annotations

import pytest
from helpers import speakers, toks_of

from quotes.attribution.names import _particle, find_name
from quotes.evaluation import speaker_match


def check_all(text: str, want: str) -> None:
    got = speakers(text)
    assert got, f"no quote found in {text!r}"
    for g in got:
        assert speaker_match(want, g, strict=True), f"{text!r}: got {got!r}, want {want!r}"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # lowercase particles of two words, after a first name and after a title
        (
            "«Nous restons vigilants», a déclaré la juge Agnès von der Brügge.",
            "Agnès von der Brügge",
        ),
        ("Mme van der Linden a souligné que la loi était «mal écrite».", "van der Linden"),
        ("«Le texte est prêt», a assuré Jean de la Serre, maire du village.", "Jean de la Serre"),
        ("«Nous ne céderons pas», a réagi M. de Montclair.", "de Montclair"),
        # a genitive particle after a full name opens a complement, not more name
        ("«Le budget est tenu», a déclaré Claire Martin du Parti vert.", "Claire Martin"),
    ],
)
def test_names_with_particles(text: str, want: str) -> None:
    check_all(text, want)


def test_particle_run_lengths() -> None:
    toks = toks_of("Agnès von der Brügge et Paul de Rivière parlent de la loi.")
    first: dict[str, int] = {}
    for t in toks:
        first.setdefault(t.text, t.i)
    assert _particle(toks, first["von"]) == 2
    assert _particle(toks, first["de"]) == 1
    assert _particle(toks, first["parlent"]) == 0
    # "de la loi": no capitalised word follows, so no particle
    assert _particle(toks, len(toks) - 4) == 0


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a capitalised complement of the role glued before the first name is no name word
        (
            "La ministre de la Culture Hélène Dubois a défendu une loi «attendue».",
            "Hélène Dubois",
        ),
        (
            "Le ministre de l'Agriculture Marc Olivier a promis des aides «dès le printemps».",
            "Marc Olivier",
        ),
    ],
)
def test_complement_before_first_name(text: str, want: str) -> None:
    check_all(text, want)


def test_find_name_keeps_names_without_complement() -> None:
    toks = toks_of("Le député Paul Lenoir parle.")
    a, b = find_name(toks) or (0, 0)
    assert " ".join(t.text for t in toks[a:b]) == "Paul Lenoir"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "«Trois blessés sont graves», a indiqué un porte-parole des secours alors que "
            "l'incendie reprenait.",
            "un porte-parole des secours",
        ),
        (
            "«Rien n'est joué», a répété un élu de la majorité lorsque le vote a commencé.",
            "un élu de la majorité",
        ),
    ],
)
def test_conjunction_ends_the_source(text: str, want: str) -> None:
    check_all(text, want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the participle belongs to the main clause's subject, not to the embedded one
        (
            "Paul Girard a jugé que le projet arrivait «trop tard», dénonçant une «manœuvre».",
            "Paul Girard",
        ),
        (
            "La syndicaliste Inès Morel a estimé que la réforme restait «injuste», "
            "réclamant un «vrai dialogue».",
            "Inès Morel",
        ),
        # an absolute participle clause has its own subject
        (
            "Des députés ont réclamé un vote, le ministre leur répondant que le texte «est prêt».",
            "le ministre",
        ),
        # a participle before the main clause takes that clause's subject
        ("Dénonçant une «mascarade», la députée Léa Brun a quitté la salle.", "Léa Brun"),
    ],
)
def test_participle_subject(text: str, want: str) -> None:
    got = speakers(text)[-1]
    assert speaker_match(want, got, strict=True), f"{text!r}: got {got!r}, want {want!r}"


def test_first_names_tagged_as_places_are_names() -> None:
    check_all("«Il n'a rien dit», déplorent Florian et Ophélie.", "Florian et Ophélie")


def test_first_name_inside_a_place_stays_a_place() -> None:
    text = "«Nous verrons», a répondu le locataire de la Maison Blanche."
    assert speakers(text)[-1] != "Blanche"


def test_reduced_relative_participle_has_its_noun_for_subject() -> None:
    text = (
        "Interrogé sur des informations faisant état de «tentatives d'intrusion» ailleurs, le "
        "cabinet n'a pas confirmé."
    )
    assert speakers(text)[-1] == "des informations"


def test_demonstrative_relative_after_incise_verb_is_an_anaphor() -> None:
    text = (
        "Nicolas Brun est revenu sur son année de ministre. «Non, aucun regret, mais une "
        "tristesse», a noté celui qui est redevenu la personnalité préférée des Français selon "
        "des sondages."
    )
    assert speakers(text)[-1] == "Nicolas Brun"


def test_a_person_in_a_quoted_label_is_not_the_subject() -> None:
    text = (
        "Un communiqué «destiné à la préfecture», signé «Les citoyens français» et posté sur "
        "les réseaux sociaux, appelle plutôt à une action dans le «quartier des Halles»."
    )
    got = speakers(text)[-1]
    assert got is not None and got.startswith("Un communiqué")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a party's acronym glued before the first name is no name word
        ("«C'est un scandale d'État», tonne le sénateur LR Bruno Roux sur Twitter.", "Bruno Roux"),
        # a hyphenated surname the tokenizer split
        (
            "«Le vote aura lieu demain», a annoncé la présidente, Yaël Braun-Pivet.",
            "Yaël Braun-Pivet",
        ),
        # a medium's article is part of its name
        ("«C'est un scandale», écrit Le Monde dans son éditorial.", "Le Monde"),
        # a name opening the clause, its role between commas as the parser's subject
        ("Paul Roy, le maire de la ville, a dénoncé «une provocation».", "Paul Roy"),
    ],
)
def test_name_shapes(text: str, want: str) -> None:
    check_all(text, want)
