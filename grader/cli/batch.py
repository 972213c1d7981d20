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
import sys
from typing import Any

from grader.batch.run import BatchStats
from grader.cli import options as opt
from grader.cli.progress import BatchProgress, summary_line


def register(sub: Any) -> None:
    """Add the ``batch`` and ``cache`` subcommands to the ``grader`` parser."""
    batch = sub.add_parser(
        "batch",
        help="grade many transcripts: concurrent, resumable, within a budget",
        description="Grade many transcripts. Results are appended to the results file as "
        "each finishes; rerunning the same command grades only what is missing. Exit codes: "
        "0 all graded, 1 something failed, 2 bad input or configuration, 3 budget reached, "
        "130 interrupted.",
    )
    batch.add_argument("inputs", nargs="+", help="transcript files, folders or globs")
    batch.add_argument("-o", "--output", required=True, help="results file to append to (.jsonl)")
    batch.add_argument(
        "--csv", help="summary CSV to write (.csv; default: the results file with .csv)"
    )
    opt.add_concurrency_option(batch)
    batch.add_argument(
        "--budget",
        type=opt.positive_float,
        default=opt.env("GRADER_BUDGET"),
        help="USD; no transcript starts that would pass it [GRADER_BUDGET]",
    )
    batch.add_argument(
        "--prices",
        default=opt.env("GRADER_PRICES"),
        help="price file overriding the built-in table [GRADER_PRICES]",
    )
    opt.add_cache_options(batch)
    batch.add_argument(
        "--openai-batch",
        action="store_true",
        help="send the requests through OpenAI's Batch API (half price, up to 24 h)",
    )
    batch.add_argument(
        "--poll-interval",
        type=opt.positive_float,
        default=opt.env("GRADER_POLL_INTERVAL") or 60.0,
        help="seconds between Batch API polls [GRADER_POLL_INTERVAL] (default 60)",
    )
    opt.add_input_options(batch, speakers=True)
    opt.add_model_options(batch)
    opt.add_method_options(batch)
    opt.add_limit_options(batch)
    opt.add_quiet_json(batch, "print the summary as JSON")
    batch.set_defaults(handler=cmd_batch)

    cache = sub.add_parser("cache", help="show or clear the response cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    for name, handler, text in (
        ("info", cmd_cache_info, "entries and size on disk"),
        ("clear", cmd_cache_clear, "delete every cached response"),
    ):
        parser = cache_sub.add_parser(
            name, help=text, description=f"{text}. Exit codes: 0 done, 2 the cache cannot be read."
        )
        opt.add_cache_options(parser)
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.set_defaults(handler=handler)


def cmd_batch(args: argparse.Namespace) -> int:
    """Grade every transcript the inputs name; see the module docstring for exit codes."""
    from grader.backends.pricing import load_prices
    from grader.batch.runner import BatchCache, arun_batch
    from grader.grading.prompts import PromptSet
    from grader.rubrics.rubric import load_rubric

    rubric = load_rubric(args.rubric)
    prompts = PromptSet(args.prompts)
    prices = load_prices(args.prices)
    cache = opt.open_cache(args, BatchCache)
    progress = BatchProgress(quiet=args.quiet)
    common: dict[str, Any] = {
        "prompts": prompts,
        "options": opt.grade_options(args),
        "cache": cache,
        "prices": prices,
        "budget": args.budget,
        "candidate": args.candidate,
        "speakers": opt.speaker_overrides(args),
        "csv_path": args.csv,
        "reporter": progress,
    }
    try:
        if args.openai_batch:
            stats = _openai_batch(args, rubric, common)
        else:

            async def run() -> BatchStats:
                async with opt.backend_spec(args).open() as model:
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
    from grader.backends.openai_protocol import make_client
    from grader.batch.openai_batch import run_openai_batch
    from grader.errors import ConfigError

    if args.backend not in (None, "openai"):
        raise ConfigError(
            f"--openai-batch needs the openai backend, not {args.backend}",
            hint="Drop --backend or pass --backend openai",
        )
    client = make_client(
        base_url=args.base_url, api_key=opt.env("OPENAI_API_KEY"), timeout=args.timeout
    )
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
    from grader.backends.cache import ResponseCache, cache_path

    path = cache_path(args.cache)
    if path.exists():
        cache = ResponseCache(path)
        try:
            info = cache.info()
        finally:
            cache.close()
    else:
        info = {"path": str(path), "entries": 0, "bytes": 0}
    if args.json:
        print(json.dumps(info))
    else:
        print(f"{info['path']}: {info['entries']} responses, {info['bytes'] / 1e6:.1f} MB")
    return 0


def cmd_cache_clear(args: argparse.Namespace) -> int:
    """Delete every cached response; a damaged cache file is deleted and made again."""
    from grader.backends.cache import (
        CacheError,
        ResponseCache,
        cache_path,
        recreatable,
        remove_cache_files,
    )

    path = cache_path(args.cache)
    removed = 0
    if path.exists():
        try:
            cache = ResponseCache(path)
        except CacheError as exc:
            if not recreatable(exc):
                raise
            print(
                f"grader: warning: {exc.message}; deleting it and making a new one", file=sys.stderr
            )
            remove_cache_files(path)
            cache = ResponseCache(path)
        try:
            removed = cache.clear()
        finally:
            cache.close()
    if args.json:
        print(json.dumps({"path": str(path), "removed": removed}))
    else:
        print(f"{path}: removed {removed} responses")
    return 0
