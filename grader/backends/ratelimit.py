"""Waiting politely: backoff between retries and a tokens-per-minute limiter.

Both are used from an event loop: the limiter makes callers wait with ``await`` and never
blocks the loop.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry a request that hit a rate limit or a server fault.

    Attributes:
        max_attempts: Calls per request at most, the first one included.
        base_delay: Seconds before the first retry; doubles with each further retry.
        max_delay: Longest backoff between two attempts, in seconds.
        max_retry_after: Longest wait accepted from a server's ``Retry-After``, in seconds;
            a longer demand is cut to this (the attempt may then fail again and count).
    """

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 300.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Return the seconds to wait after failed attempt number ``attempt`` (1-based).

        A server's ``Retry-After`` is honoured as given (up to ``max_retry_after``) plus a
        little jitter, so that many waiting requests do not all return in the same instant.
        Without it the wait is exponential backoff with jitter ("equal jitter").
        """
        if retry_after is not None and retry_after >= 0:
            wait = min(retry_after, self.max_retry_after)
            return wait + random.uniform(0, min(self.base_delay, wait * 0.1 + 0.01))
        backoff = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return backoff / 2 + random.uniform(0, backoff / 2)


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Read how long a server asks us to wait from its response headers.

    Understands ``retry-after-ms`` (OpenAI), ``retry-after`` in seconds, and
    ``retry-after`` as an HTTP date.

    Returns:
        Seconds to wait, or None when the headers do not say.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    if (ms := lowered.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class TokenRateLimiter:
    """A token bucket shared by every request of a batch.

    Each request takes its estimated tokens before it is sent; the bucket refills at
    ``tokens_per_minute / 60`` tokens a second and holds at most a tenth of a minute's
    tokens, so bursts stay small and the long-run rate stays at or below the limit. A
    request larger than the bucket waits until the bucket is full and then runs, leaving
    a debt that later requests wait out. After a 429, :meth:`hold` pauses every request.

    Attributes:
        tokens_per_minute: The limit, or None for no limit (``hold`` still works).
        waited: Seconds callers spent waiting here, summed.
    """

    def __init__(
        self,
        tokens_per_minute: int | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if tokens_per_minute is not None and tokens_per_minute <= 0:
            raise ValueError("tokens_per_minute must be positive")
        self.tokens_per_minute = tokens_per_minute
        self.waited = 0.0
        self._clock = clock
        self._sleep = sleep
        self._rate = (tokens_per_minute or 0) / 60.0
        self._capacity = (tokens_per_minute or 0) / 10.0
        self._level = self._capacity
        self._updated = clock()
        self._hold_until = 0.0
        self._lock = asyncio.Lock()

    @property
    def limited(self) -> bool:
        """Whether a token limit is configured."""
        return self.tokens_per_minute is not None

    async def acquire(self, tokens: int) -> None:
        """Wait until ``tokens`` may be spent, then take them (first come, first served)."""
        async with self._lock:
            while True:
                now = self._clock()
                wait = self._hold_until - now
                if self.limited:
                    self._refill(now)
                    need = min(float(tokens), self._capacity)
                    if wait <= 0 and self._level >= need:
                        self._level -= tokens
                        return
                    wait = max(wait, (need - self._level) / self._rate)
                elif wait <= 0:
                    return
                self.waited += wait
                await self._sleep(wait)

    def settle(self, estimated: int, actual: int) -> None:
        """Correct an earlier estimate once the real token count is known."""
        if self.limited:
            self._refill(self._clock())
            self._level = min(self._capacity, self._level - (actual - estimated))

    def hold(self, seconds: float) -> None:
        """Make every request wait at least ``seconds`` from now (after a 429)."""
        self._hold_until = max(self._hold_until, self._clock() + seconds)

    def _refill(self, now: float) -> None:
        self._level = min(self._capacity, self._level + (now - self._updated) * self._rate)
        self._updated = now
