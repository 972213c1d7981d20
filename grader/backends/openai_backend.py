"""Backend for OpenAI and any OpenAI-compatible chat-completions endpoint."""

from __future__ import annotations

from typing import Any, Literal

import openai

from grader.backends.base import Completion, Message, Settings, Usage
from grader.errors import BackendError, ConfigError
from grader.tokens import TiktokenCounter

Mode = Literal["auto", "json_schema", "json_object"]
DEFAULT_CONTEXT_TOKENS = 128_000


class OpenAIBackend:
    """Structured output through the openai SDK.

    OpenAI itself gets strict ``json_schema`` structured outputs. A compatible server that
    refuses ``json_schema`` (llama.cpp's answers HTTP 500) is asked again with
    ``json_object`` plus the schema, and that mode is kept for later calls.
    """

    name = "openai"

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        *,
        mode: Mode = "auto",
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
    ) -> None:
        self.client = client
        self.model = model
        self.mode: Mode = mode
        self.context_tokens = context_tokens
        self._counter = TiktokenCounter()

    def complete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        """Send one chat-completions request and return the raw answer.

        Raises:
            BackendError: The endpoint cannot be reached, rejects the request, or keeps
                failing after the SDK's bounded retries.
        """
        if self.mode == "json_object":
            return self._call(messages, _json_object(schema), settings)
        if self.mode == "json_schema":
            return self._call(messages, _json_schema(schema), settings)
        # While the mode is unknown, a refusal must not be retried by the SDK: it would
        # repeat a request the server will never accept.
        try:
            completion = self._call(
                messages, _json_schema(schema), settings, self.client.with_options(max_retries=0)
            )
        except openai.APIStatusError as exc:
            if not _schema_refused(exc):
                raise _backend_error(exc, self.client) from None
            self.mode = "json_object"
            return self._call(messages, _json_object(schema), settings)
        except openai.APIError:
            # Not an answer about the format (connection, timeout): try again with retries.
            return self._call(messages, _json_schema(schema), settings, prior_attempts=1)
        self.mode = "json_schema"
        return completion

    def count_tokens(self, text: str) -> int:
        """Count tokens with tiktoken's cl100k_base encoding (works offline)."""
        return self._counter.count(text)

    def describe(self) -> dict[str, Any]:
        """Return the endpoint and model, never the key."""
        return {
            "backend": self.name,
            "model": self.model,
            "base_url": str(self.client.base_url),
            "structured_output": self.mode,
        }

    def _call(
        self,
        messages: list[Message],
        response_format: dict[str, Any],
        settings: Settings,
        client: openai.OpenAI | None = None,
        prior_attempts: int = 0,
    ) -> Completion:
        client = client or self.client
        try:
            request: dict[str, Any] = {
                "model": self.model,
                "messages": messages,
                "response_format": response_format,
                "max_tokens": settings.max_tokens,
                "temperature": settings.temperature,
                "seed": settings.seed,
            }
            response = client.chat.completions.create(**request)
        except openai.APIError as exc:
            if client is not self.client:
                raise
            raise _backend_error(exc, self.client, prior_attempts) from None
        if not response.choices:
            return Completion("", "error", Usage(calls=1), response.model or self.model)
        choice = response.choices[0]
        usage = Usage(calls=1)
        if response.usage is not None:
            usage.prompt_tokens = response.usage.prompt_tokens
            usage.completion_tokens = response.usage.completion_tokens
            details = response.usage.prompt_tokens_details
            usage.cached_tokens = (details.cached_tokens or 0) if details else 0
        return Completion(
            text=choice.message.content or "",
            finish_reason=choice.finish_reason or "stop",
            usage=usage,
            model=response.model or self.model,
            refusal=getattr(choice.message, "refusal", None),
        )


def make_client(
    *, base_url: str | None, api_key: str | None, timeout: float = 120.0, max_retries: int = 2
) -> openai.OpenAI:
    """Build an SDK client; a local endpoint needs no key, OpenAI itself does.

    Raises:
        ConfigError: No key for OpenAI's own endpoint.
    """
    if api_key is None and base_url is None:
        raise ConfigError(
            "OPENAI_API_KEY is not set",
            hint="Export OPENAI_API_KEY, or pass --base-url for a local OpenAI-compatible "
            "server, or use --backend local for the embedded model",
        )
    return openai.OpenAI(
        api_key=api_key or "no-key-needed",
        base_url=base_url,
        timeout=timeout,
        max_retries=max_retries,
    )


def _json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    from grader.schema import strip_for_strict

    return {
        "type": "json_schema",
        "json_schema": {"name": "answer", "strict": True, "schema": strip_for_strict(schema)},
    }


def _json_object(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "json_object", "schema": schema}


def _schema_refused(exc: openai.APIStatusError) -> bool:
    """Tell whether the server rejected the response_format rather than the request."""
    if exc.status_code >= 500:
        return True
    text = str(exc).lower()
    return exc.status_code in (400, 422) and ("json_schema" in text or "response_format" in text)


def _backend_error(
    exc: openai.APIError, client: openai.OpenAI, prior_attempts: int = 0
) -> BackendError:
    attempts = client.max_retries + 1 + prior_attempts
    where = str(client.base_url)
    if isinstance(exc, openai.APITimeoutError):
        return BackendError(
            f"{where}: no answer within {client.timeout} s after {attempts} attempts",
            attempts=attempts,
            hint="Check the server, or raise --timeout",
        )
    if isinstance(exc, openai.APIConnectionError):
        return BackendError(
            f"{where}: cannot connect after {attempts} attempts ({exc.__cause__ or exc})",
            attempts=attempts,
            hint="Check that the server is running and that --base-url is right",
        )
    if isinstance(exc, openai.AuthenticationError):
        return BackendError(
            f"{where}: the API key was rejected (HTTP 401)",
            hint="Check OPENAI_API_KEY",
        )
    if isinstance(exc, openai.NotFoundError):
        return BackendError(
            f"{where}: not found (HTTP 404): {exc.message}",
            hint="Check --model and that --base-url ends in /v1",
        )
    status = getattr(exc, "status_code", None)
    return BackendError(
        f"{where}: request failed{f' (HTTP {status})' if status else ''}: {exc.message}",
        attempts=attempts,
    )
