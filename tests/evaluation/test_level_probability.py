from __future__ import annotations

import random

import pytest
from scipy import stats

from grader.evaluation.level_probability import probability_report
from grader.stats.metrics import rank_correlation


def test_report_on_a_hand_worked_case() -> None:
    pairs = [
        ([0.0, 0.0, 0.9, 0.1, 0.0], 2, 2),  # confident and right
        ([0.0, 0.0, 0.9, 0.1, 0.0], 2, 3),  # confident and wrong
        ([0.5, 0.3, 0.2, 0.0, 0.0], 0, 0),  # unsure and right
        ([0.1, 0.3, 0.3, 0.2, 0.1], 1, 4),  # unsure and wrong
    ]
    report = probability_report(pairs)
    assert report is not None
    assert report["n"] == 4
    assert report["accuracy"] == 0.5
    assert report["mean_confidence"] == round((0.9 + 0.9 + 0.5 + 0.3) / 4, 3)
    bins = {tuple(b["range"]): b for b in report["bins"]}
    assert bins[(0.8, 1.0)] == {"range": [0.8, 1.0], "n": 2, "confidence": 0.9, "accuracy": 0.5}
    assert bins[(0.4, 0.6)]["accuracy"] == 1.0 and bins[(0.2, 0.4)]["accuracy"] == 0.0
    # ECE: 2/4*|0.5-0.9| + 1/4*|1-0.5| + 1/4*|0-0.3|
    assert report["ece"] == round(0.5 * 0.4 + 0.25 * 0.5 + 0.25 * 0.3, 3)
    assert report["p_label"] == round((0.9 + 0.1 + 0.5 + 0.1) / 4, 3)
    expected = [2.1, 2.1, 0.7, 1.9]
    signed = sum(e - r for e, r in zip(expected, [2, 3, 0, 4], strict=True)) / 4
    assert report["expected_level"]["mean_signed_error"] == round(signed, 3)
    brier_first = 0.1**2 + 0.1**2
    assert report["brier"] > 0 and brier_first < report["brier"]


def test_no_pairs_no_report() -> None:
    assert probability_report([]) is None


@pytest.mark.parametrize("seed", range(10))
def test_rank_correlation_matches_scipy(seed: int) -> None:
    rng = random.Random(seed)
    a = [round(rng.uniform(0, 4), 1) for _ in range(30)]  # rounding makes ties
    b = [float(rng.randint(0, 4)) for _ in range(30)]
    found = rank_correlation(a, b)
    assert found is not None
    assert found == pytest.approx(stats.spearmanr(a, b).statistic)


def test_rank_correlation_of_a_constant_is_undefined() -> None:
    assert rank_correlation([1.0, 1.0, 1.0], [0.0, 1.0, 2.0]) is None
    assert rank_correlation([1.0], [2.0]) is None
