"""Measure candidate term lists for a dimension before one goes into the rubric.

Usage (from the repository root, after an indicator eval run on the fitting labels):

    python evals/term_lists.py evals/reports/indicators-fit/predictions.json \\
        evals/term_lists/software_implementation.json LABELS...

The lists file maps a list's name to ``{"terms": [...], "dimensions": [...]}``. For each list
and each dimension it names, the calibration of that dimension is fitted as the default fits
it (own indicators, the rubric's counts, ridge) but with the dimension's own rubric term
count replaced by the list's count, and compared, by leave-one-transcript-out and
leave-one-labels-file-out QWK, with the same fit without any term count for the dimension.
A list's count is taken as at grading time: the candidate's turns, after set-aside.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from grader.calibration.fit import leave_one_out
from grader.evaluation.calibrate import cross_validate, held_out_agreement
from grader.evaluation.records import EvalRun
from grader.evaluation.rows import calibration_data, calibration_groups, calibration_pairs
from grader.ratings.labels import load_labels
from grader.rubrics.rubric import load_rubric
from grader.safety.set_aside import set_aside
from grader.transcripts.features import terms_count, text_features
from grader.transcripts.transcript import load


def main(argv: list[str]) -> int:
    rubric = load_rubric()
    run = EvalRun.from_dict(json.loads(Path(argv[0]).read_text()))
    lists: dict[str, dict[str, Any]] = json.loads(Path(argv[1]).read_text())
    labels = load_labels(argv[2:], rubric)
    rows = calibration_data(run, labels, rubric, Path.cwd(), None)
    groups = calibration_groups(run, labels, Path.cwd(), None)
    transcripts = [
        set_aside(load(label.transcript, candidate=label.candidate))
        for _, label in calibration_pairs(run, labels, Path.cwd(), None)
    ]
    # The list counts, keyed text.<list name> so that they sit beside the recorded answers.
    found = [
        text_features(t, {name: spec["terms"] for name, spec in lists.items()}) for t in transcripts
    ]
    extended = [
        (answers | _list_counts(counts), y)
        for (answers, y), counts in zip(rows, found, strict=True)
    ]
    dims = [dim.id for dim in rubric.dimensions]
    rubric_counts = rubric.counts()
    files = sorted(set(groups))
    print(f"{len(rows)} labelled transcripts in {len(files)} files\n")
    print(
        "| dimension | count | QWK of the dimension, leave one transcript out | "
        "leave one file out | overall, leave one file out | per file, leave one file out |"
    )
    print("|---|---|---|---|---|---|")
    for dim in sorted({d for spec in lists.values() for d in spec["dimensions"]}):
        base = {d: [n for n in c if n != terms_count(dim)] for d, c in rubric_counts.items()}
        variants = [("no term count", base)] + [
            (name, {**base, dim: [*base[dim], name]})
            for name, spec in lists.items()
            if dim in spec["dimensions"]
        ]
        for name, counts in variants:
            by_row = cross_validate(extended, dims, None, own_only=True, counts=counts)
            by_file = cross_validate(extended, dims, groups, own_only=True, counts=counts)
            per_file = _per_file(extended, dims, groups, dim, counts)
            print(
                f"| {dim} | {name} | {by_row[dim]['kappa_qw']:.2f} | "
                f"{by_file[dim]['kappa_qw']:.2f} | {by_file['overall']['kappa_qw']:.2f} | "
                + " / ".join(f"{Path(f).stem} {per_file[f]:.2f}" for f in files)
                + " |"
            )
    return 0


def _list_counts(counts: dict[str, float]) -> dict[str, float]:
    """The term counts of the lists, keyed ``text.<list name>``."""
    return {k.removesuffix("_terms"): v for k, v in counts.items() if k.endswith("_terms")}


def _per_file(
    rows: list[Any], dims: list[str], groups: list[str], dim: str, counts: dict[str, list[str]]
) -> dict[str, float]:
    """The dimension's QWK within each file, each predicted by a fit on the other files."""
    held = leave_one_out(rows, [dim], groups, own_only=True, counts=counts)
    result = {}
    for file in sorted(set(groups)):
        mine = {dim: [item for item, g in zip(held[dim], groups, strict=True) if g == file]}
        result[file] = held_out_agreement(mine, [dim])[dim]["kappa_qw"] or 0.0
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
