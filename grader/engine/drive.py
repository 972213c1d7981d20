"""Driving grading steps on an event loop: which requests go out together, and how.

The grading logic is a generator of model requests (see :mod:`grader.grading.structured`);
this module sends them. An async backend gets many requests in flight; a synchronous one
(the embedded model) answers one at a time in a worker thread, so the loop never blocks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from grader.backends.base import AsyncBackend, Backend
from grader.grading.structured import Parallel, R, Request, Steps, YesNoRequest

Call = Callable[[Request | YesNoRequest], Awaitable[Any]]


async def run_async(steps: Steps[R], call: Call, *, concurrent: bool = True) -> R:
    """Drive grading steps on an event loop, sending requests through ``call``.

    Independent requests (the dimensions of one transcript) go out together, except the
    first, which is sent alone: once it is answered, the provider has the shared
    transcript prefix in its prompt cache, and the others are charged the cached rate.
    With ``concurrent`` false everything runs in order, each piece of parallel work to its
    end before the next, so calls that share a prefix follow each other (the embedded model
    reuses the evaluated prefix).
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
