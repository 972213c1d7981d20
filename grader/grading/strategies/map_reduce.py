"""Long transcripts for the judging methods: quotes per chunk, then one decision per dimension."""

from __future__ import annotations

from collections.abc import Sequence

from grader.errors import OutputError
from grader.grading.context import GradingContext, failed
from grader.grading.evidence import Evidence, verify_all
from grader.grading.prompts import base_context, level_context
from grader.grading.schema import DimensionAnswer, EvidenceAnswer
from grader.grading.scorecard import DimensionResult
from grader.grading.structured import Parallel, Steps
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Dimension
from grader.transcripts.chunking import Chunk

MAX_MERGED_QUOTES = 12


def map_reduce(ctx: GradingContext, chunks: Sequence[Chunk]) -> Steps[list[DimensionResult]]:
    """Collect verified quotes from every chunk, then decide each dimension on them."""
    dims = ctx.rubric.dimensions
    collected: dict[str, list[Evidence]] = {dim.id: [] for dim in dims}
    summaries: dict[str, list[str]] = {dim.id: [] for dim in dims}
    failures: dict[str, list[str]] = {dim.id: [] for dim in dims}
    # Chunks outside, dimensions inside: consecutive calls share the chunk as a prefix.
    parts = [(chunk, dim) for chunk in chunks for dim in dims]
    found: list[tuple[list[Evidence], str, str]] = yield Parallel(
        [_collect(ctx, chunk, len(chunks), dim) for chunk, dim in parts]
    )
    for (_, dim), (evidence, summary, failure) in zip(parts, found, strict=True):
        collected[dim.id].extend(evidence)
        if summary:
            summaries[dim.id].append(summary)
        if failure:
            failures[dim.id].append(failure)
    results: list[DimensionResult] = yield Parallel(
        [_decide(ctx, dim, collected[dim.id], summaries[dim.id], failures[dim.id]) for dim in dims]
    )
    return results


def _collect(
    ctx: GradingContext, chunk: Chunk, chunk_count: int, dim: Dimension
) -> Steps[tuple[list[Evidence], str, str]]:
    """Return one chunk's usable evidence, its summary and any failure, for one dimension."""
    prompt = ctx.prompts.messages(
        "chunk_evidence.j2",
        **base_context(chunk.turns),
        chunk_index=chunk.index,
        chunk_count=chunk_count,
        dimension=dim,
        levels=level_context(ctx.rubric, dim),
    )
    label = f"collecting {dim.id} evidence, part {chunk.index}/{chunk_count}"
    try:
        found = yield from ctx.ask(prompt, EvidenceAnswer, label)
    except OutputError as exc:
        return [], "", f"part {chunk.index}: {exc}"
    verified = verify_all(found.value.evidence, ctx.transcript)
    summary = found.value.summary.strip()
    return (
        [item for item in verified if item.usable],
        f"part {chunk.index}: {summary}" if summary else "",
        "",
    )


def _decide(
    ctx: GradingContext,
    dim: Dimension,
    evidence: list[Evidence],
    summaries: list[str],
    failures: list[str],
) -> Steps[DimensionResult]:
    unique = {(e.turn_id, e.start, e.end): e for e in evidence}
    merged = list(unique.values())[:MAX_MERGED_QUOTES]
    prompt = ctx.prompts.messages(
        "decide.j2",
        evidence=[{"turn_id": e.turn_id, "quote": e.quote} for e in merged],
        summaries=summaries,
        dimension=dim,
        levels=level_context(ctx.rubric, dim),
        level_ids=[lvl.value for lvl in Level],
        max_quotes=3,
    )
    try:
        answer = yield from ctx.ask(prompt, DimensionAnswer, f"deciding {dim.id}")
    except OutputError as exc:
        return failed(dim, exc, prompt.sha256)
    result = ctx.result(dim, answer.value, answer.attempts, prompt.sha256)
    if failures:
        result.flags.append("evidence_collection_failed_in_some_parts")
    return result


class WholeTranscript:
    """A method that judges the whole transcript at once; several chunks go to map-reduce."""

    def grade(
        self, ctx: GradingContext, chunks: Sequence[Chunk]
    ) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield the method's requests; return the dimension results and the method's name."""
        if len(chunks) > 1:
            merged = yield from map_reduce(ctx, chunks)
            return merged, "chunked_evidence_then_level"
        return (yield from self.grade_whole(ctx))

    def grade_whole(self, ctx: GradingContext) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield the requests for a transcript that fits in one prompt."""
        raise NotImplementedError
