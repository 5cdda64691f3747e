"""Candidate speakers: every rule and fallback proposes, the ranker chooses (own sentences)."""

from __future__ import annotations

from quotes.attribution.candidates import FEATURE_NAMES, FEATURES, Pool, speaker_key
from quotes.model import Document
from quotes.pipeline import _analyse, extract_document


def pools(text: str) -> list[dict[str, dict[str, float]]]:
    items, _, _ = _analyse(text, "spacy", pools=True)
    return [
        {str(c.speaker): c.features for c in it.pool.candidates()}
        for it in items
        if it.pool is not None
    ]


def test_incise_with_a_competing_subject_proposes_both_rules() -> None:
    text = (
        "La ministre Julie Roy défend la réforme. « Le projet avance bien », a expliqué le "
        "directeur Marc Blanc."
    )
    (cands,) = pools(text)
    blanc = cands["Marc Blanc"]
    assert blanc["rule_incise_after"] == 1.0 and blanc["cascade"] == 1.0
    assert blanc["name_x_rule"] == 1.0
    assert "None" in cands and cands["None"] == {"none": 1.0}
    # the previous sentence's subject competes, proposed by the context only
    roy = cands.get("Julie Roy")
    assert roy is not None and roy.get("src_prev_sentence") == 1.0
    assert "cascade" not in roy and roy.get("context_over_rule") == 1.0


def test_pronoun_with_two_antecedents_keeps_both_with_agreement() -> None:
    text = (
        "Le maire Paul Roux a croisé Marie Dupont au marché. « Nous devons parler du "
        "budget », a-t-il lancé."
    )
    (cands,) = pools(text)
    roux, dupont = cands["Paul Roux"], cands["Marie Dupont"]
    assert roux["agree"] == 1.0 and roux["ante_first"] == 1.0 and roux["cascade"] == 1.0
    assert dupont["disagree"] == 1.0 and dupont["src_antecedent"] == 1.0
    assert "cascade" not in dupont and dupont["ante_rank"] < roux["ante_rank"]


def test_previous_quote_and_most_quoted_are_candidates() -> None:
    text = (
        "« Nous tiendrons », a affirmé Claire Morin. « Rien ne change », a ajouté Luc Petit. "
        "« Le calendrier reste le même. »"
    )
    *_, last = pools(text)
    assert last["Luc Petit"]["src_prev_quote"] == 1.0
    assert last["Claire Morin"]["src_most_quoted"] == 1.0


def test_pool_deduplicates_by_normalised_speaker_keeping_the_best() -> None:
    pool = Pool()
    pool.add("M. Roy", {"char_close": 0.2, "m_name": 1.0})
    pool.add("Roy", {"char_close": 0.7, "cascade": 1.0, "not_a_feature": 5.0})
    (c,) = pool.candidates()
    assert c.speaker == "M. Roy"
    assert c.features == {"char_close": 0.7, "m_name": 1.0, "cascade": 1.0}
    assert speaker_key("Mme Hélène Garnier") == ("helene", "garnier")


def test_feature_list_is_unique_and_documented() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert all(doc for _, doc in FEATURES)


def test_rules_mode_gives_the_cascade_speakers() -> None:
    """Regression: speakers of the hand cascade on these sentences, before the ranker."""
    cases = {
        "« Nous irons jusqu'au bout », a déclaré la maire Sophie Lambert. « Rien ne nous "
        "arrêtera », a-t-elle ajouté.": ["Sophie Lambert", "Sophie Lambert"],
        "Le directeur Paul Martin a rencontré la ministre Claire Dubois mardi. « Le budget "
        "sera voté », a-t-elle assuré.": ["Claire Dubois"],
        "Selon Marc Petit, « la route restera fermée tout l'hiver ». Le chantier a pris du "
        "retard.": ["Marc Petit"],
        "La syndicaliste Anne Roche critique le projet. « C'est une erreur grave. » « Nous "
        "manifesterons samedi. »": ["Anne Roche", "Anne Roche"],
        "Jean Morel, le président du club, estime que l'équipe « manque de confiance ».": [
            "Jean Morel"
        ],
        "« Il faut agir vite », affirme Lucie Garnier, qui dirige l'association. Son adjoint, "
        "Henri Blanc, a ajouté : « Nous avons besoin de bénévoles. »": [
            "Lucie Garnier",
            "Henri Blanc",
        ],
    }
    for text, speakers in cases.items():
        rows = extract_document(Document("d", text), attribution="rules")
        assert [q.speaker for q in rows if q.kind != "term"] == speakers, text
