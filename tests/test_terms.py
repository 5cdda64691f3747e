"""Tests for quotes.terms: each feature of the docstring table, and the direct/partial rule."""

from __future__ import annotations

import pytest

from quotes.prepared import classify_all
from quotes.scanner import scan
from quotes.sentences import split_sentences
from quotes.terms import QUOTE_THRESHOLD, DocStats, Verdict, classify, name_key


def verdicts(text: str) -> list[tuple[str, Verdict]]:
    spans = scan(text)
    items = classify_all(text, spans, split_sentences(text, spans))
    return [(text[it.span.start : it.span.end], it.verdict) for it in items]


def verdict(text: str, content: str | None = None) -> Verdict:
    """The verdict of the only quote of `text` (or of the first quote reading `content`)."""
    found = verdicts(text)
    if content is None:
        assert len(found) == 1, found
        return found[0][1]
    return next(v for c, v in found if c == content)


def names(v: Verdict) -> set[str]:
    """Feature names without their weights: 'cue+2' -> 'cue'."""
    return {f.rstrip("+-0123456789") for f in v.features}


# --- the examples of the brief --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        (
            "Selon la police, des milliers de «gilets jaunes» ont défilé. "
            "Les gilets jaunes sont ensuite partis.",
            "gilets jaunes",
            "term",
        ),
        ("Il lit «Le Monde» chaque matin.", "Le Monde", "term"),
        (
            "Le gouvernement défend une loi dite «anticasseurs» au Parlement.",
            "anticasseurs",
            "term",
        ),
        ("Les manifestants préparent «l’acte II» du mouvement.", "l’acte II", "term"),
        ("«Nous irons jusqu'au bout», a dit Paul Martin.", "Nous irons jusqu'au bout", "direct"),
        (
            "Le député a dénoncé une «dérive autoritaire» du pouvoir.",
            "dérive autoritaire",
            "partial",
        ),
        ("Des militants proches de «VBRG» ont été arrêtés.", "VBRG", "term"),
    ],
)
def test_reference_examples(text: str, content: str, kind: str) -> None:
    assert verdict(text, content).kind == kind


# --- one deciding sentence per feature row --------------------------------------------------
# Each case: the feature, a text where it applies, the same text without it, and the two kinds.
# The feature must be listed in the first verdict, absent from the second, and flip the kind.

FEATURE_CASES = [
    (
        "person",
        "Le document contient «mon erreur» en page deux.",
        "Le document contient «grosse erreur» en page deux.",
        "partial",
        "term",
    ),
    (
        "person",
        "Le document contient «j’accuse» en page deux.",
        "Le document contient «accuse» en page deux.",
        "partial",
        "term",
    ),
    (
        "sentence",
        "Le carton portait «fermé.» en lettres rouges.",
        "Le carton portait «fermé» en lettres rouges.",
        "partial",
        "term",
    ),
    (
        "long",
        "Le document contient «tout est prévu pour la rentrée» en conclusion.",
        "Le document contient «tout est prévu demain» en conclusion.",
        "partial",
        "term",
    ),
    (
        "medium",
        "Le document contient «une hausse des prix» en conclusion.",
        "Le document contient «une hausse» en conclusion.",
        "partial",
        "term",
    ),
    (
        "cue",
        "Selon le maire, la ville traverse «une crise» depuis mars.",
        "La ville traverse «une crise» depuis mars.",
        "partial",
        "term",
    ),
    (
        "cue_near",
        "Le député a dénoncé une «dérive autoritaire» du pouvoir.",
        "Selon le député, le pouvoir connaît une «dérive autoritaire» depuis mars.",
        "partial",
        "term",
    ),
    (
        "det_inside",
        "Le document contient «une hausse des prix» en conclusion.",
        "Le document contient «forte hausse des prix» en conclusion.",
        "partial",
        "term",
    ),
    (
        "capital",
        "Selon le maire, la ville traverse «Une crise» depuis mars.",
        "Selon le maire, la ville traverse «une crise» depuis mars.",
        "term",
        "partial",
    ),
    (
        "name_case",
        "Selon elle, les lecteurs préfèrent «Grande Revue» depuis longtemps.",
        "Selon elle, les lecteurs préfèrent «Grande revue» depuis longtemps.",
        "term",
        "partial",
    ),
    (
        "name_case",  # an acronym
        "«STOP», ont crié les manifestants.",
        "«Stop», ont crié les manifestants.",
        "term",
        "direct",
    ),
    (
        "numbered",
        "Selon les organisateurs, «l’acte II» aura lieu samedi.",
        "Selon les organisateurs, «l’acte final» aura lieu samedi.",
        "term",
        "partial",
    ),
    (
        "numbered",
        "Selon les organisateurs, «l’acte 2» aura lieu samedi.",
        "Selon les organisateurs, «l’acte final» aura lieu samedi.",
        "term",
        "partial",
    ),
    (
        "naming_word",
        "Selon le ministre, une loi dite «anticasseurs» sera votée.",
        "Selon le ministre, une loi «anticasseurs» sera votée.",
        "term",
        "partial",
    ),
    (
        "charge",
        "Selon la police, il a été interpellé pour «outrage et rébellion» samedi.",
        "Selon la police, il a manifesté pour «la paix et la justice» samedi.",
        "term",
        "partial",
    ),
    (
        "naming_word",
        "Selon le ministre, le slogan «anticasseurs» circule.",
        "Selon le ministre, le thème «anticasseurs» circule.",
        "term",
        "partial",
    ),
    (
        "det_before",
        "Selon lui, le pays vit une «dérive» inquiétante.",
        "Selon lui, le pays vit en «dérive» inquiétante.",
        "term",
        "partial",
    ),
    (
        "apposition",
        "Elle a salué Mathilde, «vigie du quartier» à Nantes.",
        "Elle a salué Mathilde et «vigie du quartier» à Nantes.",
        "term",
        "term",
    ),
    (
        "repeated",  # used unquoted, plural
        "Selon la police, des milliers de «gilets jaunes» ont défilé. "
        "Les gilets jaunes sont ensuite partis.",
        "Selon la police, des milliers de «gilets jaunes» ont défilé.",
        "term",
        "partial",
    ),
    (
        "repeated",  # used unquoted, singular
        "Selon la police, des milliers de «gilets jaunes» ont défilé. Un gilet jaune a été blessé.",
        "Selon la police, des milliers de «gilets jaunes» ont défilé.",
        "term",
        "partial",
    ),
    (
        "repeated",  # several words quoted twice
        "Selon lui, trop de «nuits blanches» épuisent. "
        "Selon elle, assez de «nuits blanches» reposent.",
        "Selon lui, trop de «nuits blanches» épuisent.",
        "term",
        "partial",
    ),
    (
        "repeated",  # one word in 3+ short quotes
        "Selon lui, «casseurs» et «casseurs» encore, puis «casseurs».",
        "Selon lui, «casseurs» et «casseurs» encore.",
        "term",
        "partial",
    ),
]


@pytest.mark.parametrize(
    ("feature", "with_text", "without_text", "with_kind", "without_kind"),
    FEATURE_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(FEATURE_CASES)],
)
def test_feature_decides(
    feature: str, with_text: str, without_text: str, with_kind: str, without_kind: str
) -> None:
    """The feature moves the score by its weight; the threshold alone turns scores into kinds.

    `with_kind`/`without_kind` record the verdicts of the table's first calibration
    (threshold 2); the assertions follow QUOTE_THRESHOLD, whatever it is tuned to.
    """
    with_v = verdicts(with_text)[0][1]
    without_v = verdicts(without_text)[0][1]
    assert feature in names(with_v), with_v
    assert feature not in names(without_v), without_v
    weight = next(int(f[len(feature) :]) for f in with_v.features if f.startswith(feature))
    moved = with_v.score - without_v.score
    assert moved == weight or feature in ("long", "medium"), (with_v, without_v)
    for v in (with_v, without_v):
        assert (v.kind == "term") == (v.score < QUOTE_THRESHOLD), v


def test_weights_match_the_table() -> None:
    weights = {}
    for _, with_text, _, _, _ in FEATURE_CASES:
        for f in verdicts(with_text)[0][1].features:
            name = f.rstrip("+-0123456789")
            weights[name] = int(f[len(name) :])
    assert weights == {
        "person": 3,
        "sentence": 3,
        "long": 2,
        "medium": 1,
        "cue": 2,
        "cue_near": 2,
        "det_inside": 1,
        "capital": -2,
        "name_case": -3,
        "numbered": -3,
        "naming_word": -5,
        "charge": -5,
        "det_before": -2,
        "apposition": -2,
        "repeated": -3,
    }


def test_score_is_sum_of_features_and_threshold_decides() -> None:
    for text in [c[1] for c in FEATURE_CASES] + [c[2] for c in FEATURE_CASES]:
        for _, v in verdicts(text):
            assert v.score == sum(int(f[len(f.rstrip("+-0123456789")) :]) for f in v.features)
            assert (v.kind == "term") == (v.score < QUOTE_THRESHOLD)


def test_every_repeat_of_a_recurring_name_is_a_term() -> None:
    text = "Selon lui, la «Nuit blanche» plaît. Selon elle, la «Nuit blanche» lasse."
    found = verdicts(text)
    assert [c for c, _ in found] == ["Nuit blanche", "Nuit blanche"]
    assert all(v.kind == "term" and "repeated" in names(v) for _, v in found)


def test_single_word_quoted_twice_is_not_repeated() -> None:
    # only several words quoted twice, or a word in 3+ short quotes, make a name
    found = verdicts("Selon lui, «casseurs» et «casseurs» encore.")
    assert all("repeated" not in names(v) for _, v in found)


def test_long_quotes_are_never_checked_for_repetition() -> None:
    text = (
        "Selon lui, «nous ne lâcherons rien du tout» et encore "
        "«nous ne lâcherons rien du tout» ce soir."
    )
    assert all("repeated" not in names(v) for _, v in verdicts(text))


@pytest.mark.parametrize("verb", ["dément", "a prévenu contre"])
def test_cue_near_with_accented_irregular_verb(verb: str) -> None:
    v = verdict(f"Le député {verb} une «dérive autoritaire» du pouvoir.")
    assert "cue" in names(v)
    assert "cue_near" in names(v)
    assert v.kind == "partial"


def test_reflexive_speech_verb_is_a_cue() -> None:
    v = verdict("Le député s’insurge contre une «dérive autoritaire» du pouvoir.")
    assert {"cue", "cue_near"} <= names(v)
    assert v.kind == "partial"


def test_elided_determiner_before_the_mark() -> None:
    v = verdict("Selon lui, il s’agit d’une «dérive» inquiétante.")
    assert "det_before-2" in v.features  # "d’une" is split: the determiner is seen
    assert v.score == verdict("Selon lui, il s’agit de «dérive» inquiétante.").score - 2


# --- direct vs partial ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "«Nous irons jusqu'au bout», a dit Paul Martin.",
        "«Le texte sera voté avant l’été», a affirmé la ministre.",
        "Il a parlé longtemps. «Nous verrons bien», a-t-il conclu.",
        "Le ministre a prévenu : «les mesures seront appliquées dès lundi».",
        "Le ministre a prévenu — «les mesures seront appliquées dès lundi».",
        "Le ministre a prévenu que «les mesures seront appliquées dès lundi».",
        "Le ministre a prévenu qu’«il faudra du temps pour tout changer».",
        "Le ministre a ajouté : «Nous ne céderons pas.» Puis il est parti.",
    ],
)
def test_direct_quotes(text: str) -> None:
    assert verdict(text).kind == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "Le député a dénoncé une «dérive autoritaire» du pouvoir.",
        "Le ministre a évoqué «des mesures appliquées dès lundi» au Sénat.",
        "Il a dénoncé «nos erreurs passées» devant le jury.",
        "Selon le ministre, les mesures sont «un moratoire nécessaire et urgent» pour le pays.",
    ],
)
def test_partial_quotes(text: str) -> None:
    assert verdict(text).kind == "partial"


def test_quote_that_is_a_sentence_is_direct() -> None:
    v = verdict("Le ministre a lancé «nous ne céderons pas !» avant de partir.")
    assert "sentence" in names(v)
    assert v.kind == "direct"


# --- classify / DocStats directly -----------------------------------------------------------


def test_classify_with_docstats() -> None:
    text = "Le député a dénoncé une «dérive autoritaire» du pouvoir. Rien d'autre."
    spans = scan(text)
    stats = DocStats.of(text, spans)
    span = spans[0]
    sentence = (0, text.index(". ") + 1)
    outside = text[: span.open_pos] + " " * (span.close_pos + 1 - span.open_pos)
    outside += text[span.close_pos + 1 : sentence[1]]
    v = classify(text, span, sentence, outside, stats)
    assert v.kind == "partial"
    assert v.score == 2
    assert v.features == ("cue+2", "cue_near+2", "det_before-2")


def test_docstats_blank_quotes_and_count_them() -> None:
    text = "Les «Verts» et les «Verts» ont voté. Les socialistes aussi."
    stats = DocStats.of(text, scan(text))
    assert "vert" not in stats.unquoted
    assert "socialiste" in stats.unquoted
    assert stats.quoted == {"vert": 2}
    assert stats.short_quoted.split("\n") == ["vert", "vert"]


def test_docstats_repeated() -> None:
    text = "Les «gilets jaunes» et un «long cortège» défilent. Un gilet jaune parle."
    stats = DocStats.of(text, scan(text))
    assert stats.repeated("gilets jaunes")
    assert stats.repeated("Gilet Jaune")
    assert not stats.repeated("long cortège")
    assert not stats.repeated("")
    # whole words only: « jaune » alone is used unquoted, « jaun » is not a word of the text
    assert stats.repeated("jaune")
    assert not stats.repeated("jaun")


def test_name_key_folds_case_accents_spaces_and_plural() -> None:
    assert name_key("Gilets  Jaunes") == name_key("gilet jaune") == "gilet jaune"
    assert name_key("Élections") == "election"
    assert name_key("les") == "les"  # too short to be a plural
