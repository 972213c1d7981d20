"""Grading one transcript: plan chunks, ask per dimension, verify evidence, build the scorecard."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from grader.backends.base import Backend, Settings, Usage
from grader.cache import ResponseCache
from grader.chunking import Chunk, plan
from grader.errors import OutputError
from grader.evidence import Evidence, verify_all
from grader.levels import Level
from grader.prompts import PromptSet, RenderedPrompt, base_context, level_context
from grader.rubric import Dimension, Rubric
from grader.schema import DimensionAnswer, EvidenceAnswer, all_dimensions_model
from grader.scorecard import (
    FAILED,
    INTERVIEWER_QUOTES_DROPPED,
    NO_VERIFIED_EVIDENCE,
    RELOCATED_QUOTES,
    RETRIED,
    UNVERIFIED_QUOTES_DROPPED,
    DimensionResult,
    Scorecard,
)
from grader.structured import Answer, T, ask
from grader.transcript import Transcript

Strategy = Literal["per_dimension", "all_at_once"]
Progress = Callable[[str], None]
MAX_MERGED_QUOTES = 12


@dataclass(frozen=True)
class GradeOptions:
    """How to grade.

    Attributes:
        strategy: One call per dimension (default; calls share the transcript prefix) or one
            call for all dimensions.
        max_attempts: Upper bound on calls for one answer.
        settings: Sampling settings.
        chunk_budget: Tokens the transcript may take in one prompt; by default the backend's
            context minus ``reserve_tokens``.
        reserve_tokens: Room left for instructions, descriptors and the answer.
    """

    strategy: Strategy = "per_dimension"
    max_attempts: int = 3
    settings: Settings = field(default_factory=Settings)
    chunk_budget: int | None = None
    reserve_tokens: int = 2000


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
    from grader import __version__

    prompts = prompts or PromptSet()
    options = options or GradeOptions()
    started = time.monotonic()
    usage = Usage()
    budget = options.chunk_budget or max(512, backend.context_tokens - options.reserve_tokens)
    chunks = plan(transcript.turns, budget, backend.count_tokens)
    job = _Job(
        transcript, rubric, backend, prompts, options, usage, progress or (lambda _: None), cache
    )
    if len(chunks) > 1:
        results = job.map_reduce(chunks)
        strategy = "chunked_evidence_then_level"
    elif options.strategy == "all_at_once":
        results = job.all_at_once()
        strategy = "all_at_once"
    else:
        results = [job.one_dimension(dim) for dim in rubric.dimensions]
        strategy = "per_dimension"
    labelled = any(turn.role != "unknown" for turn in transcript.turns)
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
        model=backend.describe(),
        prompts={"folder": prompts.folder.name, "sha256": prompts.sha256},
        strategy=strategy,
        chunks=len(chunks),
        dimensions=results,
        flags=[] if labelled else ["no_speaker_labels"],
        warnings=list(transcript.warnings),
        usage=usage.to_dict(),
        elapsed_seconds=round(time.monotonic() - started, 2),
    )


@dataclass
class _Job:
    transcript: Transcript
    rubric: Rubric
    backend: Backend
    prompts: PromptSet
    options: GradeOptions
    usage: Usage
    progress: Progress
    cache: ResponseCache | None

    def ask(
        self, prompt: RenderedPrompt, output: type[T], settings: Settings | None = None
    ) -> Answer[T]:
        return ask(
            self.backend,
            self.prompts,
            prompt,
            output,
            settings or self.options.settings,
            max_attempts=self.options.max_attempts,
            usage=self.usage,
            cache=self.cache,
        )

    def one_dimension(self, dim: Dimension) -> DimensionResult:
        self.progress(f"grading {dim.id}")
        prompt = self.prompts.messages(
            "dimension.j2",
            **base_context(self.transcript.turns),
            dimension=dim,
            levels=level_context(self.rubric, dim),
            evidence=[],
        )
        try:
            answer = self.ask(prompt, DimensionAnswer)
        except OutputError as exc:
            return _failed(dim, exc, prompt.sha256)
        return self._result(dim, answer.value, answer.attempts, prompt.sha256)

    def all_at_once(self) -> list[DimensionResult]:
        self.progress("grading all dimensions in one call")
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
        try:
            answer = self.ask(prompt, all_dimensions_model(ids), wide)
        except OutputError as exc:
            return [_failed(dim, exc, prompt.sha256) for dim in self.rubric.dimensions]
        return [
            self._result(dim, getattr(answer.value, dim.id), answer.attempts, prompt.sha256)
            for dim in self.rubric.dimensions
        ]

    def map_reduce(self, chunks: Sequence[Chunk]) -> list[DimensionResult]:
        collected: dict[str, list[Evidence]] = {dim.id: [] for dim in self.rubric.dimensions}
        summaries: dict[str, list[str]] = {dim.id: [] for dim in self.rubric.dimensions}
        failures: dict[str, list[str]] = {dim.id: [] for dim in self.rubric.dimensions}
        # Chunks outside, dimensions inside: consecutive calls share the chunk as a prefix.
        for chunk in chunks:
            for dim in self.rubric.dimensions:
                self.progress(f"collecting {dim.id} evidence, part {chunk.index}/{len(chunks)}")
                prompt = self.prompts.messages(
                    "chunk_evidence.j2",
                    **base_context(chunk.turns),
                    chunk_index=chunk.index,
                    chunk_count=len(chunks),
                    dimension=dim,
                    levels=level_context(self.rubric, dim),
                )
                try:
                    found = self.ask(prompt, EvidenceAnswer)
                except OutputError as exc:
                    failures[dim.id].append(f"part {chunk.index}: {exc}")
                    continue
                verified = verify_all(found.value.evidence, self.transcript)
                collected[dim.id].extend(item for item in verified if item.usable)
                if found.value.summary.strip():
                    summaries[dim.id].append(f"part {chunk.index}: {found.value.summary.strip()}")
        return [
            self._decide(dim, collected[dim.id], summaries[dim.id], failures[dim.id])
            for dim in self.rubric.dimensions
        ]

    def _decide(
        self, dim: Dimension, evidence: list[Evidence], summaries: list[str], failures: list[str]
    ) -> DimensionResult:
        self.progress(f"deciding {dim.id}")
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
            answer = self.ask(prompt, DimensionAnswer)
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
