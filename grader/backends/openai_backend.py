"""The backend for OpenAI and any OpenAI-compatible endpoint: many requests in flight at once.

The one OpenAI backend, with one retry policy, for every entry point (the engine drives
it; a synchronous caller goes through the engine too). It retries on its own terms: a 429
waits as long as the server's ``Retry-After`` says (and pauses the whole batch through the
shared limiter), server errors and timeouts back off exponentially, both within a bounded
number of attempts. The SDK's own retries are switched off so that the bound is ours.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import openai

from grader.backends.base import Completion, Message, Settings, YesNo
from grader.backends.openai_faults import (
    Failed,
    Refused,
    fault_name,
    refuses_logprobs,
    retry_after,
    retryable,
)
from grader.backends.openai_protocol import (
    DEFAULT_CONTEXT_TOKENS,
    Mode,
    OpenAIIdentity,
    chat_request,
    client_settings,
    completion_from_body,
    endpoint_error,
    json_object_format,
    json_schema_format,
    schema_refused,
    yes_no_from_body,
    yes_no_request,
)
from grader.backends.ratelimit import RetryPolicy, TokenRateLimiter
from grader.backends.secrets import public_url
from grader.backends.yesno import UNREADABLE
from grader.transcripts.tokens import TiktokenCounter

# Waits at least this long are announced (a timeout always is).
NOTICE_SECONDS = 5.0
# Statuses that mean every request will be refused alike.
REJECTED = frozenset({401, 403, 404})


ClientFactory = Callable[[], openai.AsyncOpenAI]


class OpenAIBackend(OpenAIIdentity):
    """Structured output through ``openai.AsyncOpenAI``.

    Given a client, the backend uses it (the caller closes it). Given a function that makes
    one, the backend makes a client for each event loop it is used from, so a program can
    call the synchronous :func:`grader.grade` again and again (each call runs its own loop,
    and an async client's connections belong to the loop that opened them).

    Attributes:
        retries: Attempts repeated after a rate limit or a fault, summed over all requests.
        rate_limited: 429 answers received.
    """

    def __init__(
        self,
        client: openai.AsyncOpenAI | ClientFactory,
        model: str,
        *,
        mode: Mode = "auto",
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
        retry: RetryPolicy | None = None,
        limiter: TokenRateLimiter | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self._factory = None if isinstance(client, openai.AsyncOpenAI) else client
        self.client = client if isinstance(client, openai.AsyncOpenAI) else client()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.endpoint = str(self.client.base_url)
        self.model = model
        self.mode: Mode = mode
        self.context_tokens = context_tokens
        self.retry = retry or RetryPolicy()
        self.limiter = limiter or TokenRateLimiter()
        self.retries = 0
        self.rate_limited = 0
        # Told, in one line, why a request waits (a hung endpoint, a long Retry-After).
        self.on_wait = on_wait
        self.logprobs: bool | None = None
        self._counter = TiktokenCounter()

    def _client(self) -> openai.AsyncOpenAI:
        """Return the client for the running event loop (a new one, with a factory, per loop)."""
        if self._factory is None:
            return self.client
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            if self._loop is not None:
                self.client = self._factory()
                self.limiter = TokenRateLimiter(self.limiter.tokens_per_minute)
            self._loop = loop
        return self.client

    def _say_wait(self, exc: openai.APIError, attempt: int, attempts: int, delay: float) -> None:
        """Say what a long wait is for: a hung endpoint or a long Retry-After is not silent."""
        if self.on_wait is None:
            return
        asked = retry_after(exc)
        timed_out = isinstance(exc, openai.APITimeoutError)
        if delay < NOTICE_SECONDS and not timed_out:
            return
        what = fault_name(exc)
        if asked is not None and asked > delay + 1:
            what += f", asks to wait {asked:.0f} s (at most {delay:.0f} s are waited)"
        self.on_wait(
            f"{public_url(self.endpoint)}: {what} (attempt {attempt} of {attempts}); "
            f"trying again in {delay:.0f} s"
        )

    async def aclose(self) -> None:
        """Close the client this backend made (a client given to it is the caller's)."""
        if self._factory is not None:
            await self.client.close()

    async def acomplete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        """Send one request, retrying rate limits and faults within the policy's bound.

        Raises:
            EndpointRejectedError: The key, model or URL is refused.
            BackendError: Still failing after the last attempt, or rejected outright.
        """
        if self.mode == "json_object":
            return await self._complete(messages, json_object_format(schema), settings)
        if self.mode == "json_schema":
            return await self._complete(messages, json_schema_format(schema), settings)
        # While the mode is unknown, one plain attempt tells whether the server accepts
        # json_schema; a refusal must not be retried as if it were a fault.
        try:
            completion = await self._complete(messages, json_schema_format(schema), settings, 1)
        except Failed as failed:
            exc = failed.last
            if isinstance(exc, openai.APIStatusError) and schema_refused(exc):
                self.mode = "json_object"
                return await self._complete(messages, json_object_format(schema), settings)
            if isinstance(failed, Refused) or self.retry.max_attempts < 2:
                raise endpoint_error(exc, 1, self.endpoint) from None
            # A fault, not an answer about the format. The probe was the first of the
            # policy's attempts (so --retries bounds the total) and is followed by the same
            # wait as any failed attempt.
            self.retries += 1
            await asyncio.sleep(self.retry.delay(1, retry_after(exc)))
            return await self._complete(
                messages, json_schema_format(schema), settings, first_attempt=2
            )
        self.mode = "json_schema"
        return completion

    async def ayes_probability(self, messages: list[Message]) -> YesNo:
        """Read P(yes) from the first answer token's log-probabilities, or sample it.

        Raises:
            EndpointRejectedError: The key, model or URL is refused.
            BackendError: Still failing after the last attempt, or rejected outright.
        """
        if self.logprobs is not False:
            try:
                body = await self._send(yes_no_request(self.model, messages, logprobs=True))
            except Refused:
                # The endpoint refuses log-probabilities: sample from now on.
                self.logprobs = False
            else:
                answer = yes_no_from_body(body)
                if answer.method == UNREADABLE:
                    # An unreadable body says nothing about log-probabilities.
                    return answer
                self.logprobs = answer.method == "logprobs"
                if self.logprobs:
                    return answer
        sampled = await self._send(yes_no_request(self.model, messages, logprobs=False))
        return yes_no_from_body(sampled)

    async def _complete(
        self,
        messages: list[Message],
        response_format: dict[str, Any],
        settings: Settings,
        max_attempts: int | None = None,
        first_attempt: int = 1,
    ) -> Completion:
        request = chat_request(self.model, messages, response_format, settings)
        try:
            body = await self._send(request, max_attempts, first_attempt)
        except Refused as refused:
            if max_attempts is not None:
                raise
            raise endpoint_error(refused.last, 1, self.endpoint) from None
        return completion_from_body(body, self.model)

    async def _send(
        self, request: dict[str, Any], max_attempts: int | None = None, first_attempt: int = 1
    ) -> dict[str, Any] | str:
        """Send ``request`` until it succeeds, retrying within the bound.

        Returns:
            The response body; its text when HTTP 200 came with a body that is not JSON.

        Raises:
            Refused: A 4xx answer that another attempt would not change.
            Failed: Only with ``max_attempts`` given: every attempt failed.
            BackendError: Every attempt failed.
        """
        attempts = max_attempts or self.retry.max_attempts
        max_tokens = int(request.get("max_tokens") or 0)
        # A cheap estimate (about 3 characters a token); the real count corrects it after.
        estimate = sum(len(m["content"]) for m in request["messages"]) // 3 + max_tokens
        last: openai.APIError | None = None
        for attempt in range(first_attempt, attempts + 1):
            client = self._client()  # first: a new loop gets a new limiter too
            await self.limiter.acquire(estimate)
            try:
                # create() walks every message through the SDK's type transformer and the
                # answer through its models, about 3 ms a request that would hold up every
                # other request on the loop; the bodies are plain JSON both ways.
                raw: object = await client.post("/chat/completions", cast_to=object, body=request)
            except json.JSONDecodeError as exc:
                # HTTP 200 with a JSON content type but a body that is not JSON: the caller
                # treats it as an answer that cannot be used.
                raw = exc.doc
            except openai.APIError as exc:
                last = exc
                if refuses_logprobs(exc, request):
                    # llama.cpp's server without logits_all answers HTTP 500: a refusal of
                    # this request's shape, which no retry changes; the caller samples.
                    raise Refused(exc) from None
                if not retryable(exc):
                    if isinstance(exc, openai.APIStatusError) and exc.status_code not in REJECTED:
                        raise Refused(exc) from None
                    raise endpoint_error(exc, attempt, self.endpoint) from None
                rate_limited = isinstance(exc, openai.RateLimitError)
                self.rate_limited += rate_limited
                delay = self.retry.delay(attempt, retry_after(exc))
                if rate_limited:
                    self.limiter.hold(delay)
                if attempt < attempts:
                    self.retries += 1
                    self._say_wait(exc, attempt, attempts, delay)
                    await asyncio.sleep(delay)
                continue
            if not isinstance(raw, dict):
                self.limiter.settle(estimate, estimate)
                return str(raw)
            prompt_tokens = int((raw.get("usage") or {}).get("prompt_tokens") or 0)
            self.limiter.settle(estimate, prompt_tokens + max_tokens if prompt_tokens else estimate)
            return raw
        assert last is not None
        if max_attempts is not None:
            raise Failed(last)
        raise endpoint_error(last, attempts, self.endpoint)


def make_async_client(
    *, base_url: str | None, api_key: str | None, timeout: float = 120.0
) -> openai.AsyncOpenAI:
    """Build an async SDK client with its own retries off (the backend retries).

    Raises:
        ConfigError: No key for OpenAI's own endpoint.
    """
    return openai.AsyncOpenAI(**client_settings(base_url, api_key, timeout), max_retries=0)
