"""The shape of a source's phrase (mention.py, subjects.py): where it starts and ends,
the name in it. End-to-end texts are fictional; unit tests write the tagger's errors out. See
test_attribution.py for the conventions (fictional texts, cached extraction)."""

from __future__ import annotations

import pytest
from helpers import extract, only, only_partial, quote_starting

from quotes.attribution.clauses import _fronted_participle
from quotes.attribution.ctx import Ctx
from quotes.attribution.mention import make_mention
from quotes.attribution.names import find_name
from quotes.attribution.subjects import subject_mention
from quotes.nlp import Tok


def toks(spec: str) -> tuple[str, list[Tok]]:
    """A sentence and its tokens from "word/POS/ENT word/POS ..." (head: the token itself
    unless given as a fourth field), offsets counted with one space between words: tagger
    errors written out, so a rule is tested on exactly the tags it must survive."""
    out, pos = [], 0
    for i, item in enumerate(spec.split()):
        word, tag, ent, head, dep = [*item.split("/"), "", "", ""][:5]
        out.append(
            Tok(
                i, word, word.lower(), tag, dep, int(head) if head else i, pos, pos + len(word), ent
            )
        )
        pos += len(word) + 1
    return " ".join(t.text for t in out), out


def test_person_name_extends_past_a_short_entity() -> None:
    """mention.find_name: the whole written name is the speaker, not only the first name."""
    assert only("« Bien », a dit Anne Roy.").speaker == "Anne Roy"


def test_first_name_alone_takes_the_unique_full_name() -> None:
    """resolve.canonical: "Anne" -> "Anne Roy" when she is the only Anne of the text."""
    text = "Anne Roy préside le club. « Bien », a dit Anne. « Non », a répondu Paul."
    speakers = [q.speaker for q in extract(text)]
    assert speakers == ["Anne Roy", "Paul"]


def test_first_name_alone_stays_when_ambiguous() -> None:
    """resolve.canonical: two full names start with "Anne": keep what the text says."""
    text = "Anne Roy et Anne Vidal sont candidates. « Bien », a dit Anne."
    assert only(text).speaker == "Anne"


def test_phrase_stops_at_a_verb_after_a_term() -> None:
    """mention.noun_phrase: "La coordination des «bonnets verts» rappelle…" ends before the verb."""
    q = only_partial(
        "Les «bonnets verts» défilent depuis lundi. "
        "La coordination des «bonnets verts» rappelle que « la grève continue »."
    )
    assert q.speaker == "La coordination des «bonnets verts»"


def test_phrase_stops_at_a_speech_verb_tagged_as_a_noun() -> None:
    """phrases._verb_form: "La présidente du parti dénonce aussi «…»", the tagger calling
    "dénonce" a noun, ends before the verb; "un regard critique sur" stays a noun phrase."""
    from quotes.attribution.phrases import noun_phrase

    _, ts = toks("La/DET présidente/NOUN du/ADP parti/NOUN dénonce/NOUN aussi/ADV «/PUNCT")
    assert noun_phrase(ts, 0) == 4
    _, ts = toks("Le/DET maire/NOUN estime/NOUN que/SCONJ la/DET")
    assert noun_phrase(ts, 0) == 2
    _, ts = toks("un/DET regard/NOUN critique/NOUN sur/ADP la/DET réforme/NOUN")
    assert noun_phrase(ts, 0) == 3
    q = only_partial("La présidente du parti Horizon dénonce aussi «une mascarade».")
    assert q.speaker == "La présidente du parti Horizon"


def test_a_name_after_an_organisation_noun_names_the_organisation() -> None:
    """names._names_the_organisation, mention._closing_name: "la présidente du parti
    Horizon" names no person (even when NER calls Horizon one); a first name still does."""
    _, ts = toks("la/DET présidente/NOUN du/ADP parti/NOUN Horizon/PROPN/PER")
    assert find_name(ts) is None
    text, ts = toks("la/DET présidente/NOUN du/ADP parti/NOUN Horizon/PROPN/PER")
    m = make_mention(text, ts)
    assert m is not None and m.name is None and m.person
    _, ts = toks("la/DET porte-parole/NOUN du/ADP gouvernement/NOUN Anne/PROPN/PER Roy/PROPN/PER")
    assert find_name(ts) == (4, 6)
    text, ts = toks("le/DET syndicat/NOUN des/ADP infirmiers/NOUN Solidarité/PROPN")
    assert make_mention(text, ts).name == "Solidarité"  # the organisation heads the phrase


def test_phrase_stops_at_negation() -> None:
    """mention.noun_phrase: "Paul Roux ne cache pas que…" -> "Paul Roux", not "Paul Roux ne"."""
    q = only_partial("Le maire Paul Roux ne cache pas que « la ville manque de moyens ».")
    assert q.speaker == "Paul Roux" and "ne" not in q.speaker_mention.split()


def test_a_title_is_never_the_name() -> None:
    """mention.make_mention: "M. Vernier" names Vernier, never "M.", even when NER misses him."""
    text = "M. Vernier s’est dit prêt à discuter. « Je ne cède rien », a-t-il ajouté."
    q = only(text)
    assert q.speaker not in ("M.", "M")
    assert q.speaker is not None and "Vernier" in q.speaker


def test_particle_name_keeps_the_word_after_the_particle() -> None:
    """mention.find_name: "Bruno Le Maire", not "Bruno Le", when "Maire" is tagged a noun."""
    _, t = toks("Bruno/PROPN/PER Le/DET Maire/NOUN ./PUNCT")
    assert find_name(t) == (0, 3)


def test_first_name_before_a_split_subject() -> None:
    """clauses._name_before: the parser makes "Le Goff" the subject and "Sylvie" a modifier
    of something else; the first name belongs to the subject's phrase."""
    text, t = toks(
        "la/DET//2/det cheffe/NOUN//2/nsubj ,/PUNCT//2/punct Sylvie/PROPN//0/nmod Le/DET//5/det "
        "Goff/NOUN//7/nsubj a/AUX//7/aux dénoncé/VERB//7/root"
    )
    m = subject_mention(Ctx.sentence(text, t, []), 5)
    assert m is not None and m.name == "Sylvie Le Goff" and m.text.endswith(", Sylvie Le Goff")


def test_terms_inside_the_source_phrase_stay_in_it() -> None:
    """clauses._mention_at: only the quote being attributed cuts the phrase; the labels
    inside a description ("de six «porte-parole» des «bonnets verts»") are part of it."""
    text = (
        "Une «délégation» de six «porte-parole» des «bonnets verts» a été formée mardi. "
        "«Nous voulons être reçus rapidement», écrit cette délégation dans un texte."
    )
    q = only(text)
    assert q.speaker == "Une «délégation» de six «porte-parole» des «bonnets verts»"
    assert q.speaker_mention == "cette délégation"


def test_phrase_ends_before_the_verb_after_a_term() -> None:
    """mention.noun_phrase: a term heads the phrase: "Les «bonnets verts» ont été évacués"."""
    q = only_partial("Les «bonnets verts» ont été évacués «plusieurs fois» par la police.")
    assert q.speaker == "Les «bonnets verts»"


def test_dash_aside_is_not_part_of_the_source() -> None:
    """mention.noun_phrase: "la Cour des comptes — l'institution de la rue Cambon —"."""
    q = only(
        "«Les comptes sont faux», a estimé la Cour des comptes — l'institution de la rue "
        "Cambon — vendredi."
    )
    assert q.speaker == "la Cour des comptes"


def test_hyphenated_word_is_not_a_dash_aside() -> None:
    """mention.noun_phrase: "bateau-mouche" is one word even when the tokenizer splits it."""
    q = only("«Tout est propre», a dit la patronne du bateau-mouche.")
    assert q.speaker == "la patronne du bateau-mouche"


def test_place_closes_a_nameless_description() -> None:
    """mention._place_complement: "des pêcheurs à Lorient" is how the text describes them."""
    q = only("«Tout le monde est d'accord», ont affirmé à l'AFP des pêcheurs à Lorient (ouest).")
    assert q.speaker == "des pêcheurs à Lorient"


def test_participle_with_complement_qualifies_the_source() -> None:
    """mention._adjectival_participle: "Un homme vêtu de gris" (not "Un homme")."""
    q = only_partial("Un homme vêtu de gris, casque sur la tête, explique s'être «amusé».")
    assert q.speaker == "Un homme vêtu de gris"


def test_passive_participle_with_agent_is_not_the_source() -> None:
    """mention._adjectival_participle: "un manifestant interrogé par l'AFP" -> "un manifestant"."""
    q = only("«Tout le monde est d'accord», a affirmé un manifestant interrogé par l'AFP.")
    assert q.speaker == "un manifestant"


def test_time_aside_is_not_the_subject() -> None:
    """clauses._time_aside: "Lundi, des pêcheurs ont annoncé": the parser's subject is
    "Lundi", with the real subject hung on it; the source is "des pêcheurs"."""
    text, t = toks(
        "Lundi/NOUN//5/nsubj ,/PUNCT//3/punct des/DET//3/det pêcheurs/NOUN//0/conj "
        "ont/AUX//5/aux annoncé/VERB//5/root"
    )
    m = subject_mention(Ctx.sentence(text, t, []), 0)
    assert m is not None and m.text == "des pêcheurs"


def test_organisation_name_closing_its_description() -> None:
    """mention._closing_name: "le premier syndicat des infirmiers Solidarité" -> the name,
    with the description as its role."""
    q = only("«Nous attendons des actes», a déclaré le premier syndicat des infirmiers Solidarité.")
    assert (q.speaker, q.speaker_role) == ("Solidarité", "premier syndicat des infirmiers")


def test_one_word_term_inside_the_subject_is_part_of_it() -> None:
    """ctx.outside, clauses._after_quote_or_comma: in "des «bonnets» avaient appelé à
    «défiler»" the one-word term belongs to the journalist's sentence, and the mark closing
    it is not an incise position ("…», avaient appelé X")."""
    text = (
        "À Dinan, où des «bonnets» avaient appelé à «défiler» jusqu'au port dans le sillage "
        "des marins de 1900 qui y avaient débarqué."
    )
    assert quote_starting(text, "défiler").speaker == "des «bonnets»"


def test_fronted_name_over_its_appositions() -> None:
    """subjects._fronted_name: "Martine, 61 ans, retraitée, le bras en écharpe, a confié":
    the parser's subject "le bras" is one more apposition of the person who opens the
    sentence."""
    q = only(
        "Martine, 61 ans, retraitée de la poste, le bras en écharpe, a confié être venue "
        "«pour nos retraites et nos enfants»."
    )
    assert q.speaker == "Martine"


def test_subject_between_commas_followed_by_its_verb_is_kept() -> None:
    """subjects._fronted_name: a phrase followed by its own verb is the subject."""
    text, t = toks(
        "Paul/PROPN/PER/4/nsubj ,/PUNCT//4/punct le/DET//3/det maire/NOUN//4/nsubj "
        "dit/VERB//4/root ,/PUNCT//4/punct"
    )
    m = subject_mention(Ctx.sentence(text, t, []), 3)
    assert m is not None and m.text == "le maire"


def test_fronted_adverbial_is_not_part_of_the_subject() -> None:
    """subjects._after_fronted_adverbial: "En visite à Lormière, la ministre…" -> the
    adverbial hung on the subject by the parser is dropped (its town is no name)."""
    text, t = toks(
        "En/ADP//1/case visite/NOUN//6/nmod à/ADP//3/case Lormière/PROPN/PER/1/nmod "
        ",/PUNCT//6/punct la/DET//6/det ministre/NOUN//7/nsubj parle/VERB//7/root"
    )
    m = subject_mention(Ctx.sentence(text, t, []), 6)
    assert m is not None and m.text == "la ministre" and m.name is None


def test_role_opening_a_sentence_is_not_a_name() -> None:
    """mention.make_mention: "Porte-parole du collectif…" is capitalised because it opens
    the sentence; a role noun is never taken as a name."""
    text, t = toks("Porte-parole/NOUN du/ADP collectif/NOUN")
    m = make_mention(text, t)
    assert m is not None and m.name is None


@pytest.mark.parametrize(
    ("word", "pos", "ent", "fronted"),
    [
        ("Interrogée", "PROPN", "", True),  # tagged a proper noun at the start
        ("Saisi", "VERB", "", True),
        ("René", "PROPN", "", False),  # a first name
        ("Lormière", "PROPN", "LOC", False),
    ],
)
def test_fronted_participle(word: str, pos: str, ent: str, fronted: bool) -> None:
    """clauses._fronted_participle: the clause opener skipped before the subject."""
    tok = Tok(0, word, word.lower(), pos, "", 0, 0, len(word), ent)
    assert _fronted_participle(tok) is fronted


def test_compound_verb_coordinated_to_a_simple_one_parallels_the_main_verb() -> None:
    """clauses._coordinated_with: "X a reconnu que cette digue pouvait «céder» et a promis
    de renforcer «les contrôles»": the minister promised, not the dyke."""
    text = (
        "Face à la controverse, le ministre de la Mer, Paul Garnier, a reconnu vendredi que "
        "cette digue dite provisoire pouvait «céder» et a promis de renforcer «les contrôles»."
    )
    assert quote_starting(text, "les contrôles").speaker == "Paul Garnier"


def test_nickname_between_first_name_and_surname() -> None:
    """mention._nickname_end: "Alix «La Louve» Garnier" is one name, nickname included."""
    _, t = toks("Alix/NOUN/MISC «/PUNCT La/DET Louve/PROPN »/PUNCT Garnier/PROPN ,/PUNCT")
    assert find_name(t) == (0, 6)
