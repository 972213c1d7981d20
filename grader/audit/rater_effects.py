"""Rater effects: how one grader's levels deviate from the other graders' consensus.

Pure functions over a table of levels; :mod:`grader.audit.analysis` puts them together. The rules
that turn the statistics into the flags lenient, harsh, drifting and noisy are on
:class:`Rules` and are printed in every audit report.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from grader.ratings.files import Rating
from grader.stats.bootstrap import bootstrap_ci
from grader.stats.metrics import exact_agreement, quadratic_weighted_kappa

__all__ = [
    "DRIFTING",
    "HARSH",
    "LENIENT",
    "NOISY",
    "GraderStats",
    "MonthPoint",
    "Rules",
    "Table",
    "cluster_ci",
    "grader_stats",
]

LENIENT, HARSH, DRIFTING, NOISY = "lenient", "harsh", "drifting", "noisy"
_T = TypeVar("_T")
# A standard deviation from fewer ratings is too unstable to call anyone noisy.
MIN_RATINGS_FOR_NOISE = 10
# (interview, dimension) -> {grader: level rank}
Table = dict[tuple[str, str], dict[str, int]]


@dataclass(frozen=True)
class Rules:
    """Thresholds that turn statistics into flags.

    Attributes:
        min_bias: |mean deviation| (level steps) a lenient or harsh grader must reach, on top
            of a bootstrap interval that excludes 0.
        min_drift: Change in deviation over the grader's dated months (slope times span, level
            steps) a drifting grader must reach, on top of a slope interval excluding 0.
        min_months: Distinct months with ratings needed before drift is judged.
        max_noise: Spread of deviations (standard deviation after removing the grader's own
            bias and trend) above which a grader is noisy.
        min_interviews: Interviews needed for an interval; with fewer, no flag is raised.
        confidence: Coverage of every interval.
        n_resamples: Bootstrap resamples per interval.
        seed: Seed of every bootstrap, so reports are reproducible.
        top: Largest disagreements listed per dimension.
    """

    min_bias: float = 0.25
    min_drift: float = 1.0
    min_months: int = 3
    max_noise: float = 0.75
    min_interviews: int = 5
    confidence: float = 0.95
    n_resamples: int = 1000
    seed: int = 0
    top: int = 5

    def describe(self) -> list[str]:
        """Return the rules in plain words, for reports."""
        pct = f"{self.confidence:.0%}"
        return [
            f"lenient / harsh: mean deviation from the consensus at least {self.min_bias:+.2f} "
            f"/ at most {-self.min_bias:+.2f} level steps, and its {pct} interval excludes 0",
            f"drifting: the deviation's linear trend over at least {self.min_months} months "
            f"changes it by at least {self.min_drift:.2f} level steps, and the {pct} interval "
            "of the slope excludes 0",
            "noisy: the spread (standard deviation) of deviations left after removing the "
            f"grader's own bias and trend is at least {self.max_noise:.2f} level steps",
            "consensus: mean of the other human graders' levels on the same interview and "
            "dimension; rounded half up for kappa; intervals resample interviews "
            f"({self.n_resamples} resamples, seed {self.seed})",
            f"at least {self.min_interviews} interviews are needed before any flag is raised, "
            f"and {MIN_RATINGS_FOR_NOISE} compared ratings before a grader is called noisy",
        ]


@dataclass(frozen=True)
class MonthPoint:
    """A grader's mean deviation in one calendar month."""

    month: str
    mean: float
    n: int


@dataclass(frozen=True)
class GraderStats:
    """How one grader agrees with the others.

    Attributes:
        grader: Grader id.
        is_model: True for the model's row.
        interviews: Interviews the grader rated that someone else rated too.
        ratings: Ratings compared with a consensus.
        bias: Mean deviation from the consensus (positive: lenient).
        bias_ci: Bootstrap interval of ``bias``.
        spread: Standard deviation of deviations after removing bias and trend.
        kappa: Quadratic-weighted kappa against the rounded consensus.
        exact: Share of ratings equal to the rounded consensus.
        kappa_model: Quadratic-weighted kappa against the model's levels.
        months: Mean deviation per month, where ratings have dates.
        slope: Change of deviation per month (least squares), when judged.
        slope_ci: Bootstrap interval of ``slope``.
        drift: ``slope`` times the months spanned: the total change.
        flags: lenient, harsh, drifting, noisy.
        by_dimension: Mean deviation per dimension id.
        rank: 1 = agrees best with the consensus (kappa, then smallest |bias|).
    """

    grader: str
    is_model: bool
    interviews: int
    ratings: int
    bias: float
    bias_ci: tuple[float, float] | None
    spread: float
    kappa: float | None
    exact: float
    kappa_model: float | None
    months: tuple[MonthPoint, ...]
    slope: float | None
    slope_ci: tuple[float, float] | None
    drift: float | None
    flags: tuple[str, ...]
    by_dimension: tuple[tuple[str, float], ...] = ()
    rank: int = 0


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _month_index(rating: Rating) -> int | None:
    return None if rating.date is None else rating.date.year * 12 + rating.date.month - 1


def grader_stats(
    grader: str,
    table: Table,
    dates: dict[tuple[str, str, str], Rating],
    model_table: dict[tuple[str, str], int],
    humans: tuple[str, ...],
    rules: Rules,
    *,
    is_model: bool = False,
) -> GraderStats | None:
    """Measure one grader against the consensus of the other human graders.

    Args:
        grader: The grader to measure.
        table: Levels per (interview, dimension) and grader.
        dates: The rating behind each (interview, dimension, grader), for its date.
        model_table: The model's levels, for the kappa against the model.
        humans: Graders whose levels form a consensus (the measured grader is left out).
        rules: Thresholds for the flags.
        is_model: Marks the model's row.

    Returns:
        The statistics and flags, or None when no rating of this grader can be compared.
    """
    # (interview, level, consensus, month index or None)
    items: list[tuple[str, int, float, int | None]] = []
    by_dimension: dict[str, list[float]] = defaultdict(list)
    own, model_side = [], []
    for (interview, dim), levels in sorted(table.items()):
        if grader not in levels:
            continue
        others = [v for g, v in levels.items() if g != grader and g in humans]
        if not others:
            continue
        rating = dates.get((interview, dim, grader))
        month = _month_index(rating) if rating else None
        items.append((interview, levels[grader], statistics.fmean(others), month))
        by_dimension[dim].append(levels[grader] - items[-1][2])
        if (interview, dim) in model_table:
            own.append(levels[grader])
            model_side.append(model_table[interview, dim])
    if not items:
        return None
    clusters: dict[str, list[tuple[float, int | None]]] = defaultdict(list)
    for interview, level, consensus, month in items:
        clusters[interview].append((level - consensus, month))
    groups = list(clusters.values())
    enough = len(groups) >= rules.min_interviews
    deviations = [d for d, _ in (p for g in groups for p in g)]
    bias = statistics.fmean(deviations)
    bias_ci = cluster_ci(groups, lambda pts: statistics.fmean(d for d, _ in pts), rules)
    dated = [(float(m), d) for g in groups for d, m in g if m is not None]
    months_seen = sorted({int(m) for m, _ in dated})
    slope = slope_ci = drift = None
    if len(months_seen) >= rules.min_months and len(dated) == len(deviations):
        slope = _slope(dated)
        slope_ci = cluster_ci(
            groups, lambda pts: _slope([(float(m), d) for d, m in pts if m is not None]), rules
        )
        drift = None if slope is None else slope * (months_seen[-1] - months_seen[0])
    spread = _residual_sd(dated if slope is not None else [(0.0, d) for d in deviations], slope)
    flags = []
    if enough and bias_ci and bias >= rules.min_bias and bias_ci[0] > 0:
        flags.append(LENIENT)
    if enough and bias_ci and bias <= -rules.min_bias and bias_ci[1] < 0:
        flags.append(HARSH)
    excludes_zero = slope_ci is not None and (slope_ci[0] > 0 or slope_ci[1] < 0)
    if enough and drift is not None and excludes_zero and abs(drift) >= rules.min_drift:
        flags.append(DRIFTING)
    if enough and len(deviations) >= MIN_RATINGS_FOR_NOISE and spread >= rules.max_noise:
        flags.append(NOISY)
    given = [level for _, level, _, _ in items]
    rounded = [_round_half_up(c) for _, _, c, _ in items]
    return GraderStats(
        grader=grader,
        is_model=is_model,
        interviews=len(groups),
        ratings=len(items),
        bias=bias,
        bias_ci=bias_ci,
        spread=spread,
        kappa=quadratic_weighted_kappa(given, rounded),
        exact=exact_agreement(given, rounded),
        kappa_model=quadratic_weighted_kappa(own, model_side) if own else None,
        months=_months(dated),
        slope=slope,
        slope_ci=slope_ci,
        drift=drift,
        flags=tuple(flags),
        by_dimension=tuple((d, statistics.fmean(v)) for d, v in by_dimension.items()),
    )


def cluster_ci(
    groups: list[list[_T]], stat: Callable[[list[_T]], float | None], rules: Rules
) -> tuple[float, float] | None:
    """Bootstrap ``stat`` resampling whole groups (one per interview), not single items.

    Returns:
        The interval, or None with fewer groups than ``rules.min_interviews`` or when the
        statistic is mostly undefined on the resamples.
    """
    if len(groups) < rules.min_interviews:
        return None

    def resampled(indices: Sequence[int]) -> float | None:
        return stat([item for i in indices for item in groups[i]])

    return bootstrap_ci(
        resampled,
        list(range(len(groups))),
        n_resamples=rules.n_resamples,
        confidence=rules.confidence,
        seed=rules.seed,
    )


def _slope(points: list[tuple[float, float]]) -> float | None:
    if len({x for x, _ in points}) < 2:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def _residual_sd(points: list[tuple[float, float]], slope: float | None) -> float:
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    b = slope or 0.0
    residuals = [y - my - b * (x - mx) for x, y in points]
    dof = len(points) - (2 if slope is not None else 1)
    return math.sqrt(sum(r * r for r in residuals) / dof) if dof > 0 else 0.0


def _months(dated: list[tuple[float, float]]) -> tuple[MonthPoint, ...]:
    by_month: dict[int, list[float]] = defaultdict(list)
    for month, deviation in dated:
        by_month[int(month)].append(deviation)
    return tuple(
        MonthPoint(f"{m // 12:04d}-{m % 12 + 1:02d}", statistics.fmean(v), len(v))
        for m, v in sorted(by_month.items())
    )
