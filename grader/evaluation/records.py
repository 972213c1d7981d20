"""What an eval run records: predictions per labelled transcript, saved as predictions.json.

Agreement statistics are computed from these by :mod:`grader.evaluation.analysis`, so a
saved run can be re-analysed without calling a model.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

from grader.evaluation.config import EvalConfig
from grader.rubrics.levels import Level


@dataclass
class Prediction:
    """What the grader said about one labelled transcript, over every sample run.

    Attributes:
        transcript: Path as given in the labels (for display).
        words: Word count of the transcript.
        runs: Level per dimension for each sample run (None where a dimension failed).
        scores: The indicator method's score per dimension for each run.
        answers: The indicator method's P(yes) per ``dimension.indicator`` for each run.
        probabilities: P(level) per dimension (lowest level first) for each run, where the
            method gives one (a calibration with a fitted spread).
        evidence_shown: Quotes verified and shown, over all runs.
        evidence_rejected: Quotes the model cited that were not shown.
        failures: Dimension grades that failed, over all runs.
        calls: Model calls made (cache hits excluded).
        cache_hits: Answers served from the cache.
        seconds: Grading time, over all runs.
        flags: Flag counts over all runs.
    """

    transcript: str
    words: int
    runs: list[dict[str, str | None]]
    scores: list[dict[str, float | None]] = field(default_factory=list)
    answers: list[dict[str, float]] = field(default_factory=list)
    probabilities: list[dict[str, list[float]]] = field(default_factory=list)
    evidence_shown: int = 0
    evidence_rejected: int = 0
    failures: int = 0
    calls: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    flags: dict[str, int] = field(default_factory=dict)

    def level(self, dimension: str) -> Level | None:
        """Return the median level over runs (the lower median for an even count)."""
        found = [run.get(dimension) for run in self.runs]
        ranks = [Level(level).rank for level in found if level]
        if not ranks:
            return None
        return Level.from_rank(statistics.median_low(ranks))


@dataclass
class EvalRun:
    """Predictions of one configuration on one label set."""

    config: EvalConfig
    predictions: list[Prediction]
    wall_seconds: float
    model: dict[str, Any]
    prompts_sha256: str
    rubric_sha256: str

    def to_dict(self) -> dict[str, Any]:
        """Return the run as JSON data."""
        return {
            "config": asdict(self.config),
            "model": self.model,
            "prompts_sha256": self.prompts_sha256,
            "rubric_sha256": self.rubric_sha256,
            "wall_seconds": self.wall_seconds,
            "predictions": [asdict(p) for p in self.predictions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalRun:
        """Rebuild a run saved with :meth:`to_dict`."""
        return cls(
            config=EvalConfig(**data["config"]),
            predictions=[Prediction(**p) for p in data["predictions"]],
            wall_seconds=float(data["wall_seconds"]),
            model=dict(data["model"]),
            prompts_sha256=str(data["prompts_sha256"]),
            rubric_sha256=str(data["rubric_sha256"]),
        )
