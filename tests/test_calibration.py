"""'No speaker' as a learned choice, the model's confidence map, the default mode (own
sentences, fictional people)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from quotes import calibration as cal
from quotes import pipeline, ranker
from quotes.attribution import choice
from quotes.attribution.candidates import FEATURE_NAMES
from quotes.eval_groups import load_gold_files
from quotes.model import Document
from quotes.pipeline import extract_document
from quotes.train_cli import examples_from

# The previous quote is three sentences back, nothing in between speaks: no speaker.
UNSOURCED = (
    "« Nous avons voté le budget », a déclaré Sophie Marchand. "
    "La neige tombait sur la vallée. Les routes étaient glissantes. "
    "« Le pont rouvrira au printemps. »"
)


def test_model_chooses_no_speaker_for_a_quote_without_a_source() -> None:
    rows = extract_document(Document("d", UNSOURCED), attribution="model")
    assert [q.speaker for q in rows] == ["Sophie Marchand", None]
    assert rows[1].confidence < rows[0].confidence


def test_a_null_gold_speaker_makes_no_speaker_the_right_candidate(tmp_path: Path) -> None:
    a = UNSOURCED.index("« Le pont") + 2
    b = UNSOURCED.index("»", a) - 1
    line = {
        "id": "n1",
        "outlet": "nord",
        "text": UNSOURCED,
        "quotes": [{"start": a, "end": b, "text": UNSOURCED[a:b], "speaker": None}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (doc,) = load_gold_files([path])
    found = pipeline.quotes_with_candidates(Document(doc.doc_id, doc.text))
    examples = examples_from(doc, "nord", found)
    kinds = [e.kind for e in examples]
    assert kinds == ["false", "none"]  # the first quote is not in this gold: no one is right
    none = examples[1]
    assert none.right.sum() == 1 and none.speakers[int(np.argmax(none.right))] is None
    assert not examples[0].right.any()


def synthetic_rows(n: int = 400) -> tuple[list[list[float]], list[bool]]:
    """Rows where a larger margin and rule rate mean right more often."""
    rng = np.random.default_rng(1)
    xs, ys = [], []
    for _ in range(n):
        margin, rule_p, quote_p = rng.uniform(0, 6), rng.uniform(0.3, 0.95), rng.uniform(0.5, 1)
        none = bool(rng.random() < 0.1)
        p = 0.05 if none else 1 / (1 + np.exp(-(margin - 2 + 3 * (rule_p - 0.6))))
        xs.append(cal.inputs(margin, quote_p, rule_p, none))
        ys.append(bool(rng.random() < p))
    return xs, ys


def test_calibration_map_is_monotone_in_the_evidence() -> None:
    m = cal.fit(*synthetic_rows())
    margins = [m(cal.inputs(v, 0.9, 0.8, False)) for v in np.linspace(0, 8, 30)]
    rates = [m(cal.inputs(2.0, 0.9, r, False)) for r in np.linspace(0.05, 0.99, 30)]
    quotes = [m(cal.inputs(2.0, q, 0.8, False)) for q in np.linspace(0.05, 0.99, 30)]
    for curve in (margins, rates, quotes):
        assert all(b >= a for a, b in itertools.pairwise(curve))
    assert margins[-1] > margins[0] + 0.3  # the margin separates right from wrong here
    assert m(cal.inputs(6.0, 0.9, 0.9, True)) < m(cal.inputs(6.0, 0.9, 0.9, False))


def test_evidence_that_points_the_wrong_way_gets_no_weight() -> None:
    xs, ys = synthetic_rows()
    flipped = [[x[0], x[1], -x[2] * 3, *x[3:]] for x in xs]  # z_quote made noise
    rng = np.random.default_rng(2)
    ys = [y if rng.random() < 0.5 else not y for y in ys]
    m = cal.fit(flipped, ys)
    assert all(m.coef[cal.NAMES.index(n)] >= 0 for n in cal.MONOTONE)


def test_confidence_is_a_probability_even_at_the_extremes() -> None:
    m = cal.fit(*synthetic_rows())
    for margin in (0.0, 1e9):
        for p in (0.0, 1.0):
            assert 0.0 <= m(cal.inputs(margin, p, p, False)) <= 1.0
    rows = extract_document(Document("d", UNSOURCED), attribution="model")
    assert rows and all(0.0 <= q.confidence <= 1.0 for q in rows)


def test_logistic_calibration_round_trips_and_old_platt_files_still_load(tmp_path: Path) -> None:
    m = ranker.Ranker(["cascade"], np.array([2.0]), calibration=cal.fit(*synthetic_rows()))
    path = tmp_path / "w.json"
    m.save(path)
    back = ranker.load(path)
    assert back.calibration is not None
    assert np.allclose(back.calibration.coef, m.calibration.coef, atol=1e-5)  # type: ignore[union-attr]
    old = {"format": ranker.FORMAT, "features": ["cascade"], "weights": [2.0]}
    old["calibration"] = {"method": "platt", "a": 0.5, "b": 0.2}  # type: ignore[assignment]
    path.write_text(json.dumps(old))
    assert ranker.load(path).calibration is None and ranker.load(path).platt == (0.5, 0.2)


def test_shipped_weights_carry_the_confidence_map() -> None:
    assert ranker.load_default().calibration is not None


def test_default_mode_is_the_documented_one_and_both_modes_stay(monkeypatch) -> None:
    monkeypatch.delenv("QUOTES_ATTRIBUTION", raising=False)
    assert choice.mode(None) == choice.DEFAULT and set(choice.MODES) == {"model", "rules"}
    assert choice.mode("rules") == "rules" and choice.mode(None, "w.json") == "model"
    with pytest.raises(ValueError):
        choice.mode("guess")


def test_every_group_weighs_the_same_in_the_map() -> None:
    groups = ["big"] * 90 + ["small"] * 10
    w = cal.group_weights(groups)
    assert np.isclose(w[:90].sum(), w[90:].sum()) and np.isclose(w.mean(), 1.0)
    assert len(cal.group_weights([])) == 0


def test_a_large_easy_group_does_not_set_the_base_rate_for_the_others() -> None:
    # the same evidence everywhere; the big group is right 95% of the time, the small 55%
    x = [cal.inputs(2.0, 0.9, 0.8, False)] * 200
    y = [i % 20 != 0 for i in range(180)] + [i % 20 < 11 for i in range(20)]
    groups = ["big"] * 180 + ["small"] * 20
    pooled = cal.fit(x, y)(x[0])
    balanced = cal.fit(x, y, weights=cal.group_weights(groups))(x[0])
    assert abs(pooled - 0.91) < 0.03  # the pooled rate, set by the big group
    assert abs(balanced - 0.75) < 0.03  # the mean of the two groups' rates


def test_a_lone_no_speaker_gets_no_margin_and_names_count_only_for_a_speaker() -> None:
    alone = cal.inputs(1e9, 0.9, 0.2, True, named=True)
    assert alone[cal.NAMES.index("margin")] == 0.0 and alone[cal.NAMES.index("named")] == 0.0
    assert cal.inputs(1e9, 0.9, 0.9, False, True)[cal.NAMES.index("margin")] == cal.MARGIN_CAP
    assert cal.is_named({"has_name": 1.0}) and cal.is_named({"m_name": 1.0})
    assert not cal.is_named({"m_description": 1.0})


def test_a_map_written_before_the_named_input_still_loads() -> None:
    old = {"method": "logistic", "inputs": list(cal.NAMES[:5]), "coef": [0.5, 0.1, 0.2, 0.3, -2]}
    m = cal.from_json(old)
    assert m.coef[-1] == 0.0 and len(m.coef) == len(cal.NAMES)
    with pytest.raises(ValueError):
        cal.from_json({"method": "logistic", "inputs": ["bias", "x"], "coef": [0.0, 1.0]})


def test_rules_mode_keeps_the_cascade_speaker_and_takes_the_map_confidence(tmp_path: Path) -> None:
    text = (
        "« Nous tiendrons », a affirmé Claire Morin. « Le calendrier reste le même », "
        "a ajouté Luc Petit."
    )
    doc = Document("d", text)
    w = np.zeros(len(FEATURE_NAMES))
    w[FEATURE_NAMES.index("src_prev_quote")] = 10.0  # a model that disagrees with the rules
    x, y = synthetic_rows()
    path = tmp_path / "w.json"
    ranker.Ranker(list(FEATURE_NAMES), w, calibration=cal.fit(x, y)).save(path)
    rules = extract_document(doc, attribution="rules", weights=str(path))
    model = extract_document(doc, attribution="model", weights=str(path))
    assert [q.speaker for q in rules] == ["Claire Morin", "Luc Petit"]
    assert [q.speaker for q in model] == ["Claire Morin", "Claire Morin"]
    # the second row: the rules' speaker is the one this ranker scores far below its own
    # choice, so the map (margin 0) rates it lower than the model's own choice
    assert rules[1].confidence < model[1].confidence
    assert rules[0].confidence == model[0].confidence  # same choice, same confidence
