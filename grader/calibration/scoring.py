"""The arithmetic of a calibration: how answers are read, and levels as probabilities."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Literal, Protocol

from grader.transcripts.features import PREFIX as TEXT_PREFIX

__all__ = [
    "Scaler",
    "level_probabilities",
    "logit",
    "standardised",
    "transform_for",
    "transformed",
    "weighted_score",
]


class Scaler(Protocol):
    """Standardises one answer (a calibration's feature)."""

    def z(self, value: float) -> float:
        """Return the standardised, transformed ``value``."""
        ...


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
    weights: Mapping[str, float], features: Mapping[str, Scaler], answers: Mapping[str, float]
) -> float:
    """Return the weighted mean of standardised answers (by the weights' absolute sum).

    A count from the text missing from ``answers`` (no speaker labels, no interviewer turn)
    stands at its fitting mean and adds nothing; a missing indicator answer is a KeyError.
    """
    total = sum(abs(w) for w in weights.values()) or 1.0
    return sum(w * standardised(name, features, answers) for name, w in weights.items()) / total


def standardised(name: str, features: Mapping[str, Scaler], answers: Mapping[str, float]) -> float:
    """Return answer ``name`` standardised by its feature; 0 for a missing count from the text."""
    if name not in answers and name.startswith(TEXT_PREFIX):
        return 0.0
    return features[name].z(answers[name])
