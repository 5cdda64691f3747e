"""Attribution habits of France's national press, checked on sentences written for these
tests: a reporter's contact opening the sentence ("Interrogée sur…, Mme Roy"), "on" for
a side or a circle ("Côté direction, on…", "Dans l'entourage du ministre, on…"), people
named by their tie to someone ("un proche de", "l'entourage de"), an acronym in brackets
or an unknown town inside the role before a name."""

from __future__ import annotations

import pytest

from quotes import extract


def speaker_of(text: str) -> str | None:
    (row,) = extract(text)
    return row.speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "La ministre Sophie Lambert-Ruiz défend sa réforme. Interrogée sur le risque d'un "
            "mouvement social d'ampleur, Mme Lambert-Ruiz a répondu par une formule : « Je "
            "préfère une grève aujourd'hui. »",
            "Sophie Lambert-Ruiz",
        ),
        (
            "Joint par téléphone, le maire de Lormeval, Alain Robin, se dit « inquiet pour la "
            "suite ».",
            "Alain Robin",
        ),
    ],
)
def test_a_fronted_participle_is_no_speaker(text: str, speaker: str) -> None:
    """repairs.fronted_participle; names._place_before_name (the model calls the unknown
    town a person)."""
    assert speaker_of(text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "La ministre Claire Roy a annoncé la réforme. Dans l'entourage de la ministre, on "
            "assure que « les moyens suivront ».",
            "l'entourage de la ministre",
        ),
        ("Chez Renault, on indique que « la production reprendra ».", "Renault"),
        ("Du côté de la mairie, on dénonce « une manœuvre ».", "la mairie"),
        (
            "La grève continue. Côté direction, on fait valoir que l'offre « est l'une des "
            "plus élevées du secteur ».",
            "direction",
        ),
    ],
)
def test_on_stands_for_the_side_the_sentence_opens_with(text: str, speaker: str) -> None:
    """subjects.fronted_group."""
    assert speaker_of(text) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Dans la soirée, on annonçait « une reprise progressive ».",  # a time
        "À Lyon, on s'inquiète d'une « saison blanche ».",  # the people of a town
    ],
)
def test_on_after_a_time_or_a_town_names_nobody(text: str) -> None:
    assert speaker_of(text) is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Le ministre de l'Industrie, Hugo Marchetti, était à Rouen. Selon l'entourage du "
            "ministre, une réunion pourrait se tenir « en début de semaine prochaine ».",
            "l'entourage du ministre",
        ),
        (
            "L'ancien Premier ministre François Lavergne a dîné avec elle. « Un dîner amical, "
            "rien de plus », assure l'entourage de l'ancien Premier ministre.",
            "l'entourage de l'ancien Premier ministre",
        ),
        (
            "Isabelle Fournier-Maës mène la liste. Un proche de Mme Fournier-Maës est plus "
            "direct : « Il ne peut pas gagner dans le parti. »",
            "Un proche de Mme Fournier-Maës",
        ),
    ],
)
def test_a_tie_to_someone_is_not_that_someone(text: str, speaker: str) -> None:
    """aliases.relation_description; mention._complement_name ("proche" tagged an
    adjective); clauses.verb_subject on a copula ("est plus direct :")."""
    assert speaker_of(text) == speaker


def test_a_named_relation_still_links_back() -> None:
    """The apposition that named the relation still resolves it."""
    text = (
        "Paul Roy, un proche du ministre, était là. « Rien n'est décidé », a dit le proche "
        "du ministre."
    )
    assert speaker_of(text) == "Paul Roy"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Les salariés ont voté la grève. Son homologue de l'Union des salariés de "
            "l'énergie (USE), Karim Haddad, a prévenu : « Si rien ne bouge, nous irons "
            "jusqu'au bout. »",
            "Karim Haddad",
        ),
        ("Le maire (LR) de Nice, Paul Castel, a dénoncé une « provocation ».", "Paul Castel"),
        (
            "L'adjointe à la culture de la ville de Nice, Caroline Mattei, a proposé "
            "d'accueillir la projection « dans une salle municipale ».",
            "Caroline Mattei",
        ),
    ],
)
def test_the_name_after_a_long_role(text: str, speaker: str) -> None:
    """phrases.noun_phrase keeps a bracketed acronym or party (`_aside_end`) and looks
    further for a first name the NER called a place (`_name_ahead`)."""
    assert speaker_of(text) == speaker


def test_the_person_a_quote_speaks_to_is_not_its_speaker() -> None:
    """vocative.unless_addressed: "il" is not the "monsieur Monteil" the quote questions."""
    text = (
        "L'ancien maire Gérard Monteil n'a guère convaincu le président du tribunal. « La "
        "piscine, monsieur Monteil, c'était aussi de la représentation ? », a-t-il demandé."
    )
    assert speaker_of(text) != "Gérard Monteil"
    said = "L'ancien maire Gérard Monteil comparaît. « Monteil a toujours payé », a-t-il répété."
    assert speaker_of(said) == "Gérard Monteil"  # named, not addressed


@pytest.mark.parametrize(
    ("quote", "speaker", "expected"),
    [
        ("La piscine, monsieur Monteil, c'était quoi ?", "Gérard Monteil", True),
        ("Merci, madame Roy.", "Anne Roy", True),
        ("Êtes-vous sûr, Paul Vidal ?", "Paul Vidal", True),
        ("Monteil a toujours payé", "Gérard Monteil", False),
        ("J'ai vu Roy hier", "Anne Roy", False),
    ],
)
def test_addressed(quote: str, speaker: str, expected: bool) -> None:
    from quotes.attribution.vocative import addressed

    assert addressed(quote, speaker) is expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Un rapport de l'inspection a été remis. Le document, que Le Monde a pu consulter, "
            "relève des « effets encourageants sur le climat scolaire ».",
            "Le document",
        ),
        (
            "La note, que franceinfo s'est procurée, évoque un « risque majeur » pour l'hôpital.",
            "La note",
        ),
    ],
)
def test_who_read_the_document_is_not_its_source(text: str, speaker: str) -> None:
    """clauses._object_relative_head: the noun an object relative hangs on speaks."""
    assert speaker_of(text) == speaker


def test_an_inverted_object_is_no_incise_subject() -> None:
    """patterns.incise_later: "…, présenté en septembre, prévoit une hausse…" is the plan's
    verb and its object, not an incise; the sentence's subject said the words."""
    text = (
        "Le Cher manque de médecins. Sollicité par franceinfo, le ministère de la Santé "
        "assure que la situation est « suivie de très près » et rappelle que le plan "
        "« Urgences 2027 », présenté en septembre, prévoit une hausse des gardes de nuit."
    )
    rows = [r for r in extract(text) if r.quote == "suivie de très près"]
    assert [r.speaker for r in rows] == ["le ministère de la Santé"]


def test_one_of_them_speaks_after_an_apposition() -> None:
    """kinds._one_of_them: "l'un d'eux" is a person, so incise_later keeps it."""
    text = (
        "Des jeunes distribuent des canettes. « Goûtez, c'est gratuit », une boisson "
        "sucrée à la main, crie l'un d'eux."
    )
    assert speaker_of(text) == "l'un d'eux"


@pytest.mark.parametrize(
    "text",
    [
        "Son quatrième roman, « la Saison des cendres », raconte la fermeture d'une usine.",
        "La romancière, couronnée pour « les Filles du quai », vit à Nantes.",
        "Il relit « l'Étranger » chaque été.",
    ],
)
def test_a_work_title_is_a_term(text: str) -> None:
    """terms._work_title: a lower-case article then a capital."""
    assert extract(text) == []


def test_words_about_a_country_stay_a_quote() -> None:
    text = "Le président a promis que « la France ne paiera pas »."
    assert speaker_of(text) == "Le président"


def test_parler_de_attributes_a_partial_quote() -> None:
    """speech_verbs_fr.txt: "parler de «…»" gives the words to the subject."""
    text = (
        "Le ministre de l'Économie, Paul Roux, a présenté le budget. Le ministre parle d'un "
        "effort « juste et partagé »."
    )
    assert speaker_of(text) == "Paul Roux"


def test_a_quote_naming_someone_in_full_is_not_theirs() -> None:
    """vocative.named_in: the description that resolved to the person the quote names
    stays as written."""
    text = (
        "L'humanitaire Camille Renaud a été libérée, a annoncé la présidence. « Camille "
        "Renaud est libre. Je pense ce soir à sa famille », a écrit le chef de l'État sur X."
    )
    assert speaker_of(text) == "le chef de l'État"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "La syndicaliste Sandrine Kervella reste prudente. Une réunion pourrait se tenir "
            "lundi. Une perspective accueillie avec scepticisme par Mme Kervella : « On nous a "
            "déjà fait le coup. »",
            "Sandrine Kervella",
        ),
        (
            "La ministre a lancé sa formule. Une phrase qui a fait bondir M. Alloin : « Personne "
            "ne sacrifie les élèves. »",
            "Alloin",
        ),
    ],
)
def test_before_a_colon_the_person_named_last(text: str, speaker: str) -> None:
    """colons._person_after_verb: the clause's subject cannot speak."""
    assert speaker_of(text) == speaker


def test_before_a_colon_a_speaking_subject_keeps_it() -> None:
    text = "La ministre a répondu à Paul Roy : « Nous verrons en janvier. »"
    assert speaker_of(text) == "La ministre"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "L'attaquant Yanis Belkacem, buteur pour la troisième fois de la saison, n'avait "
            "le sourire qu'à moitié. « Marquer, c'est bien. Gagner, c'est mieux », sourit "
            "l'attaquant de 22 ans.",
            "Yanis Belkacem",
        ),
        (
            "Le docteur Paul Sarrazin dirige le service. Le médecin de 58 ans enchaîne les "
            "gardes depuis le printemps. « Je n'ai jamais vu une situation pareille. »",
            "Paul Sarrazin",
        ),
        (
            "En face, l'entraîneur de Trévières, Laurent Gosselin, savourait ce point. « On est "
            "venus avec un plan », lâche le technicien normand.",
            "Laurent Gosselin",
        ),
    ],
)
def test_a_description_by_age_or_trade_is_the_person_just_named(text: str, speaker: str) -> None:
    """mention._is_person (an age makes a person), Registry.described_person (an aged
    office noun is no other actor), roles_fr.txt (sport trades)."""
    assert speaker_of(text) == speaker


def test_an_incise_inside_the_marks_with_an_indefinite_source() -> None:
    """windows._INNER_INCISE keeps the words of a long quote whose incise opens with "une"
    (patterns._inner_subject reads them; the source's phrase may run past a participle)."""
    text = (
        "Les automobilistes ont pris leur mal en patience. « Je comprends leur colère, j'ai "
        "un oncle agriculteur, confie une conductrice bloquée près d'une heure. Mais il y a "
        "des gens qui doivent aller travailler. »"
    )
    assert speaker_of(text) == "une conductrice"


def test_a_fronted_participle_before_a() -> None:
    """repairs._AFTER_PARTICIPLE is folded: "Invitée à réagir," opens with the participle."""
    from quotes.nlp import Tok
    from quotes.repairs import fronted_participle

    words = ["Invitée", "à", "réagir", ",", "la", "ministre", "a", "répondu"]
    heads = [7, 2, 0, 7, 5, 7, 7, 7]
    deps = ["nsubj", "case", "dep", "punct", "det", "obj", "aux", "root"]
    pos = ["PROPN", "ADP", "VERB", "PUNCT", "DET", "NOUN", "AUX", "VERB"]
    at, toks = 0, []
    for i, w in enumerate(words):
        toks.append(Tok(i, w, w.lower(), pos[i], deps[i], heads[i], at, at + len(w)))
        at += len(w) + 1
    mended = fronted_participle(toks)
    assert (mended[0].dep, mended[0].pos) == ("advcl", "VERB")
    assert (mended[5].dep, mended[5].head) == ("nsubj", 7)
