"""Grading one transcript: set aside, redact, chunk, run the method, build the scorecard."""

from __future__ import annotations

import time
from dataclasses import asdict

from grader.backends.base import ModelInfo, Usage
from grader.backends.cache import ResponseCache
from grader.errors import TranscriptError
from grader.grading.context import GradingContext
from grader.grading.evidence import Evidence
from grader.grading.options import UNCALIBRATED, GradeOptions, resolve_options
from grader.grading.plan import chunk_budget
from grader.grading.prompts import PromptSet
from grader.grading.scorecard import POSSIBLE_PROMPT_INJECTION, DimensionResult, Scorecard
from grader.grading.strategies import method_for
from grader.grading.structured import Steps
from grader.rubrics.rubric import Rubric
from grader.safety.injection import detect
from grader.safety.redaction import Redaction, redact
from grader.safety.set_aside import set_aside
from grader.transcripts.chunking import plan
from grader.transcripts.features import text_features
from grader.transcripts.render import format_turns
from grader.transcripts.transcript import Transcript


def transcript_counts(transcript: Transcript, rubric: Rubric) -> dict[str, float]:
    """Return the counts from the text a grade weighs (``text.*``, see :func:`text_features`).

    They are read after passages addressed to a grader have been set aside.
    """
    if detect(transcript):
        transcript = set_aside(transcript)
    return text_features(transcript, rubric.terms())


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

    Dimensions (and chunks) are yielded as :class:`~grader.grading.structured.Parallel` work, so a
    driver that can wait on many requests at once may send them together.
    """
    from grader import __version__

    prompts = prompts or PromptSet()
    options = resolve_options(options, model, rubric, prompts.sha256)
    _check_size(transcript, model, options.max_tokens_per_transcript)
    started = time.monotonic()
    usage = Usage()
    budget = chunk_budget(model, options)
    original = transcript
    findings = detect(original)
    if findings:
        # The model never sees a passage addressed to a grader (the flag reports it).
        transcript = set_aside(transcript)
    counts = text_features(transcript, rubric.terms())  # as transcript_counts, set aside once
    redaction = None
    if options.redacts:
        transcript, redaction = redact(transcript, options.redact_names)
    chunks = plan(transcript.turns, budget, model.count_tokens)
    ctx = GradingContext(transcript, rubric, model, prompts, options, usage, cache, counts)
    results, strategy = yield from method_for(options.strategy).grade(ctx, chunks)
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
        calibration=(options.fitted.summary() if options.fitted is not None else None),
        redaction=redaction.to_summary() if redaction is not None else None,
        text_features=counts,
        warnings=list(transcript.warnings) + ([UNCALIBRATED] if options.uncalibrated else []),
        usage=usage.to_dict(),
        elapsed_seconds=round(time.monotonic() - started, 2),
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
