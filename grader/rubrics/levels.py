"""The ordered five-point level scale shared by every rubric."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class Level(StrEnum):
    """A rubric level, ordered from lowest to highest.

    The value is the stable id used in files and JSON; the rubric supplies display names.
    """

    VERY_WEAK = "very_weak"
    WEAK = "weak"
    NEUTRAL = "neutral"
    STRONG = "strong"
    VERY_STRONG = "very_strong"

    @property
    def rank(self) -> int:
        """Position on the scale: 0 for very_weak up to 4 for very_strong."""
        return LEVEL_ORDER.index(self)

    @classmethod
    def from_rank(cls, rank: int) -> Level:
        """Return the level at ``rank`` (0-4)."""
        return LEVEL_ORDER[rank]


LEVEL_ORDER: tuple[Level, ...] = tuple(Level)
LEVEL_IDS: tuple[str, ...] = tuple(level.value for level in LEVEL_ORDER)


def level_for(value: float, cuts: Sequence[float]) -> Level:
    """Return the level whose band holds ``value``: below cuts[0] is very_weak, etc."""
    rank = sum(1 for cut in cuts if value >= cut)
    return Level.from_rank(min(rank, len(LEVEL_ORDER) - 1))
