"""What model calls cost: a price table per model, user overrides, and a spending budget.

Prices are US dollars per million tokens, as OpenAI publishes them. Prompt tokens the API
reports as cached are charged at the cached-input price. The OpenAI Batch API charges half.
Prices change: a user's price file (``--prices``) overrides or extends the built-in table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from grader.backends.base import Usage
from grader.errors import ConfigError

BATCH_API_DISCOUNT = 0.5
# Built-in prices, USD per 1M tokens (input, cached input, output), from OpenAI's pricing
# page as of 2025; override them with a price file when they change.
DEFAULT_PRICES: dict[str, tuple[float, float, float]] = {
    "gpt-4o-mini": (0.15, 0.075, 0.60),
    "gpt-4o": (2.50, 1.25, 10.00),
    "gpt-4.1-nano": (0.10, 0.025, 0.40),
    "gpt-4.1-mini": (0.40, 0.10, 1.60),
    "gpt-4.1": (2.00, 0.50, 8.00),
    "o4-mini": (1.10, 0.275, 4.40),
    "gpt-5-nano": (0.05, 0.005, 0.40),
    "gpt-5-mini": (0.25, 0.025, 2.00),
    "gpt-5": (1.25, 0.125, 10.00),
}
FREE_BACKENDS = frozenset({"local", "fake"})
FILE_HINT = 'Give a JSON or YAML mapping like {"my-model": {"input": 0.15, "output": 0.6}}'
# Entry names under which keys get pasted into files, and the shape of an OpenAI key
# ("sk-", then at least 16 characters with a digit among them).
KEY_NAMES = frozenset({"api_key", "openai_api_key", "apikey", "openai_key"})
KEY_VALUE = re.compile(r"\bsk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}")
KEY_HINT = (
    "Keys are never read from files: remove it, and set the OPENAI_API_KEY environment "
    "variable instead"
)


@dataclass(frozen=True)
class Price:
    """USD per million tokens for one model."""

    input: float
    cached_input: float
    output: float

    def cost(self, usage: Usage, discount: float = 1.0) -> float:
        """Return the cost of ``usage`` in USD, times ``discount``."""
        uncached = max(0, usage.prompt_tokens - usage.cached_tokens)
        total = (
            uncached * self.input
            + usage.cached_tokens * self.cached_input
            + usage.completion_tokens * self.output
        )
        return total / 1_000_000 * discount


FREE = Price(0.0, 0.0, 0.0)


class PriceTable:
    """Prices by model name; dated names (``gpt-4o-mini-2024-07-18``) match their base."""

    def __init__(self, overrides: dict[str, Price] | None = None) -> None:
        self.prices = {name: Price(*values) for name, values in DEFAULT_PRICES.items()}
        self.prices.update(overrides or {})

    def lookup(self, backend: str, model: str) -> Price | None:
        """Return the price of ``model``, free for in-process backends, None when unknown."""
        if model in self.prices:
            return self.prices[model]
        if backend in FREE_BACKENDS:
            return FREE
        # The longest known name that the model's name starts with: "gpt-4o-mini-2024-07-18"
        # is gpt-4o-mini, not gpt-4o.
        for name in sorted(self.prices, key=len, reverse=True):
            if model.startswith(name + "-"):
                return self.prices[name]
        return None


def load_prices(path: str | Path | None) -> PriceTable:
    """Return the built-in table with the overrides in ``path`` (JSON or YAML), if given.

    Raises:
        ConfigError: The file is missing or not a mapping of model names to prices.
    """
    if path is None:
        return PriceTable()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the price file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: the price file is not UTF-8 text", hint=FILE_HINT) from None
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except RecursionError:
        raise ConfigError(f"{file}: the price file is nested too deeply", hint=FILE_HINT) from None
    except (ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"{file}: not valid JSON or YAML ({exc})", hint=FILE_HINT) from None
    refuse_api_keys(file, data, "the price file")
    if isinstance(data, dict) and isinstance(data.get("models"), dict):
        data = data["models"]
    if not isinstance(data, dict) or not data:
        raise ConfigError(f"{file}: expected a mapping of model names to prices", hint=FILE_HINT)
    return PriceTable({str(name): _price(file, str(name), entry) for name, entry in data.items()})


def refuse_api_keys(file: Path, data: Any, what: str) -> None:
    """Refuse a configuration file that holds an API key: keys come from the environment only.

    A key in a file ends up in version control, backups and bug reports. An entry named
    like a key (``api_key``, ``openai_api_key``) or a value shaped like an OpenAI key
    (``sk-...``) anywhere in the parsed file is refused; the message names where it is and
    never repeats the value.

    Raises:
        ConfigError: The file holds a key.
    """
    seen: set[int] = set()
    stack: list[tuple[str, Any]] = [("", data)]
    # Each container is visited once (YAML anchors can make a structure refer to itself).
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            for key, value in node.items():
                name = f"{where}.{key}" if where else str(key)
                if str(key).lower().replace("-", "_") in KEY_NAMES or KEY_VALUE.search(str(key)):
                    raise ConfigError(f"{file}: {what} holds an API key ({name})", hint=KEY_HINT)
                stack.append((name, value))
        elif isinstance(node, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(node))
        elif isinstance(node, str) and KEY_VALUE.search(node):
            raise ConfigError(
                f"{file}: {what} holds what looks like an API key (at {where or 'the top'})",
                hint=KEY_HINT,
            )


def _price(file: Path, name: str, entry: Any) -> Price:
    if not isinstance(entry, dict) or "input" not in entry or "output" not in entry:
        raise ConfigError(f"{file}: {name}: needs 'input' and 'output' prices", hint=FILE_HINT)
    values = {}
    for key in ("input", "cached_input", "output"):
        value = entry.get(key, entry["input"])
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(
                f"{file}: {name}.{key}: {value!r} is not a price",
                hint="Prices are USD per million tokens, zero or more",
            )
        values[key] = float(value)
    return Price(values["input"], values["cached_input"], values["output"])


class Budget:
    """A spending limit that transcripts reserve from before they start.

    A transcript reserves an estimate of its cost; when it finishes, the estimate is
    replaced by what it really cost. A transcript whose estimate would take the committed
    total over the limit is not started.

    Attributes:
        limit: USD the batch may spend, or None for no limit.
        spent: USD spent by finished transcripts.
        reserved: USD reserved by transcripts still running.
    """

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.spent = 0.0
        self.reserved = 0.0

    def try_reserve(self, estimate: float) -> bool:
        """Reserve ``estimate`` if it fits under the limit; return whether it did."""
        if self.limit is not None and self.spent + self.reserved + estimate > self.limit:
            return False
        self.reserved += estimate
        return True

    def settle(self, estimate: float, actual: float) -> None:
        """Replace a reservation by the real cost."""
        self.reserved = max(0.0, self.reserved - estimate)
        self.spent += actual


class CostEstimator:
    """Estimates a transcript's cost before it is graded, learning from finished ones.

    Until a few transcripts have finished, every call is assumed to write its full
    ``max_tokens`` answer and to carry ``overhead`` tokens of instructions besides the
    transcript; afterwards the largest per-call figures seen so far (plus a margin) are
    used, so estimates stay on the high side.
    """

    MARGIN = 1.25
    WARMUP = 3

    def __init__(self, price: Price, max_tokens: int, overhead: int = 1500) -> None:
        self.price = price
        self.max_tokens = max_tokens
        self.overhead = overhead
        self._seen = 0
        self._overhead_seen = 0.0
        self._completion_seen = 0.0

    def estimate(
        self, transcript_tokens: int, prompt_calls: int, answers: int, discount: float = 1.0
    ) -> float:
        """Return the estimated USD cost of grading one transcript.

        Args:
            transcript_tokens: Transcript tokens each call carries.
            prompt_calls: Calls to be made.
            answers: Answers to be written (one call may answer every dimension).
            discount: Price factor (the Batch API's half price).
        """
        if self._seen >= self.WARMUP:
            overhead = self._overhead_seen * self.MARGIN
            completion = min(float(self.max_tokens), self._completion_seen * self.MARGIN)
        else:
            overhead, completion = float(self.overhead), float(self.max_tokens)
        usage = Usage(int(prompt_calls * (transcript_tokens + overhead)), int(answers * completion))
        return self.price.cost(usage, discount)

    def learn(self, transcript_tokens: int, usage: Usage, answers: int) -> None:
        """Record what a graded transcript really used (calls answered by the model only)."""
        if usage.calls == 0:
            return
        self._seen += 1
        per_call = usage.prompt_tokens / usage.calls - transcript_tokens
        self._overhead_seen = max(self._overhead_seen, per_call)
        self._completion_seen = max(self._completion_seen, usage.completion_tokens / answers)
