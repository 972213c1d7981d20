"""Compare ways of fitting the indicator calibration by held-out agreement.

Usage (from the repository root, after an indicator eval run on the fitting labels):

    python evals/calibration_methods.py evals/reports/indicators-fit/predictions.json \\
        evals/labels/samples.jsonl evals/labels/dev.jsonl evals/labels/test.jsonl \\
        evals/labels/holdout.jsonl evals/labels/holdout2.jsonl

``--rubric FILE`` first reads the indicators and counts of a rubric variant (the eval run
must have used the same rubric).

Only the given labels are used, in two ways: leave one transcript out (each transcript is
predicted by a calibration fitted on all the others) and, with more than one labels file,
leave one file out (each file is predicted by a calibration fitted on the other files
only; the files were written in different rounds by different authors, so this is the
estimate of how a calibration transfers to transcripts written by other people). The
variants differ in which indicators inform a dimension, how answers are weighted, and which
counts from the text (``grader/text_features.py``) are used. The predictions must come from
a run that recorded those counts.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from grader.calibration.fit import Row
from grader.evaluation.analysis import (
    calibration_data,
    calibration_groups,
    calibration_pairs,
    cross_validate,
)
from grader.evaluation.run import EvalRun
from grader.ratings.labels import Label, load_labels
from grader.rubrics.rubric import load_rubric
from grader.transcripts.features import COUNTS
from grader.transcripts.transcript import load

# (name, which answers, fit options). "answers": all recorded answers; "counts": only the
# counts from the text; "length": all answers plus the candidate's word and turn counts,
# which the default leaves out on purpose (the rubric does not reward talking more).
# "rubric counts" are the counts each dimension's rubric entry lists (``counts``, and the
# count of its ``terms``); "candidate counts" leave out the interviewer's questions and the
# term counts everywhere; "every count everywhere" offers the
# interviewer's questions to every dimension.
CORR: dict[str, Any] = {"weighting": "correlation"}
OWN: dict[str, Any] = {"own_only": True}
NO_TEXT: dict[str, Any] = {"use_text": False}
VARIANTS: list[tuple[str, str, dict[str, Any]]] = [
    ("all 30 indicators, correlation weights", "answers", NO_TEXT | CORR),
    ("all 30 indicators, ridge", "answers", NO_TEXT),
    ("own 5 indicators, correlation weights", "answers", NO_TEXT | OWN | CORR),
    ("own 5 indicators, ridge", "answers", NO_TEXT | OWN),
    (
        "own 5 + candidate counts, correlation weights (previous default)",
        "answers",
        OWN | CORR | {"counts": "candidate"},
    ),
    ("own 5 + candidate counts, ridge", "answers", OWN | {"counts": "candidate"}),
    ("own 5 + rubric counts but no term counts, ridge", "answers", OWN | {"counts": "no terms"}),
    (
        "own 5 + rubric counts, metric terms only, ridge (default before holdout6)",
        "answers",
        OWN | {"counts": "metric terms only"},
    ),
    (
        "own 5 + rubric counts, metric and implementation terms, ridge (default before holdout7)",
        "answers",
        OWN | {"counts": "metric and implementation terms"},
    ),
    ("own 5 + rubric counts, correlation weights", "answers", OWN | CORR),
    ("own 5 + rubric counts, ridge, penalty 1.0", "answers", OWN | {"penalty": 1.0}),
    ("own 5 + rubric counts, ridge (default)", "answers", OWN),
    ("all 30 + rubric counts, ridge", "answers", {}),
    ("rubric counts only, ridge, no model", "counts", {}),
    ("not used: own 5 + every count everywhere, ridge", "answers", OWN | {"counts": "all"}),
    (
        "not used: own 5 + rubric counts + word and turn counts, ridge",
        "length",
        OWN | {"counts": "length"},
    ),
]


def _length(run: EvalRun, labels: list[Label]) -> list[dict[str, float]]:
    """Word and turn counts of the candidate, in the order calibration_data gives rows."""
    found = []
    for _, label in calibration_pairs(run, labels, Path.cwd(), None):
        turns = load(label.transcript, candidate=label.candidate).candidate_turns()
        words = sum(len(turn.text.split()) for turn in turns)
        found.append({"text.words": float(words), "text.turns": float(len(turns))})
    return found


def _counts_only(rows: Sequence[Row]) -> list[Row]:
    return [({k: v for k, v in a.items() if k.startswith("text.")}, y) for a, y in rows]


def _without_terms(
    rubric_counts: Mapping[str, list[str]], keep: Sequence[str]
) -> dict[str, list[str]]:
    """The rubric's counts without the term counts of dimensions not in ``keep``."""
    return {
        dim: [name for name in found if not name.endswith("_terms") or dim in keep]
        for dim, found in rubric_counts.items()
    }


def _options(options: dict[str, Any], rubric_counts: Mapping[str, list[str]]) -> dict[str, Any]:
    """Turn a variant's named count choice into the ``counts`` option of the fit."""
    choice = options.get("counts", "rubric")
    every = list(COUNTS)
    counts = {
        "rubric": rubric_counts,
        "candidate": None,
        "no terms": _without_terms(rubric_counts, keep=()),
        "metric terms only": _without_terms(rubric_counts, keep=("metrics",)),
        "metric and implementation terms": _without_terms(
            rubric_counts, keep=("metrics", "software_implementation")
        ),
        "all": {dim: every for dim in rubric_counts},
        "length": {dim: [*found, "words", "turns"] for dim, found in rubric_counts.items()},
    }[choice]
    return {**options, "counts": counts}


def main(argv: list[str]) -> int:
    rubric_file = None
    if argv[:1] == ["--rubric"]:
        rubric_file, argv = Path(argv[1]), argv[2:]
    rubric = load_rubric(rubric_file)
    run = EvalRun.from_dict(json.loads(Path(argv[0]).read_text()))
    labels = load_labels(argv[1:], rubric)
    rows = calibration_data(run, labels, rubric, Path.cwd(), None)
    groups = calibration_groups(run, labels, Path.cwd(), None)
    dims = [dim.id for dim in rubric.dimensions]
    rubric_counts = rubric.counts()
    with_length = [(a | n, y) for (a, y), n in zip(rows, _length(run, labels), strict=True)]
    answer_sets: dict[str, Sequence[Row]] = {
        "answers": rows,
        "counts": _counts_only(rows),
        "length": with_length,
    }
    schemes: list[tuple[str, Sequence[str] | None]] = [("leave one transcript out", None)]
    if len(set(groups)) > 1:
        schemes.append(("leave one labels file out", groups))
    for scheme, grouping in schemes:
        print(f"{len(rows)} labelled transcripts in {len(set(groups))} files; {scheme}\n")
        short = " / ".join("".join(w[0].upper() for w in d.split("_")) for d in dims)
        print(
            "| variant | QWK | exact | within one | signed error | lowest dimension QWK "
            f"| per dimension ({short}) |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, answers, options in VARIANTS:
            fit = _options(options, rubric_counts)
            report = cross_validate(answer_sets[answers], dims, grouping, **fit)
            overall = report["overall"]
            per_dim = [report[d]["kappa_qw"] or 0.0 for d in dims]
            print(
                f"| {name} | {overall['kappa_qw']:.2f} | {overall['exact']:.2f} | "
                f"{overall['within_one']:.2f} | {overall['mean_signed_error']:+.2f} | "
                f"{min(per_dim):.2f} | {' / '.join(f'{k:.2f}' for k in per_dim)} |"
            )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
