"""An interviewer's own levels beside the model's: each disagreement and its size."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from grader.rubrics.levels import Level

__all__ = ["Comparison", "ComparisonItem", "describe", "size_of"]

Size = Literal["agree", "small", "large", "very large", "not compared"]
SIZE_HELP = {
    "agree": "same level",
    "small": "one level apart",
    "large": "two levels apart",
    "very large": "three or four levels apart",
    "not compared": "one side has no level",
}


class ComparisonItem(BaseModel):
    """One dimension: the interviewer's level, the model's, and how far apart they are.

    Attributes:
        dimension: Dimension id.
        title: Dimension title.
        yours: The interviewer's level, None when not given.
        model: The model's level, None when grading that dimension failed.
        difference: Model rank minus the interviewer's (positive: the model is more lenient).
        size: agree, small (1 level), large (2), very large (3-4) or not compared.
    """

    model_config = ConfigDict(extra="forbid")

    dimension: str
    title: str
    yours: Level | None
    model: Level | None
    difference: int | None
    size: Size


class Comparison(BaseModel):
    """The interviewer's scores against one scorecard."""

    model_config = ConfigDict(extra="forbid")

    source: str
    items: list[ComparisonItem]
    compared: int
    agreements: int
    disagreements: int
    largest_gap: int

    def item(self, dimension: str) -> ComparisonItem | None:
        """Return the item for ``dimension``, if any."""
        return next((i for i in self.items if i.dimension == dimension), None)


def size_of(difference: int | None) -> Size:
    """Name the size of a disagreement of ``difference`` level steps."""
    if difference is None:
        return "not compared"
    return ("agree", "small", "large", "very large", "very large")[min(abs(difference), 4)]


def describe(item: ComparisonItem) -> str:
    """Say in words how the model's level relates to the interviewer's."""
    if item.difference is None:
        return "not compared"
    if item.difference == 0:
        return "agree"
    steps = abs(item.difference)
    side = "higher" if item.difference > 0 else "lower"
    return f"model {steps} level{'s' if steps > 1 else ''} {side} ({item.size} disagreement)"
