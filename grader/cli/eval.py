"""The ``grader eval`` subcommand: thin wiring over evaluation, analysis and reports."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from grader.cli.options import (
    add_cache_options,
    add_concurrency_option,
    add_input_options,
    add_limit_options,
    add_method_options,
    add_model_options,
    add_quiet_json,
    positive_int,
)
from grader.cli.progress import Bar
from grader.errors import ConfigError


def register(sub: Any) -> None:
    """Add the ``eval`` subcommand to the ``grader`` parser."""
    p = sub.add_parser(
        "eval",
        help="measure agreement with labelled transcripts",
        description="Grade labelled transcripts under one or more configurations and write "
        "an agreement report per configuration (and a comparison). Options given here "
        "override every configuration's own value. Exit codes: 0 done; 2 bad labels, "
        "configuration or an unreachable endpoint; 130 interrupted.",
    )
    p.add_argument(
        "labels", nargs="*", default=["evals/labels"], help="labels .jsonl files or folders"
    )
    p.add_argument(
        "--config", action="append", default=[], help="eval config TOML (repeat to compare)"
    )
    p.add_argument(
        "--from-results", action="append", default=[], help="predictions.json to re-analyse"
    )
    add_input_options(p)
    add_model_options(p, defaults=False)
    add_method_options(p, defaults=False)
    add_limit_options(p, defaults=False)
    add_cache_options(p)
    add_concurrency_option(p)
    p.add_argument(
        "--samples", type=positive_int, help="grade each transcript K times; median level"
    )
    p.add_argument("--reference", help="labeller whose labels are the reference")
    p.add_argument(
        "--resamples", type=positive_int, default=1000, help="bootstrap resamples (default 1000)"
    )
    p.add_argument(
        "-o", "--output", default="eval-report", help="report folder (default eval-report)"
    )
    add_quiet_json(p, "print every number as JSON")
    p.set_defaults(handler=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    """Run (or re-analyse) one or more configurations and write their reports."""
    from grader.backends.cache import ResponseCache
    from grader.batch.runner import cache_path
    from grader.evaluation.analysis import analyse, compare, pairs
    from grader.evaluation.run import EvalConfig, EvalRun, load_config, run_eval
    from grader.ratings.labels import load_labels
    from grader.reports.evaluation import comparison_markdown, write_report
    from grader.rubrics.rubric import load_rubric

    started = time.monotonic()
    rubric = load_rubric(args.rubric)
    labels = load_labels(args.labels, rubric)
    root = Path.cwd()
    out = Path(args.output)
    runs: list[EvalRun] = []
    if args.from_results:
        for file in args.from_results:
            try:
                runs.append(EvalRun.from_dict(json.loads(Path(file).read_text())))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ConfigError(
                    f"{file}: not a predictions.json from grader eval ({exc})"
                ) from None
    else:
        configs = [load_config(c) for c in args.config] or [EvalConfig(name="default")]
        configs = [_override(c, args) for c in configs]
        if len({c.name for c in configs}) != len(configs):
            raise ConfigError("eval configs need distinct names", hint="Set name = '...' in each")
        cache = None if args.no_cache else ResponseCache(cache_path(args.cache))
        try:
            for config in configs:
                bar = Bar(
                    len({label.transcript for label in labels}), "transcript", quiet=args.quiet
                )
                bar.info(f"evaluating {config.name!r} on {len(labels)} labels")
                try:
                    runs.append(
                        run_eval(
                            labels,
                            rubric,
                            config,
                            cache=cache,
                            progress=bar.advance,
                            display_root=root,
                            concurrency=args.concurrency,
                            candidate=args.candidate,
                        )
                    )
                finally:
                    bar.close()
        finally:
            if cache is not None:
                cache.close()
    header = {
        "Command": f"`{shlex.join(['grader', *sys.argv[1:]])}`",
        "Labels": ", ".join(str(p) for p in args.labels),
        "Machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "Date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    analyses = [
        analyse(run, labels, rubric, root, reference=args.reference, n_resamples=args.resamples)
        for run in runs
    ]
    for run, analysis in zip(runs, analyses, strict=True):
        folder = out if len(runs) == 1 else out / run.config.name
        write_report(
            folder,
            run,
            analysis,
            rubric,
            header=header | {"Wall time": f"{time.monotonic() - started:.0f} s"},
        )
    result: dict[str, Any] = {
        "runs": {r.config.name: a for r, a in zip(runs, analyses, strict=True)}
    }
    if len(runs) > 1:
        graded = [pairs(run, labels, rubric, root, args.reference) for run in runs]
        differences = [
            compare(graded[0], other, n_resamples=args.resamples) for other in graded[1:]
        ]
        result["differences"] = {runs[i + 1].config.name: d for i, d in enumerate(differences)}
        out.mkdir(parents=True, exist_ok=True)
        (out / "comparison.md").write_text(
            comparison_markdown(list(zip(runs, analyses, strict=True)), differences, rubric, header)
        )
        (out / "comparison.json").write_text(json.dumps(result, indent=1) + "\n")
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for run, analysis in zip(runs, analyses, strict=True):
            overall = analysis["per_dimension"]["overall"] or {}
            print(
                f"{run.config.name}: QWK {overall.get('kappa_qw')}, exact {overall.get('exact')}, "
                f"within one {overall.get('within_one')}, calls {analysis['calls']}"
            )
        print(f"report: {out}", file=sys.stderr)
    return 0


def _override(config: Any, args: argparse.Namespace) -> Any:
    changes = {
        key: value
        for key, value in {
            "backend": args.backend,
            "model": args.model,
            "base_url": args.base_url,
            "model_path": args.model_path,
            "prompts": args.prompts,
            "strategy": args.strategy,
            "calibration": args.calibration,
            "redact": args.redact,
            "timeout": args.timeout,
            "max_attempts": args.max_attempts,
            "seed": args.seed,
            "samples": args.samples,
            "temperature": args.temperature,
            "max_bytes": args.max_bytes,
            "max_transcript_tokens": args.max_transcript_tokens,
        }.items()
        if value is not None
    }
    return replace(config, **changes)


def register_calibrate(sub: Any) -> None:
    """Add the ``calibrate`` subcommand to the ``grader`` parser."""
    p = sub.add_parser("calibrate", help="fit score-to-level cuts from an eval run's predictions")
    p.add_argument("predictions", help="predictions.json of an eval run with the indicator method")
    p.add_argument("labels", nargs="+", help="labels of the same transcripts")
    p.add_argument("-o", "--output", required=True, help="calibration file to write")
    p.add_argument("--id", help="calibration id (default: the output file's stem)")
    p.add_argument("--rubric", default=os.environ.get("GRADER_RUBRIC"))
    p.add_argument("--reference", help="labeller whose labels are the reference")
    p.add_argument(
        "--all-indicators",
        action="store_true",
        help="let every indicator inform every dimension (default: its own indicators)",
    )
    p.add_argument("--no-text", action="store_true", help="do not use counts from the text")
    p.add_argument(
        "--weighting",
        choices=["ridge", "correlation"],
        default="ridge",
        help="how answers are weighted: ridge regression (default) or each answer's correlation",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_calibrate)


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Fit a calibration; report its leave-one-transcript-out (and leave-one-file-out) agreement."""
    from grader.calibration.fit import build, leave_one_out
    from grader.calibration.model import save_calibration
    from grader.evaluation.analysis import calibration_data, calibration_groups, held_out_agreement
    from grader.evaluation.run import EvalRun
    from grader.ratings.labels import load_labels
    from grader.rubrics.rubric import load_rubric

    rubric = load_rubric(args.rubric)
    labels = load_labels(args.labels, rubric)
    try:
        run = EvalRun.from_dict(json.loads(Path(args.predictions).read_text()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{args.predictions}: not a predictions.json ({exc})") from None
    rows = calibration_data(run, labels, rubric, Path.cwd(), args.reference)
    if len(rows) < 3:
        raise ConfigError(
            f"{args.predictions}: indicator answers for {len(rows)} labelled transcripts; "
            "at least 3 are needed",
            hint="Run grader eval with strategy = 'indicators' on the labelled transcripts",
        )
    output = Path(args.output)
    dims = [dim.id for dim in rubric.dimensions]
    options: dict[str, Any] = {
        "own_only": not args.all_indicators,
        "use_text": not args.no_text,
        "counts": rubric.counts(),
        "weighting": args.weighting,
    }
    held_out = leave_one_out(rows, dims, **options)
    calibration = build(
        rows,
        dims,
        id=args.id or output.stem,
        model=str(run.model.get("model")),
        rubric_id=rubric.id,
        rubric_sha256=rubric.sha256,
        prompts_sha256=run.prompts_sha256,
        fitted_on=[str(p) for p in args.labels],
        held_out=held_out,
        **options,
    )
    save_calibration(calibration, output)
    report = {"leave_one_transcript_out": held_out_agreement(held_out, dims)}
    groups = calibration_groups(run, labels, Path.cwd(), args.reference)
    if len(set(groups)) > 1:
        by_file = leave_one_out(rows, dims, groups, **options)
        report["leave_one_file_out"] = held_out_agreement(by_file, dims)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"wrote {output}")
    for name, found in report.items():
        overall = found["overall"]
        print(
            f"{name.replace('_', '-')} on the fitting labels: QWK {overall['kappa_qw']}, "
            f"exact {overall['exact']}, within one {overall['within_one']}, "
            f"signed error {overall['mean_signed_error']}"
        )
    return 0
