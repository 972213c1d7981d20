"""One structured-output call: parse, validate, and retry with feedback within a bound.

The grading logic is written once, as generators that yield what they need from a model
(:class:`Request`, or :class:`Parallel` for independent pieces of work) and receive the
answer. A driver decides how requests reach the model: the engine
(:mod:`grader.engine`) awaits many at once, or one at a time for the embedded model; the
Batch API runner sends a whole round of requests as one file. The logic itself never does I/O
except the response cache.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar

from pydantic import BaseModel, ValidationError

from grader.backends.base import Completion, Message, ModelInfo, Settings, Usage
from grader.backends.cache import ResponseCache, request_key
from grader.errors import OutputError
from grader.grading.prompts import PromptSet, RenderedPrompt
from grader.grading.schema import json_schema

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
MAX_ECHO_CHARS = 600
# The finish reason backends give an HTTP answer that held no message (a body that is not
# JSON, or no choices); the text, if any, is the start of the body.
UNREADABLE = "error"


@dataclass(frozen=True)
class Request:
    """One model call the grading logic needs answered with a :class:`Completion`.

    Attributes:
        messages: The chat messages to send.
        schema: JSON schema the answer must satisfy.
        settings: Sampling settings for this call.
        label: What the call is for, for progress output.
    """

    messages: list[Message]
    schema: dict[str, Any]
    settings: Settings
    label: str = ""


@dataclass(frozen=True)
class Parallel:
    """Independent pieces of work; the answer is the list of their results, in order.

    A driver may run them one after another or at the same time.
    """

    steps: list[Steps[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class YesNoRequest:
    """One yes/no question the grading logic needs answered with a :class:`YesNo`.

    Attributes:
        messages: The chat messages; the model's first answer token is read.
        label: What the question is for, for progress output.
    """

    messages: list[Message]
    label: str = ""


Effect = Request | Parallel | YesNoRequest
Steps: TypeAlias = Generator[Effect, Any, R]
"""Grading logic that yields effects and returns ``R``."""


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


def ask_steps(
    model: ModelInfo,
    prompts: PromptSet,
    prompt: RenderedPrompt,
    output: type[T],
    settings: Settings,
    *,
    max_attempts: int = 3,
    usage: Usage | None = None,
    cache: ResponseCache | None = None,
    label: str = "",
) -> Steps[Answer[T]]:
    """Yield the requests for one structured answer, retrying with the reason; return it.

    Invalid JSON, a schema violation, a refusal and an answer cut off at the token limit
    each lead to another attempt that tells the model what was wrong.

    Args:
        model: The model (its identity keys the cache).
        prompts: Templates, for the retry message.
        prompt: The rendered request.
        output: The pydantic model the answer must satisfy.
        settings: Sampling settings.
        max_attempts: Upper bound on calls.
        usage: Accumulates usage even when every attempt fails.
        cache: Where validated answers are looked up first and stored.
        label: What the call is for, for progress output.

    Raises:
        OutputError: No attempt produced a valid answer; carries every reason.
        BackendError: The backend itself failed (not retried here).
    """
    schema = _schema(output)
    messages: list[Message] = list(prompt.messages)
    reasons: list[str] = []
    total = usage if usage is not None else Usage()
    key = ""
    if cache is not None:
        identity = {k: v for k, v in model.describe().items() if k != "structured_output"}
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
        completion: Completion = yield Request(messages, schema, call, label)
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
        if completion.finish_reason == UNREADABLE:
            # The endpoint failed, not the model: ask the same again, with nothing to correct.
            continue
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


# Weak keys: the all-at-once answer type is built per call and must not pile up here.
_SCHEMAS: weakref.WeakKeyDictionary[type[BaseModel], dict[str, Any]] = weakref.WeakKeyDictionary()


def _schema(output: type[BaseModel]) -> dict[str, Any]:
    # Building a JSON schema takes about a millisecond; batches ask for the same few types
    # thousands of times. Callers only read the schema.
    if output not in _SCHEMAS:
        _SCHEMAS[output] = json_schema(output)
    return _SCHEMAS[output]


def _parse(
    text: str, finish_reason: str, refusal: str | None, output: type[T]
) -> tuple[T | None, str]:
    if refusal:
        return None, f"the model refused: {refusal[:200]}"
    if finish_reason == UNREADABLE:
        shown = f" (it starts {text[:80]!r})" if text else ""
        return None, f"the endpoint's answer was not a chat completion{shown}"
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
