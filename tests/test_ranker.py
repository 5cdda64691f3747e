"""The ranker: fit on synthetic features, JSON round trip, user weights change the choice."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from quotes import ranker
from quotes.attribution.candidates import FEATURE_NAMES, Candidate
from quotes.model import Document
from quotes.pipeline import extract_document


def synthetic() -> list[ranker.Group]:
    """Quotes of 3 candidates: feature 0 marks the right one, feature 1 is noise."""
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(60):
        x = rng.normal(size=(3, 2))
        right = np.zeros(3, dtype=bool)
        k = int(rng.integers(3))
        x[k, 0] += 2.0
        right[k] = True
        groups.append(ranker.Group(x, right))
    return groups


def test_fit_recovers_the_sign_and_is_deterministic() -> None:
    w = ranker.fit(synthetic(), l2=1.0)
    assert w[0] > 1.0 and abs(w[1]) < w[0] / 3
    assert np.array_equal(w, ranker.fit(synthetic(), l2=1.0))


def test_prior_is_what_the_weights_shrink_to() -> None:
    far = ranker.fit(synthetic(), l2=1e6, prior=np.array([0.0, 3.0]))
    assert far[1] == pytest.approx(3.0, abs=0.01)


def test_platt_maps_overconfident_scores_down() -> None:
    p = [0.95] * 50 + [0.6] * 50
    right = [True] * 30 + [False] * 20 + [True] * 25 + [False] * 25
    a, b = ranker.fit_platt(p, right)
    m = ranker.Ranker(["x"], np.zeros(1), (a, b))
    assert m.calibrated(0.95) == pytest.approx(0.6, abs=0.05)
    assert m.calibrated(0.6) == pytest.approx(0.5, abs=0.05)


def test_json_round_trip(tmp_path: Path) -> None:
    m = ranker.Ranker(["a", "b"], np.array([0.5, -1.25]), (0.8, 0.1), {"note": "x"})
    path = tmp_path / "w.json"
    m.save(path)
    back = ranker.load(path)
    assert back.features == ["a", "b"] and back.platt == (0.8, 0.1)
    assert np.allclose(back.weights, m.weights) and back.meta == {"note": "x"}
    assert json.loads(path.read_text())["format"] == ranker.FORMAT


def test_a_bad_weights_file_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text('{"format": "something else"}')
    with pytest.raises(ranker.WeightsError, match="not a quotes ranker"):
        ranker.load(path)


def test_choose_follows_the_weights() -> None:
    cands = [Candidate("A", {"cascade": 1.0}), Candidate("B", {"src_prev_quote": 1.0})]
    trust = ranker.Ranker(["cascade", "src_prev_quote"], np.array([2.0, 0.0]))
    assert trust.choose(cands)[0] == 0
    other = ranker.Ranker(["cascade", "src_prev_quote"], np.array([0.0, 2.0]))
    assert other.choose(cands)[0] == 1


def test_user_weights_change_the_choice(tmp_path: Path) -> None:
    text = (
        "« Nous tiendrons », a affirmé Claire Morin. « Le calendrier reste le même », "
        "a ajouté Luc Petit."
    )
    doc = Document("d", text)
    assert [q.speaker for q in extract_document(doc, attribution="rules")] == [
        "Claire Morin",
        "Luc Petit",
    ]
    w = np.zeros(len(FEATURE_NAMES))
    w[FEATURE_NAMES.index("src_prev_quote")] = 10.0  # a perverse model: always the previous
    path = tmp_path / "w.json"
    ranker.Ranker(list(FEATURE_NAMES), w).save(path)
    rows = extract_document(doc, attribution="model", weights=str(path))
    assert [q.speaker for q in rows] == ["Claire Morin", "Claire Morin"]
    assert all(0.0 <= q.confidence <= 1.0 for q in rows)


def test_shipped_weights_load_and_name_known_features() -> None:
    m = ranker.load_default()
    assert set(m.features) <= set(FEATURE_NAMES) and len(m.weights) == len(m.features)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="attribution"):
        extract_document(Document("d", "« Oui », dit Paul Roux."), attribution="guess")
