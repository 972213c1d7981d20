"""The ``grader audit`` subcommand: load ratings, optionally grade with the model, report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grader.cli import options as opt
from grader.cli.progress import Bar
from grader.errors import ConfigError, InputError
from grader.reports.terminal import terminal_line


def register(sub: Any) -> None:
    """Add the ``audit`` subcommand to the ``grader`` parser."""
    p = sub.add_parser(
        "audit",
        help="calibration audit of human graders (and the model)",
        description="Agreement, bias, drift and noise of each grader, from their scorecards. "
        "Exit codes: 0 done; 2 bad ratings, transcripts or configuration; 130 interrupted.",
    )
    p.add_argument("ratings", help="ratings file: long or wide CSV, or JSONL")
    p.add_argument(
        "--transcripts", metavar="DIR", help="folder searched for <interview id>.txt/.vtt/..."
    )
    p.add_argument(
        "--with-model", action="store_true", help="grade each interview and rank the model too"
    )
    p.add_argument("-o", "--output", help="write the report to a .html, .md, .json or .txt file")
    opt.add_resamples_option(p)
    p.add_argument(
        "--bootstrap-seed",
        type=opt.non_negative_int,
        default=0,
        help="seed of the bootstrap intervals (default 0)",
    )
    p.add_argument(
        "--top",
        type=opt.non_negative_int,
        default=5,
        help="disagreements listed per dimension (default 5)",
    )
    opt.add_input_options(p, candidate=False)
    opt.add_model_options(p)
    opt.add_method_options(p)
    opt.add_limit_options(p)
    opt.add_cache_options(p)
    opt.add_concurrency_option(p)
    opt.add_quiet_json(p, "print the full result as JSON")
    p.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    """Audit the graders in a ratings file and print or write the report."""
    from grader.audit.analysis import audit
    from grader.audit.rater_effects import Rules
    from grader.ratings.files import load_ratings
    from grader.reports import audit_text as audit_report
    from grader.rubrics.rubric import load_rubric

    if args.output:
        from grader.reports.files import check_output

        check_output(Path(args.output), ("html", "json", "md", "txt"))
    rubric = load_rubric(args.rubric)
    ratings = load_ratings(args.ratings, rubric)
    model_ratings: list[Any] = []
    model = None
    if args.with_model:
        model, model_ratings = _grade_with_model(args, rubric, ratings.interviews())
    elif args.transcripts:
        print("grader: warning: --transcripts is used only with --with-model", file=sys.stderr)
    rules = Rules(n_resamples=args.resamples, seed=args.bootstrap_seed, top=args.top)
    titles = {d.id: d.title for d in rubric.dimensions}
    result = audit(ratings, model_ratings=model_ratings, model=model, titles=titles, rules=rules)
    if args.output:
        from grader.reports.files import write_report

        def html() -> str:
            from grader.reports.audit_html import audit_html  # draws plots: loaded only for .html

            return audit_html(result)

        out = Path(args.output)
        write_report(
            out,
            text=lambda: audit_report.to_text(result),
            markdown=lambda: audit_report.to_markdown(result),
            json=lambda: audit_report.to_json(result),
            html=html,
        )
        print(f"grader: wrote {terminal_line(out)}", file=sys.stderr)
    if args.json:
        print(audit_report.to_json(result))
    elif not args.output:
        print(audit_report.to_text(result))
    return 0


def _grade_with_model(
    args: argparse.Namespace, rubric: Any, interviews: list[str]
) -> tuple[str, list[Any]]:
    import asyncio

    from grader.audit.model_grades import ModelGrades, agrade_interviews, find_transcripts
    from grader.engine import Outcome
    from grader.grading.prompts import PromptSet

    if not args.transcripts:
        raise ConfigError(
            "--with-model needs the transcripts", hint="Add --transcripts DIR (files <id>.txt)"
        )
    files = find_transcripts(args.transcripts, interviews)
    missing = [i for i in interviews if i not in files]
    if not files:
        raise InputError(
            args.transcripts,
            f"no transcript named after any interview id (e.g. {interviews[0]}.txt)",
            hint="Name each transcript after its interview id in the ratings file",
        )
    if missing:
        shown = terminal_line(", ".join(missing[:5]) + (" ..." if len(missing) > 5 else ""))
        print(
            f"grader: warning: no transcript for {len(missing)} interview(s): {shown}; "
            "the model does not grade them",
            file=sys.stderr,
        )
    cache = opt.open_cache(args)
    bar = Bar(len(files), "transcript", quiet=args.quiet)

    def on_outcome(outcome: Outcome) -> None:
        tag = terminal_line(outcome.job.tag)
        bar.advance(f"{tag}: graded", status=tag)

    async def run() -> ModelGrades:
        async with opt.backend_spec(args).open() as backend:
            return await agrade_interviews(
                files,
                rubric,
                backend,
                prompts=PromptSet(args.prompts),
                options=opt.grade_options(args),
                cache=cache,
                concurrency=args.concurrency,
                on_outcome=on_outcome,
            )

    try:
        found = asyncio.run(run())
    finally:
        bar.close()
        if cache is not None:
            cache.close()
    for problem in found.problems:
        bar.note(f"warning: {terminal_line(problem)}")
    return found.grader, list(found.ratings)
