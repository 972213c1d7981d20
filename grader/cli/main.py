"""Command line: parses arguments, calls the library, prints. Nothing else lives here.

Exit codes: 0 success; 1 graded, but some dimension failed; 2 bad input, configuration or
an unreachable backend; 130 interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from grader.cli import eval as cli_eval
from grader.cli import options as opt
from grader.cli.progress import Bar
from grader.errors import ConfigError, GraderError
from grader.reports import scorecard_text as report
from grader.reports.terminal import terminal_line
from grader.rubrics.rubric import load_rubric

EXIT_OK, EXIT_DIMENSION_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``grader`` command and return its exit code."""
    parser = _parser()
    stdout = sys.stdout
    watched = sys.stdout = _Watched(stdout)
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # --help and --version print, then exit
            code = done.code if isinstance(done.code, int) else EXIT_OK
        else:
            code = args.handler(args)
        # Buffered output goes now, while a failure to write it (also one that argparse
        # caught) can be reported.
        watched.flush()
        if watched.failed is not None:
            raise watched.failed
        return code
    except GraderError as exc:
        return _fail(f"grader: error: {terminal_line(exc)}", exc.exit_code)
    except KeyboardInterrupt:
        if threading.current_thread() is threading.main_thread():
            # A second Ctrl-C must not cut short the exit the first one started.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        return _fail("grader: interrupted", EXIT_INTERRUPTED)
    except OSError as exc:
        # Standard output on a full disk or a closed pipe, or a file a command could not
        # write: one line naming it, never a traceback.
        if watched.failed is None and not isinstance(exc, BrokenPipeError):
            where = terminal_line(str(exc.filename or "a file"))
            return _fail(f"grader: error: {where}: {exc.strerror or exc}", EXIT_ERROR)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            # Nothing more reaches it, and the exit must not fail writing to it again.
            target = stdout.fileno()
            os.dup2(os.open(os.devnull, os.O_WRONLY), target)
        if isinstance(exc, BrokenPipeError):
            return EXIT_OK  # the reader (e.g. `head`) went away
        hint = "Send the output where there is room, or use -o"
        return _fail(f"grader: error: standard output: {exc.strerror}. {hint}", EXIT_ERROR)
    finally:
        sys.stdout = stdout


class _Watched:
    """Standard output, keeping the error of a write that failed; all else passes through."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        return int(self._do(self.stream.write, text))

    def flush(self) -> None:
        self._do(self.stream.flush)

    def _do(self, action: Callable[..., Any], *args: Any) -> Any:
        try:
            return action(*args)
        except OSError as exc:
            self.failed = exc
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _fail(line: str, code: int) -> int:
    """Print one line to standard error if it takes it (it may be full too); return ``code``."""
    with contextlib.suppress(OSError):
        print(line, file=sys.stderr, flush=True)
    return code


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade one transcript and print or write its scorecard."""
    from grader.engine import grade_many
    from grader.engine.runner import Hooks, Job, Outcome
    from grader.grading.plan import planned_calls
    from grader.grading.prompts import PromptSet
    from grader.grading.second_opinion import compare
    from grader.ratings.scores import load_scores
    from grader.reports.files import check_output
    from grader.transcripts.transcript import load

    if args.output:
        check_output(Path(args.output), ("html", "json", "md", "txt"))
    rubric = load_rubric(args.rubric)
    # Read the interviewer's scores before grading, so a bad file costs no model time.
    scores = load_scores(args.compare, rubric) if args.compare else None
    speakers = opt.speaker_overrides(args)
    transcript = load(
        args.path, candidate=args.candidate, max_bytes=args.max_bytes, speakers=speakers
    )
    prompts = PromptSet(args.prompts)
    for warning in transcript.warnings:
        print(f"grader: warning: {terminal_line(warning)}", file=sys.stderr)
    options = opt.grade_options(args)
    outcomes: list[Outcome] = []
    cache = opt.open_cache(args)

    async def run() -> None:
        async with opt.backend_spec(args).open() as model:
            bar = Bar(planned_calls(transcript, rubric, model, options), "call", quiet=args.quiet)

            def on_request(label: str) -> None:
                bar.status(label)
                bar.advance()

            hooks = Hooks(on_outcome=outcomes.append, on_request=on_request)
            try:
                await grade_many(
                    [Job(transcript)],
                    rubric,
                    model,
                    prompts=prompts,
                    options=options,
                    cache=cache,
                    concurrency=args.concurrency,
                    hooks=hooks,
                )
            finally:
                bar.close()

    try:
        asyncio.run(run())
    finally:
        if cache is not None:
            cache.close()
    [outcome] = outcomes
    if outcome.card is None:
        assert outcome.error is not None
        raise outcome.error
    card = outcome.card
    for warning in card.warnings:
        if warning not in transcript.warnings:
            print(f"grader: warning: {terminal_line(warning)}", file=sys.stderr)
    if scores is not None:
        card.comparison = compare(card, scores, args.compare)
    rendered = report.to_json(card) if args.json else report.to_text(card)
    if args.output:
        from grader.reports.files import write_report
        from grader.reports.scorecard_html import scorecard_html

        write_report(
            Path(args.output),
            text=lambda: report.to_text(card),
            markdown=lambda: report.to_markdown(card),
            json=lambda: report.to_json(card),
            html=lambda: scorecard_html(card, transcript),
        )
        print(f"grader: wrote {terminal_line(args.output)}", file=sys.stderr)
    if not args.output or args.json:
        print(rendered)
    return EXIT_DIMENSION_FAILED if card.failed else EXIT_OK


def cmd_rubric_show(args: argparse.Namespace) -> int:
    """Print a rubric's dimensions and level descriptors."""
    rubric = load_rubric(args.rubric)
    if args.json:
        print(json.dumps({**rubric.public_dict(), "sha256": rubric.sha256}, indent=2))
        return EXIT_OK
    print(
        terminal_line(
            f"{rubric.title} ({rubric.id} v{rubric.version}, sha256 {rubric.sha256[:12]})"
        )
    )
    for dim in rubric.dimensions:
        print(f"\n{terminal_line(dim.title)} [{dim.id}]")
        for item in rubric.levels:
            print(f"  {terminal_line(item.name)}: {terminal_line(dim.levels[item.id])}")
    return EXIT_OK


def cmd_rubric_validate(args: argparse.Namespace) -> int:
    """Validate a rubric file; errors exit 2 with the problem named."""
    rubric = load_rubric(args.path)
    summary = {"path": args.path, "valid": True, "id": rubric.id, "sha256": rubric.sha256}
    if args.json:
        print(json.dumps({**summary, "dimensions": [d.id for d in rubric.dimensions]}))
    else:
        shown = terminal_line(args.path)
        print(f"{shown}: valid rubric {rubric.id!r} with {len(rubric.dimensions)} dimensions")
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit code 2, like any other."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(message, hint=f"See {self.prog} --help")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="grader", description="Grade interview transcripts against an anchored rubric."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    grade_p = sub.add_parser(
        "grade",
        help="grade one transcript",
        description="Grade one transcript and print its scorecard. Exit codes: 0 graded; 1 "
        "graded, but some dimension failed; 2 bad input, configuration or an unreachable "
        "endpoint; 130 interrupted.",
    )
    grade_p.add_argument(
        "path", help="transcript file (.txt, .vtt, .srt, .json), or - for standard input"
    )
    opt.add_input_options(grade_p, speakers=True)
    opt.add_model_options(grade_p)
    opt.add_method_options(grade_p)
    opt.add_limit_options(grade_p)
    opt.add_cache_options(grade_p, default_on=False)
    opt.add_concurrency_option(grade_p)
    grade_p.add_argument(
        "-o", "--output", help="write the scorecard to a .html, .json, .md or .txt file"
    )
    grade_p.add_argument(
        "--compare",
        metavar="MYSCORES",
        help="your own levels (JSON, YAML or CSV of dimension -> level) to set beside the model's",
    )
    opt.add_quiet_json(grade_p, "print the full result as JSON")
    grade_p.set_defaults(handler=cmd_grade)

    rubric_p = sub.add_parser("rubric", help="show or validate rubrics")
    rubric_sub = rubric_p.add_subparsers(dest="rubric_command", required=True)
    show = rubric_sub.add_parser("show", help="print a rubric")
    show.add_argument(
        "--rubric",
        default=opt.env("GRADER_RUBRIC"),
        help="rubric file (default: built-in PM rubric)",
    )
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_rubric_show)
    validate = rubric_sub.add_parser("validate", help="check a rubric file")
    validate.add_argument("path")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(handler=cmd_rubric_validate)
    cli_eval.register(sub)
    cli_eval.register_calibrate(sub)
    __import__("grader.cli.calibrate_model", fromlist=["register"]).register(sub)
    from grader.cli import audit as cli_audit

    cli_audit.register(sub)
    __import__("grader.cli.batch", fromlist=["register"]).register(sub)
    __import__("grader.cli.serve", fromlist=["register"]).register(sub)
    return parser


def _version() -> str:
    from grader import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
