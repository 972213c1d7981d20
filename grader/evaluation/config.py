"""Eval configurations: one grading configuration to evaluate, read from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import get_args

from grader.backends.pricing import refuse_api_keys
from grader.errors import ConfigError
from grader.grading.options import (
    DEFAULT_STRATEGY,
    MAX_TRANSCRIPT_BYTES,
    MAX_TRANSCRIPT_TOKENS,
    AnswerOrder,
    Strategy,
)


def display_path(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` when it lies inside it, else as given."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class EvalConfig:
    """One grading configuration to evaluate (a TOML file's keys).

    Attributes:
        name: Label for reports.
        backend: local, openai or fake (None: as ``grader grade`` decides).
        model: Model name for the openai backend.
        base_url: OpenAI-compatible endpoint.
        model_path: GGUF file for the local backend.
        strategy: Grading strategy.
        prompts: Prompt templates folder (None: the built-in one).
        samples: How many times each transcript is graded; the median level is used.
        temperature: Sampling temperature (above 0 when samples > 1 makes sense).
        seed: Seed of the first sample; sample k uses seed + k.
        max_attempts: Calls per answer at most.
        calibration: For the indicator method: "shipped" (the library's default: the
            calibration shipped for this model, rubric and prompts), "rubric_cuts", or a
            calibration file.
        redact: Redact personal data before sending (None: when the model is remote).
        timeout: Seconds per request (openai backend).
        max_bytes: Largest transcript file read, in bytes.
        max_transcript_tokens: Largest transcript graded, in the model's tokens.
        answer_order: evidence_first or level_first (one call per dimension only).
    """

    name: str = "default"
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    model_path: str | None = None
    strategy: Strategy = DEFAULT_STRATEGY
    prompts: str | None = None
    samples: int = 1
    temperature: float = 0.0
    seed: int = 0
    max_attempts: int = 3
    calibration: str = "shipped"
    redact: bool | None = None
    timeout: float = 120.0
    answer_order: AnswerOrder = "evidence_first"
    max_bytes: int = MAX_TRANSCRIPT_BYTES
    max_transcript_tokens: int = MAX_TRANSCRIPT_TOKENS


# The value types each key takes (None is never written in TOML).
_TEXT, _WHOLE, _NUMBER = (str,), (int,), (int, float)
_TYPES: dict[str, tuple[type, ...]] = {
    "name": _TEXT,
    "backend": _TEXT,
    "model": _TEXT,
    "base_url": _TEXT,
    "model_path": _TEXT,
    "strategy": _TEXT,
    "prompts": _TEXT,
    "samples": _WHOLE,
    "temperature": _NUMBER,
    "seed": _WHOLE,
    "max_attempts": _WHOLE,
    "calibration": _TEXT,
    "redact": (bool,),
    "timeout": _NUMBER,
    "answer_order": _TEXT,
    "max_bytes": _WHOLE,
    "max_transcript_tokens": _WHOLE,
}
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


def load_config(path: str | Path) -> EvalConfig:
    """Read an eval configuration from a TOML file.

    Raises:
        ConfigError: The file is unreadable, not TOML, or has an unknown key or bad value.
    """
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read eval config ({exc})") from None
    refuse_api_keys(file, data, "the eval config")
    known = {f.name for f in fields(EvalConfig)}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(
            f"{file}: unknown key {sorted(unknown)[0]!r}", hint=f"Use {', '.join(sorted(known))}"
        )
    data.setdefault("name", file.stem)
    for key, value in data.items():
        expected = _TYPES[key]
        if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
            names = " or ".join(_TYPE_NAMES[t] for t in expected)
            raise ConfigError(f"{file}: {key} = {value!r} is not {names}")
    for key in ("prompts", "calibration"):
        if data.get(key) in ("shipped", "rubric_cuts"):
            continue
        if data.get(key) and not Path(data[key]).is_absolute():
            data[key] = str((file.parent / data[key]).resolve())
    config = EvalConfig(**data)
    for key, allowed in (("strategy", Strategy), ("answer_order", AnswerOrder)):
        if getattr(config, key) not in get_args(allowed):
            raise ConfigError(
                f"{file}: {key} {getattr(config, key)!r} is not one of {list(get_args(allowed))}"
            )
    if config.samples < 1 or config.max_attempts < 1:
        raise ConfigError(f"{file}: samples and max_attempts must be at least 1")
    if config.max_bytes < 1 or config.max_transcript_tokens < 1:
        raise ConfigError(f"{file}: max_bytes and max_transcript_tokens must be at least 1")
    return config
