"""Grading many transcripts into a results file: resume, budget, response cache.

The transcripts go through the shared engine (:func:`grader.engine.grade_many`); this
module adds the batch's bookkeeping (:class:`grader.batch.run.BatchRun`): every finished
transcript is appended to the results file at once (see :mod:`grader.batch.results`), a
rerun skips what is already graded, and the budget is reserved before a transcript starts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, Unpack

from grader.backends.base import AsyncBackend, Backend
from grader.backends.cache import ResponseCache
from grader.batch.run import BatchRun, BatchSettings, BatchStats, Reporter
from grader.engine.runner import grade_many
from grader.errors import ConfigError
from grader.grading.structured import Request, YesNoRequest
from grader.rubrics.rubric import Rubric

Call = Callable[[Request | YesNoRequest], Awaitable[Any]]

__all__ = [
    "BatchCache",
    "BatchStats",
    "Reporter",
    "arun_batch",
    "run_batch",
]


def run_batch(
    inputs: Sequence[str],
    output: str | Path,
    rubric: Rubric,
    model: Backend | AsyncBackend,
    **kwargs: Any,
) -> BatchStats:
    """Grade every transcript the inputs name; see :func:`arun_batch` for the arguments."""
    return asyncio.run(arun_batch(inputs, output, rubric, model, **kwargs))


async def arun_batch(
    inputs: Sequence[str],
    output: str | Path,
    rubric: Rubric,
    model: Backend | AsyncBackend,
    *,
    concurrency: int = 8,
    **settings: Unpack[BatchSettings],
) -> BatchStats:
    """Grade every transcript the inputs name, appending one result line each to ``output``.

    Args:
        inputs: Files, folders and globs.
        output: The results file (JSON lines); existing graded results are kept and
            their transcripts skipped.
        rubric: The rubric.
        model: An async backend (concurrent requests) or a synchronous one (one at a time,
            in a worker thread).
        concurrency: Model requests in flight at most (transcripts in progress: twice that).
        settings: Prompts, options, cache, prices, budget, candidate, CSV path and reporter
            (:class:`~grader.batch.run.BatchSettings`).

    Returns:
        Counts, tokens, cost, and the exit code the batch deserves.

    Raises:
        ConfigError: Bad inputs, an unwritable results file, or no price for the budget.
    """
    if concurrency < 1:
        raise ConfigError(f"--concurrency {concurrency}: must be 1 or more")
    run = BatchRun(inputs, output, rubric, model, **settings)
    try:
        await grade_many(
            run.jobs(),
            rubric,
            model,
            prompts=run.prompts,
            options=run.options,
            cache=run.cache,
            concurrency=concurrency,
            hooks=run.hooks(),
        )
    finally:
        run.close()
    if run.error is not None:
        # A result that could not be written (a full disk): say so instead of a summary
        # that counts it.
        raise run.error
    return run.finish()


class BatchCache(ResponseCache):
    """The response cache with commits that do not wait for the disk.

    In WAL mode, ``synchronous=NORMAL`` keeps the database consistent through a crash of
    the process (a killed batch loses nothing committed); only a power cut can drop the
    last commits, which costs a repeated call, never a wrong answer. Without it each commit
    waits for an fsync (about 3 ms), which would stall every other request on the loop.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        with self._lock:
            self._db.execute("PRAGMA synchronous=NORMAL")
