"""The ``grader calibrate-model`` subcommand: grade the labelled set with a model, then fit."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from grader.cli import options as opt
from grader.cli.eval import print_fit_report
from grader.cli.progress import Bar
from grader.grading.options import DEFAULT_STRATEGY


def register(sub: Any) -> None:
    """Add the ``calibrate-model`` subcommand to the ``grader`` parser."""
    p = sub.add_parser(
        "calibrate-model",
        help="calibrate your own model in one step (grades the labelled set with it)",
        description="Grade the labelled transcripts with the model you name (--backend, "
        "--base-url, --model, --model-path), fit a calibration on its answers and write it "
        "where grading with that model finds it. Answers are cached, so a stopped run "
        "resumes. Exit codes: 0 done; 2 bad labels, options or an unreachable endpoint; "
        "130 interrupted.",
    )
    p.add_argument(
        "labels",
        nargs="*",
        help="labels .jsonl files or folders (default: the repository's calibration splits)",
    )
    p.add_argument(
        "-o",
        "--output",
        help="calibration file to write (default: your calibration folder, where grading "
        "looks first)",
    )
    p.add_argument("--id", help="calibration id (default: rubric, model and method)")
    opt.add_input_options(p, candidate=False)
    opt.add_model_options(p, defaults=False)
    p.add_argument(
        "--strategy",
        choices=["indicators", "passages"],
        default=DEFAULT_STRATEGY,
        help=f"the method to calibrate (default {DEFAULT_STRATEGY})",
    )
    opt.add_cache_options(p)
    opt.add_concurrency_option(p)
    opt.add_quiet_json(p, "print the agreement report as JSON")
    p.set_defaults(handler=cmd_calibrate_model)


def cmd_calibrate_model(args: argparse.Namespace) -> int:
    """Grade the labelled set with the named model; fit and write its calibration."""
    from grader.calibration.files import save_calibration
    from grader.evaluation.calibrate_model import (
        calibrate_model,
        calibration_path,
        default_label_files,
    )
    from grader.evaluation.config import EvalConfig
    from grader.ratings.labels import load_labels
    from grader.reports.files import check_output
    from grader.rubrics.rubric import load_rubric

    root = Path.cwd()
    rubric = load_rubric(args.rubric)
    files: list[str | Path] = list(args.labels) or list(default_label_files(root))
    labels = load_labels(files, rubric)
    config = EvalConfig(
        name="calibrate-model",
        backend=args.backend,
        model=args.model,
        base_url=args.base_url,
        model_path=args.model_path,
        strategy=args.strategy,
        **({"timeout": args.timeout} if args.timeout else {}),
    )
    if args.output:
        check_output(Path(args.output), ("json",))
    transcripts = len({label.transcript for label in labels})
    bar = Bar(transcripts, "transcript", quiet=args.quiet)
    bar.info(f"grading {transcripts} labelled transcripts to calibrate the model")
    cache = opt.open_cache(args)
    try:
        fitted = calibrate_model(
            labels,
            rubric,
            config,
            label_files=files,
            root=root,
            cache=cache,
            progress=bar.advance,
            concurrency=args.concurrency,
            calibration_id=args.id,
        )
    finally:
        bar.close()
        if cache is not None:
            cache.close()
    found = fitted.calibration
    output = (
        Path(args.output) if args.output else calibration_path(rubric, found.model, args.strategy)
    )
    replaced = output.exists()
    output.parent.mkdir(parents=True, exist_ok=True)
    save_calibration(found, output)
    if args.json:
        print(json.dumps({"calibration": str(output), **fitted.report}, indent=1))
        return 0
    print(f"{'replaced' if replaced else 'wrote'} {output}")
    print_fit_report(fitted.report)
    print(f"grading with this model now uses it (found by {found.model!r})")
    return 0
