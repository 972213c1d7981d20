"""Which model to use and how to reach it: one description for every entry point."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from grader.backends.base import AsyncBackend, Backend


@dataclass(frozen=True)
class BackendSpec:
    """A model to grade with.

    Attributes:
        name: "local" (the embedded model), "openai" (OpenAI or any compatible endpoint) or
            "fake"; None chooses openai when a base URL is set, else local.
        model: Model name for the openai backend.
        base_url: An OpenAI-compatible endpoint (``OPENAI_BASE_URL`` when None).
        model_path: Another GGUF file for the local backend.
        timeout: Seconds per request.
        retries: Attempts per request on rate limits, server errors and timeouts.
        tokens_per_minute: Keep requests under this token rate (None: no limit).
        on_wait: Told in one line why a request waits long (a hung endpoint, a long
            Retry-After), so a long wait is never silent.
    """

    name: str | None = None
    model: str | None = None
    base_url: str | None = None
    model_path: str | None = None
    timeout: float = 120.0
    retries: int = 5
    tokens_per_minute: int | None = None
    on_wait: Callable[[str], None] | None = field(default=None, compare=False)

    @property
    def chosen(self) -> str:
        """The backend this spec resolves to."""
        return self.name or ("openai" if self.endpoint else "local")

    @property
    def endpoint(self) -> str | None:
        """The OpenAI-compatible endpoint, from the spec or the environment."""
        return self.base_url or os.environ.get("OPENAI_BASE_URL") or None

    @asynccontextmanager
    async def open(self) -> AsyncIterator[Backend | AsyncBackend]:
        """Build the backend, and close its connections afterwards.

        ``openai`` gets the async client with the grader's own retry policy and token
        limiter; the key comes from ``OPENAI_API_KEY`` only. ``local`` and ``fake`` are
        synchronous backends that the engine calls one request at a time.

        Raises:
            ConfigError: Unknown backend, or no key for OpenAI's own endpoint.
            ModelUnavailableError: The embedded model is not installed.
        """
        from grader.backends import DEFAULT_OPENAI_MODEL, make_backend

        if self.chosen != "openai":
            yield make_backend(self.chosen, model=self.model, model_path=self.model_path)
            return
        from grader.backends.openai_backend import OpenAIBackend, make_async_client
        from grader.backends.ratelimit import RetryPolicy, TokenRateLimiter

        client = make_async_client(
            base_url=self.endpoint,
            api_key=os.environ.get("OPENAI_API_KEY") or None,
            timeout=self.timeout,
        )
        try:
            yield OpenAIBackend(
                client,
                self.model or DEFAULT_OPENAI_MODEL,
                # OpenAI itself supports strict json_schema; other servers are probed.
                mode="auto" if self.endpoint else "json_schema",
                retry=RetryPolicy(max_attempts=self.retries),
                limiter=TokenRateLimiter(self.tokens_per_minute),
                on_wait=self.on_wait,
            )
        finally:
            await client.close()
