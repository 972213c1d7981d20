"""Levels of invariance copies against their originals, under a calibration fitted on speech_a.

Usage: python evals/reports/passages-dev/invariance_sample.py PREDICTIONS.json LABELS.jsonl

PREDICTIONS is a passage-method eval run over LABELS, a labels file written by
``python evals/invariance.py make`` (originals and copies). A calibration is fitted on the
answers in ``evals/reports/passages-dev/speech_a/predictions.json`` (headline answers the
run also has, no counts), and each copy's level is compared with its original's.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, "evals")
from cross_fit import fit_calibration, keep, model_score, rows_for

from grader.evaluation.records import EvalRun
from grader.ratings.labels import load_labels
from grader.rubrics.rubric import load_rubric

SPEECH_A = Path("evals/reports/passages-dev/speech_a/predictions.json")


def main(predictions: Path) -> int:
    rubric = load_rubric()
    dims = [d.id for d in rubric.dimensions]
    fitted = EvalRun.from_dict(json.loads(SPEECH_A.read_text()))
    run = EvalRun.from_dict(json.loads(predictions.read_text()))
    labels = load_labels(["evals/splits/speech_a"], rubric)
    fit = keep(rows_for([fitted], labels, Path.cwd()), "headline", None, False)
    asked = {name for p in run.predictions if p.answers for name in p.answers[0]}
    common = set.intersection(*(set(a) for a, _ in fit)) & asked
    fit = [({k: v for k, v in a.items() if k in common}, y) for a, y in fit]
    calibration = fit_calibration(rubric, fit, counts=False)
    answers = {
        Path(p.transcript).name: {k: v for k, v in p.answers[0].items() if k in common}
        for p in run.predictions
        if p.answers
    }
    changes: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for name, copy in answers.items():
        if "__" not in name:
            continue
        kind, original = name.split("__", 1)
        base = answers[original]
        for dim in dims:
            moved, was = calibration.level(dim, copy), calibration.level(dim, base)
            if moved is None or was is None:
                continue
            own = (model_score(rubric, dim, copy) or 0.0) - (model_score(rubric, dim, base) or 0.0)
            changes[kind].append((moved.rank - was.rank, own))
    print("| perturbation | grades | unchanged | moved one | moved two or more |", end="")
    print(" mean change in the model's own score |")
    print("|---|---|---|---|---|---|")
    for kind, found in sorted(changes.items()):
        n = len(found)
        same = sum(c == 0 for c, _ in found)
        one = sum(abs(c) == 1 for c, _ in found)
        two = sum(abs(c) >= 2 for c, _ in found)
        mean = sum(m for _, m in found) / n
        print(f"| {kind} | {n} | {same / n:.0%} | {one} | {two} | {mean:+.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
