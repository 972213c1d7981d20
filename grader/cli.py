"""Command line: parses arguments, calls the library, prints. Nothing else lives here.

Exit codes: 0 success; 1 graded, but some dimension failed; 2 bad input, configuration or
an unreachable backend; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from grader import cli_eval, report
from grader.cli_method import add_method_options, method_options
from grader.errors import GraderError
from grader.rubric import load_rubric

EXIT_OK, EXIT_DIMENSION_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``grader`` command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except GraderError as exc:
        print(f"grader: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; nothing more to say to it.
        sys.stderr.close()
        return EXIT_OK


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade one transcript and print or write its scorecard."""
    from grader.backends import make_backend
    from grader.backends.base import Settings
    from grader.compare import compare, load_scores
    from grader.grading import GradeOptions, grade
    from grader.prompts import PromptSet
    from grader.transcript import load

    rubric = load_rubric(args.rubric)
    # Read the interviewer's scores before grading, so a bad file costs no model time.
    scores = load_scores(args.compare, rubric) if args.compare else None
    transcript = load(args.path, candidate=args.candidate, max_bytes=args.max_bytes)
    prompts = PromptSet(args.prompts)
    for warning in transcript.warnings:
        print(f"grader: warning: {warning}", file=sys.stderr)
    backend = make_backend(
        args.backend,
        model=args.model,
        base_url=args.base_url,
        model_path=args.model_path,
        timeout=args.timeout,
    )
    options = GradeOptions(
        **method_options(args, backend, rubric, prompts),
        max_attempts=args.max_attempts,
        settings=Settings(max_tokens=args.max_tokens, temperature=args.temperature, seed=args.seed),
        max_tokens_per_transcript=args.max_transcript_tokens,
    )
    progress = _progress if sys.stderr.isatty() and not args.quiet else None
    card = grade(transcript, rubric, backend, prompts=prompts, options=options, progress=progress)
    if progress:
        print(file=sys.stderr)
    if scores is not None:
        card.comparison = compare(card, scores, args.compare)
    rendered = report.to_json(card) if args.json else report.to_text(card)
    if args.output:
        from grader.html_report import scorecard_html
        from grader.report_file import write_report

        write_report(
            Path(args.output),
            text=lambda: report.to_text(card),
            markdown=lambda: report.to_markdown(card),
            json=lambda: report.to_json(card),
            html=lambda: scorecard_html(card, transcript),
        )
        print(f"grader: wrote {args.output}", file=sys.stderr)
    if not args.output or args.json:
        print(rendered)
    return EXIT_DIMENSION_FAILED if card.failed else EXIT_OK


def cmd_rubric_show(args: argparse.Namespace) -> int:
    """Print a rubric's dimensions and level descriptors."""
    rubric = load_rubric(args.rubric)
    if args.json:
        print(json.dumps({**rubric.public_dict(), "sha256": rubric.sha256}, indent=2))
        return EXIT_OK
    print(f"{rubric.title} ({rubric.id} v{rubric.version}, sha256 {rubric.sha256[:12]})")
    for dim in rubric.dimensions:
        print(f"\n{dim.title} [{dim.id}]")
        for item in rubric.levels:
            print(f"  {item.name}: {dim.levels[item.id]}")
    return EXIT_OK


def cmd_rubric_validate(args: argparse.Namespace) -> int:
    """Validate a rubric file; errors exit 2 with the problem named."""
    rubric = load_rubric(args.path)
    summary = {"path": args.path, "valid": True, "id": rubric.id, "sha256": rubric.sha256}
    if args.json:
        print(json.dumps({**summary, "dimensions": [d.id for d in rubric.dimensions]}))
    else:
        print(f"{args.path}: valid rubric {rubric.id!r} with {len(rubric.dimensions)} dimensions")
    return EXIT_OK


def _progress(message: str) -> None:
    print(f"\r\033[K{message}...", end="", file=sys.stderr, flush=True)


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name) or default


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grader", description="Grade interview transcripts against an anchored rubric."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    grade_p = sub.add_parser("grade", help="grade one transcript")
    grade_p.add_argument("path", help="transcript file (.txt, .vtt, .srt, .json)")
    grade_p.add_argument(
        "--rubric", default=_env("GRADER_RUBRIC"), help="rubric file [GRADER_RUBRIC]"
    )
    grade_p.add_argument(
        "--backend",
        choices=["local", "openai", "fake"],
        default=_env("GRADER_BACKEND"),
        help="model backend [GRADER_BACKEND]; default: openai if a base URL is set, else local",
    )
    grade_p.add_argument("--model", default=_env("GRADER_MODEL"), help="model name [GRADER_MODEL]")
    grade_p.add_argument(
        "--base-url",
        default=_env("OPENAI_BASE_URL"),
        help="OpenAI-compatible endpoint [OPENAI_BASE_URL]",
    )
    grade_p.add_argument(
        "--model-path",
        default=_env("GRADER_MODEL_PATH"),
        help="GGUF file for the local backend [GRADER_MODEL_PATH]",
    )
    grade_p.add_argument(
        "--prompts", default=_env("GRADER_PROMPTS"), help="prompt templates folder [GRADER_PROMPTS]"
    )
    grade_p.add_argument(
        "--candidate", help="speaker name of the candidate, when speakers are named people"
    )
    add_method_options(grade_p)
    grade_p.add_argument(
        "--max-attempts", type=int, default=3, help="calls per answer at most (default 3)"
    )
    grade_p.add_argument(
        "--max-tokens", type=int, default=700, help="answer tokens per call at most"
    )
    grade_p.add_argument("--temperature", type=float, default=0.0)
    grade_p.add_argument("--seed", type=int, default=0)
    grade_p.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per request (openai backend)"
    )
    from grader.cli_batch import add_limit_options

    add_limit_options(grade_p)
    grade_p.add_argument("--json", action="store_true", help="print the full result as JSON")
    grade_p.add_argument(
        "-o", "--output", help="write the scorecard to a .html, .json, .md or .txt file"
    )
    grade_p.add_argument(
        "--compare",
        metavar="MYSCORES",
        help="your own levels (JSON, YAML or CSV of dimension -> level) to set beside the model's",
    )
    grade_p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    grade_p.set_defaults(handler=cmd_grade)

    rubric_p = sub.add_parser("rubric", help="show or validate rubrics")
    rubric_sub = rubric_p.add_subparsers(dest="rubric_command", required=True)
    show = rubric_sub.add_parser("show", help="print a rubric")
    show.add_argument(
        "--rubric", default=_env("GRADER_RUBRIC"), help="rubric file (default: built-in PM rubric)"
    )
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_rubric_show)
    validate = rubric_sub.add_parser("validate", help="check a rubric file")
    validate.add_argument("path")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(handler=cmd_rubric_validate)
    cli_eval.register(sub)
    cli_eval.register_calibrate(sub)
    from grader import cli_audit

    cli_audit.register(sub)
    __import__("grader.cli_batch", fromlist=["register"]).register(sub)
    return parser


def _version() -> str:
    from grader import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
