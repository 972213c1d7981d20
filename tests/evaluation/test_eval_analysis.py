from __future__ import annotations

from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score

from grader.evaluation.analysis import analyse, compare, pairs
from grader.evaluation.calibrate import cross_validate
from grader.evaluation.config import EvalConfig
from grader.evaluation.records import EvalRun, Prediction
from grader.ratings.labels import Label
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric

LEVELS = list(Level)


def make(
    tmp_path: Path, rubric: Rubric, refs: list[list[int]], runs: list[list[list[int]]]
) -> tuple[EvalRun, list[Label]]:
    dims = [d.id for d in rubric.dimensions]
    labels, predictions = [], []
    for i, ref in enumerate(refs):
        path = tmp_path / f"t{i}.txt"
        path.write_text("x")
        labels.append(
            Label(
                path,
                "project-authors-design",
                {d: LEVELS[r] for d, r in zip(dims, ref, strict=True)},
            )
        )
        predictions.append(
            Prediction(
                f"t{i}.txt",
                words=100 * (i + 1),
                runs=[
                    {d: LEVELS[r].value for d, r in zip(dims, run[i], strict=True)} for run in runs
                ],
            )
        )
    run = EvalRun(EvalConfig(samples=len(runs)), predictions, 1.0, {"model": "m"}, "p", "r")
    return run, labels


def test_overall_matches_sklearn_and_median_of_samples(tmp_path: Path, rubric: Rubric) -> None:
    refs = [[0, 1, 2, 3, 4, 2], [4, 3, 2, 1, 0, 2], [1, 1, 3, 3, 2, 0]]
    s1 = [[0, 1, 2, 3, 3, 2], [4, 4, 2, 1, 0, 1], [2, 1, 3, 4, 2, 0]]
    s2 = [[1, 1, 2, 3, 4, 2], [4, 3, 2, 2, 0, 2], [1, 2, 3, 3, 2, 1]]
    s3 = [[0, 2, 2, 3, 4, 3], [3, 3, 2, 1, 1, 2], [1, 1, 2, 3, 2, 0]]
    run, labels = make(tmp_path, rubric, refs, [s1, s2, s3])
    result = analyse(run, labels, rubric, tmp_path, n_resamples=50)
    medians = [
        [sorted(x)[1] for x in zip(a, b, c, strict=True)]
        for a, b, c in zip(s1, s2, s3, strict=True)
    ]
    flat_ref = [r for row in refs for r in row]
    flat_pred = [p for row in medians for p in row]
    expected = cohen_kappa_score(flat_ref, flat_pred, weights="quadratic", labels=list(range(5)))
    assert result["per_dimension"]["overall"]["kappa_qw"] == pytest.approx(expected)
    assert result["test_retest"]["samples"] == 3
    assert 0 < result["test_retest"]["mean_pairwise_exact"] < 1
    assert result["length_bias"]["transcripts"] == 3


def test_human_ceiling_with_a_second_labeller(tmp_path: Path, rubric: Rubric) -> None:
    run, labels = make(
        tmp_path, rubric, [[0, 1, 2, 3, 4, 2], [4, 3, 2, 1, 0, 2]], [[[0] * 6, [0] * 6]]
    )
    dims = [d.id for d in rubric.dimensions]
    labels.append(Label(labels[0].transcript, "second", {d: Level.NEUTRAL for d in dims}))
    ceiling = analyse(run, labels, rubric, tmp_path, n_resamples=20)["human_ceiling"]
    pair = ceiling["pairs"]["project-authors-design vs second"]
    assert pair["n"] == 6 and pair["exact"] == pytest.approx(2 / 6, abs=1e-3)


def test_compare_reports_a_clear_difference(tmp_path: Path, rubric: Rubric) -> None:
    refs = [[i % 5, (i + 1) % 5, (i + 2) % 5, (i + 3) % 5, (i + 4) % 5, i % 5] for i in range(10)]
    good, labels = make(tmp_path, rubric, refs, [refs])
    bad, _ = make(tmp_path, rubric, refs, [[[2] * 6 for _ in refs]])
    a = pairs(bad, labels, rubric, tmp_path)
    b = pairs(good, labels, rubric, tmp_path)
    diff = compare(a, b, n_resamples=200)["overall"]
    assert diff["exact"]["difference"] == pytest.approx(0.8)
    assert diff["exact"]["ci_excludes_zero"] is True


def test_cross_validation_holds_out_each_transcript() -> None:
    rows = [
        ({"metrics.a": 0.05 + i * 0.09, "metrics.b": 0.5}, {"metrics": min(4, i // 2)})
        for i in range(10)
    ]
    result = cross_validate(rows, ["metrics"])
    assert result["metrics"]["n"] == 10
    assert result["overall"]["within_one"] >= 0.9
    # With the labels shuffled against the answers, held-out agreement drops.
    shuffled = [(rows[i][0], rows[(i * 7) % 10][1]) for i in range(10)]
    assert (
        cross_validate(shuffled, ["metrics"])["overall"]["kappa_qw"] < result["overall"]["kappa_qw"]
    )
