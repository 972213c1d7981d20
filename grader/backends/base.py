"""The backend protocol: one small interface between the grader and any model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

Message = dict[str, str]


@dataclass
class Usage:
    """Token usage, summed over calls.

    Attributes:
        prompt_tokens: Tokens sent, including cached ones.
        completion_tokens: Tokens generated.
        cached_tokens: Prompt tokens the backend reused from a cache or an evaluated prefix.
        calls: Number of model calls.
        cache_hits: Answers taken from the response cache instead of a call.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    calls: int = 0
    cache_hits: int = 0

    def add(self, other: Usage) -> None:
        """Add ``other`` into this usage in place."""
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cached_tokens += other.cached_tokens
        self.calls += other.calls
        self.cache_hits += other.cache_hits

    def to_dict(self) -> dict[str, int]:
        """Return the usage as JSON data."""
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cached_tokens": self.cached_tokens,
            "calls": self.calls,
            "cache_hits": self.cache_hits,
        }


@dataclass
class Completion:
    """One raw answer from a backend, before parsing.

    Attributes:
        text: The message content ("" when the model refused).
        finish_reason: "stop", "length", or what the backend reported.
        usage: Usage of this call.
        model: The model name the backend reported.
        refusal: The refusal text, when the model declined to answer.
    """

    text: str
    finish_reason: str
    usage: Usage = field(default_factory=Usage)
    model: str = ""
    refusal: str | None = None


@dataclass
class YesNo:
    """The model's answer to a yes/no question, as a probability.

    Attributes:
        p_yes: Probability of "yes" among the yes and no answers.
        mass: Probability the model put on any yes or no answer at all (low means the
            question did not land; the answer is then unreliable).
        method: "logprobs" when read from token probabilities, "sampled" when only a
            sampled answer was available (then p_yes is 0 or 1).
        usage: Usage of the call.
    """

    p_yes: float
    mass: float
    method: str
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class Settings:
    """Sampling settings for one call."""

    max_tokens: int = 700
    temperature: float = 0.0
    seed: int | None = 0


class ModelInfo(Protocol):
    """What the grading core needs to know about a model, whatever calls it.

    Attributes:
        name: Backend kind ("local", "openai", "fake").
        model: Model name recorded in results.
        context_tokens: Tokens the model can attend to, prompt and answer together.
    """

    name: str
    model: str
    context_tokens: int

    def count_tokens(self, text: str) -> int:
        """Return how many tokens ``text`` takes for this model."""
        ...

    def describe(self) -> dict[str, Any]:
        """Return what identifies this backend in results (no secrets)."""
        ...

    def identity(self) -> str | None:
        """Return what model this is, the same however it is served, or None if unknown."""
        ...


@runtime_checkable
class Backend(ModelInfo, Protocol):
    """What the grader needs from a model it calls synchronously.

    Attributes:
        name: Backend kind ("local", "openai", "fake").
        model: Model name recorded in results.
        context_tokens: Tokens the model can attend to, prompt and answer together.
    """

    def complete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        """Return the model's answer to ``messages``, constrained to ``schema`` if possible."""
        ...

    def yes_probability(self, messages: list[Message]) -> YesNo:
        """Return the probability that the model answers "yes" to the last message."""
        ...


@runtime_checkable
class AsyncBackend(ModelInfo, Protocol):
    """A model called from an event loop, so many requests can wait at once."""

    async def acomplete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        """Return the model's answer to ``messages``, constrained to ``schema`` if possible."""
        ...

    async def ayes_probability(self, messages: list[Message]) -> YesNo:
        """Return the probability that the model answers "yes" to the last message."""
        ...
