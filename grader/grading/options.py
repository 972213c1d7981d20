"""How to grade, and the one place its defaults are decided.

:class:`GradeOptions` holds every setting of a grading run; the fields that depend on the
model are left for the library to decide ("shipped" calibration, redaction unset).
:func:`resolve_options` decides them once the model is known: the shipped calibration fitted
for that model, rubric and prompts, and redaction whenever requests leave this machine. The
grading pipeline resolves the options of every transcript it grades, so the command line,
the batch runners, the eval harness, the audit and the Python API grade the same transcript
with the same settings the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args
from urllib.parse import urlparse

from grader.backends.base import ModelInfo, Settings
from grader.calibration.files import find_calibration, load_calibration
from grader.calibration.model import Calibration
from grader.errors import ConfigError
from grader.rubrics.rubric import Rubric

Strategy = Literal["per_dimension", "all_at_once", "indicators", "passages"]
STRATEGIES: tuple[Strategy, ...] = get_args(Strategy)
# Methods whose levels follow from answers by a calibration (or the rubric's cuts).
CALIBRATED: tuple[Strategy, ...] = ("indicators", "passages")
AnswerOrder = Literal["evidence_first", "level_first"]
# Chosen by leaving one writing style out (evals/reports/counts/README.md): the passage
# method agreed better with the splits left out than the indicator method, in half the time.
DEFAULT_STRATEGY: Strategy = "passages"
MAX_TRANSCRIPT_TOKENS = 500_000
MAX_TRANSCRIPT_BYTES = 2_000_000
DEFAULT_MAX_ATTEMPTS = 3
UNCALIBRATED = (
    "levels are uncalibrated: no calibration was fitted for this model, rubric and prompts, "
    "so the rubric's default cuts decide them (calibrate the model with grader "
    "calibrate-model, or pass --calibration)"
)
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# "shipped": the calibration shipped for this model, rubric and prompts (if any);
# "rubric_cuts": none, the rubric's own cuts; or a calibration, or the path of its file.
CalibrationChoice = Calibration | Path | Literal["shipped", "rubric_cuts"]


@dataclass(frozen=True)
class GradeOptions:
    """How to grade.

    Build these with :func:`resolve_options`, which fills in the calibration and redaction
    that fit the model; constructing them directly takes every field as given.

    Attributes:
        strategy: The indicator method (the default), one call per dimension, or one call
            for all dimensions.
        max_attempts: Upper bound on calls for one answer.
        settings: Sampling settings.
        chunk_budget: Tokens the transcript may take in one prompt; by default the backend's
            context minus ``reserve_tokens``.
        reserve_tokens: Room left for instructions, descriptors and the answer.
        calibration: How indicator answers map to levels: "shipped" (the default: the
            calibration shipped for this model, rubric and prompts, else the rubric's cuts),
            "rubric_cuts", a :class:`Calibration`, or the path of a calibration file. Levels
            from the rubric's cuts are marked uncalibrated in the scorecard.
        redact: Replace emails, phone numbers, URLs and names with placeholders before
            anything is sent to the model; quotes are shown in the original words. None
            (the default): redact when requests leave this machine.
        redact_names: More names to redact, besides the speakers'.
        max_tokens_per_transcript: Largest transcript graded, in the model's tokens; a
            longer one is refused before any call (None: no limit).
        max_bytes: Largest transcript file read, in bytes; applied by callers that read
            files (batch, eval) when they load it.
        answer_order: For one call per dimension: quotes and rationale before the level
            (the default), or the level first.
    """

    strategy: Strategy = DEFAULT_STRATEGY
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    settings: Settings = field(default_factory=Settings)
    chunk_budget: int | None = None
    reserve_tokens: int = 2000
    calibration: CalibrationChoice = "shipped"
    redact: bool | None = None
    redact_names: tuple[str, ...] = ()
    max_tokens_per_transcript: int | None = MAX_TRANSCRIPT_TOKENS
    max_bytes: int = MAX_TRANSCRIPT_BYTES
    answer_order: AnswerOrder = "evidence_first"

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise ConfigError(
                f"unknown grading method {self.strategy!r}",
                hint=f"Use one of {', '.join(STRATEGIES)}",
            )
        if self.max_attempts < 1:
            raise ConfigError("max attempts must be at least 1", hint="Pass 1 or more")

    @property
    def fitted(self) -> Calibration | None:
        """The calibration the method uses, once resolved (None: the rubric's cuts)."""
        if self.strategy not in CALIBRATED or not isinstance(self.calibration, Calibration):
            return None
        return self.calibration

    @property
    def uncalibrated(self) -> bool:
        """True when the method maps answers to levels with no fitted calibration."""
        return self.strategy in CALIBRATED and self.fitted is None

    @property
    def redacts(self) -> bool:
        """Whether personal data is redacted (once resolved; unresolved counts as no)."""
        return bool(self.redact)


def resolve_options(
    options: GradeOptions | None,
    model: ModelInfo,
    rubric: Rubric,
    prompts_sha256: str,
) -> GradeOptions:
    """Return ``options`` with everything the library decides filled in for ``model``.

    A calibration file is loaded; "shipped" becomes the calibration shipped for this model,
    rubric and prompts, or "rubric_cuts" when there is none; redaction left unset becomes
    on exactly when requests leave this machine. Resolving resolved options changes nothing.

    Args:
        options: The caller's options (None: every default).
        model: The model that will answer.
        rubric: The rubric graded against.
        prompts_sha256: The prompt set's hash (a calibration is fitted for one prompt set).

    Raises:
        ConfigError: A calibration file that cannot be used.
    """
    options = options or GradeOptions()
    calibration: CalibrationChoice = options.calibration
    if isinstance(calibration, str) and calibration not in ("shipped", "rubric_cuts"):
        calibration = Path(calibration)
    if isinstance(calibration, Path):
        calibration = load_calibration(calibration, rubric)
    if (
        isinstance(calibration, Calibration)
        and options.strategy in CALIBRATED
        and calibration.strategy != options.strategy
    ):
        raise ConfigError(
            f"calibration {calibration.id!r} was fitted for the {calibration.strategy} method, "
            f"not {options.strategy}",
            hint=f"Grade with --strategy {calibration.strategy}, or fit one for "
            f"{options.strategy} with: grader calibrate",
        )
    elif calibration == "shipped":
        # By name, else by what the model is (the same GGUF served under another name).
        found = find_calibration(
            model.model, rubric, prompts_sha256, options.strategy, model.identity
        )
        calibration = found if found is not None else "rubric_cuts"
    redact = options.redact if options.redact is not None else leaves_machine(model)
    return replace(options, calibration=calibration, redact=redact)


def leaves_machine(model: ModelInfo) -> bool:
    """Tell whether requests to this model go to another machine."""
    if model.name in ("local", "fake"):
        return False
    host = urlparse(str(model.describe().get("base_url", ""))).hostname or ""
    return host not in _LOOPBACK
