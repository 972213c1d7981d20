"""One call per dimension: quotes, a rationale, then the level, the rubric in the prompt."""

from __future__ import annotations

from grader.errors import OutputError
from grader.grading.context import GradingContext, failed
from grader.grading.prompts import base_context, level_context
from grader.grading.schema import DimensionAnswer, LevelFirstAnswer
from grader.grading.scorecard import DimensionResult
from grader.grading.strategies.map_reduce import WholeTranscript
from grader.grading.structured import Parallel, Steps
from grader.rubrics.rubric import Dimension


class PerDimension(WholeTranscript):
    """Ask once per dimension; a transcript in several chunks is graded by map-reduce."""

    def grade_whole(self, ctx: GradingContext) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield one request per dimension (in parallel); return results and method name."""
        results: list[DimensionResult] = yield Parallel(
            [_one_dimension(ctx, dim) for dim in ctx.rubric.dimensions]
        )
        return results, "per_dimension"


def _one_dimension(ctx: GradingContext, dim: Dimension) -> Steps[DimensionResult]:
    prompt = ctx.prompts.messages(
        "dimension.j2",
        **base_context(ctx.transcript.turns),
        dimension=dim,
        levels=level_context(ctx.rubric, dim),
        evidence=[],
    )
    try:
        if ctx.options.answer_order == "level_first":
            first = yield from ctx.ask(prompt, LevelFirstAnswer, f"grading {dim.id}")
            value, attempts = first.value.as_answer(), first.attempts
        else:
            answer = yield from ctx.ask(prompt, DimensionAnswer, f"grading {dim.id}")
            value, attempts = answer.value, answer.attempts
    except OutputError as exc:
        return failed(dim, exc, prompt.sha256)
    return ctx.result(dim, value, attempts, prompt.sha256)
