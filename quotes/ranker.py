"""The learned choice among a quote's candidate speakers, and its confidence.

A conditional logit: each candidate gets a linear score w·x over the features of
`quotes.attribution.candidates`, and a softmax over the quote's candidates gives each its
probability. Several candidates of one quote may be right ("Roy" and "Anne Roy"): the fit
maximises the log of the summed probability of the right ones, minus an L2 penalty,
by damped Newton steps (the Fisher matrix of the softmax as curvature, a backtracking line
search), so it is deterministic and needs only numpy. The chosen candidate's softmax
probability is then mapped to P(right) by Platt scaling fitted on held-out folds (a
model's own training fit is over-confident). Weights, feature names and the calibration
map are stored as JSON (never pickle: a weights file must be safe to open and readable).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from quotes import calibration as cal
from quotes.attribution.candidates import FEATURE_NAMES, Candidate

FORMAT = "quotes-attribution-ranker/1"
# Chosen by the leave-one-outlet-out comparison of `quotes train --by outlet` (README,
# "Accuracy"): the weights shrink towards "trust the hand cascade" (its flag at 2), not
# towards 0, so a few hundred training quotes move the choice only where they agree.
DEFAULT_L2 = 10.0
DEFAULT_PRIOR = {"cascade": 2.0, "none_x_cascade": 1.0}


def prior_vector(features: Sequence[str], prior: dict[str, float] | None = None) -> np.ndarray:
    """The prior weights as a vector over `features`."""
    prior = DEFAULT_PRIOR if prior is None else prior
    return np.array([prior.get(n, 0.0) for n in features])


@dataclass
class Ranker:
    """Weights over named features, and the Platt map (a, b): P = σ(a·logit(p) + b)."""

    features: list[str]
    weights: np.ndarray
    platt: tuple[float, float] = (1.0, 0.0)
    meta: dict[str, Any] = field(default_factory=dict)
    calibration: cal.Calibration | None = None  # the row confidence (quotes.calibration)

    def matrix(self, cands: Sequence[Candidate]) -> np.ndarray:
        """Candidates as rows of this model's features (unknown features are ignored)."""
        index = {n: i for i, n in enumerate(self.features)}
        x = np.zeros((len(cands), len(self.features)))
        for r, c in enumerate(cands):
            for name, v in c.features.items():
                j = index.get(name)
                if j is not None:
                    x[r, j] = v
        return x

    def probabilities(self, cands: Sequence[Candidate]) -> np.ndarray:
        """Softmax of the candidates' scores."""
        return _softmax(self.matrix(cands) @ self.weights)

    def choose(self, cands: Sequence[Candidate]) -> tuple[int, float]:
        """Index of the best candidate (ties: the first) and its calibrated P(right)."""
        p = self.probabilities(cands)
        best = int(np.argmax(p))
        return best, self.calibrated(float(p[best]))

    def calibrated(self, p: float) -> float:
        a, b = self.platt
        return _sigmoid(a * _logit(p) + b)

    def decide(
        self,
        cands: Sequence[Candidate],
        quote_p: float,
        rule_p: Sequence[float],
        chosen: int | None = None,
    ) -> tuple[int, float]:
        """The best candidate (or `chosen`: the cascade's, in rules mode) and the row's
        confidence, P(real quote and speaker right): the logistic map of
        `quotes.calibration` when the weights carry one, else P(real quote) x the
        Platt-calibrated softmax probability (older weight files)."""
        best, p_top, margin = summary(self.matrix(cands) @ self.weights, chosen)
        if self.calibration is None:
            return best, quote_p * self.calibrated(p_top)
        c = cands[best]
        x = cal.inputs(margin, quote_p, rule_p[best], not c.speaker, cal.is_named(c.features))
        return best, self.calibration(x)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "features": list(self.features),
            "weights": [round(float(w), 6) for w in self.weights],
            "calibration": (
                self.calibration.to_json()
                if self.calibration is not None
                else {"method": "platt", "a": self.platt[0], "b": self.platt[1]}
            ),
            "meta": self.meta,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n")


class WeightsError(ValueError):
    """A weights file that is not a ranker written by `quotes train`."""


def from_json(data: Any, where: str = "weights") -> Ranker:
    """A ranker from its JSON form, checked: a wrong file must fail loudly, not score 0."""
    try:
        if data.get("format") != FORMAT:
            raise WeightsError(f"{where}: not a quotes ranker (format {data.get('format')!r})")
        feats, w = list(data["features"]), [float(v) for v in data["weights"]]
        c = data.get("calibration", {})
        platt = (float(c.get("a", 1.0)), float(c.get("b", 0.0)))
        logistic = cal.from_json(c) if c.get("method") == "logistic" else None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, WeightsError):
            raise
        raise WeightsError(f"{where}: malformed ranker weights: {exc}") from None
    if len(feats) != len(w):
        raise WeightsError(f"{where}: {len(feats)} features but {len(w)} weights")
    return Ranker(feats, np.array(w), platt, dict(data.get("meta", {})), logistic)


def load(path: str | Path) -> Ranker:
    """Read a weights file written by `quotes train` (or `Ranker.save`)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise WeightsError(f"{path}: cannot read ranker weights: {exc}") from None
    return from_json(data, str(path))


@functools.cache
def load_default(lang: str = "fr") -> Ranker:
    """The shipped model of a language (quotes/data/attribution_<lang>.json)."""
    name = f"attribution_{lang}.json"
    text = resources.files("quotes").joinpath("data", name).read_text("utf-8")
    return from_json(json.loads(text), f"quotes/data/{name}")


@functools.cache
def load_cached(path: str) -> Ranker:
    """`load`, once per process: `extract_document` is called per document."""
    return load(path)


# ---------------------------------------------------------------- fitting


@dataclass
class Group:
    """One quote's candidates as a matrix, and which of them are right."""

    x: np.ndarray
    right: np.ndarray  # bool per row


def _stack(groups: Sequence[Group]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x = np.vstack([g.x for g in groups])
    right = np.concatenate([g.right for g in groups])
    sizes = np.array([len(g.right) for g in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    return x, right, starts, sizes


def fit(
    groups: Sequence[Group],
    l2: float = DEFAULT_L2,
    iterations: int = 100,
    prior: np.ndarray | None = None,
) -> np.ndarray:
    """Weights maximising Σ log P(a right candidate) - l2/2 |w - prior|² over quotes that
    have a right candidate. `prior` (default 0) is what the weights shrink to: trusting the
    hand cascade, say, unless the data show otherwise. Deterministic: no sampling, the
    start is the prior."""
    groups = [g for g in groups if g.right.any() and len(g.right) > 1]
    if not groups:
        return np.zeros(0) if prior is None else prior.copy()
    d = groups[0].x.shape[1]
    w0 = np.zeros(d) if prior is None else np.asarray(prior, dtype=float)
    w = w0.copy()
    x, right, starts, sizes = _stack(groups)
    gid = np.repeat(np.arange(len(groups)), sizes)

    def objective(w: np.ndarray) -> float:
        s = x @ w
        all_ = _group_logsumexp(s, starts, gid)
        pos = _group_logsumexp(np.where(right, s, -np.inf), starts, gid)
        return float(np.sum(pos - all_) - 0.5 * l2 * (w - w0) @ (w - w0))

    value = objective(w)
    for _ in range(iterations):
        s = x @ w
        p_all = np.exp(s - _group_logsumexp(s, starts, gid)[gid])
        sr = np.where(right, s, -np.inf)
        p_pos = np.where(right, np.exp(sr - _group_logsumexp(sr, starts, gid)[gid]), 0.0)
        grad = x.T @ (p_pos - p_all) - l2 * (w - w0)
        mean = np.add.reduceat(x * p_all[:, None], starts)[gid]
        centred = (x - mean) * np.sqrt(p_all)[:, None]
        fisher = centred.T @ centred + l2 * np.eye(d)
        step = np.linalg.solve(fisher, grad)
        t = 1.0
        while t > 1e-6:
            new = objective(w + t * step)
            if new >= value:
                break
            t /= 2
        if t <= 1e-6:
            break
        w, gain = w + t * step, new - value
        value = new
        if gain < 1e-9:
            break
    return w


def fit_platt(p: Sequence[float], right: Sequence[bool], l2: float = 1e-2) -> tuple[float, float]:
    """Platt scaling: (a, b) of P(right) = σ(a·logit(p) + b), by Newton on the log loss
    with step halving (a plain Newton step diverges when the held-out probabilities
    crowd near 1)."""
    if not len(p):
        return 1.0, 0.0
    z = np.array([_logit(v) for v in p])
    y = np.array(right, dtype=float)
    x = np.column_stack([z, np.ones_like(z)])
    theta = cal.newton_logistic(x, y, np.full(2, l2), start=np.array([1.0, 0.0]))
    return float(theta[0]), float(theta[1])


def _group_logsumexp(s: np.ndarray, starts: np.ndarray, gid: np.ndarray) -> np.ndarray:
    top = np.maximum.reduceat(s, starts)
    safe = np.where(np.isfinite(top), top, 0.0)
    total = np.add.reduceat(np.exp(s - safe[gid]), starts)
    with np.errstate(divide="ignore"):
        return np.log(total) + safe


def summary(s: np.ndarray, chosen: int | None = None) -> tuple[int, float, float]:
    """Of a quote's candidate scores: the best index (ties: the first; `chosen` instead
    when given), its softmax probability, and its margin over the best other candidate
    (MARGIN_CAP when alone; negative when `chosen` is not the best)."""
    p = _softmax(s)
    best = int(np.argmax(p)) if chosen is None else chosen
    rest = np.delete(s, best)
    margin = float(s[best] - rest.max()) if len(rest) else cal.MARGIN_CAP
    return best, float(p[best]), margin


def _softmax(s: np.ndarray) -> np.ndarray:
    if not len(s):
        return s
    e = np.exp(s - s.max())
    return e / e.sum()


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def new_ranker(weights: np.ndarray, features: Sequence[str] = FEATURE_NAMES) -> Ranker:
    return Ranker(list(features), weights)
