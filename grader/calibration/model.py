"""Calibration files: how levels follow from indicator answers, fitted on labelled transcripts.

A calibration is fitted (:mod:`grader.calibration.fit`) on the answers of an eval run
(P(yes) per indicator, counts from the text) and the labels of the same transcripts, saved
as a versioned JSON file, and applied at grading time. It records what it was fitted on, so
a report can say which labels it must not be evaluated on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Re-exported (``as``): the fitting code and tests read these from here.
from grader.calibration.scoring import level_probabilities as level_probabilities
from grader.calibration.scoring import logit as logit
from grader.calibration.scoring import standardised as standardised
from grader.calibration.scoring import transform_for as transform_for
from grader.calibration.scoring import transformed as transformed
from grader.calibration.scoring import weighted_score as weighted_score
from grader.errors import ConfigError, InputError
from grader.rubrics.levels import Level, level_for
from grader.transcripts.features import COUNTS
from grader.transcripts.features import PREFIX as TEXT_PREFIX

FORMAT_VERSION = 2
# How the passage method sums up a question over passages, besides its headline answer.
PASSAGE_AGGREGATES = ("max", "mean", "share")
# Finite and bounded: fitted values are a few units; the bound keeps every score finite.
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]
Positive = Annotated[float, Field(allow_inf_nan=False, gt=1e-9, le=1e6)]
# An answer is "<dimension id>.<indicator id>" or "text.<count>"; ids as in rubric files.
_ANSWER_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}\.[a-z][a-z0-9_]{0,39}")
FIT_HINT = "Fit one with: grader calibrate"


class CalibrationError(InputError, ConfigError):
    """A calibration file is malformed, or does not fit the rubric it is used with."""


class Feature(BaseModel):
    """Centre and scale of one answer on the fitting transcripts, after its transform.

    An indicator's P(yes) is read as log-odds (``logit``); a count from the text
    (:mod:`grader.transcripts.features`) as ``log(1 + count)``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    center: Number
    scale: Positive
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

    weights: dict[str, Number]
    cuts: list[Number] = Field(min_length=4, max_length=4)
    n: int = Field(ge=0)
    spread: Positive | None = None

    @field_validator("cuts")
    @classmethod
    def _ordered_cuts(cls, value: list[float]) -> list[float]:
        if any(b < a for a, b in pairwise(value)):
            raise ValueError(f"cuts must not decrease, lowest level first (found {value})")
        return value

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
    # The grading method whose answers it reads: "indicators" or "passages".
    strategy: Literal["indicators", "passages"] = "indicators"
    method: str = "correlation-weighted indicators, least-squares ordinal cuts"
    model: str
    # What the model is however it is served (grader.backends.identity), when known.
    model_identity: str | None = None
    rubric_id: str
    rubric_sha256: str
    prompts_sha256: str
    fitted_on: list[str]
    created: str
    features: dict[str, Feature]
    dimensions: dict[str, DimensionCalibration]

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(
                f"format {value} is not one this grader reads (it reads format {FORMAT_VERSION})"
            )
        return value

    @field_validator("features")
    @classmethod
    def _named_answers(cls, value: dict[str, Feature]) -> dict[str, Feature]:
        for name, feature in value.items():
            if not _ANSWER_NAME.fullmatch(name):
                raise ValueError(
                    f"feature {name!r} names no answer; answers are "
                    "'<dimension>.<indicator>' or 'text.<count>'"
                )
            if name.startswith(TEXT_PREFIX) and not known_count(name):
                raise ValueError(
                    f"feature {name!r} is no count from the text; the counts are "
                    f"{', '.join(COUNTS)} and '<dimension>_terms'"
                )
            if feature.transform != transform_for(name):
                raise ValueError(
                    f"feature {name!r} is read by {transform_for(name)}, not {feature.transform}"
                )
        return value

    @model_validator(mode="after")
    def _weights_name_features(self) -> Calibration:
        for dimension, found in self.dimensions.items():
            unknown = sorted(name for name in found.weights if name not in self.features)
            if unknown:
                raise ValueError(
                    f"dimension {dimension!r} weighs {', '.join(map(repr, unknown))}, "
                    "which the features do not describe"
                )
        return self

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


def known_count(name: str) -> bool:
    """Tell whether ``name`` (``text.<count>``) is a count from the text this grader makes."""
    count = name.removeprefix(TEXT_PREFIX)
    return count in COUNTS or count.endswith("_terms")
