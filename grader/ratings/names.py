"""How people name levels and dimensions in ratings and scores files.

A level is its id (``very_weak``), the rubric's display name (``Very Weak or Missing``) or a
number from 1 (lowest) to 5; a dimension is its id or its title. Case, spaces, dashes and
underscores do not matter.
"""

from __future__ import annotations

import re

from grader.rubrics.levels import LEVEL_IDS, LEVEL_ORDER, Level
from grader.rubrics.rubric import Rubric


def fold(text: str) -> str:
    """Return ``text`` as names are compared: case, spaces, dashes and underscores folded."""
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


def parse_level(text: object, rubric: Rubric) -> Level:
    """Read a level written as an id, the rubric's display name, or 1-5.

    Raises:
        ValueError: The text names no level; the message lists what is accepted.
    """
    folded = fold(str(text))
    if folded.isdigit() and 1 <= int(folded) <= len(LEVEL_ORDER):
        return Level.from_rank(int(folded) - 1)
    for level in LEVEL_ORDER:
        if folded in (fold(level.value), fold(rubric.level_name(level))):
            return level
    raise ValueError(
        f"unknown level {str(text).strip()!r}; use one of {', '.join(LEVEL_IDS)}, "
        "the rubric's level names, or 1-5"
    )


def match_dimension(text: str, rubric: Rubric) -> str | None:
    """Return the id of the dimension named by id or title, or None."""
    folded = fold(text)
    for dim in rubric.dimensions:
        if folded in (fold(dim.id), fold(dim.title)):
            return dim.id
    return None
