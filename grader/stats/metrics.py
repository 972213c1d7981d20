"""Agreement statistics over ordinal levels.

Levels are ints ``0..n_levels-1`` (very_weak=0 ... very_strong=4 by default). Every
function is pure and uses only the standard library. Statistics that can be undefined
(a chance-corrected coefficient whose expected disagreement is zero, a correlation with
a constant side) return ``None`` rather than a number, so a report can show "n/a".

Malformed input (different lengths, no items, a level outside the range) is a
programming error and raises ``ValueError``.

Krippendorff's alpha (:mod:`grader.stats.reliability`) and the bootstrap
(:mod:`grader.stats.bootstrap`) live in their own modules and are re-exported here.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence

from grader.rubrics.levels import LEVEL_ORDER
from grader.stats.bootstrap import bootstrap_ci
from grader.stats.reliability import krippendorff_alpha_interval, krippendorff_alpha_ordinal

__all__ = [
    "DEFAULT_N_LEVELS",
    "bootstrap_ci",
    "cohen_kappa",
    "confusion_matrix",
    "exact_agreement",
    "krippendorff_alpha_interval",
    "krippendorff_alpha_ordinal",
    "mean_absolute_error",
    "mean_signed_error",
    "quadratic_weighted_kappa",
    "rank_correlation",
    "spearman",
    "within_one",
]

# The size of the shared rubric scale.
DEFAULT_N_LEVELS = len(LEVEL_ORDER)


def _check_n_levels(n_levels: int) -> None:
    if n_levels < 2:
        raise ValueError(f"n_levels must be at least 2, got {n_levels}")


def _check_level(value: object, n_levels: int, where: str) -> None:
    # bool is a subclass of int but True/False are never meant as levels.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: level must be an int, got {value!r}")
    if not 0 <= value < n_levels:
        raise ValueError(f"{where}: level {value} is outside 0..{n_levels - 1}")


def check_pair(a: Sequence[int], b: Sequence[int], n_levels: int) -> int:
    """Validate two paired level sequences and return their common length."""
    _check_n_levels(n_levels)
    if len(a) != len(b):
        raise ValueError(f"sequences differ in length: {len(a)} != {len(b)}")
    if not a:
        raise ValueError("sequences are empty")
    for name, seq in (("first", a), ("second", b)):
        for i, value in enumerate(seq):
            _check_level(value, n_levels, f"{name} sequence, item {i}")
    return len(a)


def exact_agreement(a: Sequence[int], b: Sequence[int], n_levels: int = DEFAULT_N_LEVELS) -> float:
    """Return the fraction of items on which both sides give the same level."""
    n = check_pair(a, b, n_levels)
    return sum(x == y for x, y in zip(a, b, strict=True)) / n


def within_one(a: Sequence[int], b: Sequence[int], n_levels: int = DEFAULT_N_LEVELS) -> float:
    """Return the fraction of items whose levels differ by at most one step."""
    n = check_pair(a, b, n_levels)
    return sum(abs(x - y) <= 1 for x, y in zip(a, b, strict=True)) / n


def mean_absolute_error(
    predicted: Sequence[int], reference: Sequence[int], n_levels: int = DEFAULT_N_LEVELS
) -> float:
    """Return the mean of ``|predicted - reference|`` in level steps."""
    n = check_pair(predicted, reference, n_levels)
    return sum(abs(p - r) for p, r in zip(predicted, reference, strict=True)) / n


def mean_signed_error(
    predicted: Sequence[int], reference: Sequence[int], n_levels: int = DEFAULT_N_LEVELS
) -> float:
    """Return the mean of ``predicted - reference`` in level steps.

    A positive value means the predictions sit higher than the reference on average,
    i.e. they are more lenient.
    """
    n = check_pair(predicted, reference, n_levels)
    return sum(p - r for p, r in zip(predicted, reference, strict=True)) / n


def confusion_matrix(
    reference: Sequence[int], predicted: Sequence[int], n_levels: int = DEFAULT_N_LEVELS
) -> list[list[int]]:
    """Count items per (reference level, predicted level).

    Returns:
        An ``n_levels`` x ``n_levels`` matrix; row = reference level, column =
        predicted level.
    """
    check_pair(reference, predicted, n_levels)
    matrix = [[0] * n_levels for _ in range(n_levels)]
    for r, p in zip(reference, predicted, strict=True):
        matrix[r][p] += 1
    return matrix


def _kappa(
    a: Sequence[int], b: Sequence[int], n_levels: int, weight: Callable[[int, int], int]
) -> float | None:
    confusion = confusion_matrix(a, b, n_levels)
    n = len(a)
    rows = [sum(row) for row in confusion]
    cols = [sum(row[j] for row in confusion) for j in range(n_levels)]
    cells = [(i, j) for i in range(n_levels) for j in range(n_levels)]
    observed = sum(weight(i, j) * confusion[i][j] for i, j in cells)
    # n times the expected weighted disagreement; integer arithmetic keeps the
    # zero test below exact.
    expected_times_n = sum(weight(i, j) * rows[i] * cols[j] for i, j in cells)
    if expected_times_n == 0:
        return None
    return 1.0 - n * observed / expected_times_n


def quadratic_weighted_kappa(
    a: Sequence[int], b: Sequence[int], n_levels: int = DEFAULT_N_LEVELS
) -> float | None:
    """Return Cohen's kappa with quadratic weights ``(i - j) ** 2``.

    Matches ``sklearn.metrics.cohen_kappa_score(a, b, weights="quadratic",
    labels=range(n_levels))``.

    Returns:
        The kappa, or ``None`` when the expected disagreement is zero, which happens
        exactly when both sides use one and the same level for every item (this
        includes a single item rated equally). If only one side is constant but the
        sides differ, the kappa is defined and equals 0.0, as in scikit-learn.
    """
    return _kappa(a, b, n_levels, lambda i, j: (i - j) ** 2)


def cohen_kappa(
    a: Sequence[int], b: Sequence[int], n_levels: int = DEFAULT_N_LEVELS
) -> float | None:
    """Return unweighted Cohen's kappa; ``None`` under the same rule as the QWK."""
    return _kappa(a, b, n_levels, lambda i, j: int(i != j))


def _doubled_average_ranks(values: Sequence[int], n_levels: int) -> list[int]:
    # Ranks of tied values are averaged, so they can be half-integers; doubling keeps
    # them integral and the correlation exact up to the final square root.
    counts = [0] * n_levels
    for v in values:
        counts[v] += 1
    doubled: list[int] = []
    below = 0
    for count in counts:
        # A tie group fills positions below+1 .. below+count.
        doubled.append(2 * below + count + 1)
        below += count
    return [doubled[v] for v in values]


def spearman(a: Sequence[int], b: Sequence[int], n_levels: int = DEFAULT_N_LEVELS) -> float | None:
    """Return Spearman's rank correlation with average ranks for ties.

    Matches ``scipy.stats.spearmanr(a, b).statistic``.

    Returns:
        The correlation, or ``None`` when there are fewer than two items or either
        side is constant.
    """
    n = check_pair(a, b, n_levels)
    if n < 2:
        return None
    x = _doubled_average_ranks(a, n_levels)
    y = _doubled_average_ranks(b, n_levels)
    sx, sy = sum(x), sum(y)
    sxy = n * sum(i * j for i, j in zip(x, y, strict=True)) - sx * sy
    sxx = n * sum(i * i for i in x) - sx * sx
    syy = n * sum(j * j for j in y) - sy * sy
    if sxx == 0 or syy == 0:
        return None
    # Rounding in the square root can push a perfect correlation a hair past 1.
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def rank_correlation(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Spearman's correlation of two real-valued lists (average ranks for ties)."""
    if len(a) != len(b) or len(a) < 2:
        return None
    x, y = _average_ranks(a), _average_ranks(b)
    try:
        return statistics.correlation(x, y)
    except statistics.StatisticsError:
        return None


def _average_ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        stop = start
        while stop + 1 < len(order) and values[order[stop + 1]] == values[order[start]]:
            stop += 1
        for i in order[start : stop + 1]:
            ranks[i] = (start + stop) / 2 + 1
        start = stop + 1
    return ranks
