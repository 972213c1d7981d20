"""Running an evaluation: grade every labelled transcript under one configuration.

Transcripts go through the shared engine; the run records predictions only
(:mod:`grader.evaluation.records`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.backends.base import AsyncBackend, Backend, Settings
from grader.backends.cache import ResponseCache
from grader.backends.spec import BackendSpec
from grader.engine.runner import DEFAULT_CONCURRENCY, Hooks, Job, Outcome, grade_many
from grader.errors import GraderError
from grader.evaluation.config import EvalConfig, display_path
from grader.evaluation.records import EvalRun, Prediction
from grader.grading.options import GradeOptions, resolve_options
from grader.grading.prompts import PromptSet
from grader.grading.scorecard import Scorecard
from grader.ratings.labels import Label
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

Progress = Callable[[str], None]


def run_eval(labels: Sequence[Label], rubric: Rubric, config: EvalConfig, **kwargs: Any) -> EvalRun:
    """Grade each labelled transcript ``config.samples`` times through the shared engine.

    Takes the keyword arguments of :func:`arun_eval`, and runs it on a new event loop.
    """
    return asyncio.run(arun_eval(labels, rubric, config, **kwargs))


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
    # Resolved once per sample (the seed differs), not per transcript: resolving reads the
    # calibration file.
    per_sample = [
        resolve_options(_options(config, k), backend, rubric, prompts.sha256)
        for k in range(config.samples)
    ]
    transcripts: dict[Path, Label] = {}
    for label in labels:
        transcripts.setdefault(label.transcript, label)
    shown = {
        path: display_path(path, display_root) if display_root else str(path)
        for path in transcripts
    }
    predictions: dict[Path, Prediction] = {}
    jobs = []
    for path, label in transcripts.items():
        transcript = load(path, candidate=label.candidate or candidate, max_bytes=config.max_bytes)
        predictions[path] = Prediction(shown[path], transcript.word_count, [])
        for sample in range(config.samples):
            jobs.append(Job(transcript, tag=(path, sample), options=per_sample[sample]))
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
        model=described(backend),
        prompts_sha256=prompts.sha256,
        rubric_sha256=rubric.sha256,
    )


def described(backend: Backend | AsyncBackend) -> dict[str, Any]:
    """Return how results name the model, with its identity when it is known."""
    identity = backend.identity()
    return {**backend.describe(), **({"identity": identity} if identity else {})}


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
    } | {
        f"{d.id}.{i['id']}_{name}": float(value)
        for d in card.dimensions
        for i in d.indicators
        for name, value in dict(i.get("aggregates") or {}).items()
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
