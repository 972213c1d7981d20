"""Option groups shared by the subcommands, so one option means one thing everywhere.

Every option has help text naming its environment variable, read once here at the edge.
Numbers are checked as they are parsed: a bad value is a usage error (exit 2) naming the
option, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from grader.backends.base import Settings
from grader.backends.cache import ResponseCache, cache_path
from grader.backends.spec import BackendSpec

# Re-exported: the subcommands take their parsers from here with the option groups.
from grader.cli.types import non_negative_int as non_negative_int
from grader.cli.types import positive_float as positive_float
from grader.cli.types import positive_int as positive_int
from grader.cli.types import temperature as temperature
from grader.grading.options import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_STRATEGY,
    MAX_TRANSCRIPT_BYTES,
    MAX_TRANSCRIPT_TOKENS,
    STRATEGIES,
    GradeOptions,
)
from grader.reports.terminal import terminal_line
from grader.transcripts.attribution.overrides import SpeakerOverrides, from_options

DEFAULT_CONCURRENCY = 8
DEFAULT_TIMEOUT = 120.0
DEFAULT_RETRIES = 5


def env(name: str) -> str | None:
    """Return an environment variable, or None when it is unset or empty."""
    return os.environ.get(name) or None


def add_resamples_option(parser: Any) -> None:
    """Add ``--resamples``, the bootstrap resamples behind every interval."""
    parser.add_argument(
        "--resamples",
        type=positive_int,
        default=1000,
        help="bootstrap resamples for intervals (default 1000)",
    )


def _default(name: str, fallback: Any, defaults: bool) -> Any:
    # A string default (from the environment) goes through type=, so a bad variable is a
    # usage error like a bad option. Without defaults, an option given neither way is None.
    return env(name) or (fallback if defaults else None)


def add_input_options(parser: Any, *, candidate: bool = True, speakers: bool = False) -> None:
    """Add ``--rubric``, ``--prompts`` and (optionally) ``--candidate`` and the speaker options."""
    parser.add_argument(
        "--rubric",
        default=env("GRADER_RUBRIC"),
        help="rubric file [GRADER_RUBRIC] (default: the built-in PM technical rubric)",
    )
    parser.add_argument(
        "--prompts",
        default=env("GRADER_PROMPTS"),
        help="prompt templates folder [GRADER_PROMPTS] (default: the built-in templates)",
    )
    if candidate:
        parser.add_argument(
            "--candidate",
            default=env("GRADER_CANDIDATE"),
            metavar="NAME",
            help="speaker label of the candidate (a name, or SPEAKER_01) [GRADER_CANDIDATE]",
        )
    if speakers:
        who = "who speaks where, to correct inferred speakers: lines 'candidate: 12-40, 55', "
        who += "'interviewer: 1-11' (lines of the transcript file) or 'SPEAKER_01: candidate'"
        parser.add_argument("--speakers", metavar="FILE", help=who)
        lines = "lines of the transcript file the candidate says (e.g. 12-40,55); the rest of "
        lines += "a transcript without speaker labels is still inferred around them"
        parser.add_argument("--candidate-lines", metavar="RANGES", help=lines)


def speaker_overrides(args: argparse.Namespace) -> SpeakerOverrides | None:
    """Return the speaker corrections ``--speakers`` and ``--candidate-lines`` give, if any."""
    return from_options(getattr(args, "speakers", None), getattr(args, "candidate_lines", None))


def add_model_options(parser: Any, *, defaults: bool = True) -> None:
    """Add the options that choose and reach the model."""
    parser.add_argument(
        "--backend",
        choices=["local", "openai", "fake"],
        default=env("GRADER_BACKEND"),
        help="model backend [GRADER_BACKEND]; default: openai if a base URL is set, "
        "else the embedded local model",
    )
    parser.add_argument(
        "--model",
        default=env("GRADER_MODEL"),
        help="model name for the openai backend [GRADER_MODEL] (default gpt-4o-mini)",
    )
    parser.add_argument(
        "--base-url",
        default=env("OPENAI_BASE_URL"),
        help="any OpenAI-compatible endpoint [OPENAI_BASE_URL]",
    )
    parser.add_argument(
        "--model-path",
        default=env("GRADER_MODEL_PATH"),
        help="another GGUF file for the local backend [GRADER_MODEL_PATH]",
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=_default("GRADER_TIMEOUT", DEFAULT_TIMEOUT, defaults),
        help=f"seconds per request [GRADER_TIMEOUT] (default {DEFAULT_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--retries",
        type=positive_int,
        default=_default("GRADER_RETRIES", DEFAULT_RETRIES, defaults),
        help="attempts per request on rate limits, server errors and timeouts "
        f"[GRADER_RETRIES] (default {DEFAULT_RETRIES})",
    )
    parser.add_argument(
        "--max-tokens-per-minute",
        type=positive_int,
        default=env("GRADER_MAX_TOKENS_PER_MINUTE"),
        help="keep requests under this token rate [GRADER_MAX_TOKENS_PER_MINUTE]",
    )


def add_method_options(parser: Any, *, defaults: bool = True) -> None:
    """Add the options that decide how a transcript is graded."""
    parser.add_argument(
        "--strategy",
        choices=list(STRATEGIES),
        default=_default("GRADER_STRATEGY", DEFAULT_STRATEGY, defaults),
        help=f"grading method [GRADER_STRATEGY] (default {DEFAULT_STRATEGY})",
    )
    parser.add_argument(
        "--calibration",
        default=env("GRADER_CALIBRATION"),
        metavar="FILE",
        help="calibration file for the indicator method [GRADER_CALIBRATION]; default: the "
        "shipped one when it was fitted for this model, rubric and prompts",
    )
    parser.add_argument(
        "--redact",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="replace emails, phone numbers, URLs and names before anything is sent; on by "
        "default when the model is not on this machine",
    )
    parser.add_argument(
        "--redact-name",
        action="append",
        default=[],
        metavar="NAME",
        help="another name to redact (repeat)",
    )
    parser.add_argument(
        "--max-attempts",
        type=positive_int,
        default=_default("GRADER_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS, defaults),
        help="calls per answer at most when the output is unusable [GRADER_MAX_ATTEMPTS] "
        f"(default {DEFAULT_MAX_ATTEMPTS})",
    )
    parser.add_argument(
        "--max-tokens",
        type=positive_int,
        default=_default("GRADER_MAX_TOKENS", Settings().max_tokens, defaults),
        help=f"answer tokens per call at most [GRADER_MAX_TOKENS] "
        f"(default {Settings().max_tokens})",
    )
    parser.add_argument(
        "--temperature",
        type=temperature,
        default=_default("GRADER_TEMPERATURE", 0.0, defaults),
        help="sampling temperature [GRADER_TEMPERATURE] (default 0)",
    )
    parser.add_argument(
        "--seed",
        type=non_negative_int,
        default=_default("GRADER_SEED", 0, defaults),
        help="the model's sampling seed [GRADER_SEED] (default 0)",
    )


def add_limit_options(parser: Any, *, defaults: bool = True) -> None:
    """Add ``--max-bytes`` and ``--max-transcript-tokens``."""
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        metavar="N",
        default=_default("GRADER_MAX_BYTES", MAX_TRANSCRIPT_BYTES, defaults),
        help=f"largest transcript file read, in bytes [GRADER_MAX_BYTES] "
        f"(default {MAX_TRANSCRIPT_BYTES:,})",
    )
    parser.add_argument(
        "--max-transcript-tokens",
        type=positive_int,
        metavar="N",
        default=_default("GRADER_MAX_TRANSCRIPT_TOKENS", MAX_TRANSCRIPT_TOKENS, defaults),
        help=f"largest transcript graded, in the model's tokens, counted before any call "
        f"[GRADER_MAX_TRANSCRIPT_TOKENS] (default {MAX_TRANSCRIPT_TOKENS:,})",
    )


def add_cache_options(parser: Any, *, default_on: bool = True) -> None:
    """Add ``--cache`` (and ``--no-cache`` where the cache is used by default)."""
    if not default_on:
        parser.add_argument(
            "--cache",
            metavar="FILE",
            help="response cache file to reuse and fill (default: no cache for one grade)",
        )
        parser.set_defaults(no_cache=False, cache_by_default=False)
        return
    parser.add_argument(
        "--cache",
        default=env("GRADER_RESPONSE_CACHE"),
        metavar="FILE",
        help="response cache file [GRADER_RESPONSE_CACHE] "
        "(default: responses.sqlite in GRADER_CACHE_DIR)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the response cache"
    )
    parser.set_defaults(cache_by_default=True)


def open_cache(
    args: argparse.Namespace, factory: Callable[[Path], ResponseCache] = ResponseCache
) -> ResponseCache | None:
    """Open the response cache the cache options name, or None when there is to be none."""
    if args.no_cache or (args.cache is None and not args.cache_by_default):
        return None
    return factory(cache_path(args.cache))


def add_concurrency_option(parser: Any) -> None:
    """Add ``--concurrency``."""
    parser.add_argument(
        "--concurrency",
        type=positive_int,
        default=env("GRADER_CONCURRENCY") or DEFAULT_CONCURRENCY,
        help=f"model requests in flight at most [GRADER_CONCURRENCY] (default "
        f"{DEFAULT_CONCURRENCY}; the embedded model always answers one at a time)",
    )


def add_quiet_json(parser: Any, json_help: str = "print the result as JSON") -> None:
    """Add ``--json`` and ``-q/--quiet``."""
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")


def backend_spec(args: argparse.Namespace) -> BackendSpec:
    """Return the backend the model options ask for."""
    return BackendSpec(
        name=args.backend,
        model=args.model,
        base_url=args.base_url,
        model_path=args.model_path,
        timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT,
        retries=args.retries if args.retries is not None else DEFAULT_RETRIES,
        tokens_per_minute=args.max_tokens_per_minute,
        on_wait=_say,
    )


def _say(message: str) -> None:
    """Print why a request waits: a long wait on the command line is never silent."""
    print(f"grader: {terminal_line(message)}", file=sys.stderr, flush=True)


def grade_options(args: argparse.Namespace) -> GradeOptions:
    """Return the grading options the method and limit options ask for.

    What they leave open (the calibration, redaction) the library decides for the model.
    """
    return GradeOptions(
        strategy=args.strategy,
        calibration=args.calibration or "shipped",
        redact=args.redact,
        redact_names=tuple(args.redact_name),
        max_attempts=args.max_attempts,
        settings=Settings(max_tokens=args.max_tokens, temperature=args.temperature, seed=args.seed),
        max_tokens_per_transcript=args.max_transcript_tokens,
        max_bytes=args.max_bytes,
    )
