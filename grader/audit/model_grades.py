"""The model as one more grader in an audit: grade each interview's transcript as ratings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from grader.backends.base import AsyncBackend, Backend
from grader.backends.cache import ResponseCache
from grader.engine import Hooks, Job, Outcome, grade_many
from grader.errors import InputError
from grader.grading.options import GradeOptions
from grader.grading.prompts import PromptSet
from grader.ratings.files import Rating
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

TRANSCRIPT_SUFFIXES = (".txt", ".vtt", ".srt", ".json", ".md")


@dataclass
class ModelGrades:
    """The model's levels for the audited interviews.

    Attributes:
        grader: The model's name among the graders (``model:<model name>``).
        ratings: One rating per interview and dimension the model graded.
        problems: Interviews or dimensions the model could not grade, with the reason.
    """

    grader: str
    ratings: list[Rating] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_transcripts(folder: str | Path, interviews: list[str]) -> dict[str, Path]:
    """Map interview ids to transcript files named ``<id>.<ext>`` anywhere under ``folder``.

    Raises:
        InputError: The folder does not exist, or two files share an interview's name.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(root, "no such folder", hint="Give --transcripts the transcripts folder")
    wanted = set(interviews)
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES and path.stem in wanted and path.is_file():
            if path.stem in found:
                raise InputError(
                    path,
                    f"interview {path.stem!r} also matches {found[path.stem]}",
                    hint="Keep one transcript per interview id",
                )
            found[path.stem] = path
    return found


async def agrade_interviews(
    files: Mapping[str, Path],
    rubric: Rubric,
    backend: Backend | AsyncBackend,
    *,
    prompts: PromptSet | None = None,
    options: GradeOptions | None = None,
    cache: ResponseCache | None = None,
    concurrency: int = 8,
    max_bytes: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> ModelGrades:
    """Grade every interview's transcript through the shared engine.

    Args:
        files: Transcript file per interview id.
        rubric: The rubric.
        backend: The model.
        prompts: Prompt templates.
        options: How to grade (the library resolves what they leave open).
        cache: Response cache.
        concurrency: Model requests in flight at most.
        max_bytes: Largest transcript file read (default: the options' limit).
        on_outcome: Called as each interview finishes (progress).

    Raises:
        TranscriptError: A transcript cannot be read.
    """
    options = options or GradeOptions()
    limit = max_bytes if max_bytes is not None else options.max_bytes
    jobs = [Job(load(path, max_bytes=limit), tag=interview) for interview, path in files.items()]
    outcomes: dict[str, Outcome] = {}

    def record(outcome: Outcome) -> None:
        outcomes[outcome.job.tag] = outcome
        if on_outcome is not None:
            on_outcome(outcome)

    await grade_many(
        jobs,
        rubric,
        backend,
        prompts=prompts,
        options=options,
        cache=cache,
        concurrency=concurrency,
        hooks=Hooks(on_outcome=record),
    )
    found = ModelGrades(f"model:{backend.describe().get('model')}")
    for interview in files:
        outcome = outcomes[interview]
        if outcome.card is None:
            found.problems.append(f"the model could not grade {interview}: {outcome.error}")
            continue
        for dim in outcome.card.dimensions:
            if dim.level is None:
                found.problems.append(f"the model could not grade {dim.id} of {interview}")
                continue
            found.ratings.append(Rating(interview, found.grader, dim.id, dim.level))
    return found


def grade_interviews(
    files: Mapping[str, Path], rubric: Rubric, backend: Backend | AsyncBackend, **kwargs: object
) -> ModelGrades:
    """Grade every interview's transcript; see :func:`agrade_interviews`."""
    return asyncio.run(agrade_interviews(files, rubric, backend, **kwargs))  # type: ignore[arg-type]
