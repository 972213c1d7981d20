"""Which endpoint failures are worth another attempt, and what they are called.

Shared by the OpenAI backend's retry loop: a rate limit, a server fault, a timeout or a
broken connection is retried; a refusal of the request (another 4xx) is not, and neither is
an endpoint's refusal to give log-probabilities (the caller samples instead).
"""

from __future__ import annotations

from typing import Any

import openai

from grader.backends.ratelimit import retry_after_seconds

# Statuses worth another attempt: timeouts and conflicts as the SDK treats them, rate
# limits, and server faults.
RETRYABLE_STATUS = frozenset({408, 409, 429})


class Failed(Exception):
    """A probing attempt failed; carries the SDK error for the caller to classify."""

    def __init__(self, last: openai.APIError) -> None:
        self.last = last
        super().__init__(str(last))


class Refused(Failed):
    """The endpoint rejected this request (a 4xx other than a rate limit)."""


def refuses_logprobs(exc: openai.APIError, request: dict[str, Any]) -> bool:
    """Tell whether the endpoint refused to give log-probabilities (not a passing fault)."""
    if not request.get("logprobs") or not isinstance(exc, openai.APIStatusError):
        return False
    return exc.status_code in (400, 422, 500, 501) and "logprobs" in str(exc).lower()


def retryable(exc: openai.APIError) -> bool:
    """Tell whether another attempt may succeed: a timeout, conflict, rate limit or 5xx."""
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def fault_name(exc: openai.APIError) -> str:
    """Name a failure in a few words, for the line that says why a request waits."""
    if isinstance(exc, openai.APITimeoutError):
        return "no answer in time"
    if isinstance(exc, openai.APIConnectionError):
        return "cannot connect"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__


def retry_after(exc: openai.APIError) -> float | None:
    """Return how long the endpoint asks to wait, if it says."""
    if isinstance(exc, openai.APIStatusError):
        return retry_after_seconds(exc.response.headers)
    return None
