"""The indicator method: yes/no questions read as probabilities, counts, a calibration."""

from __future__ import annotations

from collections.abc import Sequence

from grader.errors import OutputError
from grader.grading.context import GradingContext, failed
from grader.grading.indicators import IndicatorResult, ask_indicators, score
from grader.grading.prompts import base_context
from grader.grading.schema import MAX_QUOTES, DimensionAnswer, Quote, QuotesAnswer
from grader.grading.scorecard import SAMPLED_ANSWERS, DimensionResult
from grader.grading.structured import Parallel, Steps
from grader.rubrics.levels import Level, level_for
from grader.rubrics.rubric import Dimension
from grader.transcripts.chunking import Chunk
from grader.transcripts.features import PREFIX as TEXT_PREFIX


class Indicators:
    """Ask each dimension's indicators, then decide the level and quote the evidence."""

    def grade(
        self, ctx: GradingContext, chunks: Sequence[Chunk]
    ) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield the questions and quote requests; return results and method name."""
        dims = ctx.rubric.dimensions
        asked: list[list[IndicatorResult] | OutputError] = yield Parallel(
            [_ask(ctx, dim, chunks) for dim in dims]
        )
        answers = {
            f"{dim.id}.{result.id}": result.p_yes
            for dim, found in zip(dims, asked, strict=True)
            if not isinstance(found, OutputError)
            for result in found
        } | ctx.counts
        results: list[DimensionResult] = yield Parallel(
            [
                _decide(ctx, dim, chunks, found, answers)
                for dim, found in zip(dims, asked, strict=True)
            ]
        )
        return results, "indicators" if len(chunks) == 1 else "indicators_chunked"


def _ask(
    ctx: GradingContext, dim: Dimension, chunks: Sequence[Chunk]
) -> Steps[list[IndicatorResult] | OutputError]:
    """Ask the dimension's indicators; one counts as met if it is met in any part.

    A question without a usable answer fails the dimension: its error is returned.
    """
    per_chunk = []
    for chunk in chunks:
        try:
            found = yield from ask_indicators(
                ctx.model,
                ctx.prompts,
                chunk.turns,
                dim,
                ctx.usage,
                ctx.cache,
                ctx.options.max_attempts,
            )
        except OutputError as exc:
            return exc
        per_chunk.append(found)
    return [max(group, key=lambda r: r.p_yes) for group in zip(*per_chunk, strict=True)]


def _decide(
    ctx: GradingContext,
    dim: Dimension,
    chunks: Sequence[Chunk],
    found: list[IndicatorResult] | OutputError,
    answers: dict[str, float],
) -> Steps[DimensionResult]:
    """Decide one dimension's level from the indicator answers, then quote evidence."""
    if isinstance(found, OutputError):
        return failed(dim, found, "")
    if not dim.indicators:
        error = OutputError(f"dimension {dim.id!r} has no indicators", attempts=0, reasons=[])
        return failed(dim, error, "")
    quotes: list[Quote] = []
    attempts, sha = 0, ""
    for chunk in chunks:
        prompt = ctx.prompts.messages(
            "extract.j2", **base_context(chunk.turns), dimension=dim, indicators=dim.indicators
        )
        sha = sha or prompt.sha256
        try:
            quoted = yield from ctx.ask(prompt, QuotesAnswer, f"quoting {dim.id}")
        except OutputError:
            continue
        attempts = max(attempts, quoted.attempts)
        quotes.extend(quoted.value.evidence)
    calibration = ctx.options.fitted
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
    result = ctx.result(dim, answer, attempts, sha)
    result.rationale = "Indicators (P(yes)): " + ", ".join(f"{r.id} {r.p_yes:.2f}" for r in found)
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
