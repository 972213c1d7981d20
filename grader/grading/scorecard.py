"""The result of grading one transcript: what reports, batches and evals consume."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from grader.grading.comparison import Comparison
from grader.grading.evidence import Evidence
from grader.rubrics.levels import Level

# Flags a dimension can carry; each is explained in the report.
NO_VERIFIED_EVIDENCE = "no_verified_evidence"
UNVERIFIED_QUOTES_DROPPED = "unverified_quotes_dropped"
INTERVIEWER_QUOTES_DROPPED = "interviewer_quotes_dropped"
RELOCATED_QUOTES = "relocated_quotes"
RETRIED = "retried"
FAILED = "failed"
POSSIBLE_PROMPT_INJECTION = "possible_prompt_injection"
SAMPLED_ANSWERS = "sampled_answers"

FLAG_HELP = {
    POSSIBLE_PROMPT_INJECTION: "the transcript contains text aimed at an automated grader; "
    "the model was not shown those passages, and a person should look at them",
    NO_VERIFIED_EVIDENCE: "level above very_weak with no verified quote from the candidate",
    UNVERIFIED_QUOTES_DROPPED: "the model cited quotes not found in the transcript; not shown",
    INTERVIEWER_QUOTES_DROPPED: "the model cited the interviewer's words; not shown",
    RELOCATED_QUOTES: "some quotes were found in another turn than the one cited",
    RETRIED: "the model's first answer was unusable and it was asked again",
    FAILED: "no valid answer within the retry bound; no level is given",
    SAMPLED_ANSWERS: "the backend gave no token probabilities; yes/no answers were sampled",
}


class DimensionResult(BaseModel):
    """The grade for one dimension.

    Attributes:
        id: Dimension id.
        title: Dimension title.
        level: Level id, or None when grading this dimension failed.
        level_name: The rubric's display name for the level.
        evidence: Verified or relocated quotes from the candidate.
        rejected_evidence: Quotes that were not shown, with their status.
        rationale: The model's short reason.
        flags: Problems a reader should know about (see FLAG_HELP).
        error: Why the dimension failed, when it did.
        attempts: Model calls made for the final answer.
        prompt_sha256: Hash of the rendered request.
        score: The indicator method's score in [0, 1] (None for other methods).
        indicators: Each indicator's P(yes), for the indicator method.
        level_probabilities: P(level) per level id, from a calibration's ordinal model of
            the score (None when the method gives no distribution).
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    level: Level | None
    level_name: str | None
    evidence: list[Evidence] = Field(default_factory=list)
    rejected_evidence: list[Evidence] = Field(default_factory=list)
    rationale: str = ""
    flags: list[str] = Field(default_factory=list)
    error: str | None = None
    attempts: int = 0
    prompt_sha256: str = ""
    score: float | None = None
    indicators: list[dict[str, Any]] = Field(default_factory=list)
    level_probabilities: dict[str, float] | None = None

    def confidence(self) -> float | None:
        """Return the probability of the level given, where the method gives one."""
        if not self.level_probabilities or self.level is None:
            return None
        return self.level_probabilities.get(self.level.value, 0.0)


class Scorecard(BaseModel):
    """Everything known about one grading run of one transcript."""

    model_config = ConfigDict(extra="forbid")

    grader_version: str
    transcript: dict[str, Any]
    rubric: dict[str, Any]
    model: dict[str, Any]
    prompts: dict[str, Any]
    strategy: str
    chunks: int
    dimensions: list[DimensionResult]
    flags: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    injection: list[dict[str, Any]] = Field(default_factory=list)
    redaction: dict[str, Any] | None = None
    calibration: dict[str, Any] | None = None
    text_features: dict[str, float] = Field(default_factory=dict)
    usage: dict[str, int]
    elapsed_seconds: float
    # The interviewer's own levels beside the model's, when `grade --compare` gave them.
    comparison: Comparison | None = None

    @property
    def failed(self) -> list[DimensionResult]:
        """Dimensions that have no level."""
        return [dim for dim in self.dimensions if dim.level is None]

    def levels(self) -> dict[str, str | None]:
        """Return ``{dimension id: level id or None}``."""
        return {dim.id: dim.level.value if dim.level else None for dim in self.dimensions}

    def to_json(self) -> dict[str, Any]:
        """Return the scorecard as JSON data."""
        return self.model_dump(mode="json")
