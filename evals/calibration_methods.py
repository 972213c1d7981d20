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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.calibration_fit import Row
from grader.eval_analysis import calibration_data, cross_validate, displayed_references
from grader.evaluation import EvalRun
from grader.labels import Label, load_labels
from grader.rubric import load_rubric
from grader.transcript import load

# (name, which answers, fit options). "answers": all recorded answers; "counts": only the
# counts from the text; "length": all answers plus the candidate's word and turn counts,
# which the default leaves out on purpose (the rubric does not reward talking more).
VARIANTS: list[tuple[str, str, dict[str, Any]]] = [
    ("all 30 indicators, correlation weights", "answers", {"use_text": False}),
    ("all 30, weights below 0.3 dropped", "answers", {"use_text": False, "min_weight": 0.3}),
    ("all 30, weights below 0.5 dropped", "answers", {"use_text": False, "min_weight": 0.5}),
    ("own 5 indicators", "answers", {"use_text": False, "own_only": True}),
    ("all 30 indicators + text counts", "answers", {}),
    ("own 5 indicators + text counts (default)", "answers", {"own_only": True}),
    ("text counts only, no model", "counts", {}),
    ("not used: all 30 + text counts + word and turn counts", "length", {}),
    ("not used: own 5 + text counts + word and turn counts", "length", {"own_only": True}),
    ("not used: text counts + word and turn counts, no model", "length counts", {}),
]


def _length(run: EvalRun, labels: list[Label]) -> list[dict[str, float]]:
    """Word and turn counts of the candidate, in the order calibration_data gives rows."""
    refs = displayed_references(labels, Path.cwd())
    found = []
    for prediction in run.predictions:
        label = refs.get(prediction.transcript)
        if label is None or not prediction.answers or not prediction.answers[0]:
            continue
        turns = load(label.transcript, candidate=label.candidate).candidate_turns()
        words = sum(len(turn.text.split()) for turn in turns)
        found.append({"text.words": float(words), "text.turns": float(len(turns))})
    return found


def _counts_only(rows: Sequence[Row]) -> list[Row]:
    return [({k: v for k, v in a.items() if k.startswith("text.")}, y) for a, y in rows]


def main(argv: list[str]) -> int:
    rubric = load_rubric()
    run = EvalRun.from_dict(json.loads(Path(argv[0]).read_text()))
    labels = load_labels(argv[1:], rubric)
    rows = calibration_data(run, labels, rubric, Path.cwd(), None)
    dims = [dim.id for dim in rubric.dimensions]
    with_length = [(a | n, y) for (a, y), n in zip(rows, _length(run, labels), strict=True)]
    answer_sets: dict[str, Sequence[Row]] = {
        "answers": rows,
        "counts": _counts_only(rows),
        "length": with_length,
        "length counts": _counts_only(with_length),
    }
    print(f"{len(rows)} labelled transcripts; leave one transcript out\n")
    print("| variant | QWK | exact | within one | signed error | lowest dimension QWK |")
    print("|---|---|---|---|---|---|")
    for name, answers, options in VARIANTS:
        report = cross_validate(answer_sets[answers], dims, **options)
        overall = report["overall"]
        lowest = min(report[d]["kappa_qw"] or 0.0 for d in dims)
        print(
            f"| {name} | {overall['kappa_qw']:.2f} | {overall['exact']:.2f} | "
            f"{overall['within_one']:.2f} | {overall['mean_signed_error']:+.2f} | {lowest:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
