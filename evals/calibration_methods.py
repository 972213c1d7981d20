"""Compare ways of fitting the indicator calibration by leave-one-transcript-out agreement.

Usage (from the repository root, after an indicator eval run on the fitting labels):

    python evals/calibration_methods.py evals/reports/indicators-dev/predictions.json \\
        evals/labels/samples.jsonl evals/labels/dev.jsonl

Only the fitting labels are used: each transcript is predicted by a calibration fitted on
the others. The variants differ in which indicators inform a dimension, whether weak
weights are dropped, and whether counts from the text (``grader/text_features.py``) are
used. The predictions must come from a run that recorded those counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from grader.eval_analysis import calibration_data, cross_validate
from grader.evaluation import EvalRun
from grader.labels import load_labels
from grader.rubric import load_rubric

VARIANTS: dict[str, dict[str, Any]] = {
    "all 30 indicators, correlation weights": {"use_text": False},
    "all 30, weights below 0.3 dropped": {"use_text": False, "min_weight": 0.3},
    "all 30, weights below 0.5 dropped": {"use_text": False, "min_weight": 0.5},
    "own 5 indicators": {"use_text": False, "own_only": True},
    "all 30 indicators + text counts": {},
    "own 5 indicators + text counts (default)": {"own_only": True},
    "text counts only, no model": {"text_only": True},
}


def main(argv: list[str]) -> int:
    rubric = load_rubric()
    run = EvalRun.from_dict(json.loads(Path(argv[0]).read_text()))
    labels = load_labels(argv[1:], rubric)
    rows = calibration_data(run, labels, rubric, Path.cwd(), None)
    dims = [dim.id for dim in rubric.dimensions]
    print(f"{len(rows)} labelled transcripts; leave one transcript out\n")
    print("| variant | QWK | exact | within one | signed error | lowest dimension QWK |")
    print("|---|---|---|---|---|---|")
    counts_only = [({k: v for k, v in a.items() if k.startswith("text.")}, y) for a, y in rows]
    for name, options in VARIANTS.items():
        if options.get("text_only"):
            report = cross_validate(counts_only, dims)
        else:
            report = cross_validate(rows, dims, **options)
        overall = report["overall"]
        lowest = min(report[d]["kappa_qw"] or 0.0 for d in dims)
        print(
            f"| {name} | {overall['kappa_qw']:.2f} | {overall['exact']:.2f} | "
            f"{overall['within_one']:.2f} | {overall['mean_signed_error']:+.2f} | {lowest:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
