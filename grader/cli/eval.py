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

from grader.cli import options as opt
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
        "labels",
        nargs="*",
        default=["evals/splits/samples"],
        help="labels .jsonl files, or folders holding them (default evals/splits/samples)",
    )
    p.add_argument(
        "--config", action="append", default=[], help="eval config TOML (repeat to compare)"
    )
    p.add_argument(
        "--from-results", action="append", default=[], help="predictions.json to re-analyse"
    )
    opt.add_input_options(p)
    opt.add_model_options(p, defaults=False)
    opt.add_method_options(p, defaults=False)
    opt.add_limit_options(p, defaults=False)
    opt.add_cache_options(p)
    opt.add_concurrency_option(p)
    p.add_argument(
        "--samples", type=opt.positive_int, help="grade each transcript K times; median level"
    )
    p.add_argument("--reference", help="labeller whose labels are the reference")
    opt.add_resamples_option(p)
    p.add_argument(
        "-o", "--output", default="eval-report", help="report folder (default eval-report)"
    )
    opt.add_quiet_json(p, "print every number as JSON")
    p.set_defaults(handler=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    """Run (or re-analyse) one or more configurations and write their reports."""
    from grader.evaluation.config import EvalConfig, load_config
    from grader.evaluation.records import EvalRun
    from grader.evaluation.run import run_eval
    from grader.ratings.labels import load_labels
    from grader.reports.eval_folder import write_reports
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
        cache = opt.open_cache(args)
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
    result = write_reports(
        runs,
        labels,
        rubric,
        root=root,
        out=out,
        header=header,
        reference=args.reference,
        resamples=args.resamples,
        started=started,
    )
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for run in runs:
            analysis = result["runs"][run.config.name]
            overall = analysis["per_dimension"]["overall"] or {}
            print(
                f"{run.config.name}: QWK {_shown(overall.get('kappa_qw'))}, "
                f"exact {_shown(overall.get('exact'))}, "
                f"within one {_shown(overall.get('within_one'))}, calls {analysis['calls']}"
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
    p = sub.add_parser(
        "calibrate",
        help="fit score-to-level cuts from an eval run's predictions",
        description="Fit a calibration for the indicator method from an eval run on labelled "
        "transcripts, or compare fitting methods with --methods. Exit codes: 0 done; 2 bad "
        "predictions, labels or options.",
    )
    p.add_argument("predictions", help="predictions.json of an eval run with the indicator method")
    p.add_argument("labels", nargs="+", help="labels of the same transcripts")
    p.add_argument("-o", "--output", help="calibration file to write (.json)")
    p.add_argument(
        "--methods",
        action="store_true",
        help="instead of fitting one calibration, compare every fitting method by held-out "
        "agreement and print the table",
    )
    p.add_argument("--id", help="calibration id (default: the output file's stem)")
    opt.add_input_options(p, candidate=False)
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
    p.add_argument("--json", action="store_true", help="print the agreement report as JSON")
    p.set_defaults(handler=cmd_calibrate)


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Fit a calibration; report its leave-one-transcript-out (and leave-one-file-out) agreement."""
    from grader.calibration.files import save_calibration
    from grader.evaluation.calibrate import calibrate, compare_methods
    from grader.evaluation.records import EvalRun
    from grader.ratings.labels import load_labels
    from grader.reports.calibration import methods_markdown
    from grader.reports.files import check_output
    from grader.rubrics.rubric import load_rubric

    rubric = load_rubric(args.rubric)
    labels = load_labels(args.labels, rubric)
    try:
        run = EvalRun.from_dict(json.loads(Path(args.predictions).read_text()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{args.predictions}: not a predictions.json ({exc})") from None
    if args.methods:
        rows = compare_methods(run, labels, rubric, Path.cwd())
        if args.json:
            print(json.dumps(rows, indent=1))
        else:
            print(methods_markdown(rows, [dim.id for dim in rubric.dimensions]), end="")
        return 0
    if not args.output:
        raise ConfigError("grader calibrate needs -o FILE.json", hint="Name the file to write")
    output = Path(args.output)
    check_output(output, ("json",))
    fitted = calibrate(
        run,
        labels,
        rubric,
        calibration_id=args.id or output.stem,
        fitted_on=[str(p) for p in args.labels],
        root=Path.cwd(),
        reference=args.reference,
        own_only=not args.all_indicators,
        use_text=not args.no_text,
        weighting=args.weighting,
    )
    save_calibration(fitted.calibration, output)
    if args.json:
        print(json.dumps(fitted.report, indent=1))
        return 0
    print(f"wrote {output}")
    print_fit_report(fitted.report)
    return 0


def print_fit_report(report: dict[str, Any]) -> None:
    """Print a fitted calibration's held-out agreement, one line per way of holding out."""
    for name, found in report.items():
        overall = found["overall"]
        print(
            f"{name.replace('_', '-')} on the fitting labels: QWK {_shown(overall['kappa_qw'])}, "
            f"exact {_shown(overall['exact'])}, within one {_shown(overall['within_one'])}, "
            f"signed error {_shown(overall['mean_signed_error'], signed=True)}"
        )


def _shown(value: object, *, signed: bool = False) -> str:
    """Return a statistic rounded for people: two decimals, "n/a" when undefined."""
    if not isinstance(value, int | float):
        return "n/a"
    return f"{value:+.2f}" if signed else f"{value:.2f}"
