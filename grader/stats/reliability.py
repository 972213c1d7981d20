"""Krippendorff's alpha for several raters with missing ratings, over ordinal levels.

Pure standard-library code; exact rational arithmetic is used up to the final division,
so the zero test for an undefined alpha is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from grader.rubrics.levels import LEVEL_ORDER

__all__ = ["krippendorff_alpha_interval", "krippendorff_alpha_ordinal"]

_DEFAULT_N_LEVELS = len(LEVEL_ORDER)


def _check_level(value: object, n_levels: int, where: str) -> None:
    # bool is a subclass of int but True/False are never meant as levels.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: level must be an int, got {value!r}")
    if not 0 <= value < n_levels:
        raise ValueError(f"{where}: level {value} is outside 0..{n_levels - 1}")


def _alpha(
    reliability_data: Sequence[Sequence[int | None]],
    n_levels: int,
    ordinal: bool,
) -> float | None:
    if n_levels < 2:
        raise ValueError(f"n_levels must be at least 2, got {n_levels}")
    if not reliability_data:
        raise ValueError("reliability data has no raters")
    n_units = len(reliability_data[0])
    if n_units == 0:
        raise ValueError("reliability data has no units")
    for r, row in enumerate(reliability_data):
        if len(row) != n_units:
            raise ValueError(f"rater {r} has {len(row)} ratings, expected {n_units}")
        for u, value in enumerate(row):
            if value is not None:
                _check_level(value, n_levels, f"rater {r}, unit {u}")

    # Per-unit level counts, keeping only units that can form a pair of ratings.
    units: list[list[int]] = []
    for u in range(n_units):
        counts = [0] * n_levels
        for row in reliability_data:
            value = row[u]
            if value is not None:
                counts[value] += 1
        if sum(counts) >= 2:
            units.append(counts)
    if not units:
        return None
    totals = [sum(counts[c] for counts in units) for c in range(n_levels)]
    n = sum(totals)

    # Squared distances scaled by 4, which makes the ordinal ones integers.
    pairs = [(c, k) for c in range(n_levels) for k in range(c + 1, n_levels)]
    if ordinal:
        # Ordinal distance depends on how many pairable ratings lie between c and k.
        def between(c: int, k: int) -> int:
            return 2 * sum(totals[c : k + 1]) - totals[c] - totals[k]

        delta = {(c, k): between(c, k) ** 2 for c, k in pairs}
    else:
        delta = {(c, k): 4 * (k - c) ** 2 for c, k in pairs}

    # alpha = 1 - (n - 1) * sum_u [sum_{c<k} m_uc * m_uk * d_ck / (m_u - 1)]
    #                    / sum_{c<k} n_c * n_k * d_ck,
    # the coincidence-matrix form with the diagonal (d_cc = 0) left out. Grouping
    # units by size m_u keeps the observed sum exact with few fractions.
    by_size: dict[int, int] = {}
    for counts in units:
        size = sum(counts)
        pair_sum = sum(counts[c] * counts[k] * delta[c, k] for c, k in pairs)
        by_size[size] = by_size.get(size, 0) + pair_sum
    observed = sum((Fraction(s, m - 1) for m, s in by_size.items()), Fraction(0))
    expected = sum(totals[c] * totals[k] * delta[c, k] for c, k in pairs)
    if expected == 0:
        return None
    return float(1 - (n - 1) * observed / expected)


def krippendorff_alpha_ordinal(
    reliability_data: Sequence[Sequence[int | None]], n_levels: int = _DEFAULT_N_LEVELS
) -> float | None:
    """Return Krippendorff's alpha with the ordinal distance.

    Matches ``krippendorff.alpha(reliability_data=..., level_of_measurement="ordinal",
    value_domain=range(n_levels))`` with ``None`` given as NaN.

    Args:
        reliability_data: One row per rater, one column per unit; ``None`` marks a
            missing rating. Units with fewer than two ratings are dropped.
        n_levels: Number of levels.

    Returns:
        The alpha, or ``None`` when no unit has two ratings (e.g. a single rater) or
        all pairable ratings share one level, so that expected disagreement is zero.

    Raises:
        ValueError: No raters, no units, rows of unequal length, or a bad level.
    """
    return _alpha(reliability_data, n_levels, ordinal=True)


def krippendorff_alpha_interval(
    reliability_data: Sequence[Sequence[int | None]], n_levels: int = _DEFAULT_N_LEVELS
) -> float | None:
    """Return Krippendorff's alpha with the interval distance ``(c - k) ** 2``.

    Same input, ``None`` rule and errors as :func:`krippendorff_alpha_ordinal`.
    """
    return _alpha(reliability_data, n_levels, ordinal=False)
