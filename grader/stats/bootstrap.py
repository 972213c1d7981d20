"""Percentile bootstrap intervals for statistics over paired items."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

__all__ = ["bootstrap_ci"]


def _quantile(ordered: Sequence[float], q: float) -> float:
    # Linear interpolation between neighbouring order statistics, the same rule as
    # numpy.quantile's default, so the bounds can be checked against numpy.
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def bootstrap_ci(
    statistic: Callable[..., float | None],
    *samples: Sequence[int],
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float] | None:
    """Return a percentile bootstrap interval for ``statistic(*samples)``.

    Items are resampled with replacement, using the same indices for every sequence
    so that paired ratings stay paired. The random stream comes from
    ``random.Random(seed)``, so equal arguments always give the same interval.

    Args:
        statistic: Called with one resampled list per sequence in ``samples``; may
            return ``None`` when the statistic is undefined for a resample.
        *samples: One or more sequences of equal, non-zero length, one entry per item.
        n_resamples: Number of bootstrap resamples.
        confidence: Coverage of the interval, strictly between 0 and 1.
        seed: Seed for the resampling.

    Returns:
        ``(low, high)``, or ``None`` when the statistic is undefined on more than half
        of the resamples, since the remaining ones no longer describe the sampling
        distribution. Undefined resamples are otherwise skipped.

    Raises:
        ValueError: No samples, empty or unequal-length samples, ``n_resamples`` below
            1, or ``confidence`` outside (0, 1).
    """
    if not samples:
        raise ValueError("bootstrap_ci needs at least one sample")
    n = len(samples[0])
    if n == 0:
        raise ValueError("samples are empty")
    if any(len(s) != n for s in samples):
        raise ValueError(f"samples differ in length: {[len(s) for s in samples]}")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be at least 1, got {n_resamples}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")

    rng = random.Random(seed)
    values: list[float] = []
    for _ in range(n_resamples):
        indices = rng.choices(range(n), k=n)
        value = statistic(*([s[i] for i in indices] for s in samples))
        if value is not None:
            values.append(value)
    if 2 * len(values) < n_resamples:
        return None
    values.sort()
    tail = (1.0 - confidence) / 2.0
    return _quantile(values, tail), _quantile(values, 1.0 - tail)
