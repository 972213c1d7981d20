"""Calibration files: per-dimension score-to-level cuts fitted on labelled transcripts.

A calibration is fitted on indicator scores from an eval run and the labels of the same
transcripts, saved as a versioned JSON file, and applied at grading time. It records what it
was fitted on, so a report can say which labels it must not be evaluated on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.errors import ConfigError
from grader.levels import Level
from grader.rubric import Rubric

FORMAT_VERSION = 1


class DimensionCalibration(BaseModel):
    """Cuts for one dimension: a score below ``cuts[0]`` is very_weak, and so on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cuts: list[float] = Field(min_length=4, max_length=4)
    n: int


class Calibration(BaseModel):
    """A fitted score-to-level mapping for one model, rubric and prompt set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = FORMAT_VERSION
    id: str
    method: str = "ordinal-isotonic"
    model: str
    rubric_id: str
    rubric_sha256: str
    prompts_sha256: str
    fitted_on: list[str]
    created: str
    dimensions: dict[str, DimensionCalibration]

    def level(self, dimension: str, score: float) -> Level | None:
        """Return the calibrated level, or None when the dimension was not fitted."""
        found = self.dimensions.get(dimension)
        if found is None:
            return None
        return Level.from_rank(min(4, sum(1 for cut in found.cuts if score >= cut)))

    def summary(self) -> dict[str, str]:
        """Return what identifies the calibration in a result."""
        return {"id": self.id, "method": self.method, "fitted_on": ", ".join(self.fitted_on)}


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
    scores: dict[str, list[float]],
    labels: dict[str, list[int]],
    *,
    id: str,
    model: str,
    rubric_id: str,
    rubric_sha256: str,
    prompts_sha256: str,
    fitted_on: list[str],
) -> Calibration:
    """Fit every dimension that has scored, labelled items."""
    dims = {
        dim: DimensionCalibration(cuts=fit_cuts(values, labels[dim]), n=len(values))
        for dim, values in scores.items()
        if values
    }
    return Calibration(
        id=id,
        model=model,
        rubric_id=rubric_id,
        rubric_sha256=rubric_sha256,
        prompts_sha256=prompts_sha256,
        fitted_on=fitted_on,
        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        dimensions=dims,
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
