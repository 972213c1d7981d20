"""Grading through OpenAI's Batch API: half the price, answers within 24 hours.

The grading logic is the same generator :func:`grade_steps` that ``grader grade`` drives;
here its requests are collected in rounds. Round one holds every transcript's first
requests (one per dimension); it is written as a JSONL file, uploaded, and run as one
batch, which is polled until it ends. The answers are fed back, which may lead to a
further round (a retry of an unusable answer, or the deciding step of a long transcript
graded in parts). Results go to the same results file as an online batch.

Everything needed to resume is kept beside the results file, in ``<results>.batch/``:
each round's request file, ``state.json`` mapping the hash of a request file to its batch,
and the downloaded output and error files. A rerun rebuilds the same requests, finds the
batch already submitted for them and polls it instead of paying twice.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

import openai

from grader.backends.base import Completion, YesNo
from grader.backends.openai_protocol import (
    DEFAULT_CONTEXT_TOKENS,
    OpenAIIdentity,
    chat_request,
    completion_from_body,
    json_schema_format,
    yes_no_from_body,
    yes_no_request,
)
from grader.backends.pricing import BATCH_API_DISCOUNT
from grader.batch.openai_batch_io import BatchFiles, run_round
from grader.batch.run import BatchRun, BatchSettings, BatchStats, Pending
from grader.errors import BackendError, GraderError
from grader.grading.pipeline import grade_steps
from grader.grading.scorecard import Scorecard
from grader.grading.structured import Parallel, Request, Steps, YesNoRequest
from grader.rubrics.rubric import Rubric
from grader.transcripts.tokens import TiktokenCounter

Effect = Request | YesNoRequest


class BatchAPIModel(OpenAIIdentity):
    """Identifies the model and builds request bodies; the Batch API does the calling."""

    def __init__(self, client: openai.OpenAI, model: str) -> None:
        self.client = client
        self.endpoint = str(client.base_url)
        self.model = model
        self.context_tokens = DEFAULT_CONTEXT_TOKENS
        self._counter = TiktokenCounter()
        # Batch requests always use strict json_schema, as the online backend does with OpenAI.
        self.mode = "json_schema"

    def body(self, effect: Effect) -> dict[str, Any]:
        """Return the chat-completions body of one request."""
        if isinstance(effect, YesNoRequest):
            return yes_no_request(self.model, effect.messages, logprobs=True)
        return chat_request(
            self.model, effect.messages, json_schema_format(effect.schema), effect.settings
        )

    def parse(self, effect: Effect, body: dict[str, Any]) -> Completion | YesNo:
        """Turn a response body from the output file into what the grading logic expects."""
        if isinstance(effect, YesNoRequest):
            return yes_no_from_body(body)
        return completion_from_body(body, self.model)


def custom_id(body: dict[str, Any]) -> str:
    """Return the id of a request: a hash of its body (identical requests share one)."""
    blob = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    return "g-" + hashlib.sha256(blob).hexdigest()[:48]


def run_openai_batch(
    inputs: Sequence[str],
    output: str | Path,
    rubric: Rubric,
    client: openai.OpenAI,
    model: str,
    *,
    poll_interval: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
    **settings: Unpack[BatchSettings],
) -> BatchStats:
    """Grade the inputs through the Batch API; results go to ``output`` as online.

    Args:
        inputs: Files, folders and globs.
        output: The results file; ``<output stem>.batch/`` keeps the Batch API files.
        rubric: The rubric.
        client: An OpenAI client (the key comes from the environment, never from here).
        model: Model name.
        poll_interval: Seconds between status checks.
        sleep: How to wait between checks (tests pass a function that does not sleep).
        settings: Prompts, options, cache (answers from it are not sent again), prices (the
            Batch API's half price is applied to them), budget, candidate, CSV path and
            reporter (:class:`~grader.batch.run.BatchSettings`).

    Raises:
        BackendError: The Batch API failed; a rerun resumes the batches already submitted.
    """
    api = BatchAPIModel(client, model)
    run = BatchRun(inputs, output, rubric, api, discount=BATCH_API_DISCOUNT, **settings)
    files = BatchFiles(Path(output).with_suffix(".batch"))
    try:
        queue: Queue = []
        for item in run.pending():
            estimate = run.estimate(item)
            if not run.budget.try_reserve(estimate):
                run.stop_for_budget(item, estimate)
                break
            steps = grade_steps(
                item.transcript,
                rubric,
                api,
                prompts=run.prompts,
                options=run.options,
                cache=run.cache,
            )
            root = _Fiber(steps, root=_Root(run, item, estimate))
            root.advance(None, None, queue)
        number = 0
        while queue:
            number += 1
            current, queue = queue, []
            bodies = {custom_id(api.body(effect)): api.body(effect) for _, effect in current}
            answers = run_round(client, files, number, bodies, poll_interval, sleep, run)
            for fiber, effect in current:
                answer = answers[custom_id(api.body(effect))]
                if isinstance(answer, GraderError):
                    fiber.advance(None, answer, queue)
                else:
                    fiber.advance(api.parse(effect, answer), None, queue)
    finally:
        run.close()
    return run.finish()


@dataclass
class _Root:
    run: BatchRun
    item: Pending
    estimate: float
    started: float = field(default_factory=time.monotonic)

    def done(self, card: Scorecard | None, error: Exception | None) -> None:
        if error is not None and not isinstance(error, GraderError):
            error = BackendError(f"unexpected error while grading: {error!r}")
        self.run.record(self.item, card, error, self.estimate, time.monotonic() - self.started)


Queue = list[tuple["_Fiber", Effect]]


@dataclass
class _Fiber:
    """Grading steps driven round by round; a Parallel step waits for its child fibers."""

    steps: Steps[Any]
    parent: _Fiber | None = None
    index: int = 0
    root: _Root | None = None
    results: list[Any] = field(default_factory=list)
    waiting: int = 0
    error: Exception | None = None

    def advance(
        self, reply: Any, error: Exception | None, queue: list[tuple[_Fiber, Effect]]
    ) -> None:
        """Run until the steps need a model answer (queued), wait for children, or end."""
        while True:
            try:
                effect = self.steps.throw(error) if error is not None else self.steps.send(reply)
            except StopIteration as stop:
                self._finish(stop.value, None, queue)
                return
            except Exception as exc:
                self._finish(None, exc, queue)
                return
            error = None
            if not isinstance(effect, Parallel):
                queue.append((self, effect))
                return
            if not effect.steps:
                reply = []
                continue
            self.results, self.waiting, self.error = (
                [None] * len(effect.steps),
                len(effect.steps),
                None,
            )
            for index, part in enumerate(effect.steps):
                _Fiber(part, parent=self, index=index).advance(None, None, queue)
            return

    def _finish(
        self, value: Any, error: Exception | None, queue: list[tuple[_Fiber, Effect]]
    ) -> None:
        if self.parent is None:
            assert self.root is not None
            self.root.done(value, error)
            return
        parent = self.parent
        parent.results[self.index] = value
        parent.error = parent.error or error
        parent.waiting -= 1
        if parent.waiting == 0:
            # Like the other drivers: the first failure among parallel parts is raised.
            parent.advance(None if parent.error else parent.results, parent.error, queue)
