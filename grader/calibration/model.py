"""Calibration files: how levels follow from indicator answers, fitted on labelled transcripts.

A calibration is fitted (:mod:`grader.calibration.fit`) on the answers of an eval run
(P(yes) per indicator, counts from the text) and the labels of the same transcripts, saved
as a versioned JSON file, and applied at grading time. It records what it was fitted on, so
a report can say which labels it must not be evaluated on.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader import data
from grader.errors import ConfigError
from grader.rubrics.levels import Level, level_for
from grader.rubrics.rubric import Rubric
from grader.transcripts.features import PREFIX as TEXT_PREFIX

FORMAT_VERSION = 2


class Feature(BaseModel):
    """Centre and scale of one answer on the fitting transcripts, after its transform.

    An indicator's P(yes) is read as log-odds (``logit``); a count from the text
    (:mod:`grader.transcripts.features`) as ``log(1 + count)``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    center: float
    scale: float = Field(gt=0)
    transform: Literal["logit", "log1p"] = "logit"

    def z(self, value: float) -> float:
        """Return the standardised, transformed ``value``."""
        return (transformed(value, self.transform) - self.center) / self.scale


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

    def counts_used(self) -> list[str]:
        """Return the counts from the text that weigh in this dimension's score."""
        return [n for n, w in self.weights.items() if n.startswith(TEXT_PREFIX) and w != 0]


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
        """Return the dimension's score from ``answers`` (``"dim.indicator"`` -> P(yes)).

        None when an indicator answer is missing. A missing count from the text (a
        transcript without speaker labels, or without an interviewer's turn) is scored at
        its mean on the fitting transcripts: it adds nothing either way.
        """
        found = self.dimensions.get(dimension)
        if found is None or any(
            name not in answers and not name.startswith(TEXT_PREFIX) for name in found.weights
        ):
            return None
        return weighted_score(found.weights, self.features, answers)

    def level(self, dimension: str, answers: Mapping[str, float]) -> Level | None:
        """Return the calibrated level, or None when the dimension cannot be scored."""
        value = self.score(dimension, answers)
        if value is None:
            return None
        return level_for(value, self.dimensions[dimension].cuts)

    def summary(self) -> dict[str, str]:
        """Return what identifies the calibration in a result."""
        return {"id": self.id, "method": self.method, "fitted_on": ", ".join(self.fitted_on)}

    def sha256(self) -> str:
        """Return a hash of everything that decides levels, for resume keys."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


def transformed(value: float, transform: str) -> float:
    """Return ``value`` read through ``transform`` (log-odds or log(1 + count))."""
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


def weighted_score(
    weights: Mapping[str, float], features: Mapping[str, Feature], answers: Mapping[str, float]
) -> float:
    """Return the weighted mean of standardised answers (by the weights' absolute sum).

    A count from the text missing from ``answers`` (no speaker labels, no interviewer turn)
    stands at its fitting mean and adds nothing; a missing indicator answer is a KeyError.
    """
    total = sum(abs(w) for w in weights.values()) or 1.0
    return sum(w * standardised(name, features, answers) for name, w in weights.items()) / total


def standardised(name: str, features: Mapping[str, Feature], answers: Mapping[str, float]) -> float:
    """Return answer ``name`` standardised by its feature; 0 for a missing count from the text."""
    if name not in answers and name.startswith(TEXT_PREFIX):
        return 0.0
    return features[name].z(answers[name])


SHIPPED = data.path("rubric", "calibration")


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
