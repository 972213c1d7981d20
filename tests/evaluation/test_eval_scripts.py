"""The analysis scripts under evals/ report signed errors the way the eval harness does."""

from __future__ import annotations

import sys
from pathlib import Path

from grader.rubrics.rubric import Rubric

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evals"))

import cross_fit
import style_cv


def _rows(rubric: Rubric, shift: int) -> list[tuple[dict[str, float], dict[str, int]]]:
    """Rows whose answers rank the labels; ``shift`` moves the labels against them."""
    rows = []
    for rank in range(5):
        answers = {
            f"{d.id}.{q.id}": 0.1 + 0.2 * rank
            for d in rubric.dimensions
            for q in d.passage_questions
        }
        labels = {d.id: min(4, max(0, rank + shift)) for d in rubric.dimensions}
        rows.append((answers, labels))
    return rows


def test_a_lenient_check_has_a_positive_signed_error(rubric: Rubric) -> None:
    fit = _rows(rubric, 0) * 2
    # The checked transcripts are labelled one level lower than the fit would put them:
    # the grades sit higher than their labels, which the harness calls lenient (> 0).
    check = _rows(rubric, -1)
    found = cross_fit.report(rubric, fit, check, counts=False)
    assert isinstance(found["signed"], float) and found["signed"] > 0
    pooled = style_cv.leave_one_split_out(rubric, {"a": fit, "b": check}, counts=False)
    folds = pooled["folds"]
    assert isinstance(folds, dict) and folds["b"]["signed"] > 0 and folds["a"]["signed"] < 0
