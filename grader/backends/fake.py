"""A scripted backend for tests: no model, no network."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from grader.backends.base import Completion, Message, Settings, Usage, YesNo

Responder = Callable[[list[Message], dict[str, Any]], "str | Completion"]


class FakeBackend:
    """Answers from a script, or by a simple rule when the script runs out.

    Without a script it quotes the first candidate turn in the prompt and answers "neutral",
    which gives valid, verifiable output for plumbing tests. It records every request.
    """

    name = "fake"

    def __init__(
        self,
        script: Iterable[str | Completion] | Responder | None = None,
        *,
        model: str = "fake-model",
        context_tokens: int = 8192,
        level: str = "neutral",
        yes: float | Callable[[list[Message]], float] = 0.5,
        gguf_identity: str | None = None,
    ) -> None:
        self.model = model
        self.gguf_identity = gguf_identity
        self.yes = yes
        self.questions: list[list[Message]] = []
        self.context_tokens = context_tokens
        self.level = level
        self.requests: list[tuple[list[Message], dict[str, Any]]] = []
        self._responder: Responder | None = script if callable(script) else None
        self._script = [] if script is None or callable(script) else list(script)

    def complete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        """Return the next scripted answer, or a rule-based one."""
        self.requests.append((messages, schema))
        if self._responder is not None:
            answer: str | Completion = self._responder(messages, schema)
        elif self._script:
            answer = self._script.pop(0)
        else:
            answer = self.default_answer(messages, schema)
        if isinstance(answer, Completion):
            return answer
        prompt_tokens = sum(self.count_tokens(m["content"]) for m in messages)
        usage = Usage(prompt_tokens, self.count_tokens(answer), 0, 1)
        return Completion(answer, "stop", usage, self.model)

    def yes_probability(self, messages: list[Message]) -> YesNo:
        """Return the configured P(yes), or what the ``yes`` callable says for these messages."""
        self.questions.append(messages)
        p_yes = self.yes(messages) if callable(self.yes) else self.yes
        prompt_tokens = sum(self.count_tokens(m["content"]) for m in messages)
        return YesNo(p_yes, 1.0, "logprobs", Usage(prompt_tokens, 0, 0, 1))

    def count_tokens(self, text: str) -> int:
        """Approximate tokens as words plus punctuation marks."""
        return len(re.findall(r"\w+|[^\w\s]", text))

    def identity(self) -> str | None:
        """Return the identity the fake model was given (None by default)."""
        return self.gguf_identity

    def describe(self) -> dict[str, Any]:
        """Return the fake model's identity."""
        return {"backend": self.name, "model": self.model}

    def default_answer(self, messages: list[Message], schema: dict[str, Any]) -> str:
        """Build a valid answer for ``schema`` quoting the first candidate turn shown."""
        match = re.search(r"^\[(T\d+)\] candidate[^:]*: (.+)$", messages[-1]["content"], re.M)
        if match is None:
            match = re.search(r"^- \[(T\d+)\] \"(.+)\"$", messages[-1]["content"], re.M)
        evidence = []
        if match:
            words = match.group(2).split()[:12]
            evidence = [{"turn_id": match.group(1), "quote": " ".join(words)}]
        one = {"evidence": evidence, "rationale": "Scripted answer.", "level": self.level}
        props = schema.get("properties", {})
        if set(props) == {"evidence"}:
            return json.dumps({"evidence": evidence})
        if "summary" in props:
            return json.dumps({"evidence": evidence, "summary": "Scripted summary."})
        if "level" in props:
            return json.dumps(one)
        return json.dumps({key: one for key in props})
