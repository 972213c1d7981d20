"""The ``grader audit`` subcommand: load ratings, optionally grade with the model, report."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from grader.errors import ConfigError, InputError

TRANSCRIPT_SUFFIXES = (".txt", ".vtt", ".srt", ".json", ".md")


def register(sub: Any) -> None:
    """Add the ``audit`` subcommand to the ``grader`` parser."""
    env = os.environ.get
    p = sub.add_parser(
        "audit",
        help="calibration audit of human graders (and the model)",
        description="Agreement, bias, drift and noise of each grader, from their scorecards.",
    )
    p.add_argument("ratings", help="ratings file: long or wide CSV, or JSONL")
    p.add_argument(
        "--transcripts", metavar="DIR", help="folder searched for <interview id>.txt/.vtt/..."
    )
    p.add_argument(
        "--with-model", action="store_true", help="grade each interview and rank the model too"
    )
    p.add_argument("-o", "--output", help="write the report to a .html, .md, .json or .txt file")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument("--rubric", default=env("GRADER_RUBRIC"), help="rubric file [GRADER_RUBRIC]")
    p.add_argument("--backend", choices=["local", "openai", "fake"], default=env("GRADER_BACKEND"))
    p.add_argument("--model", default=env("GRADER_MODEL"), help="model name [GRADER_MODEL]")
    p.add_argument("--base-url", default=env("OPENAI_BASE_URL"), help="[OPENAI_BASE_URL]")
    p.add_argument("--model-path", default=env("GRADER_MODEL_PATH"), help="[GRADER_MODEL_PATH]")
    p.add_argument("--prompts", default=env("GRADER_PROMPTS"), help="[GRADER_PROMPTS]")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    p.add_argument("--cache", help="response cache file (default: the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="always call the model")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    p.add_argument("--top", type=int, default=5, help="disagreements listed per dimension")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    """Audit the graders in a ratings file and print or write the report."""
    from grader import audit_report
    from grader.audit import audit
    from grader.rater_effects import Rules
    from grader.ratings import load_ratings
    from grader.rubric import load_rubric

    if args.resamples < 1 or args.top < 0:
        raise ConfigError("--resamples must be at least 1 and --top at least 0")
    rubric = load_rubric(args.rubric)
    ratings = load_ratings(args.ratings, rubric)
    model_ratings: list[Any] = []
    model = None
    if args.with_model:
        model, model_ratings = _grade_with_model(args, rubric, ratings.interviews())
    elif args.transcripts:
        print("grader: warning: --transcripts is used only with --with-model", file=sys.stderr)
    rules = Rules(n_resamples=args.resamples, seed=args.seed, top=args.top)
    titles = {d.id: d.title for d in rubric.dimensions}
    result = audit(ratings, model_ratings=model_ratings, model=model, titles=titles, rules=rules)
    if args.output:
        from grader.report_file import write_report

        def html() -> str:
            from grader.html_audit import audit_html  # draws plots: loaded only for .html

            return audit_html(result)

        out = Path(args.output)
        write_report(
            out,
            text=lambda: audit_report.to_text(result),
            markdown=lambda: audit_report.to_markdown(result),
            json=lambda: audit_report.to_json(result),
            html=html,
        )
        print(f"grader: wrote {out}", file=sys.stderr)
    if args.json:
        print(audit_report.to_json(result))
    elif not args.output:
        print(audit_report.to_text(result))
    return 0


def find_transcripts(folder: str | Path, interviews: list[str]) -> dict[str, Path]:
    """Map interview ids to transcript files named ``<id>.<ext>`` anywhere under ``folder``.

    Raises:
        InputError: The folder does not exist, or two files share an interview's name.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(root, "no such folder", hint="Give --transcripts the transcripts folder")
    wanted = set(interviews)
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES and path.stem in wanted and path.is_file():
            if path.stem in found:
                raise InputError(
                    path,
                    f"interview {path.stem!r} also matches {found[path.stem]}",
                    hint="Keep one transcript per interview id",
                )
            found[path.stem] = path
    return found


def _grade_with_model(
    args: argparse.Namespace, rubric: Any, interviews: list[str]
) -> tuple[str, list[Any]]:
    from grader.backends import make_backend
    from grader.backends.model_files import cache_dir
    from grader.cache import ResponseCache
    from grader.grading import grade
    from grader.prompts import PromptSet
    from grader.ratings import Rating
    from grader.transcript import load

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
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        print(
            f"grader: warning: no transcript for {len(missing)} interview(s): {shown}; "
            "the model does not grade them",
            file=sys.stderr,
        )
    backend = make_backend(
        args.backend,
        model=args.model,
        base_url=args.base_url,
        model_path=args.model_path,
        timeout=args.timeout,
    )
    model = f"model:{backend.describe().get('model')}"
    cache = None if args.no_cache else ResponseCache(args.cache or cache_dir() / "responses.sqlite")
    prompts = PromptSet(args.prompts)
    verbose = sys.stderr.isatty() and not args.quiet
    ratings: list[Rating] = []
    try:
        for number, (interview, path) in enumerate(files.items(), start=1):
            if verbose:
                print(
                    f"\r\033[Kgrading {number}/{len(files)}: {interview}", end="", file=sys.stderr
                )
            card = grade(load(path), rubric, backend, prompts=prompts, cache=cache)
            for dim in card.dimensions:
                if dim.level is None:
                    print(
                        f"grader: warning: the model could not grade {dim.id} of {interview}",
                        file=sys.stderr,
                    )
                    continue
                ratings.append(Rating(interview, model, dim.id, dim.level))
    finally:
        if verbose:
            print(file=sys.stderr)
        if cache is not None:
            cache.close()
    return model, ratings
