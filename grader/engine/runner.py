"""The one runner every entry point grades through: many transcripts, concurrently.

``grader grade``, ``grader batch``, ``grader eval`` and ``grader audit --with-model`` all
hand their transcripts to :func:`grade_many`. It keeps up to twice ``concurrency``
transcripts in progress (a freed request slot always finds a request waiting), drives each
transcript's grading steps (:func:`grader.grading.pipeline.grade_steps`), counts what every
call used even when a transcript fails part way, and reports each outcome as it arrives.
Callers decide what an outcome means: a results line, an eval prediction, an audit rating.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from grader.backends.base import AsyncBackend, Backend, Usage
from grader.backends.cache import ResponseCache
from grader.engine.drive import make_call, run_async
from grader.errors import GraderError
from grader.grading.options import GradeOptions, resolve_options
from grader.grading.pipeline import grade_steps
from grader.grading.prompts import PromptSet
from grader.grading.scorecard import Scorecard
from grader.grading.structured import Request, YesNoRequest
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript

DEFAULT_CONCURRENCY = 8


@dataclass
class Job:
    """One transcript to grade.

    Attributes:
        transcript: The loaded transcript.
        tag: Whatever the caller needs to recognise the outcome (a path, a label, an id).
        options: Options for this job only (None: the run's options).
    """

    transcript: Transcript
    tag: Any = None
    options: GradeOptions | None = None


@dataclass
class Outcome:
    """What grading one job gave.

    Attributes:
        job: The job.
        card: The scorecard, or None when the transcript could not be graded.
        error: Why it could not be graded.
        spent: What the model calls used (also when the transcript failed part way).
        seconds: Wall time from start to finish of this job.
    """

    job: Job
    card: Scorecard | None
    error: GraderError | None
    spent: Usage = field(default_factory=Usage)
    seconds: float = 0.0


@dataclass
class Hooks:
    """How a caller steers a run.

    Attributes:
        on_outcome: Called with each outcome as soon as it is known.
        on_request: Called with a short label ("metrics: asks_metric") as each request goes.
        reserve: Asked before a job starts; False means not now (wait for a running job
            to finish and ask again). A budget lives here.
        refuse: Called with a job that ``reserve`` refused while nothing else was running:
            the run stops before it.
        stopped: True stops the run before the next job.
    """

    on_outcome: Callable[[Outcome], None] = lambda outcome: None
    on_request: Callable[[str], None] | None = None
    reserve: Callable[[Job], bool] = lambda job: True
    refuse: Callable[[Job], None] = lambda job: None
    stopped: Callable[[], bool] = lambda: False


async def grade_many(
    jobs: Iterable[Job],
    rubric: Rubric,
    model: Backend | AsyncBackend,
    *,
    prompts: PromptSet | None = None,
    options: GradeOptions | None = None,
    cache: ResponseCache | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    hooks: Hooks | None = None,
) -> None:
    """Grade every job, reporting each outcome through ``hooks.on_outcome``.

    Args:
        jobs: The transcripts; read lazily, one ahead of the running ones.
        rubric: The rubric.
        model: An async backend (``concurrency`` requests in flight) or a synchronous one
            (one request at a time, in a worker thread).
        prompts: Prompt templates (default: the built-in ones).
        options: How to grade (the library resolves what they leave open).
        cache: Response cache, or None.
        concurrency: Model requests in flight at most.
        hooks: Outcome, progress and admission callbacks.
    """
    hooks = hooks or Hooks()
    prompts = prompts or PromptSet()
    # Once per run, not per transcript: resolving reads calibration files.
    options = resolve_options(options, model, rubric, prompts.sha256)
    call, concurrent = make_call(model, concurrency)
    slots = 2 * concurrency if concurrent else 1
    running: set[asyncio.Task[None]] = set()
    # A failure inside a task (a hook that cannot record its outcome, a bug) must not vanish
    # with the task: it stops the run and is raised here.
    broken: list[BaseException] = []

    def settle(task: asyncio.Task[None]) -> None:
        running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            broken.append(task.exception())  # type: ignore[arg-type]

    async def grade_one(job: Job) -> None:
        started = time.monotonic()
        steps = grade_steps(
            job.transcript,
            rubric,
            model,
            prompts=prompts,
            options=job.options or options,
            cache=cache,
        )
        spent = Usage()

        async def counted(effect: Request | YesNoRequest) -> Any:
            if hooks.on_request is not None:
                hooks.on_request(effect.label)
            answer = await call(effect)
            spent.add(answer.usage)
            return answer

        card: Scorecard | None = None
        error: GraderError | None = None
        try:
            card = await run_async(steps, counted, concurrent=concurrent)
        except GraderError as exc:
            error = exc
        hooks.on_outcome(Outcome(job, card, error, spent, time.monotonic() - started))

    try:
        for job in jobs:
            while len(running) >= slots:
                await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            if hooks.stopped() or broken:
                break
            refused = False
            # A reservation that does not fit may fit once running jobs settle.
            while not hooks.reserve(job):
                if not running:
                    hooks.refuse(job)
                    refused = True
                    break
                await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            if refused or hooks.stopped() or broken:
                break
            task = asyncio.create_task(grade_one(job))
            running.add(task)
            task.add_done_callback(settle)
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        if broken:
            raise broken[0]
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


def grade_all(
    jobs: Iterable[Job],
    rubric: Rubric,
    model: Backend | AsyncBackend,
    **kwargs: Any,
) -> list[Outcome]:
    """Grade every job and return the outcomes in the jobs' order (synchronous).

    Takes the keyword arguments of :func:`grade_many` except ``hooks.on_outcome``, which
    it uses itself; ``on_request`` may be given as a keyword.
    """
    on_request = kwargs.pop("on_request", None)
    listed = list(jobs)
    found: dict[int, Outcome] = {}
    hooks = Hooks(on_outcome=lambda o: found.__setitem__(id(o.job), o), on_request=on_request)
    asyncio.run(grade_many(listed, rubric, model, hooks=hooks, **kwargs))
    return [found[id(job)] for job in listed]


def grade(
    transcript: Transcript,
    rubric: Rubric,
    backend: Backend | AsyncBackend,
    *,
    prompts: PromptSet | None = None,
    options: GradeOptions | None = None,
    progress: Callable[[str], None] | None = None,
    cache: ResponseCache | None = None,
) -> Scorecard:
    """Grade one transcript on every dimension of ``rubric``.

    A dimension whose answers stay invalid is reported as failed with the reason; the other
    dimensions are still graded.

    Raises:
        BackendError: The backend cannot be reached or keeps failing.
        TranscriptError: The transcript is over the token limit.
    """
    [outcome] = grade_all(
        [Job(transcript)],
        rubric,
        backend,
        prompts=prompts,
        options=options,
        cache=cache,
        on_request=progress,
    )
    if outcome.card is None:
        assert outcome.error is not None
        raise outcome.error
    return outcome.card
