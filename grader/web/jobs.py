"""Grades running in the background, one job at a time, with live progress.

One worker thread runs its own event loop and grades the queued jobs in order through the
library's engine (:func:`grader.engine.grade_many`), so the pages stay responsive while a
model answers, and the embedded model is asked one question at a time. Each backend is
opened once, on first use, and kept open until the app stops. Progress (which dimension,
calls done of planned, elapsed and estimated time) is kept on the job, which the pages and
the API read by its id; a page that is reloaded simply reads it again.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from dataclasses import dataclass, field
from typing import Any, Literal

from grader.backends.base import AsyncBackend, Backend
from grader.backends.spec import BackendSpec
from grader.engine import Hooks, Job, Outcome, grade_many
from grader.errors import GraderError
from grader.grading.options import GradeOptions
from grader.grading.plan import planned_calls
from grader.grading.prompts import PromptSet
from grader.grading.second_opinion import compare
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript
from grader.web.store import History

log = logging.getLogger("grader.web")
Status = Literal["queued", "running", "done", "failed"]
OpenBackend = Callable[[BackendSpec], AbstractAsyncContextManager[Backend | AsyncBackend]]
YOUR_LEVELS = "your levels"
KEPT_JOBS = 500


@dataclass
class GradeJob:
    """One transcript waiting for, or going through, grading.

    Attributes:
        id: Random id used in the job's address.
        name: The file name (or "pasted").
        transcript: The parsed transcript (let go once the job ends: the history keeps it).
        candidate: The candidate's name as entered.
        levels: The interviewer's own levels, if entered.
        spec: The model to grade with.
        regrade_of: The interview this job regrades, if any.
        status: queued, running, done or failed.
        label: What the model is being asked now ("metrics: asks_metric").
        dimension: The title of the dimension being graded now.
        done: Model calls answered.
        total: Model calls planned (retries can add more).
        interview: The history id once graded.
        error: Why grading failed, in one line.
        note: The latest reason a request waits (a rate limit), if any.
    """

    name: str
    transcript: Transcript | None
    candidate: str
    levels: dict[str, Level] | None
    spec: BackendSpec
    regrade_of: int | None = None
    id: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    status: Status = "queued"
    label: str = ""
    dimension: str = ""
    done: int = 0
    total: int = 0
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    interview: int | None = None
    error: str | None = None
    note: str = ""

    def to_dict(self, position: int | None = None) -> dict[str, Any]:
        """Return the job's state as JSON data."""
        now = self.finished or time.time()
        elapsed = now - self.started if self.started else 0.0
        remaining = None
        if self.status == "running" and self.done and self.total > self.done:
            remaining = elapsed / self.done * (self.total - self.done)
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "dimension": self.dimension,
            "asking": self.label,
            "done": self.done,
            "total": self.total,
            "elapsed_seconds": round(elapsed, 1),
            "remaining_seconds": None if remaining is None else round(remaining, 1),
            "queue_position": position,
            "interview": self.interview,
            "result_url": self.result_url,
            "error": self.error,
            "note": self.note,
            "model": self.spec.model or self.spec.chosen,
        }

    @property
    def result_url(self) -> str | None:
        """Where the result is shown once graded (both grades side by side for a regrade)."""
        if self.interview is None:
            return None
        if self.regrade_of is not None:
            return f"/interviews/{self.regrade_of}/beside/{self.interview}"
        return f"/interviews/{self.interview}"


class JobQueue:
    """Grades submitted jobs in order in one worker thread.

    Args:
        history: Where graded interviews are kept.
        rubric: The rubric.
        prompts: The prompt templates.
        options: How to grade.
        concurrency: Model requests in flight at most (the embedded model answers one at a
            time whatever this says).
        open_backend: Opens a backend for a spec (default: ``spec.open()``).
    """

    def __init__(
        self,
        history: History,
        rubric: Rubric,
        prompts: PromptSet,
        options: GradeOptions,
        *,
        concurrency: int = 8,
        open_backend: OpenBackend | None = None,
    ) -> None:
        self.history = history
        self.rubric = rubric
        self.prompts = prompts
        self.options = options
        self.concurrency = concurrency
        self._open = open_backend or (lambda spec: spec.open())
        self._jobs: OrderedDict[str, GradeJob] = OrderedDict()
        self._waiting: queue.Queue[GradeJob | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread."""
        self._thread = threading.Thread(target=self._work, name="grader-web-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Let the running job finish (up to ``timeout`` seconds), close backends, stop."""
        if self._thread is None:
            return
        self._waiting.put(None)
        self._thread.join(timeout)
        self._thread = None

    def submit(self, job: GradeJob) -> GradeJob:
        """Queue a job and return it."""
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT_JOBS:
                oldest = next(iter(self._jobs.values()))
                if oldest.status in ("queued", "running"):
                    break
                self._jobs.popitem(last=False)
        self._waiting.put(job)
        return job

    def get(self, job_id: str) -> GradeJob | None:
        """Return a job by id, or None."""
        return self._jobs.get(job_id)

    def jobs(self) -> list[GradeJob]:
        """Return the jobs still known, newest first."""
        with self._lock:
            return list(reversed(self._jobs.values()))

    def position(self, job: GradeJob) -> int | None:
        """Return how many jobs wait before ``job`` (None unless it is queued)."""
        if job.status != "queued":
            return None
        with self._lock:
            ahead = [j for j in self._jobs.values() if j.status == "queued"]
        return next((n for n, j in enumerate(ahead) if j is job), None)

    def _work(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        async with AsyncExitStack() as stack:
            backends: dict[BackendSpec, Backend | AsyncBackend] = {}
            while True:
                job = await asyncio.to_thread(self._waiting.get)
                if job is None:
                    return
                await self._grade(job, stack, backends)

    async def _grade(
        self,
        job: GradeJob,
        stack: AsyncExitStack,
        backends: dict[BackendSpec, Backend | AsyncBackend],
    ) -> None:
        job.status, job.started = "running", time.time()
        transcript = job.transcript
        try:
            assert transcript is not None, "a job is graded once"
            if job.spec not in backends:
                job.label = "loading the model"
                backends[job.spec] = await stack.enter_async_context(self._open(job.spec))
            model = backends[job.spec]
            job.total = planned_calls(transcript, self.rubric, model, self.options)
            outcomes: list[Outcome] = []
            titles = {dim.id: dim.title for dim in self.rubric.dimensions}

            def on_request(label: str) -> None:
                words = set(re.findall(r"\w+", label))
                job.dimension = titles.get(next((w for w in words if w in titles), ""), "")
                job.label = label
                job.done += 1

            await grade_many(
                [Job(transcript)],
                self.rubric,
                model,
                prompts=self.prompts,
                options=self.options,
                concurrency=self.concurrency,
                hooks=Hooks(on_outcome=outcomes.append, on_request=on_request),
            )
            [outcome] = outcomes
            if outcome.card is None:
                assert outcome.error is not None
                raise outcome.error
            card = outcome.card
            if job.levels:
                card.comparison = compare(card, job.levels, YOUR_LEVELS)
            job.interview = self.history.add(
                name=job.name,
                candidate=job.candidate,
                transcript=transcript.model_dump(mode="json"),
                scorecard=card.to_json(),
                levels={k: v.value for k, v in job.levels.items()} if job.levels else None,
                regrade_of=job.regrade_of,
            )
            job.status = "done"
        except GraderError as exc:
            job.status, job.error = "failed", str(exc)
        except Exception as exc:  # a bug must not stop the worker; the log has the details
            log.exception("grading job %s failed", job.id)
            job.status = "failed"
            job.error = f"unexpected error ({type(exc).__name__}); the server's log has details"
        finally:
            job.finished = time.time()
            job.transcript = None
