"""Tests for grader.stats.metrics, grader.stats.reliability and grader.stats.bootstrap.

scikit-learn, scipy, numpy and the krippendorff package serve only as reference
implementations here; the code under test uses the standard library alone.
"""

from __future__ import annotations

import dataclasses
import json
import math
import random
import warnings
from collections.abc import Callable, Sequence
from typing import Literal

import krippendorff
import numpy as np
import pytest
from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score
from sklearn.metrics import confusion_matrix as sk_confusion_matrix

from grader.stats import metrics
from grader.stats.bootstrap import bootstrap_ci
from grader.stats.metrics import (
    cohen_kappa,
    confusion_matrix,
    exact_agreement,
    krippendorff_alpha_interval,
    krippendorff_alpha_ordinal,
    mean_absolute_error,
    mean_signed_error,
    quadratic_weighted_kappa,
    spearman,
    within_one,
)
from grader.stats.summary import AgreementSummary, agreement_summary

N_CASES = 50


# --- reference implementations (NaN and "undefined" errors become None) ---------------


def _none_if_nan(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def ref_kappa(
    a: Sequence[int], b: Sequence[int], n_levels: int, weights: str | None
) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b, weights=weights, labels=list(range(n_levels)))
    return _none_if_nan(value)


def ref_spearman(a: Sequence[int], b: Sequence[int]) -> float | None:
    if len(a) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _none_if_nan(spearmanr(a, b).statistic)


def ref_alpha(
    data: list[list[int | None]], n_levels: int, level: Literal["ordinal", "interval"]
) -> float | None:
    array = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
    try:
        with np.errstate(all="ignore"):
            value = krippendorff.alpha(
                reliability_data=array,
                level_of_measurement=level,
                value_domain=list(range(n_levels)),
            )
    except ValueError as error:
        # The package refuses data in which no unit has two ratings.
        assert "at least two coders" in str(error)
        return None
    return _none_if_nan(value)


def assert_same(actual: float | None, expected: float | None) -> None:
    if expected is None:
        assert actual is None
    else:
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-12)


# --- seeded random data ------------------------------------------------------------------


def random_pair(seed: int) -> tuple[list[int], list[int], int]:
    """Two paired rating lists drawn in one of several styles."""
    rng = random.Random(seed)
    n_levels = rng.choice([2, 3, 5, 5, 5, 7])
    n = rng.choice([1, 2, 3, rng.randint(4, 15), rng.randint(16, 60)])
    a = [rng.randrange(n_levels) for _ in range(n)]
    style = seed % 4
    if style == 0:  # independent
        b = [rng.randrange(n_levels) for _ in range(n)]
    elif style in (1, 2):  # noisy copy, often off by one, sometimes lenient
        b = [min(n_levels - 1, max(0, x + rng.choice([-1, 0, 0, 1, 1, 2]))) for x in a]
    else:  # one side constant
        b = [rng.randrange(n_levels)] * n
    return a, b, n_levels


def random_reliability(seed: int) -> tuple[list[list[int | None]], int]:
    """Raters x units with random missingness, sometimes whole units or one rater."""
    rng = random.Random(1000 + seed)
    n_levels = rng.choice([2, 3, 5, 5, 7])
    n_raters = rng.choice([1, 2, 3, rng.randint(4, 6)])
    n_units = rng.randint(1, 30)
    missing = rng.choice([0.0, 0.1, 0.3, 0.6])
    truth = [rng.randrange(n_levels) for _ in range(n_units)]
    data: list[list[int | None]] = []
    for _ in range(n_raters):
        row: list[int | None] = []
        for t in truth:
            if rng.random() < missing:
                row.append(None)
            else:
                row.append(min(n_levels - 1, max(0, t + rng.choice([-1, 0, 0, 0, 1]))))
        data.append(row)
    if n_units > 1 and seed % 3 == 0:
        for row in data:
            row[0] = None
    return data, n_levels


# --- pairwise metrics against references --------------------------------------------------


@pytest.mark.parametrize("seed", range(N_CASES))
def test_pairwise_metrics_match_references(seed: int) -> None:
    a, b, n_levels = random_pair(seed)
    assert_same(quadratic_weighted_kappa(a, b, n_levels), ref_kappa(a, b, n_levels, "quadratic"))
    assert_same(cohen_kappa(a, b, n_levels), ref_kappa(a, b, n_levels, None))
    assert_same(spearman(a, b, n_levels), ref_spearman(a, b))
    x, y = np.array(a), np.array(b)
    assert exact_agreement(a, b, n_levels) == pytest.approx(np.mean(x == y))
    assert within_one(a, b, n_levels) == pytest.approx(np.mean(np.abs(x - y) <= 1))
    assert mean_absolute_error(a, b, n_levels) == pytest.approx(np.mean(np.abs(x - y)))
    assert mean_signed_error(a, b, n_levels) == pytest.approx(np.mean(x - y))
    expected = sk_confusion_matrix(a, b, labels=list(range(n_levels))).tolist()
    assert confusion_matrix(a, b, n_levels) == expected


@pytest.mark.parametrize("seed", range(N_CASES))
def test_krippendorff_matches_package(seed: int) -> None:
    data, n_levels = random_reliability(seed)
    assert_same(krippendorff_alpha_ordinal(data, n_levels), ref_alpha(data, n_levels, "ordinal"))
    assert_same(krippendorff_alpha_interval(data, n_levels), ref_alpha(data, n_levels, "interval"))


def test_random_cases_are_mostly_defined() -> None:
    # Guards against the reference comparisons passing only because both sides
    # are undefined.
    qwk = [ref_kappa(*random_pair(s)[:2], random_pair(s)[2], "quadratic") for s in range(N_CASES)]
    alphas = [ref_alpha(*random_reliability(s), "ordinal") for s in range(N_CASES)]
    assert sum(v is not None for v in qwk) >= N_CASES // 2
    assert sum(v is not None for v in alphas) >= N_CASES // 2
    assert sum(v is None for v in alphas) >= 1


# --- hand-worked values ------------------------------------------------------------------

# Three items, a = [0, 1, 2], b = [0, 2, 2].
HAND_A = [0, 1, 2]
HAND_B = [0, 2, 2]


def test_qwk_hand_worked() -> None:
    # Observed: one item off by one step -> sum w*O = (1-2)^2 = 1.
    # Marginals: a = {0:1, 1:1, 2:1}, b = {0:1, 2:2}; expected sum w*r_i*c_j / n
    #   = [a0*b2*4 + a1*b0*1 + a1*b2*1 + a2*b0*4] / 3 = (8 + 1 + 2 + 4) / 3 = 5.
    # kappa = 1 - 1/5 = 0.8.
    assert quadratic_weighted_kappa(HAND_A, HAND_B) == pytest.approx(0.8)


def test_unweighted_kappa_hand_worked() -> None:
    # p_o = 2/3; p_e = (a0*b0 + a1*b1 + a2*b2) / 9 = (1 + 0 + 2) / 9 = 1/3.
    # kappa = (2/3 - 1/3) / (1 - 1/3) = 0.5.
    assert cohen_kappa(HAND_A, HAND_B) == pytest.approx(0.5)


def test_spearman_hand_worked() -> None:
    # Ranks a = 1, 2, 3; b = 1, 2.5, 2.5 (tie averaged). Deviations from 2:
    # (-1, 0, 1) and (-1, .5, .5); cov = 1.5, ss_a = 2, ss_b = 1.5
    # rho = 1.5 / sqrt(3) = sqrt(3) / 2.
    assert spearman(HAND_A, HAND_B) == pytest.approx(math.sqrt(3) / 2)


def test_simple_rates_hand_worked() -> None:
    predicted = [0, 2, 4, 3]
    reference = [0, 1, 1, 3]
    assert exact_agreement(predicted, reference) == pytest.approx(0.5)  # items 0 and 3
    assert within_one(predicted, reference) == pytest.approx(0.75)  # all but 4 vs 1
    assert mean_absolute_error(predicted, reference) == pytest.approx(1.0)  # (0+1+3+0)/4
    # Predictions sit higher, i.e. more lenient: (0+1+3+0)/4 > 0.
    assert mean_signed_error(predicted, reference) == pytest.approx(1.0)
    assert mean_signed_error(reference, predicted) == pytest.approx(-1.0)


def test_confusion_matrix_orientation() -> None:
    # Reference 1 predicted as 3 goes to row 1, column 3.
    matrix = confusion_matrix([1, 1, 0], [3, 1, 0], n_levels=4)
    assert matrix == [[1, 0, 0, 0], [0, 1, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]]


def test_krippendorff_hand_worked() -> None:
    # Raters [0, 1, 2] and [0, 2, 2]: pairable counts n0=2, n1=1, n2=3, n=6.
    # Observed (c<k pairs, each unit has 2 ratings so divide by 1): only (1, 2) once.
    # Ordinal d_ck = (sum_{g=c..k} n_g - (n_c + n_k)/2)^2:
    #   d01 = (3 - 1.5)^2 = 2.25, d02 = (6 - 2.5)^2 = 12.25, d12 = (4 - 2)^2 = 4.
    # Expected sum n_c n_k d_ck = 2*1*2.25 + 2*3*12.25 + 1*3*4 = 4.5 + 73.5 + 12 = 90.
    # alpha = 1 - (n - 1) * 4 / 90 = 1 - 20/90 = 7/9.
    data: list[list[int | None]] = [[0, 1, 2], [0, 2, 2]]
    assert krippendorff_alpha_ordinal(data) == pytest.approx(7 / 9)
    # Interval d_ck = (c - k)^2: observed 1; expected 2*1*1 + 2*3*4 + 1*3*1 = 29.
    # alpha = 1 - 5 * 1 / 29 = 24/29.
    assert krippendorff_alpha_interval(data) == pytest.approx(24 / 29)


def test_krippendorff_published_example() -> None:
    # Krippendorff's four-coder example (values 1..5 shifted to 0..4), ordinal
    # alpha 0.815 as published.
    data: list[list[int | None]] = [
        [0, 1, 2, 2, 1, 0, 3, 0, 1, None, None, None],
        [0, 1, 2, 2, 1, 1, 3, 0, 1, 4, None, 2],
        [None, 2, 2, 2, 1, 2, 3, 1, 1, 4, 0, None],
        [0, 1, 2, 2, 1, 3, 3, 0, 1, 4, 0, None],
    ]
    alpha = krippendorff_alpha_ordinal(data)
    assert alpha is not None
    assert round(alpha, 3) == 0.815


# --- degenerate cases --------------------------------------------------------------------


def test_all_labels_equal() -> None:
    a = b = [2, 2, 2, 2]
    assert ref_kappa(a, b, 5, "quadratic") is None  # scikit-learn gives NaN
    assert quadratic_weighted_kappa(a, b) is None
    assert cohen_kappa(a, b) is None
    assert spearman(a, b) is None
    assert exact_agreement(a, b) == 1.0
    assert mean_absolute_error(a, b) == 0.0


def test_one_side_constant_gives_zero_kappa_and_no_correlation() -> None:
    # Kappa is defined (expected disagreement > 0) and shows no agreement beyond chance.
    a = [2, 2, 2, 2]
    b = [0, 1, 3, 4]
    assert quadratic_weighted_kappa(a, b) == 0.0
    assert ref_kappa(a, b, 5, "quadratic") == 0.0
    assert spearman(a, b) is None


def test_single_item() -> None:
    assert quadratic_weighted_kappa([3], [3]) is None
    assert cohen_kappa([3], [3]) is None
    # A single disagreeing item has non-zero expected disagreement; like
    # scikit-learn, the kappa is then 0.0.
    assert quadratic_weighted_kappa([3], [1]) == 0.0
    assert ref_kappa([3], [1], 5, "quadratic") == 0.0
    assert spearman([3], [3]) is None
    assert exact_agreement([3], [1]) == 0.0
    assert within_one([3], [2]) == 1.0


def test_perfect_agreement() -> None:
    a = [0, 1, 2, 3, 4, 2, 1]
    assert quadratic_weighted_kappa(a, a) == 1.0
    assert cohen_kappa(a, a) == 1.0
    assert spearman(a, a) == 1.0
    assert krippendorff_alpha_ordinal([a, a, a]) == 1.0


def test_perfect_reverse_order() -> None:
    # Observed sum (i - (4 - i))^2 = 16+4+0+4+16 = 40; expected with uniform
    # marginals = sum_{i,j} (i-j)^2 / 5 = 100 / 5 = 20; kappa = 1 - 40/20 = -1.
    a = [0, 1, 2, 3, 4]
    b = [4, 3, 2, 1, 0]
    assert quadratic_weighted_kappa(a, b) == pytest.approx(-1.0)
    assert spearman(a, b) == -1.0
    assert exact_agreement(a, b) == pytest.approx(0.2)


def test_krippendorff_unit_with_all_ratings_missing_is_dropped() -> None:
    data: list[list[int | None]] = [[0, 1, 3, 4, 2], [0, 2, 3, 3, 2]]
    with_gap: list[list[int | None]] = [[0, None, 1, 3, 4, 2], [0, None, 2, 3, 3, 2]]
    single: list[list[int | None]] = [[0, 4, 1, 3, 4, 2], [0, None, 2, 3, 3, 2]]
    expected = krippendorff_alpha_ordinal(data)
    assert expected is not None
    assert krippendorff_alpha_ordinal(with_gap) == pytest.approx(expected)
    # A unit with only one rating is dropped too.
    assert krippendorff_alpha_ordinal(single) == pytest.approx(expected)


def test_krippendorff_undefined_cases() -> None:
    assert krippendorff_alpha_ordinal([[0, 1, 2, 3]]) is None  # only one rater
    assert krippendorff_alpha_ordinal([[0, None], [None, 1]]) is None  # no pairable unit
    assert krippendorff_alpha_ordinal([[None, None], [None, None]]) is None  # no ratings
    assert krippendorff_alpha_ordinal([[2, 2, None], [2, 2, 2]]) is None  # one level only
    assert krippendorff_alpha_interval([[2, 2], [2, 2]]) is None


# --- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function",
    [
        exact_agreement,
        within_one,
        mean_absolute_error,
        mean_signed_error,
        quadratic_weighted_kappa,
        cohen_kappa,
        spearman,
        confusion_matrix,
        agreement_summary,
    ],
)
def test_pairwise_validation(function: Callable[..., object]) -> None:
    with pytest.raises(ValueError, match="differ in length"):
        function([0, 1], [0])
    with pytest.raises(ValueError, match="empty"):
        function([], [])
    with pytest.raises(ValueError, match=r"outside 0\.\.4"):
        function([0, 5], [0, 1])
    with pytest.raises(ValueError, match=r"outside 0\.\.4"):
        function([0, 1], [-1, 1])
    with pytest.raises(ValueError, match=r"outside 0\.\.2"):
        function([0, 3], [0, 1], 3)
    with pytest.raises(ValueError, match="must be an int"):
        function([0, 1.0], [0, 1])
    with pytest.raises(ValueError, match="must be an int"):
        function([0, True], [0, 1])
    with pytest.raises(ValueError, match="n_levels"):
        function([0], [0], 1)


def test_reliability_validation() -> None:
    with pytest.raises(ValueError, match="no raters"):
        krippendorff_alpha_ordinal([])
    with pytest.raises(ValueError, match="no units"):
        krippendorff_alpha_ordinal([[], []])
    with pytest.raises(ValueError, match="expected 3"):
        krippendorff_alpha_ordinal([[0, 1, 2], [0, 1]])
    with pytest.raises(ValueError, match=r"outside 0\.\.4"):
        krippendorff_alpha_ordinal([[0, 1, 2], [0, 1, 7]])
    with pytest.raises(ValueError, match="n_levels"):
        krippendorff_alpha_interval([[0], [0]], n_levels=1)


def test_bootstrap_validation() -> None:
    with pytest.raises(ValueError, match="at least one sample"):
        bootstrap_ci(exact_agreement)
    with pytest.raises(ValueError, match="empty"):
        bootstrap_ci(exact_agreement, [], [])
    with pytest.raises(ValueError, match="differ in length"):
        bootstrap_ci(exact_agreement, [0, 1], [0])
    with pytest.raises(ValueError, match="n_resamples"):
        bootstrap_ci(exact_agreement, [0], [0], n_resamples=0)
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_ci(exact_agreement, [0], [0], confidence=1.0)


# --- bootstrap ---------------------------------------------------------------------------


def noisy_ratings(n: int, seed: int) -> tuple[list[int], list[int]]:
    rng = random.Random(seed)
    reference = [rng.randrange(5) for _ in range(n)]
    predicted = [min(4, max(0, r + rng.choice([-1, 0, 0, 0, 1, 2]))) for r in reference]
    return predicted, reference


def test_bootstrap_is_reproducible() -> None:
    predicted, reference = noisy_ratings(80, seed=1)
    first = bootstrap_ci(quadratic_weighted_kappa, predicted, reference, n_resamples=300, seed=7)
    again = bootstrap_ci(quadratic_weighted_kappa, predicted, reference, n_resamples=300, seed=7)
    other = bootstrap_ci(quadratic_weighted_kappa, predicted, reference, n_resamples=300, seed=8)
    assert first is not None
    assert first == again
    assert first != other


def test_bootstrap_matches_numpy_percentiles_on_same_resamples() -> None:
    predicted, reference = noisy_ratings(40, seed=2)
    rng = random.Random(5)
    values: list[float] = []
    for _ in range(200):
        idx = rng.choices(range(40), k=40)
        value = quadratic_weighted_kappa([predicted[i] for i in idx], [reference[i] for i in idx])
        assert value is not None
        values.append(value)
    expected = np.quantile(values, [0.05, 0.95])
    interval = bootstrap_ci(
        quadratic_weighted_kappa, predicted, reference, n_resamples=200, confidence=0.9, seed=5
    )
    assert interval == pytest.approx(tuple(expected))


def test_bootstrap_resamples_items_jointly() -> None:
    # Both sequences are the item index, so any unpaired resample would show up.
    items = list(range(25))

    def paired(a: list[int], b: list[int]) -> float:
        return float(a == b)

    assert bootstrap_ci(paired, items, items, n_resamples=200) == (1.0, 1.0)


@pytest.mark.parametrize("statistic", [exact_agreement, quadratic_weighted_kappa, spearman])
def test_bootstrap_interval_contains_point_estimate(
    statistic: Callable[..., float | None],
) -> None:
    predicted, reference = noisy_ratings(150, seed=3)
    point = statistic(predicted, reference)
    assert point is not None
    interval = bootstrap_ci(statistic, predicted, reference, n_resamples=500)
    assert interval is not None
    low, high = interval
    assert low < point < high


def test_bootstrap_narrower_with_more_data() -> None:
    small = bootstrap_ci(quadratic_weighted_kappa, *noisy_ratings(40, seed=4), n_resamples=400)
    large = bootstrap_ci(quadratic_weighted_kappa, *noisy_ratings(640, seed=4), n_resamples=400)
    assert small is not None and large is not None
    assert (large[1] - large[0]) < 0.5 * (small[1] - small[0])


def test_bootstrap_higher_confidence_is_wider() -> None:
    predicted, reference = noisy_ratings(100, seed=6)
    narrow = bootstrap_ci(exact_agreement, predicted, reference, confidence=0.5)
    wide = bootstrap_ci(exact_agreement, predicted, reference, confidence=0.99)
    assert narrow is not None and wide is not None
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


def test_bootstrap_skips_undefined_resamples() -> None:
    calls = 0

    def undefined_first(limit: int) -> Callable[[list[int]], float | None]:
        def statistic(a: list[int]) -> float | None:
            nonlocal calls
            calls += 1
            return None if calls <= limit else 1.0

        return statistic

    assert bootstrap_ci(undefined_first(500), [0, 1], n_resamples=1000) == (1.0, 1.0)
    calls = 0
    assert bootstrap_ci(undefined_first(501), [0, 1], n_resamples=1000) is None


def test_bootstrap_undefined_statistic() -> None:
    # Both raters constant on the same level: every resample is undefined.
    assert bootstrap_ci(quadratic_weighted_kappa, [2] * 10, [2] * 10) is None


# --- summary -----------------------------------------------------------------------------


def test_agreement_summary_fields() -> None:
    predicted, reference = noisy_ratings(60, seed=9)
    summary = agreement_summary(predicted, reference, n_resamples=200, seed=3)
    assert summary.n == 60
    assert summary.exact == exact_agreement(predicted, reference)
    assert summary.within_one == within_one(predicted, reference)
    assert summary.kappa_qw == quadratic_weighted_kappa(predicted, reference)
    assert summary.spearman == spearman(predicted, reference)
    assert summary.mae == mean_absolute_error(predicted, reference)
    assert summary.mean_signed_error == mean_signed_error(predicted, reference)
    assert summary.mean_signed_error > 0  # noise skews predictions upwards
    assert [list(r) for r in summary.confusion] == confusion_matrix(reference, predicted)
    assert summary.exact_ci == bootstrap_ci(
        exact_agreement, predicted, reference, n_resamples=200, seed=3
    )
    assert summary.kappa_qw_ci == bootstrap_ci(
        quadratic_weighted_kappa, predicted, reference, n_resamples=200, seed=3
    )
    assert summary == agreement_summary(predicted, reference, n_resamples=200, seed=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.n = 1  # type: ignore[misc]
    hash(summary)


def test_agreement_summary_to_dict_is_json() -> None:
    summary = agreement_summary([2, 2, 2], [2, 2, 2], n_resamples=50)
    assert isinstance(summary, AgreementSummary)
    data = summary.to_dict()
    assert set(data) == {f.name for f in dataclasses.fields(AgreementSummary)}
    # Undefined statistics become null, never NaN.
    decoded = json.loads(json.dumps(data, allow_nan=False))
    assert decoded["kappa_qw"] is None
    assert decoded["kappa_qw_ci"] is None
    assert decoded["spearman"] is None
    assert decoded["exact"] == 1.0
    assert decoded["exact_ci"] == [1.0, 1.0]
    assert decoded["confusion"][2] == [0, 0, 3, 0, 0]


def test_default_scale_has_five_levels() -> None:
    assert metrics.DEFAULT_N_LEVELS == 5
