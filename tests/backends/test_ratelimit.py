from __future__ import annotations

import asyncio
import email.utils
import time

import pytest

from grader.backends.ratelimit import RetryPolicy, TokenRateLimiter, retry_after_seconds


def test_retry_after_headers() -> None:
    assert retry_after_seconds({"retry-after-ms": "1500"}) == 1.5
    assert retry_after_seconds({"Retry-After": "3"}) == 3.0
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert retry_after_seconds({"retry-after": when}) == pytest.approx(30, abs=2)
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_delay_honours_retry_after_and_backs_off_without_it() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0, max_retry_after=20.0)
    assert 5.0 <= policy.delay(1, retry_after=5.0) <= 5.6
    assert 20.0 <= policy.delay(1, retry_after=999.0) <= 21.1
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (6, 8.0)]:
        waits = [policy.delay(attempt) for _ in range(50)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_limiter_keeps_the_long_run_rate_under_the_limit() -> None:
    clock = FakeClock()
    limiter = TokenRateLimiter(6000, clock=clock, sleep=clock.sleep)  # 100 tokens a second

    async def spend() -> None:
        for _ in range(100):
            await limiter.acquire(300)

    asyncio.run(spend())
    # 30,000 tokens at 100/s; the first 600 (a tenth of a minute) may go at once.
    assert clock.now == pytest.approx((30_000 - 600) / 100, rel=0.01)
    assert limiter.waited == pytest.approx(clock.now, rel=0.01)


def test_a_request_larger_than_the_bucket_still_runs_and_leaves_a_debt() -> None:
    clock = FakeClock()
    limiter = TokenRateLimiter(600, clock=clock, sleep=clock.sleep)  # 10/s, bucket 60

    async def spend() -> None:
        await limiter.acquire(1000)
        await limiter.acquire(10)

    asyncio.run(spend())
    assert clock.now == pytest.approx((1000 - 60 + 10) / 10, rel=0.01)


def test_settle_corrects_the_estimate() -> None:
    clock = FakeClock()
    limiter = TokenRateLimiter(600, clock=clock, sleep=clock.sleep)
    asyncio.run(limiter.acquire(60))
    limiter.settle(60, 160)  # 100 more than estimated: 10 s of debt
    asyncio.run(limiter.acquire(1))
    assert clock.now == pytest.approx(10.1, rel=0.01)


def test_hold_pauses_everyone_even_without_a_limit() -> None:
    clock = FakeClock()
    limiter = TokenRateLimiter(None, clock=clock, sleep=clock.sleep)
    limiter.hold(7.0)
    asyncio.run(limiter.acquire(10**9))
    assert clock.now == pytest.approx(7.0)
    assert not limiter.limited


def test_a_non_positive_limit_is_refused() -> None:
    with pytest.raises(ValueError):
        TokenRateLimiter(0)
