"""Benchmark: what the batch client costs per transcript, apart from waiting for the model.

Usage: python evals/benchmarks/batch_overhead.py [--transcripts 200] [--words 2000]

Grades synthetic transcripts one at a time (concurrency 1) in this process, after a short
warm-up, and reports per transcript:

- ``client_cpu_ms``: CPU time of this process (every thread: hashing, loading, chunk
  planning, prompt rendering, the openai SDK building and parsing six HTTP requests, cache
  lookups and writes, validation, evidence checks, the results line). The model's time is
  not CPU time here, so this is the overhead the acceptance bound is about.
- ``wall_ms``: wall time per transcript against the stub endpoint answering at once, so
  it also holds the stub's own work and the loopback round trips (an upper bound).
- ``no_http_cpu_ms``: the same pipeline with a model that answers in process, without the
  SDK and HTTP, to show how the overhead splits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from batch_throughput import start_stub, write_transcripts

from grader.backends.base import Completion, Message, Settings, Usage, YesNo
from grader.backends.fake import FakeBackend
from grader.backends.openai_backend import OpenAIBackend, make_async_client
from grader.batch.runner import BatchCache, arun_batch
from grader.rubrics.rubric import load_rubric
from grader.transcripts.tokens import TiktokenCounter


class InstantModel:
    """An async model that answers at once in process (no SDK, no HTTP)."""

    name = "openai"
    model = "gpt-4o-mini"
    context_tokens = 128_000

    def __init__(self) -> None:
        self._fake = FakeBackend()
        self._counter = TiktokenCounter()

    async def acomplete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        text = self._fake.default_answer(messages, schema)
        return Completion(text, "stop", Usage(1000, 60, 0, 1), self.model)

    async def ayes_probability(self, messages: list[Message]) -> YesNo:
        return YesNo(0.5, 1.0, "logprobs", Usage(1000, 1, 0, 1))

    def count_tokens(self, text: str) -> int:
        return self._counter.count(text)

    def describe(self) -> dict[str, Any]:
        return {"backend": self.name, "model": self.model, "base_url": "in-process"}


async def measure(folder: Path, out: Path, model: Any, cache: Path) -> tuple[float, float, int]:
    """Grade ``folder`` one transcript at a time; return wall and CPU seconds, and count."""
    wall, cpu = time.perf_counter(), time.process_time()
    stats = await arun_batch(
        [str(folder)], out, load_rubric(), model, concurrency=1, cache=BatchCache(cache)
    )
    assert stats.graded > 0 and stats.failed == 0, stats.to_dict()
    return time.perf_counter() - wall, time.process_time() - cpu, stats.graded


async def run(args: argparse.Namespace, tmp: Path, url: str) -> dict[str, Any]:
    warm, folder = tmp / "warm", tmp / "measured"
    warm.mkdir()
    folder.mkdir()
    write_transcripts(warm, 5, args.words)
    write_transcripts(folder, args.transcripts, args.words)
    # Distinct content from the warm-up set, so nothing is answered from the cache.
    for path in folder.iterdir():
        path.write_text(path.read_text().replace("For ", "About "))
    results: dict[str, Any] = {}
    client = make_async_client(base_url=url, api_key=None, timeout=30)
    try:
        http = OpenAIBackend(client, "gpt-4o-mini", mode="json_schema")
        await measure(warm, tmp / "warm_http.jsonl", http, tmp / "warm_http.sqlite")
        wall, cpu, count = await measure(folder, tmp / "http.jsonl", http, tmp / "http.sqlite")
        results["client_cpu_ms"] = round(1000 * cpu / count, 2)
        results["wall_ms"] = round(1000 * wall / count, 2)
    finally:
        await client.close()
    local = InstantModel()
    await measure(warm, tmp / "warm_local.jsonl", local, tmp / "warm_local.sqlite")
    _, cpu, count = await measure(folder, tmp / "local.jsonl", local, tmp / "local.sqlite")
    results["no_http_cpu_ms"] = round(1000 * cpu / count, 2)
    results["transcripts"] = count
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcripts", type=int, default=200)
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()
    stub, url = start_stub(0.0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = asyncio.run(run(args, Path(tmp), url))
    finally:
        stub.terminate()
        stub.wait(10)
    print(
        json.dumps(
            {
                "words_per_transcript": args.words,
                "calls_per_transcript": 6,
                **results,
                "bound_ms": 20,
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
