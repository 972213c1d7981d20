"""Calibration audit of a team of graders: pure analysis over ratings, no I/O.

Definitions used throughout (they are also printed in every audit report):

* **Consensus** for a grader on one interview and dimension is the *mean* of the other human
  graders' levels there (levels as 0-4). The mean, not the median, because with the 2-5
  other graders a calibration set usually has, the median jumps a whole level on one vote.
  For kappa and exact agreement, which need a level, it is rounded half up.
* **Deviation** is the grader's level minus that consensus, in level steps; positive means
  more lenient than the others.
* Intervals are percentile bootstraps that resample *interviews* (all of an interview's
  ratings together), since one grader's six ratings of one interview are not independent.
* The model, when present, is scored against the consensus of all human graders and ranked
  with them, but it never enters a human's consensus, so adding it changes no human's row.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from grader.audit.rater_effects import (
    DRIFTING,
    HARSH,
    LENIENT,
    NOISY,
    GraderStats,
    MonthPoint,
    Rules,
    Table,
    cluster_ci,
    grader_stats,
)
from grader.ratings.files import Rating, Ratings, RatingsError
from grader.rubrics.levels import Level
from grader.stats.reliability import krippendorff_alpha_ordinal

__all__ = [
    "DRIFTING",
    "HARSH",
    "LENIENT",
    "NOISY",
    "AuditResult",
    "Disagreement",
    "GraderStats",
    "MonthPoint",
    "Reliability",
    "Rules",
    "audit",
]


@dataclass(frozen=True)
class Reliability:
    """Krippendorff's alpha (ordinal) across graders for one dimension, or ``all``."""

    dimension: str
    interviews: int
    graders: int
    alpha: float | None
    alpha_ci: tuple[float, float] | None
    alpha_with_model: float | None = None


@dataclass(frozen=True)
class Disagreement:
    """One interview and dimension on which the human graders differ."""

    dimension: str
    interview: str
    levels: tuple[tuple[str, Level], ...]
    spread: int
    sd: float
    model_level: Level | None = None


@dataclass(frozen=True)
class AuditResult:
    """Everything the audit found; renderers in :mod:`grader.reports.audit_text`."""

    source: str
    dimensions: tuple[str, ...]
    titles: dict[str, str]
    graders: tuple[str, ...]
    model: str | None
    reliability: tuple[Reliability, ...]
    grader_stats: tuple[GraderStats, ...]
    disagreements: dict[str, tuple[Disagreement, ...]]
    rules: Rules
    model_summary: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    interviews: int = 0
    ratings: int = 0
    # (interview, dimension, max - min level) for every unit rated by two or more graders.
    spreads: tuple[tuple[str, str, int], ...] = ()

    def flagged(self, flag: str) -> list[str]:
        """Return the graders carrying ``flag``."""
        return [s.grader for s in self.grader_stats if flag in s.flags]

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        data = asdict(self)
        data["rules"] = {**asdict(self.rules), "text": self.rules.describe()}
        return data


def audit(
    ratings: Ratings,
    *,
    model_ratings: Sequence[Rating] = (),
    model: str | None = None,
    titles: dict[str, str] | None = None,
    rules: Rules | None = None,
) -> AuditResult:
    """Audit human graders (and optionally the model) against each other.

    Args:
        ratings: The human ratings.
        model_ratings: The model's ratings of the same interviews, with ``grader == model``.
        model: The model's grader id; required with ``model_ratings``.
        titles: Display titles of dimensions.
        rules: Thresholds; defaults documented on :class:`Rules`.

    Returns:
        The audit.

    Raises:
        RatingsError: Fewer than two graders, or no interview rated by two of them.
    """
    rules = rules or Rules()
    humans = tuple(ratings.graders())
    if model is not None and model in humans:
        raise RatingsError(ratings.path, f"a human grader is called {model!r}, like the model")
    table: Table = defaultdict(dict)
    dates: dict[tuple[str, str, str], Rating] = {}
    for r in ratings.items:
        table[r.interview, r.dimension][r.grader] = r.level.rank
        dates[r.interview, r.dimension, r.grader] = r
    model_table: dict[tuple[str, str], int] = {
        (r.interview, r.dimension): r.level.rank for r in model_ratings
    }
    if len(humans) < 2 or not any(len(v) >= 2 for v in table.values()):
        raise RatingsError(
            ratings.path,
            "an audit needs at least two graders who rated the same interview",
            hint="Add the other graders' scorecards for the same interviews",
        )
    stats = [grader_stats(g, table, dates, model_table, humans, rules) for g in humans]
    notes = [f"grader {g!r} shares no interview with another grader" for g in humans]
    notes = [n for n, s in zip(notes, stats, strict=True) if s is None]
    if model is not None and model_table:
        with_model: Table = defaultdict(dict)
        for key, levels in table.items():
            with_model[key] = dict(levels)
            if key in model_table:
                with_model[key][model] = model_table[key]
        stats.append(
            grader_stats(model, with_model, {}, {}, (*humans, model), rules, is_model=True)
        )
    ranked = sorted(
        (s for s in stats if s is not None),
        key=lambda s: (-(s.kappa if s.kappa is not None else -2.0), abs(s.bias), s.grader),
    )
    ranked = [_with_rank(s, i) for i, s in enumerate(ranked, start=1)]
    interviews = tuple(ratings.interviews())
    reliability = [
        _reliability(dim, [dim], interviews, humans, table, model_table, rules)
        for dim in ratings.dimensions
    ]
    if len(ratings.dimensions) > 1:
        reliability.append(
            _reliability("all", ratings.dimensions, interviews, humans, table, model_table, rules)
        )
    return AuditResult(
        source=ratings.path,
        dimensions=ratings.dimensions,
        titles={d: (titles or {}).get(d, d) for d in ratings.dimensions},
        graders=humans,
        model=model if model_table else None,
        reliability=tuple(reliability),
        grader_stats=tuple(ranked),
        disagreements={
            d: _disagreements(d, table, model_table, rules.top) for d in ratings.dimensions
        },
        rules=rules,
        model_summary=_model_summary(ranked) if model_table else None,
        notes=tuple(notes),
        interviews=len(interviews),
        ratings=len(ratings.items),
        spreads=tuple(
            (i, d, max(v.values()) - min(v.values()))
            for (i, d), v in sorted(table.items())
            if len(v) >= 2
        ),
    )


def _with_rank(stats: GraderStats, rank: int) -> GraderStats:
    return GraderStats(**{**stats.__dict__, "rank": rank})


def _reliability(
    name: str,
    dims: Sequence[str],
    interviews: tuple[str, ...],
    humans: tuple[str, ...],
    table: Table,
    model_table: dict[tuple[str, str], int],
    rules: Rules,
) -> Reliability:
    units = [(i, d) for i in interviews for d in dims if len(table.get((i, d), {})) >= 2]
    rows: list[list[int | None]] = [[table[u].get(g) for u in units] for g in humans]
    by_interview: dict[str, list[int]] = defaultdict(list)
    for column, (interview, _) in enumerate(units):
        by_interview[interview].append(column)
    groups = list(by_interview.values())

    def alpha_of(columns: list[int]) -> float | None:
        return krippendorff_alpha_ordinal([[row[c] for c in columns] for row in rows])

    with_model = None
    if model_table:
        model_row = [model_table.get(u) for u in units]
        with_model = krippendorff_alpha_ordinal([*rows, model_row]) if units else None
    return Reliability(
        dimension=name,
        interviews=len(groups),
        graders=sum(any(v is not None for v in row) for row in rows),
        alpha=alpha_of(list(range(len(units)))) if units else None,
        alpha_ci=cluster_ci(groups, alpha_of, rules) if units else None,
        alpha_with_model=with_model,
    )


def _disagreements(
    dim: str, table: Table, model_table: dict[tuple[str, str], int], top: int
) -> tuple[Disagreement, ...]:
    found = []
    for (interview, d), levels in table.items():
        if d != dim or len(levels) < 2 or max(levels.values()) == min(levels.values()):
            continue
        model_rank = model_table.get((interview, dim))
        found.append(
            Disagreement(
                dimension=dim,
                interview=interview,
                levels=tuple((g, Level.from_rank(v)) for g, v in levels.items()),
                spread=max(levels.values()) - min(levels.values()),
                sd=statistics.pstdev(levels.values()),
                model_level=None if model_rank is None else Level.from_rank(model_rank),
            )
        )
    found.sort(key=lambda x: (-x.spread, -x.sd, x.interview))
    return tuple(found[:top])


def _model_summary(ranked: list[GraderStats]) -> str:
    model = next(s for s in ranked if s.is_model)
    humans = [s for s in ranked if not s.is_model]
    kappas = [s.kappa for s in humans if s.kappa is not None]
    biases = [s.bias for s in humans]
    parts = [f"The model ranks {model.rank} of {len(ranked)} by kappa with the consensus"]
    if model.kappa is not None and kappas:
        inside = min(kappas) <= model.kappa
        parts.append(
            f" ({model.kappa:.2f}; humans {min(kappas):.2f} to {max(kappas):.2f}, "
            f"{'inside' if inside else 'below'} the human range)"
        )
    inside_bias = min(biases) <= model.bias <= max(biases)
    parts.append(
        f"; its bias {model.bias:+.2f} is {'inside' if inside_bias else 'outside'} the humans' "
        f"{min(biases):+.2f} to {max(biases):+.2f}"
    )
    if model.flags:
        parts.append(f"; flags: {', '.join(model.flags)}")
    return "".join(parts) + "."
