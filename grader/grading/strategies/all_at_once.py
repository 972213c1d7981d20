"""One call for every dimension at once (cheapest; measured worst)."""

from __future__ import annotations

from grader.backends.base import Settings
from grader.errors import OutputError
from grader.grading.context import GradingContext, failed
from grader.grading.prompts import base_context, level_context
from grader.grading.schema import all_dimensions_model
from grader.grading.scorecard import DimensionResult
from grader.grading.strategies.map_reduce import WholeTranscript
from grader.grading.structured import Steps


class AllAtOnce(WholeTranscript):
    """Ask for every dimension in one answer; several chunks fall back to map-reduce."""

    def grade_whole(self, ctx: GradingContext) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield the one request; return results and method name."""
        dims = ctx.rubric.dimensions
        ids = [dim.id for dim in dims]
        prompt = ctx.prompts.messages(
            "all_dimensions.j2",
            **base_context(ctx.transcript.turns),
            dimensions=[
                {"id": d.id, "title": d.title, "levels": level_context(ctx.rubric, d)} for d in dims
            ],
        )
        settings = ctx.options.settings
        wide = Settings(settings.max_tokens * len(ids), settings.temperature, settings.seed)
        label = "grading all dimensions in one call"
        try:
            answer = yield from ctx.ask(prompt, all_dimensions_model(ids), label, wide)
        except OutputError as exc:
            return [failed(dim, exc, prompt.sha256) for dim in dims], "all_at_once"
        results = [
            ctx.result(dim, getattr(answer.value, dim.id), answer.attempts, prompt.sha256)
            for dim in dims
        ]
        return results, "all_at_once"
