"""Calibration files: how levels follow from indicator answers, fitted on labelled transcripts.

A calibration is fitted on the indicator answers (P(yes) per indicator) of an eval run and
the labels of the same transcripts, saved as a versioned JSON file, and applied at grading
time. It records what it
was fitted on, so a report can say which labels it must not be evaluated on.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.errors import ConfigError
from grader.levels import Level
from grader.rubric import Rubric
from grader.text_features import PREFIX as TEXT_PREFIX

FORMAT_VERSION = 2


class Feature(BaseModel):
    """Centre and scale of one answer on the fitting transcripts, after its transform.

    An indicator's P(yes) is read as log-odds (``logit``); a count from the text
    (:mod:`grader.text_features`) as ``log(1 + count)``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    center: float
    scale: float = Field(gt=0)
    transform: Literal["logit", "log1p"] = "logit"

    def z(self, value: float) -> float:
        """Return the standardised, transformed ``value``."""
        return (_transformed(value, self.transform) - self.center) / self.scale


class DimensionCalibration(BaseModel):
    """How one dimension's level follows from the indicator answers.

    The score is the weighted mean of the indicators' standardised log-odds of yes (weights
    may be negative); a score below ``cuts[0]`` is very_weak, and so on. ``spread`` (when
    fitted) turns the score into a probability per level: the level is read as if the score
    carried logistic noise of that scale around the cuts (an ordinal logistic model).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, float]
    cuts: list[float] = Field(min_length=4, max_length=4)
    n: int
    spread: float | None = Field(default=None, gt=0)

    def probabilities(self, value: float) -> list[float] | None:
        """Return P(level) for each level, lowest first, for a score (None without spread)."""
        if self.spread is None:
            return None
        return level_probabilities(value, self.cuts, self.spread)


class Calibration(BaseModel):
    """A fitted mapping from indicator answers to levels for one model, rubric and prompt set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = FORMAT_VERSION
    id: str
    method: str = "correlation-weighted indicators, least-squares ordinal cuts"
    model: str
    rubric_id: str
    rubric_sha256: str
    prompts_sha256: str
    fitted_on: list[str]
    created: str
    features: dict[str, Feature]
    dimensions: dict[str, DimensionCalibration]

    def score(self, dimension: str, answers: Mapping[str, float]) -> float | None:
        """Return the dimension's score from ``answers`` (``"dim.indicator"`` -> P(yes))."""
        found = self.dimensions.get(dimension)
        if found is None or any(name not in answers for name in found.weights):
            return None
        return weighted_score(found.weights, self.features, answers)

    def level(self, dimension: str, answers: Mapping[str, float]) -> Level | None:
        """Return the calibrated level, or None when the dimension cannot be scored."""
        value = self.score(dimension, answers)
        if value is None:
            return None
        cuts = self.dimensions[dimension].cuts
        return Level.from_rank(min(4, sum(1 for cut in cuts if value >= cut)))

    def probabilities(self, dimension: str, answers: Mapping[str, float]) -> list[float] | None:
        """Return P(level) per level, lowest first; None without a fitted spread."""
        value = self.score(dimension, answers)
        if value is None:
            return None
        return self.dimensions[dimension].probabilities(value)

    def summary(self) -> dict[str, str]:
        """Return what identifies the calibration in a result."""
        return {"id": self.id, "method": self.method, "fitted_on": ", ".join(self.fitted_on)}


def _transformed(value: float, transform: str) -> float:
    return math.log1p(max(value, 0.0)) if transform == "log1p" else logit(value)


def transform_for(name: str) -> Literal["logit", "log1p"]:
    """Return how an answer is read: counts from the text by log1p, indicators by logit."""
    return "log1p" if name.startswith(TEXT_PREFIX) else "logit"


def logit(p: float) -> float:
    """Return the log-odds of ``p``, clipped away from 0 and 1."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def level_probabilities(value: float, cuts: Sequence[float], spread: float) -> list[float]:
    """P(level k) = F((cut_k - value) / spread) - F((cut_k-1 - value) / spread), F logistic."""
    below = [0.0] + [_logistic((cut - value) / spread) for cut in cuts] + [1.0]
    return [max(0.0, hi - lo) for lo, hi in pairwise(below)]


def _logistic(x: float) -> float:
    if x < -40:
        return 0.0
    if x > 40:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def fit_spread(scores: Sequence[float], labels: Sequence[int], cuts: Sequence[float]) -> float:
    """Return the spread that maximises the labels' likelihood under the ordinal model."""
    return best_spread([(x, cuts, y) for x, y in zip(scores, labels, strict=True)])


def best_spread(items: Sequence[tuple[float, Sequence[float], int]]) -> float:
    """Return the spread that maximises the likelihood of (score, cuts, labelled rank) items.

    A grid search in log-space from 0.01 to 10 (the scores are in standardised units); the
    cuts stay as given, and may differ per item (as in leave-one-out fits).
    """
    best, best_ll = 1.0, -math.inf
    for step in range(121):
        spread = 10 ** (-2 + step / 40)
        ll = sum(
            math.log(max(level_probabilities(x, cuts, spread)[y], 1e-9)) for x, cuts, y in items
        )
        if ll > best_ll:
            best, best_ll = spread, ll
    return round(best, 4)


def cross_validated_spreads(
    rows: Sequence[Row], dimensions: Sequence[str], **fit_options: bool
) -> dict[str, float]:
    """Fit each dimension's spread on leave-one-transcript-out scores.

    In-sample scores sit where the cuts were fitted to put them, so a spread fitted on them
    is too small and the probabilities overconfident. Here each transcript is scored by a
    calibration fitted without it, against that calibration's cuts.
    """
    held_out: dict[str, list[tuple[float, Sequence[float], int]]] = {d: [] for d in dimensions}
    for index, (answers, labels) in enumerate(rows):
        features, fitted = fit_model(
            [row for i, row in enumerate(rows) if i != index],
            dimensions,
            spread=False,
            **fit_options,
        )
        for dim, found in fitted.items():
            if dim in labels:
                value = weighted_score(found.weights, features, answers)
                held_out[dim].append((value, found.cuts, labels[dim]))
    return {dim: best_spread(items) for dim, items in held_out.items() if items}


def weighted_score(
    weights: Mapping[str, float], features: Mapping[str, Feature], answers: Mapping[str, float]
) -> float:
    """Return the weighted mean of standardised log-odds (by the weights' absolute sum)."""
    total = sum(abs(w) for w in weights.values()) or 1.0
    return sum(w * features[name].z(answers[name]) for name, w in weights.items()) / total


Row = tuple[Mapping[str, float], Mapping[str, int]]


def fit_model(
    rows: Sequence[Row],
    dimensions: Sequence[str],
    *,
    own_only: bool = False,
    min_weight: float = 0.0,
    spread: bool = True,
    use_text: bool = True,
) -> tuple[dict[str, Feature], dict[str, DimensionCalibration]]:
    """Fit features, per-dimension weights and cuts from (answers, labelled ranks) rows.

    Every indicator may inform every dimension: its weight for a dimension is the
    correlation of its standardised log-odds with that dimension's labels on the rows.
    ``own_only`` keeps each dimension to its own indicators; a weight smaller in size than
    ``min_weight`` is set to zero. ``spread`` fits each dimension's spread on the same rows
    (in-sample; :func:`build` replaces it with a cross-validated one). ``use_text`` lets
    counts from the text (``text.*``) inform the dimensions when the rows have them.
    """
    names = sorted(set.intersection(*(set(answers) for answers, _ in rows))) if rows else []
    if not use_text:
        names = [name for name in names if not name.startswith(TEXT_PREFIX)]
    features: dict[str, Feature] = {}
    for name in names:
        transform = transform_for(name)
        values = [_transformed(answers[name], transform) for answers, _ in rows]
        features[name] = Feature(
            center=statistics.fmean(values),
            scale=statistics.pstdev(values) or 1.0,
            transform=transform,
        )
    fitted: dict[str, DimensionCalibration] = {}
    for dim in dimensions:
        labelled = [(answers, labels[dim]) for answers, labels in rows if dim in labels]
        if len(labelled) < 2:
            continue
        ys = [float(y) for _, y in labelled]
        weights = {}
        for name in names:
            if own_only and not name.startswith((f"{dim}.", TEXT_PREFIX)):
                continue
            xs = [features[name].z(answers[name]) for answers, _ in labelled]
            weight = round(_correlation(xs, ys), 4)
            weights[name] = weight if abs(weight) >= min_weight else 0.0
        scores = [weighted_score(weights, features, answers) for answers, _ in labelled]
        ranks = [y for _, y in labelled]
        cuts = fit_cuts(scores, ranks)
        fitted[dim] = DimensionCalibration(
            weights=weights,
            cuts=cuts,
            n=len(labelled),
            spread=fit_spread(scores, ranks, cuts) if spread else None,
        )
    return features, fitted


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        # A constant indicator or constant labels carry no information.
        return 0.0


def fit_cuts(scores: Sequence[float], labels: Sequence[int], n_levels: int = 5) -> list[float]:
    """Fit non-decreasing levels to scores by least squares, and return the cuts between them.

    The fitted level of each item is a non-decreasing step function of its score (equal
    scores share a level) that minimises the squared distance to the labels, found exactly
    by dynamic programming. Each cut lies midway between the highest score of one level and
    the lowest score of the next; a level no item reaches gets a cut above every score.
    """
    if len(scores) != len(labels) or not scores:
        raise ValueError("scores and labels must be non-empty and of equal length")
    groups: list[tuple[float, list[int]]] = []
    for value, label in sorted(zip(scores, labels, strict=True)):
        if groups and groups[-1][0] == value:
            groups[-1][1].append(label)
        else:
            groups.append((value, [label]))
    cost = [[sum((k - y) ** 2 for y in members) for k in range(n_levels)] for _, members in groups]
    inf = float("inf")
    best = [[inf] * n_levels for _ in groups]
    back = [[0] * n_levels for _ in groups]
    for k in range(n_levels):
        best[0][k] = cost[0][k]
    for g in range(1, len(groups)):
        running, arg = inf, 0
        for k in range(n_levels):
            if best[g - 1][k] < running:
                running, arg = best[g - 1][k], k
            best[g][k] = running + cost[g][k]
            back[g][k] = arg
    level = min(range(n_levels), key=lambda k: (best[-1][k], k))
    assigned = [0] * len(groups)
    for g in range(len(groups) - 1, -1, -1):
        assigned[g] = level
        level = back[g][level]
    values = [value for value, _ in groups]
    cuts = []
    for k in range(1, n_levels):
        above = [v for v, a in zip(values, assigned, strict=True) if a >= k]
        below = [v for v, a in zip(values, assigned, strict=True) if a < k]
        if not above:
            cuts.append(round(max(values) + 1.0, 4))
        elif not below:
            cuts.append(round(min(values) - 1.0, 4))
        else:
            cuts.append(round((max(below) + min(above)) / 2, 4))
    return cuts


def build(
    rows: Sequence[Row],
    dimensions: Sequence[str],
    *,
    id: str,
    model: str,
    rubric_id: str,
    rubric_sha256: str,
    prompts_sha256: str,
    fitted_on: list[str],
    own_only: bool = True,
    use_text: bool = True,
) -> Calibration:
    """Fit a calibration on (answers, labelled ranks) rows, spreads cross-validated.

    By default a dimension is scored from its own indicators and the counts from the text,
    the choice that agreed best with held-out dev labels (``evals/calibration_methods.py``).
    """
    options = {"own_only": own_only, "use_text": use_text}
    features, fitted = fit_model(rows, dimensions, spread=False, **options)
    spreads = cross_validated_spreads(rows, dimensions, **options) if len(rows) >= 3 else {}
    fitted = {
        dim: found.model_copy(update={"spread": spreads.get(dim)}) for dim, found in fitted.items()
    }
    method = (
        ("own indicators" if own_only else "all indicators")
        + (" and text counts" if use_text else "")
        + ", correlation weights, least-squares ordinal cuts, cross-validated spread"
    )
    return Calibration(
        id=id,
        method=method,
        model=model,
        rubric_id=rubric_id,
        rubric_sha256=rubric_sha256,
        prompts_sha256=prompts_sha256,
        fitted_on=fitted_on,
        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        features=features,
        dimensions=fitted,
    )


SHIPPED = Path(__file__).resolve().parent.parent / "rubric" / "calibration"


def find_calibration(model: str, rubric: Rubric, prompts_sha256: str) -> Calibration | None:
    """Return a shipped calibration fitted for this model, rubric and prompt set, if any."""
    for path in sorted(SHIPPED.glob("*.json")):
        found = load_calibration(path)
        if (found.model, found.rubric_sha256, found.prompts_sha256) == (
            model,
            rubric.sha256,
            prompts_sha256,
        ):
            return found
    return None


def load_calibration(path: str | Path) -> Calibration:
    """Read a calibration file.

    Raises:
        ConfigError: Unreadable, not JSON, or not a calibration of a known format.
    """
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return Calibration.model_validate(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read calibration ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"{file}: not a valid calibration file ({where}: {first['msg']})",
            hint="Fit one with: grader calibrate",
        ) from None


def save_calibration(calibration: Calibration, path: str | Path) -> None:
    """Write a calibration file."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(calibration.model_dump_json(indent=2) + "\n")
