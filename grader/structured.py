"""One structured-output call: parse, validate, and retry with feedback within a bound."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from grader.backends.base import Backend, Message, Settings, Usage
from grader.cache import ResponseCache, request_key
from grader.errors import OutputError
from grader.prompts import PromptSet, RenderedPrompt
from grader.schema import json_schema

T = TypeVar("T", bound=BaseModel)
MAX_ECHO_CHARS = 600


@dataclass
class Answer(Generic[T]):
    """A validated answer with what it cost.

    Attributes:
        value: The validated model output.
        usage: Usage summed over every attempt.
        attempts: How many calls it took.
        reasons: Why earlier attempts were rejected.
    """

    value: T
    usage: Usage
    attempts: int
    reasons: list[str]


def ask(
    backend: Backend,
    prompts: PromptSet,
    prompt: RenderedPrompt,
    output: type[T],
    settings: Settings,
    *,
    max_attempts: int = 3,
    usage: Usage | None = None,
    cache: ResponseCache | None = None,
) -> Answer[T]:
    """Ask for a structured answer, retrying with the reason when it cannot be used.

    Invalid JSON, a schema violation, a refusal and an answer cut off at the token limit
    each lead to another attempt that tells the model what was wrong.

    Args:
        backend: The model.
        prompts: Templates, for the retry message.
        prompt: The rendered request.
        output: The pydantic model the answer must satisfy.
        settings: Sampling settings.
        max_attempts: Upper bound on calls.
        usage: Accumulates usage even when every attempt fails.
        cache: Where validated answers are looked up first and stored.

    Raises:
        OutputError: No attempt produced a valid answer; carries every reason.
        BackendError: The backend itself failed (not retried here).
    """
    schema = json_schema(output)
    messages: list[Message] = list(prompt.messages)
    reasons: list[str] = []
    total = usage if usage is not None else Usage()
    key = ""
    if cache is not None:
        identity = {k: v for k, v in backend.describe().items() if k != "structured_output"}
        key = request_key(identity, prompt.messages, schema, settings)
        hit = cache.get(key)
        if hit is not None:
            value, _ = _parse(hit[0], "stop", None, output)
            if value is not None:
                total.cache_hits += 1
                return Answer(value, total, 0, [])
    for attempt in range(1, max_attempts + 1):
        # A different seed on a retry keeps a deterministic backend from repeating itself.
        seed = None if settings.seed is None else settings.seed + attempt - 1
        call = Settings(settings.max_tokens, settings.temperature, seed)
        completion = backend.complete(messages, schema, call)
        total.add(completion.usage)
        value, reason = _parse(
            completion.text, completion.finish_reason, completion.refusal, output
        )
        if value is not None:
            if cache is not None:
                cache.put(
                    key,
                    completion.model,
                    completion.text,
                    completion.usage.prompt_tokens,
                    completion.usage.completion_tokens,
                )
            return Answer(value, total, attempt, reasons)
        reasons.append(reason)
        messages = [
            *prompt.messages,
            {"role": "assistant", "content": completion.text[:MAX_ECHO_CHARS]},
            {"role": "user", "content": prompts.render("retry.j2", reason=reason)},
        ]
    raise OutputError(
        f"no valid answer after {max_attempts} attempts: {reasons[-1]}",
        attempts=max_attempts,
        reasons=reasons,
    )


def _parse(
    text: str, finish_reason: str, refusal: str | None, output: type[T]
) -> tuple[T | None, str]:
    if refusal:
        return None, f"the model refused: {refusal[:200]}"
    if finish_reason == "length":
        return None, "the answer was cut off at the token limit; keep quotes and rationale short"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at character {exc.pos})"
    try:
        return output.model_validate(data), ""
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'answer'}: {err['msg']}"
            for err in exc.errors()[:4]
        )
        return None, f"the JSON does not match the required shape ({problems})"
