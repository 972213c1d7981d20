"""Every agreement statistic of one set of paired levels, with bootstrap intervals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from grader.stats.bootstrap import bootstrap_ci
from grader.stats.metrics import (
    DEFAULT_N_LEVELS,
    check_pair,
    confusion_matrix,
    exact_agreement,
    mean_absolute_error,
    mean_signed_error,
    quadratic_weighted_kappa,
    spearman,
    within_one,
)


@dataclass(frozen=True)
class AgreementSummary:
    """Agreement of predicted levels with reference levels over the same items.

    Intervals are percentile bootstrap intervals over items; any field typed
    ``... | None`` is ``None`` when the statistic is undefined for this data.
    ``confusion`` has reference levels as rows and predicted levels as columns.
    """

    n: int
    n_levels: int
    exact: float
    exact_ci: tuple[float, float] | None
    within_one: float
    kappa_qw: float | None
    kappa_qw_ci: tuple[float, float] | None
    spearman: float | None
    mae: float
    mean_signed_error: float
    confusion: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict; intervals and the matrix become lists."""
        return {
            "n": self.n,
            "n_levels": self.n_levels,
            "exact": self.exact,
            "exact_ci": None if self.exact_ci is None else list(self.exact_ci),
            "within_one": self.within_one,
            "kappa_qw": self.kappa_qw,
            "kappa_qw_ci": None if self.kappa_qw_ci is None else list(self.kappa_qw_ci),
            "spearman": self.spearman,
            "mae": self.mae,
            "mean_signed_error": self.mean_signed_error,
            "confusion": [list(row) for row in self.confusion],
        }


def agreement_summary(
    predicted: Sequence[int],
    reference: Sequence[int],
    n_levels: int = DEFAULT_N_LEVELS,
    *,
    n_resamples: int = 1000,
    seed: int = 0,
) -> AgreementSummary:
    """Compute every pairwise agreement statistic plus bootstrap intervals.

    Args:
        predicted: Levels from the grader under test, one per item.
        reference: Labelled levels for the same items, in the same order.
        n_levels: Number of levels on the scale.
        n_resamples: Bootstrap resamples per interval.
        seed: Seed for both intervals, so each is reproducible on its own.

    Returns:
        The summary; undefined statistics and intervals are ``None``.

    Raises:
        ValueError: Unequal lengths, no items, or a level outside the scale.
    """
    n = check_pair(predicted, reference, n_levels)
    return AgreementSummary(
        n=n,
        n_levels=n_levels,
        exact=exact_agreement(predicted, reference, n_levels),
        exact_ci=bootstrap_ci(
            partial(exact_agreement, n_levels=n_levels),
            predicted,
            reference,
            n_resamples=n_resamples,
            seed=seed,
        ),
        within_one=within_one(predicted, reference, n_levels),
        kappa_qw=quadratic_weighted_kappa(predicted, reference, n_levels),
        kappa_qw_ci=bootstrap_ci(
            partial(quadratic_weighted_kappa, n_levels=n_levels),
            predicted,
            reference,
            n_resamples=n_resamples,
            seed=seed,
        ),
        spearman=spearman(predicted, reference, n_levels),
        mae=mean_absolute_error(predicted, reference, n_levels),
        mean_signed_error=mean_signed_error(predicted, reference, n_levels),
        confusion=tuple(tuple(row) for row in confusion_matrix(reference, predicted, n_levels)),
    )
