"""The OpenAI chat-completions protocol: request bodies, reading answers, describing faults.

Shared by the one OpenAI backend (:mod:`grader.backends.openai_backend`) and the Batch API
runner, so both send the same requests and read answers the same way.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import openai

from grader.backends.base import Completion, Message, Settings, Usage, YesNo
from grader.backends.identity import served_identity
from grader.backends.secrets import public_url, scrub
from grader.backends.strict_schema import strip_for_strict
from grader.backends.yesno import UNREADABLE, first_token_candidates, from_logprobs, from_text
from grader.errors import BackendError, ConfigError, EndpointRejectedError
from grader.transcripts.tokens import TiktokenCounter

Mode = Literal["auto", "json_schema", "json_object"]
DEFAULT_CONTEXT_TOKENS = 128_000
UNREADABLE_SNIPPET = 120


class OpenAIIdentity:
    """What every OpenAI-protocol model shares: its name, token counting and identity.

    Results, cache keys and resume keys use :meth:`describe`, so the online, async and
    Batch API paths must describe a model the same way.
    """

    name = "openai"
    model: str
    mode: str
    endpoint: str
    _counter: TiktokenCounter
    _served: tuple[str | None] | None = None

    def count_tokens(self, text: str) -> int:
        """Count tokens with tiktoken's cl100k_base encoding (works offline)."""
        return self._counter.count(text)

    def identity(self) -> str | None:
        """Return what the server serves, if it lists llama.cpp's figures; looked up once."""
        if self._served is None:
            key = getattr(getattr(self, "client", None), "api_key", None)
            found = served_identity(
                self.endpoint, self.model, key if isinstance(key, str) else None
            )
            self._served = (found,)
        return self._served[0]

    def describe(self) -> dict[str, Any]:
        """Return the endpoint and model, never the key."""
        return {
            "backend": self.name,
            "model": self.model,
            "base_url": public_url(self.endpoint),
            "structured_output": self.mode,
        }


def yes_no_request(model: str, messages: list[Message], *, logprobs: bool) -> dict[str, Any]:
    """Return the body of a yes/no question (shared by every OpenAI path).

    With ``logprobs``: one token and its log-probabilities; without, for an endpoint that
    gives none: a few sampled tokens.
    """
    request: dict[str, Any] = {"model": model, "messages": messages, "temperature": 0.0}
    if logprobs:
        return {**request, "max_tokens": 1, "logprobs": True, "top_logprobs": 10}
    return {**request, "max_tokens": 3}


def chat_request(
    model: str, messages: list[Message], response_format: dict[str, Any], settings: Settings
) -> dict[str, Any]:
    """Return the body of one chat-completions request (shared by every OpenAI path)."""
    return {
        "model": model,
        "messages": messages,
        "response_format": response_format,
        "max_tokens": settings.max_tokens,
        "temperature": settings.temperature,
        "seed": settings.seed,
    }


def unreadable_completion(body: object, model: str) -> Completion:
    """Return an HTTP 200 whose body is not a chat completion as an unusable answer.

    The finish reason ``"error"`` makes the structured-output layer try again within its
    attempt bound and, if the endpoint keeps answering so, name the fault when it gives up.
    The start of the body is kept as the text, for that message.
    """
    snippet = " ".join(str(body).split())[:UNREADABLE_SNIPPET]
    return Completion(snippet, "error", Usage(calls=1), model)


def make_client(
    *, base_url: str | None, api_key: str | None, timeout: float = 120.0, max_retries: int = 2
) -> openai.OpenAI:
    """Build an SDK client; a local endpoint needs no key, OpenAI itself does.

    Raises:
        ConfigError: No key for OpenAI's own endpoint.
    """
    return openai.OpenAI(**client_settings(base_url, api_key, timeout), max_retries=max_retries)


def client_settings(base_url: str | None, api_key: str | None, timeout: float) -> dict[str, Any]:
    """Return the SDK client's settings (sync or async); a local endpoint needs no key.

    Raises:
        ConfigError: No key for OpenAI's own endpoint.
    """
    require_key(api_key, base_url)
    return {"api_key": api_key or "no-key-needed", "base_url": base_url, "timeout": timeout}


def require_key(api_key: str | None, base_url: str | None) -> None:
    """Refuse OpenAI's own endpoint without a key, saying how to fix it.

    Raises:
        ConfigError: No key and no other endpoint.
    """
    if api_key is None and base_url is None:
        raise ConfigError(
            "OPENAI_API_KEY is not set",
            hint="Export OPENAI_API_KEY, or pass --base-url for a local OpenAI-compatible "
            "server, or use --backend local for the embedded model",
        )


def json_schema_format(schema: dict[str, Any]) -> dict[str, Any]:
    """Return the strict ``json_schema`` response format for ``schema`` (OpenAI itself)."""
    return {
        "type": "json_schema",
        "json_schema": {"name": "answer", "strict": True, "schema": strip_for_strict(schema)},
    }


def json_object_format(schema: dict[str, Any]) -> dict[str, Any]:
    """Return ``json_object`` plus the schema (servers that refuse ``json_schema``)."""
    return {"type": "json_object", "schema": schema}


def schema_refused(exc: openai.APIStatusError) -> bool:
    """Tell whether the server rejected the response_format rather than the request.

    llama.cpp's server answers ``json_schema`` with HTTP 500. 502, 503 and 504 are a
    gateway or a busy server (llama.cpp says 503 while it loads its model): faults to
    retry, not a verdict on the format.
    """
    if exc.status_code in (500, 501):
        return True
    text = str(exc).lower()
    return exc.status_code in (400, 422) and ("json_schema" in text or "response_format" in text)


def transient(exc: openai.APIStatusError) -> bool:
    """Tell whether another attempt may succeed: a timeout, conflict, rate limit or 5xx."""
    return exc.status_code in (408, 409, 429) or exc.status_code >= 500


def endpoint_error(
    exc: openai.APIError, attempts: int, where: str, *, timeout: object = None
) -> BackendError:
    """Describe the last failure of calls to an endpoint in one line, with what to do.

    A bad key, an unknown model or a wrong URL is an :class:`EndpointRejectedError`: every
    further request would fail alike. Secrets the endpoint echoes, and credentials in its
    URL, are hidden.
    """
    error = _endpoint_error(exc, attempts, public_url(where), timeout=timeout)
    error.message = scrub(error.message)
    error.args = (str(error),)
    return error


def _endpoint_error(
    exc: openai.APIError, attempts: int, where: str, *, timeout: object = None
) -> BackendError:
    """Describe the last failure of calls to an endpoint in one line, with what to do.

    A bad key, an unknown model or a wrong URL is an :class:`EndpointRejectedError`: every
    further request would fail alike.
    """
    if isinstance(exc, openai.APITimeoutError):
        within = f"within {timeout} s" if timeout is not None else "in time"
        return BackendError(
            f"{where}: no answer {within} after {attempts} attempts",
            attempts=attempts,
            hint="Check the server, or raise --timeout",
        )
    if isinstance(exc, openai.APIConnectionError):
        return BackendError(
            f"{where}: cannot connect after {attempts} attempts ({exc.__cause__ or exc})",
            attempts=attempts,
            hint="Check that the server is running and that --base-url is right",
        )
    status = getattr(exc, "status_code", None)
    if status in (401, 403):
        return EndpointRejectedError(
            f"{where}: the API key was rejected (HTTP {status})", hint="Check OPENAI_API_KEY"
        )
    if status == 404:
        return EndpointRejectedError(
            f"{where}: not found (HTTP 404): {exc.message}",
            hint="Check --model and that --base-url ends in /v1",
        )
    if status == 429:
        return BackendError(
            f"{where}: still rate limited (HTTP 429) after {attempts} attempts",
            attempts=attempts,
            hint="Wait, or lower the request rate (batch: --concurrency, --max-tokens-per-minute)",
        )
    return BackendError(
        f"{where}: request failed{f' (HTTP {status})' if status else ''} after {attempts} "
        f"attempts: {exc.message}",
        attempts=attempts,
    )


def _unanswered(usage: Usage | None = None) -> YesNo:
    """Return the answer to a yes/no question that could not be read (never a probability)."""
    return YesNo(0.5, 0.0, UNREADABLE, usage or Usage(calls=1))


def completion_from_body(body: object, model: str) -> Completion:
    """Turn a chat-completions response body (JSON) into a :class:`Completion`.

    Cached prompt tokens are recorded where the API reports them. A body that is not a
    chat completion (its text when it was not JSON, a JSON value of another shape, no
    choices) becomes an answer that cannot be used; fields of the wrong type count as absent.
    """
    if not isinstance(body, dict):
        return unreadable_completion(body, model)
    usage = Usage(calls=1)
    if isinstance(raw := body.get("usage"), dict):
        usage.prompt_tokens = _tokens(raw.get("prompt_tokens"))
        usage.completion_tokens = _tokens(raw.get("completion_tokens"))
        details = raw.get("prompt_tokens_details")
        usage.cached_tokens = _tokens(
            details.get("cached_tokens") if isinstance(details, dict) else 0
        )
    named = body.get("model")
    model = named if isinstance(named, str) and named else model
    choices = body.get("choices")
    choice = choices[0] if isinstance(choices, list) and choices else None
    if not isinstance(choice, dict):
        return Completion("", "error", usage, model)
    message = choice.get("message")
    message = message if isinstance(message, dict) else {}
    content, refusal, finish = (
        message.get("content"),
        message.get("refusal"),
        choice.get("finish_reason"),
    )
    return Completion(
        text=content if isinstance(content, str) else "",
        finish_reason=finish if isinstance(finish, str) and finish else "stop",
        usage=usage,
        model=model,
        refusal=refusal if isinstance(refusal, str) else None,
    )


def yes_no_from_body(body: object) -> YesNo:
    """Read P(yes) from a one-token answer's log-probabilities, else from its text.

    A body that is not a chat completion gives an answer marked unreadable, which the
    grading logic retries and never takes as a probability.
    """
    completion = completion_from_body(body, "")
    if not isinstance(body, dict) or completion.finish_reason == "error":
        return _unanswered(completion.usage)
    candidates = first_token_candidates(body["choices"][0])
    if candidates is not None:
        p_yes, mass = from_logprobs(candidates)
        return YesNo(p_yes, mass, "logprobs", completion.usage)
    sampled = from_text(completion.text)
    mass = 0.0 if sampled is None else 1.0
    return YesNo(0.5 if sampled is None else sampled, mass, "sampled", completion.usage)


def _tokens(value: object) -> int:
    """Return a token count from a usage field; anything but a finite number >= 0 is 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    if isinstance(value, float) and not math.isfinite(value):
        return 0
    return max(0, int(value))
