"""Model backends behind one protocol; the only package that imports a model SDK."""

from __future__ import annotations

import os
from typing import Literal

from grader.backends.base import AsyncBackend, Backend, Completion, Message, Settings, Usage
from grader.backends.fake import FakeBackend
from grader.errors import ConfigError

BackendName = Literal["local", "openai", "fake"]
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"

__all__ = [
    "Backend",
    "BackendName",
    "Completion",
    "FakeBackend",
    "Message",
    "Settings",
    "Usage",
    "make_backend",
]


def make_backend(
    name: str | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    model_path: str | None = None,
    timeout: float = 120.0,
    retries: int = 5,
) -> Backend | AsyncBackend:
    """Build the backend a user asked for.

    With no backend named, an endpoint given by ``base_url`` (or ``OPENAI_BASE_URL``) selects
    ``openai``; otherwise the embedded ``local`` model is used. ``openai`` is the async
    backend (the engine drives it; it makes a client per event loop, so repeated synchronous
    :func:`grader.grade` calls work), with ``retries`` attempts per request on rate limits,
    server faults and timeouts. An API key alone does not
    send transcripts to a remote service.

    Raises:
        ConfigError: Unknown backend name, or a missing key for OpenAI's own endpoint.
        ModelUnavailableError: The embedded model is not installed.
    """
    base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
    chosen = name or ("openai" if base_url else "local")
    if chosen == "local":
        from grader.backends.local import LocalBackend

        return LocalBackend(model_path)
    if chosen == "openai":
        from grader.backends.openai_backend import OpenAIBackend, make_async_client
        from grader.backends.openai_protocol import Mode, require_key
        from grader.backends.ratelimit import RetryPolicy

        api_key = os.environ.get("OPENAI_API_KEY") or None
        require_key(api_key, base_url)
        # OpenAI itself supports strict json_schema; other servers are probed on first use.
        mode: Mode = "auto" if base_url else "json_schema"
        return OpenAIBackend(
            lambda: make_async_client(base_url=base_url, api_key=api_key, timeout=timeout),
            model or DEFAULT_OPENAI_MODEL,
            mode=mode,
            retry=RetryPolicy(max_attempts=retries),
        )
    if chosen == "fake":
        return FakeBackend(model=model or "fake-model")
    raise ConfigError(f"unknown backend {chosen!r}", hint="Use local, openai or fake")
