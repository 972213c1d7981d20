"""Running an evaluation: grade every labelled transcript under one configuration.

The run records predictions only; agreement statistics are computed from them by
``grader.eval_analysis``, so a saved run can be re-analysed without calling a model.
"""

from __future__ import annotations

import statistics
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, get_args

from grader.backends import make_backend
from grader.backends.base import Backend, Settings
from grader.cache import ResponseCache
from grader.calibration import load_calibration
from grader.errors import ConfigError
from grader.grading import (
    MAX_TRANSCRIPT_BYTES,
    MAX_TRANSCRIPT_TOKENS,
    AnswerOrder,
    GradeOptions,
    Strategy,
    grade,
)
from grader.labels import Label
from grader.levels import Level
from grader.pricing import refuse_api_keys
from grader.prompts import PromptSet
from grader.rubric import Rubric
from grader.transcript import load

Progress = Callable[[str], None]


@dataclass(frozen=True)
class EvalConfig:
    """One grading configuration to evaluate (a TOML file's keys).

    Attributes:
        name: Label for reports.
        backend: local, openai or fake (None: as ``grader grade`` decides).
        model: Model name for the openai backend.
        base_url: OpenAI-compatible endpoint.
        model_path: GGUF file for the local backend.
        strategy: Grading strategy.
        prompts: Prompt templates folder (None: the built-in one).
        samples: How many times each transcript is graded; the median level is used.
        temperature: Sampling temperature (above 0 when samples > 1 makes sense).
        seed: Seed of the first sample; sample k uses seed + k.
        max_attempts: Calls per answer at most.
        calibration: Calibration file for the indicator method.
        max_bytes: Largest transcript file read, in bytes.
        max_transcript_tokens: Largest transcript graded, in the model's tokens.
        answer_order: evidence_first or level_first (one call per dimension only).
    """

    name: str = "default"
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    model_path: str | None = None
    strategy: Strategy = "per_dimension"
    prompts: str | None = None
    samples: int = 1
    temperature: float = 0.0
    seed: int = 0
    max_attempts: int = 3
    calibration: str | None = None
    answer_order: AnswerOrder = "evidence_first"
    max_bytes: int = MAX_TRANSCRIPT_BYTES
    max_transcript_tokens: int = MAX_TRANSCRIPT_TOKENS


def load_config(path: str | Path) -> EvalConfig:
    """Read an eval configuration from a TOML file.

    Raises:
        ConfigError: The file is unreadable, not TOML, or has an unknown key or bad value.
    """
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read eval config ({exc})") from None
    refuse_api_keys(file, data, "the eval config")
    known = {f.name for f in fields(EvalConfig)}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(
            f"{file}: unknown key {sorted(unknown)[0]!r}", hint=f"Use {', '.join(sorted(known))}"
        )
    data.setdefault("name", file.stem)
    for key in ("prompts", "calibration"):
        if data.get(key) and not Path(data[key]).is_absolute():
            data[key] = str((file.parent / data[key]).resolve())
    config = EvalConfig(**data)
    for key, allowed in (("strategy", Strategy), ("answer_order", AnswerOrder)):
        if getattr(config, key) not in get_args(allowed):
            raise ConfigError(
                f"{file}: {key} {getattr(config, key)!r} is not one of {list(get_args(allowed))}"
            )
    if config.samples < 1 or config.max_attempts < 1:
        raise ConfigError(f"{file}: samples and max_attempts must be at least 1")
    if config.max_bytes < 1 or config.max_transcript_tokens < 1:
        raise ConfigError(f"{file}: max_bytes and max_transcript_tokens must be at least 1")
    return config


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


def run_eval(
    labels: Sequence[Label],
    rubric: Rubric,
    config: EvalConfig,
    *,
    backend: Backend | None = None,
    cache: ResponseCache | None = None,
    progress: Progress | None = None,
    display_root: Path | None = None,
) -> EvalRun:
    """Grade each labelled transcript ``config.samples`` times.

    Args:
        labels: Labels; each distinct transcript is graded once per sample.
        rubric: The rubric.
        config: The configuration.
        backend: A ready backend (built from ``config`` if None).
        cache: Response cache, so an unchanged rerun makes no model calls.
        progress: Called with one line per graded transcript.
        display_root: Paths in the run are shown relative to this folder.
    """
    started = time.monotonic()
    backend = backend or make_backend(
        config.backend, model=config.model, base_url=config.base_url, model_path=config.model_path
    )
    prompts = PromptSet(config.prompts)
    calibration = load_calibration(config.calibration) if config.calibration else None
    transcripts: dict[Path, Label] = {}
    for label in labels:
        transcripts.setdefault(label.transcript, label)
    predictions = []
    for index, (path, label) in enumerate(transcripts.items(), start=1):
        transcript = load(path, candidate=label.candidate, max_bytes=config.max_bytes)
        shown = str(path.relative_to(display_root)) if display_root else str(path)
        prediction = Prediction(shown, transcript.word_count, [])
        for sample in range(config.samples):
            options = GradeOptions(
                strategy=config.strategy,
                calibration=calibration,
                max_attempts=config.max_attempts,
                settings=Settings(temperature=config.temperature, seed=config.seed + sample),
                max_tokens_per_transcript=config.max_transcript_tokens,
                answer_order=config.answer_order,
            )
            card = grade(transcript, rubric, backend, prompts=prompts, options=options, cache=cache)
            prediction.runs.append(card.levels())
            prediction.scores.append({d.id: d.score for d in card.dimensions})
            indicator_answers = {
                f"{d.id}.{i['id']}": float(i["p_yes"])
                for d in card.dimensions
                for i in d.indicators
            }
            # Counts from the text go with indicator answers, for calibrations to use.
            prediction.answers.append(
                indicator_answers | card.text_features if indicator_answers else {}
            )
            prediction.probabilities.append(
                {
                    d.id: list(d.level_probabilities.values())
                    for d in card.dimensions
                    if d.level_probabilities
                }
            )
            prediction.evidence_shown += sum(len(d.evidence) for d in card.dimensions)
            prediction.evidence_rejected += sum(len(d.rejected_evidence) for d in card.dimensions)
            prediction.failures += len(card.failed)
            prediction.calls += card.usage["calls"]
            prediction.cache_hits += card.usage["cache_hits"]
            prediction.seconds += card.elapsed_seconds
            for flag in [*card.flags, *(f for d in card.dimensions for f in d.flags)]:
                prediction.flags[flag] = prediction.flags.get(flag, 0) + 1
        predictions.append(prediction)
        if progress:
            progress(
                f"[{index}/{len(transcripts)}] {shown}: "
                f"{prediction.seconds:.0f} s, {prediction.calls} calls"
            )
    return EvalRun(
        config=config,
        predictions=predictions,
        wall_seconds=round(time.monotonic() - started, 1),
        model=backend.describe(),
        prompts_sha256=prompts.sha256,
        rubric_sha256=rubric.sha256,
    )
