"""Grading many transcripts: concurrency, response cache, resume, budget.

Transcripts are graded on one event loop. With the async OpenAI backend up to
``concurrency`` model requests are in flight at once; a synchronous backend (the
embedded model) runs one request at a time in a worker thread, so the loop never
blocks on it. The grading logic is the same generator :func:`grade_steps` that
``grader grade`` drives; this module only decides when its requests are sent.

Every finished transcript is appended to the results file at once (see
:mod:`grader.results`); a rerun skips what is already graded.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from grader.backends import DEFAULT_OPENAI_MODEL, make_backend
from grader.backends.base import AsyncBackend, Backend, Usage
from grader.backends.openai_async import AsyncOpenAIBackend, make_async_client
from grader.batch_run import BatchRun, BatchStats, Pending, Reporter
from grader.cache import ResponseCache
from grader.errors import ConfigError, GraderError
from grader.grading import GradeOptions, grade_steps
from grader.pricing import PriceTable
from grader.prompts import PromptSet
from grader.ratelimit import RetryPolicy, TokenRateLimiter
from grader.rubric import Rubric
from grader.scorecard import Scorecard
from grader.structured import Parallel, R, Request, Steps, YesNoRequest

Call = Callable[[Request | YesNoRequest], Awaitable[Any]]

__all__ = [
    "BatchCache",
    "BatchStats",
    "Reporter",
    "arun_batch",
    "cache_path",
    "open_model",
    "run_async",
    "run_batch",
]


async def run_async(steps: Steps[R], call: Call, *, concurrent: bool = True) -> R:
    """Drive grading steps on an event loop, sending requests through ``call``.

    Independent requests (the dimensions of one transcript) go out together, except the
    first, which is sent alone: once it is answered, the provider has the shared
    transcript prefix in its prompt cache, and the others are charged the cached rate.
    With ``concurrent`` false everything runs in order, as :func:`run_steps` does.
    """
    reply: Any = None
    error: Exception | None = None
    while True:
        try:
            effect = steps.throw(error) if error is not None else steps.send(reply)
        except StopIteration as stop:
            result: R = stop.value
            return result
        error = None
        try:
            if isinstance(effect, Parallel):
                reply = await _parallel(effect.steps, call, concurrent)
            else:
                reply = await call(effect)
        except Exception as exc:
            error = exc


async def _parallel(parts: list[Steps[Any]], call: Call, concurrent: bool) -> list[Any]:
    if not concurrent or len(parts) < 2:
        return [await run_async(part, call, concurrent=concurrent) for part in parts]
    first = await run_async(parts[0], call)
    tasks = [asyncio.ensure_future(run_async(part, call)) for part in parts[1:]]
    try:
        rest = await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    return [first, *rest]


def make_call(model: Backend | AsyncBackend, concurrency: int) -> tuple[Call, bool]:
    """Return how to send one request to ``model``, and whether requests may overlap.

    An async backend gets ``concurrency`` requests in flight. A synchronous one (the
    embedded model) gets one at a time, in a worker thread.
    """
    if isinstance(model, AsyncBackend):
        slots = asyncio.Semaphore(concurrency)
        async_model = model

        async def call_async(effect: Request | YesNoRequest) -> Any:
            async with slots:
                if isinstance(effect, YesNoRequest):
                    return await async_model.ayes_probability(effect.messages)
                return await async_model.acomplete(effect.messages, effect.schema, effect.settings)

        return call_async, True
    sync_model = model
    one = asyncio.Semaphore(1)

    async def call_sync(effect: Request | YesNoRequest) -> Any:
        async with one:
            if isinstance(effect, YesNoRequest):
                return await asyncio.to_thread(sync_model.yes_probability, effect.messages)
            return await asyncio.to_thread(
                sync_model.complete, effect.messages, effect.schema, effect.settings
            )

    return call_sync, False


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
    prompts: PromptSet | None = None,
    options: GradeOptions | None = None,
    cache: ResponseCache | None = None,
    prices: PriceTable | None = None,
    concurrency: int = 8,
    budget: float | None = None,
    candidate: str | None = None,
    csv_path: str | Path | None = None,
    reporter: Reporter | None = None,
) -> BatchStats:
    """Grade every transcript the inputs name, appending one result line each to ``output``.

    Args:
        inputs: Files, folders and globs.
        output: The results file (JSON lines); existing graded results are kept and
            their transcripts skipped.
        rubric: The rubric.
        model: An async backend (concurrent requests) or a synchronous one (one at a time,
            in a worker thread).
        prompts: Prompt templates.
        options: How to grade each transcript.
        cache: Response cache, or None for none.
        prices: Price table for costs and the budget.
        concurrency: Model requests in flight at most (transcripts in progress: twice that).
        budget: USD limit; transcripts whose estimated cost would pass it are not started.
        candidate: Speaker label of the candidate, for transcripts with named speakers.
        csv_path: Where the CSV summary goes (default: ``output`` with ``.csv``).
        reporter: Called with progress events.

    Returns:
        Counts, tokens, cost, and the exit code the batch deserves.

    Raises:
        ConfigError: Bad inputs, an unwritable results file, or no price for the budget.
    """
    if concurrency < 1:
        raise ConfigError(f"--concurrency {concurrency}: must be 1 or more")
    run = BatchRun(
        inputs,
        output,
        rubric,
        model,
        prompts=prompts,
        options=options,
        cache=cache,
        prices=prices,
        budget=budget,
        candidate=candidate,
        csv_path=csv_path,
        reporter=reporter,
    )
    try:
        call, concurrent = make_call(model, concurrency)
        # Twice as many transcripts as request slots: a freed slot always finds a request
        # waiting, instead of idling while a transcript finishes and the next one loads.
        await _grade_all(run, call, 2 * concurrency if concurrent else 1, concurrent)
    finally:
        run.close()
    return run.finish()


async def _grade_all(run: BatchRun, call: Call, slots: int, concurrent: bool) -> None:
    running: set[asyncio.Task[None]] = set()

    async def grade_one(item: Pending, estimate: float) -> None:
        started = time.monotonic()
        steps = grade_steps(
            item.transcript,
            run.rubric,
            run.model,
            prompts=run.prompts,
            options=run.options,
            cache=run.cache,
        )
        # What the calls cost even if the transcript fails part way: it counts against
        # the budget all the same.
        spent = Usage()

        async def counted(effect: Request | YesNoRequest) -> Any:
            answer = await call(effect)
            spent.add(answer.usage)
            return answer

        card: Scorecard | None = None
        error: GraderError | None = None
        try:
            card = await run_async(steps, counted, concurrent=concurrent)
        except GraderError as exc:
            error = exc
        run.record(item, card, error, estimate, time.monotonic() - started, spent)

    for item in run.pending():
        while len(running) >= slots:
            await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        if run.stopped:
            break
        estimate = run.estimate(item)
        # A reservation that does not fit may fit once running transcripts settle their
        # (over-)estimates into real costs.
        while not run.budget.try_reserve(estimate):
            if not running:
                run.stop_for_budget(item, estimate)
                break
            await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        if run.stopped:
            break
        task = asyncio.create_task(grade_one(item, estimate))
        running.add(task)
        task.add_done_callback(running.discard)
    if running:
        await asyncio.gather(*running)


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


def cache_path(explicit: str | Path | None = None) -> Path:
    """Return the response cache file: ``explicit``, else ``responses.sqlite`` in the cache dir."""
    from grader.backends.model_files import cache_dir

    return Path(explicit) if explicit else cache_dir() / "responses.sqlite"


@asynccontextmanager
async def open_model(
    name: str | None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    model_path: str | None = None,
    timeout: float = 120.0,
    retries: int = 5,
    tokens_per_minute: int | None = None,
) -> AsyncIterator[Backend | AsyncBackend]:
    """Build the backend a batch asked for, and close its connections afterwards.

    ``openai`` (chosen by default when a base URL is set) gets the async client with our
    own retry policy and token limiter; the key comes from ``OPENAI_API_KEY`` only.
    ``local`` and ``fake`` are the synchronous backends of :func:`make_backend`.

    Raises:
        ConfigError: Unknown backend, or no key for OpenAI's own endpoint.
        ModelUnavailableError: The embedded model is not installed.
    """
    base_url = base_url or None
    chosen = name or ("openai" if base_url else "local")
    if chosen != "openai":
        yield make_backend(chosen, model=model, model_path=model_path)
        return
    client = make_async_client(
        base_url=base_url, api_key=os.environ.get("OPENAI_API_KEY") or None, timeout=timeout
    )
    try:
        yield AsyncOpenAIBackend(
            client,
            model or DEFAULT_OPENAI_MODEL,
            # OpenAI itself supports strict json_schema; other servers are probed on first use.
            mode="auto" if base_url else "json_schema",
            retry=RetryPolicy(max_attempts=retries),
            limiter=TokenRateLimiter(tokens_per_minute),
        )
    finally:
        await client.close()
