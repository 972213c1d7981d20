"""Grading one transcript: plan chunks, ask per dimension, verify evidence, build the scorecard."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from grader.backends.base import Backend, ModelInfo, Settings, Usage
from grader.cache import ResponseCache
from grader.calibration import Calibration
from grader.chunking import Chunk, plan
from grader.errors import OutputError, TranscriptError
from grader.evidence import Evidence, verify_all
from grader.indicators import IndicatorResult, ask_indicators, score
from grader.injection import detect
from grader.levels import Level, level_for
from grader.prompts import PromptSet, RenderedPrompt, base_context, format_turns, level_context
from grader.redaction import Redaction, redact
from grader.rubric import Dimension, Rubric
from grader.schema import (
    MAX_QUOTES,
    DimensionAnswer,
    EvidenceAnswer,
    LevelFirstAnswer,
    Quote,
    QuotesAnswer,
    all_dimensions_model,
)
from grader.scorecard import (
    FAILED,
    INTERVIEWER_QUOTES_DROPPED,
    NO_VERIFIED_EVIDENCE,
    POSSIBLE_PROMPT_INJECTION,
    RELOCATED_QUOTES,
    RETRIED,
    SAMPLED_ANSWERS,
    UNVERIFIED_QUOTES_DROPPED,
    DimensionResult,
    Scorecard,
)
from grader.set_aside import set_aside
from grader.structured import Answer, Parallel, Steps, T, ask_steps, run_steps
from grader.text_features import PREFIX as TEXT_PREFIX
from grader.text_features import text_features
from grader.transcript import Transcript

Strategy = Literal["per_dimension", "all_at_once", "indicators"]
AnswerOrder = Literal["evidence_first", "level_first"]
# Chosen by the eval harness on the dev split (evals/reports/comparison-dev/comparison.md).
DEFAULT_STRATEGY: Strategy = "indicators"
Progress = Callable[[str], None]
MAX_MERGED_QUOTES = 12
MAX_TRANSCRIPT_TOKENS = 500_000
MAX_TRANSCRIPT_BYTES = 2_000_000


@dataclass(frozen=True)
class GradeOptions:
    """How to grade.

    Attributes:
        strategy: One call per dimension (the library's default; calls share the transcript
            prefix), one call for all dimensions, or the indicator method (the command
            line's default, DEFAULT_STRATEGY).
        max_attempts: Upper bound on calls for one answer.
        settings: Sampling settings.
        chunk_budget: Tokens the transcript may take in one prompt; by default the backend's
            context minus ``reserve_tokens``.
        reserve_tokens: Room left for instructions, descriptors and the answer.
        calibration: Score-to-level cuts for the indicator method (the rubric's cuts if
            None).
        redact: Replace emails, phone numbers, URLs and names with placeholders before
            anything is sent to the model; quotes are shown in the original words.
        redact_names: More names to redact, besides the speakers'.
        max_tokens_per_transcript: Largest transcript graded, in the model's tokens; a
            longer one is refused before any call (None: no limit).
        max_bytes: Largest transcript file read, in bytes; applied by callers that read
            files (batch, eval) when they load it.
        answer_order: For one call per dimension: quotes and rationale before the level
            (the default), or the level first.
    """

    strategy: Strategy = "per_dimension"
    max_attempts: int = 3
    settings: Settings = field(default_factory=Settings)
    chunk_budget: int | None = None
    reserve_tokens: int = 2000
    calibration: Calibration | None = None
    redact: bool = False
    redact_names: tuple[str, ...] = ()
    max_tokens_per_transcript: int | None = MAX_TRANSCRIPT_TOKENS
    max_bytes: int = MAX_TRANSCRIPT_BYTES
    answer_order: AnswerOrder = "evidence_first"


def grade(
    transcript: Transcript,
    rubric: Rubric,
    backend: Backend,
    *,
    prompts: PromptSet | None = None,
    options: GradeOptions | None = None,
    progress: Progress | None = None,
    cache: ResponseCache | None = None,
) -> Scorecard:
    """Grade one transcript on every dimension of ``rubric``.

    A dimension whose answers stay invalid is reported as failed with the reason; the other
    dimensions are still graded.

    Raises:
        BackendError: The backend cannot be reached or keeps failing.
    """
    steps = grade_steps(transcript, rubric, backend, prompts=prompts, options=options, cache=cache)
    return run_steps(steps, backend, progress)


def grade_steps(
    transcript: Transcript,
    rubric: Rubric,
    model: ModelInfo,
    *,
    prompts: PromptSet | None = None,
    options: GradeOptions | None = None,
    cache: ResponseCache | None = None,
) -> Steps[Scorecard]:
    """Yield the model requests of :func:`grade` and return its scorecard.

    Dimensions (and chunks) are yielded as :class:`~grader.structured.Parallel` work, so a
    driver that can wait on many requests at once may send them together.
    """
    from grader import __version__

    prompts = prompts or PromptSet()
    options = options or GradeOptions()
    _check_size(transcript, model, options.max_tokens_per_transcript)
    started = time.monotonic()
    usage = Usage()
    budget = options.chunk_budget or max(512, model.context_tokens - options.reserve_tokens)
    original = transcript
    findings = detect(original)
    if findings:
        # The model never sees a passage addressed to a grader (the flag reports it).
        transcript = set_aside(transcript)
    counts = text_features(transcript, rubric.terms())
    redaction = None
    if options.redact:
        transcript, redaction = redact(transcript, options.redact_names)
    chunks = plan(transcript.turns, budget, model.count_tokens)
    job = _Job(transcript, rubric, model, prompts, options, usage, cache)
    if options.strategy == "indicators":
        asked = yield Parallel([job.ask_indicators(dim, chunks) for dim in rubric.dimensions])
        answers = {
            f"{dim.id}.{result.id}": result.p_yes
            for dim, found in zip(rubric.dimensions, asked, strict=True)
            for result in found
        } | counts
        results = yield Parallel(
            [
                job.indicators(dim, chunks, found, answers)
                for dim, found in zip(rubric.dimensions, asked, strict=True)
            ]
        )
        strategy = "indicators" if len(chunks) == 1 else "indicators_chunked"
    elif len(chunks) > 1:
        results = yield from job.map_reduce(chunks)
        strategy = "chunked_evidence_then_level"
    elif options.strategy == "all_at_once":
        results = yield from job.all_at_once()
        strategy = "all_at_once"
    else:
        results = yield Parallel([job.one_dimension(dim) for dim in rubric.dimensions])
        strategy = "per_dimension"
    if redaction is not None:
        results = [_restored(result, redaction) for result in results]
    transcript = original
    labelled = any(turn.role != "unknown" for turn in transcript.turns)
    flags = [] if labelled else ["no_speaker_labels"]
    if findings:
        flags.append(POSSIBLE_PROMPT_INJECTION)
    return Scorecard(
        grader_version=__version__,
        transcript={
            "path": transcript.path,
            "sha256": transcript.sha256,
            "format": transcript.format,
            "turns": len(transcript.turns),
            "candidate_turns": len(transcript.candidate_turns()),
            "words": transcript.word_count,
            "speakers": transcript.speakers(),
        },
        rubric={"id": rubric.id, "version": rubric.version, "sha256": rubric.sha256},
        model=model.describe(),
        prompts={"folder": prompts.folder.name, "sha256": prompts.sha256},
        strategy=strategy,
        chunks=len(chunks),
        dimensions=results,
        flags=flags,
        injection=[asdict(finding) for finding in findings],
        calibration=(
            options.calibration.summary()
            if options.calibration is not None and options.strategy == "indicators"
            else None
        ),
        redaction=redaction.to_summary() if redaction is not None else None,
        text_features=counts,
        warnings=list(transcript.warnings),
        usage=usage.to_dict(),
        elapsed_seconds=round(time.monotonic() - started, 2),
    )


@dataclass
class _Job:
    transcript: Transcript
    rubric: Rubric
    model: ModelInfo
    prompts: PromptSet
    options: GradeOptions
    usage: Usage
    cache: ResponseCache | None

    def ask(
        self, prompt: RenderedPrompt, output: type[T], label: str, settings: Settings | None = None
    ) -> Steps[Answer[T]]:
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

    def one_dimension(self, dim: Dimension) -> Steps[DimensionResult]:
        prompt = self.prompts.messages(
            "dimension.j2",
            **base_context(self.transcript.turns),
            dimension=dim,
            levels=level_context(self.rubric, dim),
            evidence=[],
        )
        try:
            if self.options.answer_order == "level_first":
                first = yield from self.ask(prompt, LevelFirstAnswer, f"grading {dim.id}")
                value, attempts = first.value.as_answer(), first.attempts
            else:
                answer = yield from self.ask(prompt, DimensionAnswer, f"grading {dim.id}")
                value, attempts = answer.value, answer.attempts
        except OutputError as exc:
            return _failed(dim, exc, prompt.sha256)
        return self._result(dim, value, attempts, prompt.sha256)

    def ask_indicators(
        self, dim: Dimension, chunks: Sequence[Chunk]
    ) -> Steps[list[IndicatorResult]]:
        """Ask the dimension's indicators; one counts as met if it is met in any part."""
        per_chunk = []
        for chunk in chunks:
            per_chunk.append(
                (
                    yield from ask_indicators(
                        self.model, self.prompts, chunk.turns, dim, self.usage, self.cache
                    )
                )
            )
        return [max(group, key=lambda r: r.p_yes) for group in zip(*per_chunk, strict=True)]

    def indicators(
        self,
        dim: Dimension,
        chunks: Sequence[Chunk],
        found: list[IndicatorResult],
        answers: dict[str, float],
    ) -> Steps[DimensionResult]:
        """Decide one dimension's level from the indicator answers, then quote evidence."""
        if not dim.indicators:
            error = OutputError(f"dimension {dim.id!r} has no indicators", attempts=0, reasons=[])
            return _failed(dim, error, "")
        quotes: list[Quote] = []
        attempts, sha = 0, ""
        for chunk in chunks:
            prompt = self.prompts.messages(
                "extract.j2", **base_context(chunk.turns), dimension=dim, indicators=dim.indicators
            )
            sha = sha or prompt.sha256
            try:
                quoted = yield from self.ask(prompt, QuotesAnswer, f"quoting {dim.id}")
            except OutputError:
                continue
            attempts = max(attempts, quoted.attempts)
            quotes.extend(quoted.value.evidence)
        calibration = self.options.calibration
        fitted = calibration.dimensions.get(dim.id) if calibration else None
        calibrated = calibration.score(dim.id, answers) if calibration else None
        probabilities, counted = None, ""
        if fitted is not None and calibrated is not None:
            value, level = calibrated, level_for(calibrated, fitted.cuts)
            probabilities = fitted.probabilities(value)
            counted = ", ".join(
                f"{name.removeprefix(TEXT_PREFIX)} "
                + (f"{answers[name]:.0f}" if name in answers else "unknown, scored at its mean")
                + (" (lowers the score)" if fitted.weights[name] < 0 else "")
                for name in fitted.counts_used()
            )
        else:
            value = score(dim.indicators, found)
            level = level_for(value, dim.cuts)
        answer = DimensionAnswer(evidence=quotes[:MAX_QUOTES], rationale="", level=level)
        result = self._result(dim, answer, attempts, sha)
        result.rationale = "Indicators (P(yes)): " + ", ".join(
            f"{r.id} {r.p_yes:.2f}" for r in found
        )
        if counted:
            result.rationale += "; counts: " + counted
        result.score = round(value, 4)
        result.indicators = [r.to_dict() for r in found]
        if probabilities is not None:
            result.level_probabilities = {
                item.value: round(p, 4) for item, p in zip(Level, probabilities, strict=True)
            }
        if any(r.method == "sampled" for r in found):
            result.flags.append(SAMPLED_ANSWERS)
        return result

    def all_at_once(self) -> Steps[list[DimensionResult]]:
        ids = [dim.id for dim in self.rubric.dimensions]
        prompt = self.prompts.messages(
            "all_dimensions.j2",
            **base_context(self.transcript.turns),
            dimensions=[
                {"id": d.id, "title": d.title, "levels": level_context(self.rubric, d)}
                for d in self.rubric.dimensions
            ],
        )
        settings = self.options.settings
        wide = Settings(settings.max_tokens * len(ids), settings.temperature, settings.seed)
        label = "grading all dimensions in one call"
        try:
            answer = yield from self.ask(prompt, all_dimensions_model(ids), label, wide)
        except OutputError as exc:
            return [_failed(dim, exc, prompt.sha256) for dim in self.rubric.dimensions]
        return [
            self._result(dim, getattr(answer.value, dim.id), answer.attempts, prompt.sha256)
            for dim in self.rubric.dimensions
        ]

    def map_reduce(self, chunks: Sequence[Chunk]) -> Steps[list[DimensionResult]]:
        collected: dict[str, list[Evidence]] = {dim.id: [] for dim in self.rubric.dimensions}
        summaries: dict[str, list[str]] = {dim.id: [] for dim in self.rubric.dimensions}
        failures: dict[str, list[str]] = {dim.id: [] for dim in self.rubric.dimensions}
        # Chunks outside, dimensions inside: consecutive calls share the chunk as a prefix.
        parts = [(chunk, dim) for chunk in chunks for dim in self.rubric.dimensions]
        found: list[tuple[list[Evidence], str, str]] = yield Parallel(
            [self._collect(chunk, len(chunks), dim) for chunk, dim in parts]
        )
        for (_, dim), (evidence, summary, failure) in zip(parts, found, strict=True):
            collected[dim.id].extend(evidence)
            if summary:
                summaries[dim.id].append(summary)
            if failure:
                failures[dim.id].append(failure)
        results: list[DimensionResult] = yield Parallel(
            [
                self._decide(dim, collected[dim.id], summaries[dim.id], failures[dim.id])
                for dim in self.rubric.dimensions
            ]
        )
        return results

    def _collect(
        self, chunk: Chunk, chunk_count: int, dim: Dimension
    ) -> Steps[tuple[list[Evidence], str, str]]:
        """Return one chunk's usable evidence, its summary and any failure, for one dimension."""
        prompt = self.prompts.messages(
            "chunk_evidence.j2",
            **base_context(chunk.turns),
            chunk_index=chunk.index,
            chunk_count=chunk_count,
            dimension=dim,
            levels=level_context(self.rubric, dim),
        )
        label = f"collecting {dim.id} evidence, part {chunk.index}/{chunk_count}"
        try:
            found = yield from self.ask(prompt, EvidenceAnswer, label)
        except OutputError as exc:
            return [], "", f"part {chunk.index}: {exc}"
        verified = verify_all(found.value.evidence, self.transcript)
        summary = found.value.summary.strip()
        return (
            [item for item in verified if item.usable],
            f"part {chunk.index}: {summary}" if summary else "",
            "",
        )

    def _decide(
        self, dim: Dimension, evidence: list[Evidence], summaries: list[str], failures: list[str]
    ) -> Steps[DimensionResult]:
        unique = {(e.turn_id, e.start, e.end): e for e in evidence}
        merged = list(unique.values())[:MAX_MERGED_QUOTES]
        prompt = self.prompts.messages(
            "decide.j2",
            evidence=[{"turn_id": e.turn_id, "quote": e.quote} for e in merged],
            summaries=summaries,
            dimension=dim,
            levels=level_context(self.rubric, dim),
            level_ids=[lvl.value for lvl in Level],
            max_quotes=3,
        )
        try:
            answer = yield from self.ask(prompt, DimensionAnswer, f"deciding {dim.id}")
        except OutputError as exc:
            return _failed(dim, exc, prompt.sha256)
        result = self._result(dim, answer.value, answer.attempts, prompt.sha256)
        if failures:
            result.flags.append("evidence_collection_failed_in_some_parts")
        return result

    def _result(
        self, dim: Dimension, answer: DimensionAnswer, attempts: int, prompt_sha256: str
    ) -> DimensionResult:
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


def _check_size(transcript: Transcript, model: ModelInfo, limit: int | None) -> None:
    """Refuse a transcript longer than ``limit`` tokens, before any model call.

    Counting is skipped when the text has fewer UTF-8 bytes than the limit: no tokenizer
    used here makes more tokens than bytes, and counting every transcript would cost a
    batch time for nothing.
    """
    if limit is None:
        return
    text = format_turns(transcript.turns)
    if len(text.encode("utf-8")) < limit:
        return
    tokens = model.count_tokens(text)
    if tokens > limit:
        raise TranscriptError(
            transcript.path,
            f"the transcript has {tokens:,} tokens, over the {limit:,}-token limit",
            hint="Split or trim it, or raise the limit with --max-transcript-tokens "
            "(GRADER_MAX_TRANSCRIPT_TOKENS)",
        )


def _restored(result: DimensionResult, redaction: Redaction) -> DimensionResult:
    """Show quotes found in the redacted text in the transcript's original words."""
    return result.model_copy(
        update={
            "evidence": [_restore_quote(e, redaction) for e in result.evidence],
            "rejected_evidence": [_restore_quote(e, redaction) for e in result.rejected_evidence],
            "rationale": redaction.restore(result.rationale),
        }
    )


def _restore_quote(item: Evidence, redaction: Redaction) -> Evidence:
    # Offsets refer to the redacted turn; the restored quote is found again by verification
    # of the original text when a report needs its position.
    return item.model_copy(
        update={"quote": redaction.restore(item.quote), "start": None, "end": None}
    )


def _failed(dim: Dimension, exc: OutputError, prompt_sha256: str) -> DimensionResult:
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
