"""What every grading method shares for one transcript: asking the model, building results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from grader.backends.base import ModelInfo, Settings, Usage
from grader.backends.cache import ResponseCache
from grader.calibration.model import DimensionCalibration
from grader.errors import OutputError
from grader.grading.evidence import verify_all
from grader.grading.options import GradeOptions
from grader.grading.prompts import PromptSet, RenderedPrompt
from grader.grading.schema import DimensionAnswer
from grader.grading.scorecard import (
    FAILED,
    INTERVIEWER_QUOTES_DROPPED,
    NO_VERIFIED_EVIDENCE,
    RELOCATED_QUOTES,
    RETRIED,
    UNVERIFIED_QUOTES_DROPPED,
    DimensionResult,
)
from grader.grading.structured import Answer, Steps, T, ask_steps
from grader.rubrics.levels import Level, level_for
from grader.rubrics.rubric import Dimension, Rubric
from grader.transcripts.features import PREFIX as TEXT_PREFIX
from grader.transcripts.transcript import Transcript


@dataclass
class GradingContext:
    """One transcript being graded: what a method needs to ask and to report.

    Attributes:
        transcript: The text the model sees (injected passages set aside, redacted if asked).
        rubric: The rubric graded against.
        model: The model that answers.
        prompts: The prompt templates.
        options: How to grade.
        usage: Calls and tokens, added to as answers arrive.
        cache: Valid answers already paid for, if any.
        counts: Observable counts from the candidate's words (``text.*``).
    """

    transcript: Transcript
    rubric: Rubric
    model: ModelInfo
    prompts: PromptSet
    options: GradeOptions
    usage: Usage
    cache: ResponseCache | None
    counts: dict[str, float]

    def ask(
        self, prompt: RenderedPrompt, output: type[T], label: str, settings: Settings | None = None
    ) -> Steps[Answer[T]]:
        """Ask for one structured answer, validated and retried within the options' bound."""
        return ask_steps(
            self.model,
            self.prompts,
            prompt,
            output,
            settings or self.options.settings,
            max_attempts=self.options.max_attempts,
            usage=self.usage,
            cache=self.cache,
            label=label,
        )

    def result(
        self, dim: Dimension, answer: DimensionAnswer, attempts: int, prompt_sha256: str
    ) -> DimensionResult:
        """Turn an answer into a dimension result, showing only quotes found in the text."""
        evidence = verify_all(answer.evidence, self.transcript)
        shown = [item for item in evidence if item.usable]
        rejected = [item for item in evidence if not item.usable]
        flags = []
        if any(item.status == "unverified" for item in rejected):
            flags.append(UNVERIFIED_QUOTES_DROPPED)
        if any(item.status == "not_candidate" for item in rejected):
            flags.append(INTERVIEWER_QUOTES_DROPPED)
        if any(item.status == "relocated" for item in shown):
            flags.append(RELOCATED_QUOTES)
        if attempts > 1:
            flags.append(RETRIED)
        if answer.level != Level.VERY_WEAK and not shown:
            flags.append(NO_VERIFIED_EVIDENCE)
        return DimensionResult(
            id=dim.id,
            title=dim.title,
            level=answer.level,
            level_name=self.rubric.level_name(answer.level),
            evidence=shown,
            rejected_evidence=rejected,
            rationale=answer.rationale.strip(),
            flags=flags,
            attempts=attempts,
            prompt_sha256=prompt_sha256,
        )


def failed(dim: Dimension, exc: OutputError, prompt_sha256: str) -> DimensionResult:
    """Return a dimension that has no level, with the reason its answers were unusable."""
    return DimensionResult(
        id=dim.id,
        title=dim.title,
        level=None,
        level_name=None,
        flags=[FAILED],
        error=str(exc),
        attempts=exc.attempts,
        prompt_sha256=prompt_sha256,
    )


@dataclass(frozen=True)
class Calibrated:
    """A dimension's level decided by the fitted calibration.

    Attributes:
        score: The calibrated score.
        level: The level its cuts give.
        probabilities: Probability per level id (None when the calibration has no spread).
        counts: The counts from the text it weighed, in words ("numbers 7, questions 2").
    """

    score: float
    level: Level
    probabilities: dict[str, float] | None
    counts: str


def calibrated(
    ctx: GradingContext, dim: Dimension, answers: Mapping[str, float]
) -> Calibrated | None:
    """Decide ``dim``'s level with the fitted calibration; None when there is none for it.

    Every method's answers are read together with the counts from the text, so a
    calibration that weighs a count always gets it (a missing one is scored at its mean).
    """
    calibration = ctx.options.fitted
    fitted = calibration.dimensions.get(dim.id) if calibration else None
    read = {**ctx.counts, **answers}
    value = calibration.score(dim.id, read) if calibration else None
    if fitted is None or value is None:
        return None
    probabilities = fitted.probabilities(value)
    return Calibrated(
        score=value,
        level=level_for(value, fitted.cuts),
        probabilities=None
        if probabilities is None
        else {item.value: round(p, 4) for item, p in zip(Level, probabilities, strict=True)},
        counts=_counts_note(fitted, read),
    )


def _counts_note(fitted: DimensionCalibration, answers: Mapping[str, float]) -> str:
    """Say in words which counts from the text a calibrated level used, and their values."""
    return ", ".join(
        f"{name.removeprefix(TEXT_PREFIX)} "
        + (f"{answers[name]:.0f}" if name in answers else "unknown, scored at its mean")
        + (" (lowers the score)" if fitted.weights[name] < 0 else "")
        for name in fitted.counts_used()
    )
