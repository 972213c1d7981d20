"""The indicator method: yes/no questions read as probabilities, counts, a calibration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from grader.errors import OutputError
from grader.grading.context import GradingContext, calibrated, failed
from grader.grading.indicators import IndicatorResult, ask_indicators, score
from grader.grading.prompts import base_context
from grader.grading.schema import MAX_QUOTES, DimensionAnswer, Quote, QuotesAnswer
from grader.grading.scorecard import SAMPLED_ANSWERS, DimensionResult
from grader.grading.structured import Parallel, Steps
from grader.rubrics.levels import level_for
from grader.rubrics.rubric import Dimension
from grader.transcripts.chunking import Chunk


class Indicators:
    """Ask each dimension's indicators, then decide the level and quote the evidence.

    Chunks are the outer loop and dimensions the inner one: every question and quote
    request about one chunk follows the others, so the embedded model evaluates each
    chunk's text once and reuses it (the prompts start with the chunk).
    """

    def grade(
        self, ctx: GradingContext, chunks: Sequence[Chunk]
    ) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield the questions and quote requests; return results and method name."""
        dims = ctx.rubric.dimensions
        per_chunk: list[list[list[IndicatorResult] | OutputError]] = []
        for chunk in chunks:
            per_chunk.append((yield Parallel([_ask(ctx, dim, chunk) for dim in dims])))
        asked = [_merge([found[i] for found in per_chunk]) for i in range(len(dims))]
        answers = {
            f"{dim.id}.{result.id}": result.p_yes
            for dim, found in zip(dims, asked, strict=True)
            if not isinstance(found, OutputError)
            for result in found
        } | ctx.counts
        quoting = [
            dim
            for dim, found in zip(dims, asked, strict=True)
            if not isinstance(found, OutputError) and dim.indicators
        ]
        quoted: dict[str, _Quoted] = {dim.id: _Quoted() for dim in quoting}
        for chunk in chunks:
            got: list[_Quoted] = yield Parallel([_quote(ctx, dim, chunk) for dim in quoting])
            for dim, found in zip(quoting, got, strict=True):
                quoted[dim.id].add(found)
        results = [
            _decide(ctx, dim, found, answers, quoted.get(dim.id, _Quoted()))
            for dim, found in zip(dims, asked, strict=True)
        ]
        return results, "indicators" if len(chunks) == 1 else "indicators_chunked"


@dataclass
class _Quoted:
    """A dimension's quotes gathered over the chunks (with the most attempts one took)."""

    quotes: list[Quote] = field(default_factory=list)
    attempts: int = 0
    sha: str = ""

    def add(self, other: _Quoted) -> None:
        self.quotes.extend(other.quotes)
        self.attempts = max(self.attempts, other.attempts)
        self.sha = self.sha or other.sha


def _ask(
    ctx: GradingContext, dim: Dimension, chunk: Chunk
) -> Steps[list[IndicatorResult] | OutputError]:
    """Ask the dimension's indicators about one chunk; return an unusable answer's error."""
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
    return found


def _merge(
    per_chunk: list[list[IndicatorResult] | OutputError],
) -> list[IndicatorResult] | OutputError:
    """Return each indicator's best answer over the chunks, or the first failed question's error."""
    for found in per_chunk:
        if isinstance(found, OutputError):
            return found
    groups = zip(*per_chunk, strict=True)
    return [max(group, key=lambda r: r.p_yes) for group in groups]


def _quote(ctx: GradingContext, dim: Dimension, chunk: Chunk) -> Steps[_Quoted]:
    """Ask for the quotes that show the dimension in one chunk (none if the answer is unusable)."""
    prompt = ctx.prompts.messages(
        "extract.j2", **base_context(chunk.turns), dimension=dim, indicators=dim.indicators
    )
    try:
        quoted = yield from ctx.ask(prompt, QuotesAnswer, f"quoting {dim.id}")
    except OutputError:
        return _Quoted(sha=prompt.sha256)
    return _Quoted(list(quoted.value.evidence), quoted.attempts, prompt.sha256)


def _decide(
    ctx: GradingContext,
    dim: Dimension,
    found: list[IndicatorResult] | OutputError,
    answers: dict[str, float],
    quoted: _Quoted,
) -> DimensionResult:
    """Decide one dimension's level from the indicator answers and its quotes."""
    if isinstance(found, OutputError):
        return failed(dim, found, "")
    if not dim.indicators:
        error = OutputError(f"dimension {dim.id!r} has no indicators", attempts=0, reasons=[])
        return failed(dim, error, "")
    quotes, attempts, sha = quoted.quotes, quoted.attempts, quoted.sha
    decided = calibrated(ctx, dim, answers)
    value = decided.score if decided else score(dim.indicators, found)
    level = decided.level if decided else level_for(value, dim.cuts)
    answer = DimensionAnswer(evidence=quotes[:MAX_QUOTES], rationale="", level=level)
    result = ctx.result(dim, answer, attempts, sha)
    result.rationale = "Indicators (P(yes)): " + ", ".join(f"{r.id} {r.p_yes:.2f}" for r in found)
    if decided and decided.counts:
        result.rationale += "; counts: " + decided.counts
    result.score = round(value, 4)
    result.indicators = [r.to_dict() for r in found]
    if decided and decided.probabilities is not None:
        result.level_probabilities = decided.probabilities
    if any(r.method == "sampled" for r in found):
        result.flags.append(SAMPLED_ANSWERS)
    return result
