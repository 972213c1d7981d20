"""Rate limits, faults and the budget, against a stub OpenAI endpoint on 127.0.0.1.

The stub (``evals/benchmarks/stub_server.py``) answers like chat completions and injects
the faults each test asks for; it runs in a thread of the test and stops with it. Delays
and timeouts are small so every test ends within seconds.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from grader.backends.openai_backend import OpenAIBackend, make_async_client
from grader.backends.pricing import Price, PriceTable
from grader.backends.ratelimit import RetryPolicy, TokenRateLimiter
from grader.batch.results import read_results
from grader.batch.runner import BatchStats, arun_batch
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import Rubric
from helpers import write_interviews
from stub import Fault, StubServer, stub_server

FAST = RetryPolicy(max_attempts=3, base_delay=0.05, max_delay=0.2)


def batch(
    stub: Any,
    inputs: list[str],
    out: Path,
    rubric: Rubric,
    *,
    timeout: float = 5.0,
    retry: RetryPolicy = FAST,
    tpm: int | None = None,
    **kwargs: Any,
) -> tuple[BatchStats, OpenAIBackend]:
    # These cases count the requests of one call per dimension.
    kwargs.setdefault("options", GradeOptions(strategy="per_dimension"))

    async def main() -> tuple[BatchStats, OpenAIBackend]:
        client = make_async_client(base_url=stub.base_url, api_key=None, timeout=timeout)
        model = OpenAIBackend(
            client, "stub-model", mode="json_schema", retry=retry, limiter=TokenRateLimiter(tpm)
        )
        try:
            stats = await arun_batch(inputs, out, rubric, model, **kwargs)
        finally:
            await client.close()
        return stats, model

    return asyncio.run(main())


def test_429_waits_as_long_as_retry_after_says(tmp_path: Path, rubric: Rubric) -> None:
    [path] = write_interviews(tmp_path / "in", 1)
    with StubServer(faults=[Fault("429", retry_after="0.6")]) as stub:
        started = time.monotonic()
        stats, model = batch(stub, [str(path)], tmp_path / "o.jsonl", rubric, concurrency=1)
        elapsed = time.monotonic() - started
    assert stats.graded == 1 and stats.exit_code == 0
    assert model.rate_limited == 1 and model.retries == 1
    # The fast policy alone would have waited at most 0.05 s before the retry.
    assert elapsed >= 0.6
    assert stub.served == 7


def test_500_and_timeouts_are_retried_within_the_bound(tmp_path: Path, rubric: Rubric) -> None:
    [path] = write_interviews(tmp_path / "in", 1)
    faults = [Fault("500"), Fault("timeout", seconds=1.0)]
    with StubServer(faults=faults) as stub:
        stats, model = batch(
            stub, [str(path)], tmp_path / "o.jsonl", rubric, timeout=0.3, concurrency=1
        )
    assert stats.graded == 1 and stats.dimension_failures == 0
    assert model.retries == 2 and stub.served == 8


def test_a_transcript_that_keeps_failing_is_recorded_and_the_batch_goes_on(
    tmp_path: Path, rubric: Rubric
) -> None:
    write_interviews(tmp_path / "in", 3)

    last = rubric.dimensions[-1].title

    def broken(body: dict[str, Any]) -> Any:
        text = body["messages"][-1]["content"]
        return Fault("500") if "customer 1," in text and last in text else None

    prices = PriceTable({"stub-model": Price(1.0, 1.0, 1.0)})
    with StubServer(rule=broken) as stub:
        stats, _ = batch(stub, [str(tmp_path / "in")], tmp_path / "o.jsonl", rubric, prices=prices)
    assert (stats.graded, stats.failed, stats.exit_code) == (2, 1, 1)
    [failed] = [r for _, r in read_results(tmp_path / "o.jsonl") if r["status"] == "failed"]
    assert failed["input"].endswith("interview_001.txt")
    assert "HTTP 500" in failed["error"] and "after 3 attempts" in failed["error"]
    # Dimensions answered before the failure are counted: they cost money all the same.
    assert failed["usage"]["calls"] >= 1 and failed["cost"]["usd"] > 0


def test_invalid_json_is_retried_with_the_reason(tmp_path: Path, rubric: Rubric) -> None:
    [path] = write_interviews(tmp_path / "in", 1)
    with StubServer(faults=[Fault("invalid_json")]) as stub:
        stats, _ = batch(stub, [str(path)], tmp_path / "o.jsonl", rubric, concurrency=1)
    assert stats.graded == 1 and stats.dimension_failures == 0
    [retry] = [r["messages"] for r in stub.requests if len(r["messages"]) == 4]
    assert "not valid JSON" in retry[-1]["content"]
    assert retry[2] == {"role": "assistant", "content": stub_server.INVALID_ANSWER}
    [(_, record)] = list(read_results(tmp_path / "o.jsonl"))
    retried = [d for d in record["dimensions"] if "retried" in d["flags"]]
    assert len(retried) == 1 and retried[0]["attempts"] == 2


def test_a_refused_key_stops_the_batch_with_exit_code_2(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 6)
    with StubServer(rule=lambda body: Fault("status", status=401)) as stub:
        stats, _ = batch(stub, [str(tmp_path / "in")], tmp_path / "o.jsonl", rubric, concurrency=1)
    assert stats.exit_code == 2 and stats.fatal and "API key was rejected" in stats.fatal
    assert stats.graded == 0 and stats.failed < 6


def test_budget_stops_starting_transcripts_and_a_rerun_finishes(
    tmp_path: Path, rubric: Rubric
) -> None:
    write_interviews(tmp_path / "in", 8)
    prices = PriceTable({"stub-model": Price(100.0, 100.0, 100.0)})
    out = tmp_path / "o.jsonl"
    messages: list[str] = []
    with StubServer() as stub:
        stats, _ = batch(
            stub,
            [str(tmp_path / "in")],
            out,
            rubric,
            concurrency=2,
            prices=prices,
            budget=1.5,
            reporter=lambda event, s, message: messages.append(f"{event}: {message}"),
        )
        assert stats.budget_stopped and stats.exit_code == 3
        assert 0 < stats.graded < 8 and stats.not_started == 8 - stats.graded
        assert stats.cost_usd <= 1.5
        assert any(m.startswith("budget: budget: stopped before") for m in messages)
        spent = sum(r["cost"]["usd"] for _, r in read_results(out))
        assert spent == pytest.approx(stats.cost_usd)
        rest, _ = batch(stub, [str(tmp_path / "in")], out, rubric, prices=prices, budget=100.0)
    assert rest.exit_code == 0 and rest.graded == 8 - stats.graded
    assert rest.skipped == stats.graded


def test_concurrency_bounds_requests_in_flight(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 6)
    with StubServer(latency=0.05) as stub:
        stats, _ = batch(stub, [str(tmp_path / "in")], tmp_path / "o.jsonl", rubric, concurrency=4)
    assert stats.graded == 6
    assert stub.max_inflight == 4


def test_tokens_per_minute_limit_holds_the_rate(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 2)
    tpm = 120_000  # 2,000 tokens a second
    with StubServer() as stub:
        started = time.monotonic()
        stats, model = batch(
            stub, [str(tmp_path / "in")], tmp_path / "o.jsonl", rubric, tpm=tpm, concurrency=8
        )
        elapsed = time.monotonic() - started
    assert stats.graded == 2
    # Each request is charged its prompt plus max_tokens (700), as OpenAI counts them.
    charged = stats.usage.prompt_tokens + 700 * stats.usage.calls
    burst = tpm / 10
    assert elapsed >= (charged - burst) / (tpm / 60) * 0.9
    assert model.limiter.waited > 0


def test_yes_no_questions_read_logprobs_and_fall_back_to_sampling() -> None:
    async def ask(stub: Any) -> tuple[Any, OpenAIBackend]:
        client = make_async_client(base_url=stub.base_url, api_key=None, timeout=5)
        model = OpenAIBackend(client, "stub-model", mode="json_schema", retry=FAST)
        try:
            answer = await model.ayes_probability([{"role": "user", "content": "Numbers?"}])
        finally:
            await client.close()
        return answer, model

    with StubServer() as stub:
        answer, model = asyncio.run(ask(stub))
    assert answer.method == "logprobs" and answer.p_yes == pytest.approx(0.7)
    assert model.logprobs is True and stub.requests[0]["top_logprobs"] == 10

    def no_logprobs(body: dict[str, Any]) -> Any:
        return Fault("status", status=400) if body.get("logprobs") else None

    with StubServer(rule=no_logprobs) as stub:
        answer, model = asyncio.run(ask(stub))
    assert answer.method == "sampled" and model.logprobs is False
    assert [bool(r.get("logprobs")) for r in stub.requests] == [True, False]
