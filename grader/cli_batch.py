"""The ``grader batch`` and ``grader cache`` subcommands: argument parsing and printing only.

Exit codes of ``grader batch``: 0 every transcript graded; 1 some transcript or dimension
failed (the results file says which and why); 2 bad input or configuration, or the
endpoint refused the key, model or URL; 3 the budget stopped the batch before every
transcript was started (finished results are kept; rerun with a higher budget).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from dataclasses import replace
from typing import Any

from grader.batch_progress import Progress, summary_line
from grader.batch_run import BatchStats
from grader.cli_method import add_method_options, method_options

DEFAULT_CONCURRENCY = 8


def register(sub: Any) -> None:
    """Add the ``batch`` and ``cache`` subcommands to the ``grader`` parser."""
    batch = sub.add_parser(
        "batch",
        help="grade many transcripts: concurrent, resumable, within a budget",
        description="Grade many transcripts. Results are appended to the results file as "
        "each finishes; rerunning the same command grades only what is missing. Exit codes: "
        "0 all graded, 1 something failed, 2 bad input or configuration, 3 budget reached.",
    )
    batch.add_argument("inputs", nargs="+", help="transcript files, folders or globs")
    batch.add_argument("-o", "--output", required=True, help="results file (JSON lines)")
    batch.add_argument("--csv", help="summary CSV (default: the results file with .csv)")
    batch.add_argument(
        "--concurrency",
        type=int,
        # A string default goes through type=int, so a bad variable is a usage error.
        default=_env("GRADER_CONCURRENCY") or DEFAULT_CONCURRENCY,
        help=f"model requests in flight at most [GRADER_CONCURRENCY] (default "
        f"{DEFAULT_CONCURRENCY}; the embedded model always runs one at a time)",
    )
    batch.add_argument("--budget", type=float, help="USD; no transcript starts that would pass it")
    batch.add_argument(
        "--max-tokens-per-minute",
        type=int,
        default=_env("GRADER_MAX_TOKENS_PER_MINUTE"),
        help="keep requests under this token rate [GRADER_MAX_TOKENS_PER_MINUTE]",
    )
    batch.add_argument(
        "--prices", default=_env("GRADER_PRICES"), help="price file overriding the built-in table"
    )
    batch.add_argument("--cache", default=_env("GRADER_RESPONSE_CACHE"), help="cache file")
    batch.add_argument("--no-cache", action="store_true", help="do not use the response cache")
    batch.add_argument(
        "--retries",
        type=int,
        default=5,
        help="attempts per request on rate limits, server errors and timeouts (default 5)",
    )
    batch.add_argument(
        "--openai-batch",
        action="store_true",
        help="send the requests through OpenAI's Batch API (half price, up to 24 h)",
    )
    batch.add_argument(
        "--poll-interval", type=float, default=60.0, help="seconds between Batch API polls"
    )
    batch.add_argument("--rubric", default=_env("GRADER_RUBRIC"), help="rubric file")
    batch.add_argument(
        "--backend", choices=["local", "openai", "fake"], default=_env("GRADER_BACKEND")
    )
    batch.add_argument("--model", default=_env("GRADER_MODEL"), help="model name [GRADER_MODEL]")
    batch.add_argument("--base-url", default=_env("OPENAI_BASE_URL"), help="OpenAI-compatible URL")
    batch.add_argument("--model-path", default=_env("GRADER_MODEL_PATH"), help="GGUF file")
    batch.add_argument("--prompts", default=_env("GRADER_PROMPTS"), help="prompt templates folder")
    batch.add_argument("--candidate", help="speaker name of the candidate in every transcript")
    add_method_options(batch)
    batch.add_argument("--max-attempts", type=int, default=3, help="calls per answer at most")
    batch.add_argument("--max-tokens", type=int, default=700, help="answer tokens per call")
    batch.add_argument("--temperature", type=float, default=0.0)
    batch.add_argument("--seed", type=int, default=0)
    batch.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    add_limit_options(batch)
    batch.add_argument("--json", action="store_true", help="print the summary as JSON")
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    batch.set_defaults(handler=cmd_batch)

    cache = sub.add_parser("cache", help="show or clear the response cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    for name, handler, text in (
        ("info", cmd_cache_info, "entries and size on disk"),
        ("clear", cmd_cache_clear, "delete every cached response"),
    ):
        parser = cache_sub.add_parser(name, help=text)
        parser.add_argument("--cache", default=_env("GRADER_RESPONSE_CACHE"), help="cache file")
        parser.add_argument("--json", action="store_true")
        parser.set_defaults(handler=handler)


def add_limit_options(parser: Any, *, defaults: bool = True) -> None:
    """Add ``--max-bytes`` and ``--max-transcript-tokens``, shared by grade, batch and eval.

    With ``defaults`` false an option given neither on the command line nor in the
    environment is None, so that an eval config's own value stands.
    """
    from grader.grading import MAX_TRANSCRIPT_BYTES, MAX_TRANSCRIPT_TOKENS

    max_bytes = MAX_TRANSCRIPT_BYTES if defaults else None
    max_tokens = MAX_TRANSCRIPT_TOKENS if defaults else None
    # A string default (from the environment) goes through type=, so a bad value is a
    # usage error like a bad option.
    parser.add_argument(
        "--max-bytes",
        type=_positive,
        metavar="N",
        default=_env("GRADER_MAX_BYTES") or max_bytes,
        help=f"largest transcript file read, in bytes [GRADER_MAX_BYTES] "
        f"(default {MAX_TRANSCRIPT_BYTES:,})",
    )
    parser.add_argument(
        "--max-transcript-tokens",
        type=_positive,
        metavar="N",
        default=_env("GRADER_MAX_TRANSCRIPT_TOKENS") or max_tokens,
        help=f"largest transcript graded, in the model's tokens, counted before any call "
        f"[GRADER_MAX_TRANSCRIPT_TOKENS] (default {MAX_TRANSCRIPT_TOKENS:,})",
    )


def cmd_batch(args: argparse.Namespace) -> int:
    """Grade every transcript the inputs name; see the module docstring for exit codes."""
    from grader.backends.base import Settings
    from grader.batch import BatchCache, arun_batch, cache_path, open_model
    from grader.errors import ConfigError
    from grader.grading import GradeOptions
    from grader.pricing import load_prices
    from grader.prompts import PromptSet
    from grader.rubric import load_rubric

    for option in ("concurrency", "retries", "max_attempts", "max_tokens"):
        if getattr(args, option) < 1:
            raise ConfigError(
                f"--{option.replace('_', '-')} {getattr(args, option)}: must be 1 or more"
            )
    if args.max_tokens_per_minute is not None and args.max_tokens_per_minute < 1:
        raise ConfigError(
            f"--max-tokens-per-minute {args.max_tokens_per_minute}: must be 1 or more"
        )
    if args.budget is not None and args.budget <= 0:
        raise ConfigError(f"--budget {args.budget}: must be more than 0 (US dollars)")
    rubric = load_rubric(args.rubric)
    prompts = PromptSet(args.prompts)
    prices = load_prices(args.prices)
    options = GradeOptions(
        max_attempts=args.max_attempts,
        settings=Settings(max_tokens=args.max_tokens, temperature=args.temperature, seed=args.seed),
        max_tokens_per_transcript=args.max_transcript_tokens,
        max_bytes=args.max_bytes,
    )
    progress = Progress(quiet=args.quiet, tty=sys.stderr.isatty())
    cache = None if args.no_cache else BatchCache(cache_path(args.cache))
    common: dict[str, Any] = {
        "prompts": prompts,
        "options": options,
        "cache": cache,
        "prices": prices,
        "budget": args.budget,
        "candidate": args.candidate,
        "csv_path": args.csv,
        "reporter": progress,
    }
    try:
        if args.openai_batch:
            stats = _openai_batch(args, rubric, common)
        else:

            async def run() -> BatchStats:
                async with open_model(
                    args.backend,
                    model=args.model,
                    base_url=args.base_url,
                    model_path=args.model_path,
                    timeout=args.timeout,
                    retries=args.retries,
                    tokens_per_minute=args.max_tokens_per_minute,
                ) as model:
                    common["options"] = replace(
                        options, **method_options(args, model, rubric, prompts)
                    )
                    return await arun_batch(
                        args.inputs,
                        args.output,
                        rubric,
                        model,
                        concurrency=args.concurrency,
                        **common,
                    )

            stats = asyncio.run(run())
    finally:
        progress.close()
        if cache is not None:
            cache.close()
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
    else:
        print(summary_line(stats))
    code: int = stats.exit_code
    return code


def _openai_batch(args: argparse.Namespace, rubric: Any, common: dict[str, Any]) -> BatchStats:
    """Run the batch through OpenAI's Batch API (OpenAI itself, or ``--base-url``)."""
    from grader.backends import DEFAULT_OPENAI_MODEL
    from grader.backends.openai_backend import make_client
    from grader.calibration import load_calibration
    from grader.errors import ConfigError
    from grader.openai_batch import run_openai_batch

    if args.backend not in (None, "openai"):
        raise ConfigError(
            f"--openai-batch needs the openai backend, not {args.backend}",
            hint="Drop --backend or pass --backend openai",
        )
    client = make_client(
        base_url=args.base_url, api_key=_env("OPENAI_API_KEY"), timeout=args.timeout
    )
    method = {"strategy": args.strategy, "redact": args.redact is not False}
    if args.calibration:
        method["calibration"] = load_calibration(args.calibration)
    common = {**common, "options": replace(common["options"], **method)}
    try:
        return run_openai_batch(
            args.inputs,
            args.output,
            rubric,
            client,
            args.model or DEFAULT_OPENAI_MODEL,
            poll_interval=args.poll_interval,
            **common,
        )
    finally:
        client.close()


def cmd_cache_info(args: argparse.Namespace) -> int:
    """Print the response cache's location, entry count and size."""
    from grader.batch import cache_path
    from grader.cache import ResponseCache

    path = cache_path(args.cache)
    if path.exists():
        cache = ResponseCache(path)
        info = cache.info()
        cache.close()
    else:
        info = {"path": str(path), "entries": 0, "bytes": 0}
    if args.json:
        print(json.dumps(info))
    else:
        print(f"{info['path']}: {info['entries']} responses, {info['bytes'] / 1e6:.1f} MB")
    return 0


def cmd_cache_clear(args: argparse.Namespace) -> int:
    """Delete every cached response."""
    from grader.batch import cache_path
    from grader.cache import ResponseCache

    path = cache_path(args.cache)
    removed = 0
    if path.exists():
        cache = ResponseCache(path)
        removed = cache.clear()
        cache.close()
    if args.json:
        print(json.dumps({"path": str(path), "removed": removed}))
    else:
        print(f"{path}: removed {removed} responses")
    return 0


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be 1 or more")
    return value
