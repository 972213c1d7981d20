"""Running an evaluation: grade every labelled transcript under one configuration.

The run records predictions only; agreement statistics are computed from them by
``grader.evaluation.analysis``, so a saved run can be re-analysed without calling a model.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, get_args

from grader.backends.base import AsyncBackend, Backend, Settings
from grader.backends.cache import ResponseCache
from grader.backends.pricing import refuse_api_keys
from grader.backends.spec import BackendSpec
from grader.engine.runner import DEFAULT_CONCURRENCY, Hooks, Job, Outcome, grade_many
from grader.errors import ConfigError, GraderError
from grader.grading.options import (
    DEFAULT_STRATEGY,
    MAX_TRANSCRIPT_BYTES,
    MAX_TRANSCRIPT_TOKENS,
    AnswerOrder,
    GradeOptions,
    Strategy,
)
from grader.grading.prompts import PromptSet
from grader.grading.scorecard import Scorecard
from grader.ratings.labels import Label
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

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
        calibration: For the indicator method: "shipped" (the library's default: the
            calibration shipped for this model, rubric and prompts), "rubric_cuts", or a
            calibration file.
        redact: Redact personal data before sending (None: when the model is remote).
        timeout: Seconds per request (openai backend).
        max_bytes: Largest transcript file read, in bytes.
        max_transcript_tokens: Largest transcript graded, in the model's tokens.
        answer_order: evidence_first or level_first (one call per dimension only).
    """

    name: str = "default"
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    model_path: str | None = None
    strategy: Strategy = DEFAULT_STRATEGY
    prompts: str | None = None
    samples: int = 1
    temperature: float = 0.0
    seed: int = 0
    max_attempts: int = 3
    calibration: str = "shipped"
    redact: bool | None = None
    timeout: float = 120.0
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
        if data.get(key) in ("shipped", "rubric_cuts"):
            continue
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
    backend: Backend | AsyncBackend | None = None,
    cache: ResponseCache | None = None,
    progress: Progress | None = None,
    display_root: Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    candidate: str | None = None,
) -> EvalRun:
    """Grade each labelled transcript ``config.samples`` times through the shared engine.

    Args:
        labels: Labels; each distinct transcript is graded once per sample.
        rubric: The rubric.
        config: The configuration.
        backend: A ready backend (opened from ``config`` if None).
        cache: Response cache, so an unchanged rerun makes no model calls.
        progress: Called with one line per graded transcript.
        display_root: Paths in the run are shown relative to this folder.
        concurrency: Model requests in flight at most (the embedded model: one).
        candidate: The candidate's speaker name for labels that do not name one.

    Raises:
        GraderError: A transcript cannot be loaded or graded (the eval stops; nothing is
            reported on a partial set).
    """
    return asyncio.run(
        arun_eval(
            labels,
            rubric,
            config,
            backend=backend,
            cache=cache,
            progress=progress,
            display_root=display_root,
            concurrency=concurrency,
            candidate=candidate,
        )
    )


async def arun_eval(
    labels: Sequence[Label],
    rubric: Rubric,
    config: EvalConfig,
    *,
    backend: Backend | AsyncBackend | None = None,
    cache: ResponseCache | None = None,
    progress: Progress | None = None,
    display_root: Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    candidate: str | None = None,
) -> EvalRun:
    """Grade the labelled transcripts on the running event loop; see :func:`run_eval`."""
    where = _Where(cache, progress, display_root, concurrency, candidate)
    if backend is not None:
        return await _run(labels, rubric, config, backend, where)
    spec = BackendSpec(
        config.backend,
        model=config.model,
        base_url=config.base_url,
        model_path=config.model_path,
        timeout=config.timeout,
    )
    async with spec.open() as opened:
        return await _run(labels, rubric, config, opened, where)


async def _run(
    labels: Sequence[Label],
    rubric: Rubric,
    config: EvalConfig,
    backend: Backend | AsyncBackend,
    where: _Where,
) -> EvalRun:
    cache, progress, display_root = where.cache, where.progress, where.display_root
    concurrency, candidate = where.concurrency, where.candidate
    started = time.monotonic()
    prompts = PromptSet(config.prompts)
    transcripts: dict[Path, Label] = {}
    for label in labels:
        transcripts.setdefault(label.transcript, label)
    shown = {
        path: str(path.relative_to(display_root)) if display_root else str(path)
        for path in transcripts
    }
    predictions: dict[Path, Prediction] = {}
    jobs = []
    for path, label in transcripts.items():
        transcript = load(path, candidate=label.candidate or candidate, max_bytes=config.max_bytes)
        predictions[path] = Prediction(shown[path], transcript.word_count, [])
        for sample in range(config.samples):
            jobs.append(Job(transcript, tag=(path, sample), options=_options(config, sample)))
    outcomes: dict[tuple[Path, int], Outcome] = {}
    failures: list[GraderError] = []
    finished: dict[Path, int] = {}

    def on_outcome(outcome: Outcome) -> None:
        outcomes[outcome.job.tag] = outcome
        if outcome.error is not None:
            failures.append(outcome.error)
        path = outcome.job.tag[0]
        finished[path] = finished.get(path, 0) + 1
        if progress and finished[path] == config.samples:
            done = [outcomes[(path, k)] for k in range(config.samples)]
            seconds = sum(o.seconds for o in done)
            calls = sum(o.spent.calls for o in done)
            progress(f"{shown[path]}: {seconds:.0f} s, {calls} calls")

    await grade_many(
        jobs,
        rubric,
        backend,
        prompts=prompts,
        cache=cache,
        concurrency=concurrency,
        hooks=Hooks(on_outcome=on_outcome, stopped=lambda: bool(failures)),
    )
    if failures:
        raise failures[0]
    for job in jobs:
        path, _ = job.tag
        card = outcomes[job.tag].card
        assert card is not None
        _add(predictions[path], card)
    return EvalRun(
        config=config,
        predictions=list(predictions.values()),
        wall_seconds=round(time.monotonic() - started, 1),
        model=backend.describe(),
        prompts_sha256=prompts.sha256,
        rubric_sha256=rubric.sha256,
    )


@dataclass(frozen=True)
class _Where:
    """How a run goes: cache, progress, paths shown, concurrency, default candidate."""

    cache: ResponseCache | None
    progress: Progress | None
    display_root: Path | None
    concurrency: int
    candidate: str | None


def _options(config: EvalConfig, sample: int) -> GradeOptions:
    return GradeOptions(
        strategy=config.strategy,
        calibration=config.calibration,  # type: ignore[arg-type]
        redact=config.redact,
        max_attempts=config.max_attempts,
        settings=Settings(temperature=config.temperature, seed=config.seed + sample),
        max_tokens_per_transcript=config.max_transcript_tokens,
        max_bytes=config.max_bytes,
        answer_order=config.answer_order,
    )


def _add(prediction: Prediction, card: Scorecard) -> None:
    """Add one graded run of a transcript to its prediction."""
    prediction.runs.append(card.levels())
    prediction.scores.append({d.id: d.score for d in card.dimensions})
    indicator_answers = {
        f"{d.id}.{i['id']}": float(i["p_yes"]) for d in card.dimensions for i in d.indicators
    }
    # Counts from the text go with indicator answers, for calibrations to use.
    prediction.answers.append(indicator_answers | card.text_features if indicator_answers else {})
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
