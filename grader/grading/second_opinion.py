"""Set an interviewer's levels beside a scorecard's, and order dimensions by disagreement."""

from __future__ import annotations

from grader.grading.comparison import Comparison, ComparisonItem, size_of
from grader.grading.scorecard import DimensionResult, Scorecard
from grader.rubrics.levels import Level


def compare(card: Scorecard, scores: dict[str, Level], source: str) -> Comparison:
    """Set the interviewer's levels beside the scorecard's, one item per dimension.

    Args:
        card: The model's scorecard.
        scores: The interviewer's levels (from :func:`load_scores`).
        source: Where the scores came from, for the report.
    """
    items = []
    for dim in card.dimensions:
        yours = scores.get(dim.id)
        diff = None if yours is None or dim.level is None else dim.level.rank - yours.rank
        items.append(
            ComparisonItem(
                dimension=dim.id,
                title=dim.title,
                yours=yours,
                model=dim.level,
                difference=diff,
                size=size_of(diff),
            )
        )
    compared = [i for i in items if i.difference is not None]
    return Comparison(
        source=source,
        items=items,
        compared=len(compared),
        agreements=sum(i.difference == 0 for i in compared),
        disagreements=sum(i.difference != 0 for i in compared),
        largest_gap=max((abs(i.difference or 0) for i in compared), default=0),
    )


def ordered_dimensions(card: Scorecard) -> list[DimensionResult]:
    """Return the scorecard's dimensions, disagreements first (largest first), then the rest.

    Without a comparison the rubric's order is kept.
    """
    comparison = card.comparison
    if comparison is None:
        return list(card.dimensions)

    def gap(dim: DimensionResult) -> int:
        item = comparison.item(dim.id)
        return abs(item.difference) if item and item.difference is not None else 0

    return sorted(card.dimensions, key=lambda dim: -gap(dim))
