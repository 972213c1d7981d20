"""What the pages and the API both do: submit grades, read history, audit, batch status.

The pages render these results as HTML and the API returns them as JSON, so both always
do the same thing. Bad input raises the library's own errors (:class:`GraderError`), which
the app shows in words.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from grader.errors import ConfigError, GraderError
from grader.grading.prompts import PromptSet
from grader.grading.scorecard import Scorecard
from grader.grading.second_opinion import compare
from grader.reports import scorecard_text
from grader.reports.scorecard_html import scorecard_html
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric, load_rubric
from grader.transcripts.transcript import Transcript
from grader.web.audits import Audited, Audits
from grader.web.batch_status import results_status
from grader.web.errors import NotFound
from grader.web.inputs import read_levels, read_transcript
from grader.web.jobs import YOUR_LEVELS, GradeJob, JobQueue, OpenBackend
from grader.web.settings import WebSettings
from grader.web.store import History, Stored

BACKENDS = ("local", "openai", "fake")
REPORTS = {"html": "text/html", "md": "text/markdown", "json": "application/json"}
KEPT_BATCHES = 20


class Service:
    """The web app's operations on one history, one job queue and one rubric."""

    def __init__(self, settings: WebSettings, open_backend: OpenBackend | None = None) -> None:
        self.settings = settings
        self.rubric: Rubric = load_rubric(settings.rubric)
        self.prompts = PromptSet(settings.prompts)
        self.history = History(settings.history)
        self.jobs = JobQueue(
            self.history,
            self.rubric,
            self.prompts,
            settings.options,
            concurrency=settings.concurrency,
            open_backend=open_backend,
        )
        self._audits = Audits(self.history, self.rubric)
        # Per batch of uploaded files: (file name, job id or None, error or None).
        self.batches: OrderedDict[str, list[tuple[str, str | None, str | None]]] = OrderedDict()

    # Grading -------------------------------------------------------------------------

    def submit(
        self,
        data: bytes,
        name: str | None,
        *,
        candidate: str = "",
        levels: Mapping[str, object] | None = None,
    ) -> GradeJob:
        """Check a transcript and the interviewer's levels, and queue the grade.

        Raises:
            TranscriptError: The transcript is empty, binary, too large or malformed.
            RatingsError: A level or dimension is unknown.
        """
        own = read_levels(levels or {}, self.rubric)
        transcript = read_transcript(
            data,
            name,
            candidate=candidate.strip() or None,
            max_bytes=self.settings.options.max_bytes,
        )
        return self.jobs.submit(
            GradeJob(
                transcript.path, transcript, candidate.strip(), own or None, self.settings.backend
            )
        )

    def submit_batch(self, uploads: list[tuple[bytes, str]]) -> str:
        """Queue every file; one that cannot be read is kept with its reason. Returns the id.

        Raises:
            GraderError: No file was given.
        """
        if not uploads:
            raise GraderError("no files", hint="Choose one or more transcript files")
        rows: list[tuple[str, str | None, str | None]] = []
        for data, name in uploads:
            try:
                rows.append((name, self.submit(data, name).id, None))
            except GraderError as exc:
                rows.append((name, None, str(exc)))
        batch_id = secrets.token_urlsafe(9)
        self.batches[batch_id] = rows
        while len(self.batches) > KEPT_BATCHES:
            self.batches.popitem(last=False)
        return batch_id

    def batch_jobs(self, batch_id: str) -> list[dict[str, Any]]:
        """Return the state of each file of an uploaded batch."""
        found = []
        for name, job_id, error in self.batches.get(batch_id, []):
            job = self.jobs.get(job_id) if job_id else None
            state = (
                job.to_dict()
                if job
                else {
                    "status": "failed",
                    "error": error,
                    "done": 0,
                    "total": 0,
                    "interview": None,
                    "id": None,
                }
            )
            found.append({**state, "name": name})
        return found

    def regrade(self, interview: int, backend: str, model: str = "") -> GradeJob:
        """Queue a new grade of a kept interview with another backend or model.

        Raises:
            NotFound: No such interview.
            ConfigError: An unknown backend.
        """
        stored = self.stored(interview)
        if backend not in BACKENDS:
            raise ConfigError(f"unknown backend {backend!r}", hint=f"Use {', '.join(BACKENDS)}")
        spec = dataclasses.replace(self.settings.backend, name=backend, model=model.strip() or None)
        transcript = Transcript.model_validate(stored.transcript)
        levels = read_levels(stored.entry.levels or {}, self.rubric)
        job = GradeJob(
            stored.entry.name, transcript, stored.entry.candidate, levels or None, spec, interview
        )
        return self.jobs.submit(job)

    def job(self, job_id: str) -> GradeJob:
        """Return a job by id.

        Raises:
            NotFound: No such job (or the server was restarted since).
        """
        found = self.jobs.get(job_id)
        if found is None:
            raise NotFound(
                f"no grading job {job_id!r}",
                hint="Jobs are kept until the server stops; the history keeps every result",
            )
        return found

    # History -------------------------------------------------------------------------

    def stored(self, interview: int) -> Stored:
        """Return a kept interview.

        Raises:
            NotFound: No such interview.
        """
        found = self.history.get(interview)
        if found is None:
            raise NotFound(f"no interview #{interview} in the history", hint="See /history")
        return found

    def scorecard(self, interview: int) -> tuple[Stored, Scorecard, Transcript]:
        """Return a kept interview with its scorecard and transcript as objects."""
        stored = self.stored(interview)
        card = Scorecard.model_validate(stored.scorecard)
        return stored, card, Transcript.model_validate(stored.transcript)

    def set_levels(self, interview: int, values: Mapping[str, object]) -> Scorecard:
        """Set (or clear) the interviewer's levels of a kept interview and compare again."""
        _, card, _ = self.scorecard(interview)
        levels = read_levels(values, self.rubric)
        card.comparison = compare(card, levels, YOUR_LEVELS) if levels else None
        self.history.update_levels(
            interview, {k: v.value for k, v in levels.items()} or None, card.to_json()
        )
        return card

    def report(self, interview: int, kind: str) -> str:
        """Render a kept scorecard as the command line writes it (html, md or json).

        Raises:
            NotFound: No such interview or report kind.
        """
        _, card, transcript = self.scorecard(interview)
        if kind == "html":
            return scorecard_html(card, transcript)
        if kind == "md":
            return scorecard_text.to_markdown(card)
        if kind == "json":
            return scorecard_text.to_json(card)
        raise NotFound(f"no {kind!r} report", hint="Use report.html, report.md or report.json")

    def beside(self, left: int, right: int) -> tuple[Stored, Stored, list[dict[str, Any]]]:
        """Return two grades of an interview and their levels side by side."""
        a, b = self.stored(left), self.stored(right)
        rows = []
        titles = {d.id: d.title for d in self.rubric.dimensions}
        for dim, level in a.entry.summary.items():
            other = b.entry.summary.get(dim)
            rows.append(
                {
                    "dimension": dim,
                    "title": titles.get(dim, dim),
                    "left": self._name(level),
                    "right": self._name(other),
                    "differ": level != other,
                }
            )
        return a, b, rows

    def _name(self, level: str | None) -> str:
        return self.rubric.level_name(Level(level)) if level else "failed"

    # Audit and batch status -------------------------------------------------------------

    def audit(self, data: bytes, name: str | None, *, with_model: bool = False) -> str:
        """Audit an uploaded ratings file; see :meth:`Audits.run`."""
        return self._audits.run(data, name, with_model=with_model)

    def audited(self, audit_id: str) -> Audited:
        """Return a recent audit; see :meth:`Audits.get`."""
        return self._audits.get(audit_id)

    def batch_status(self, results: str) -> dict[str, Any]:
        """Summarise a ``grader batch`` results file; see :func:`results_status`."""
        return results_status(results)
