"""An interviewer's own scores beside the model's: load them and measure each disagreement.

A scores file maps dimensions to levels. It may be JSON (``{"metrics": "strong", ...}``,
optionally under a ``"levels"`` key), YAML of the same shape, or CSV with ``dimension,level``
rows (a header row is optional). Dimensions and levels are named as in ratings files: id or
title; level id, the rubric's level name, or 1-5.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from grader.levels import Level
from grader.ratings import RatingsError, match_dimension, parse_level
from grader.rubric import Rubric

if TYPE_CHECKING:
    from grader.scorecard import DimensionResult, Scorecard

__all__ = ["Comparison", "ComparisonItem", "compare", "load_scores", "ordered_dimensions"]

Size = Literal["agree", "small", "large", "very large", "not compared"]
SIZE_HELP = {
    "agree": "same level",
    "small": "one level apart",
    "large": "two levels apart",
    "very large": "three or four levels apart",
    "not compared": "one side has no level",
}
_HINT = 'Write {"dimension_id": "level", ...} as JSON or YAML, or dimension,level CSV rows'


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


def load_scores(path: str | Path, rubric: Rubric) -> dict[str, Level]:
    """Read an interviewer's scores file.

    Returns:
        ``{dimension id: level}`` for the dimensions the file scores.

    Raises:
        RatingsError: Unreadable file, bad syntax, unknown dimension or level, a dimension
            scored twice, or no score at all; the message names the line.
    """
    file = Path(path)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RatingsError(file, f"cannot read scores ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RatingsError(file, "scores are not UTF-8 text", hint="Save as UTF-8") from None
    pairs = _csv_pairs(file, text) if file.suffix.lower() == ".csv" else _mapping_pairs(file, text)
    scores: dict[str, Level] = {}
    for name, value, line in pairs:
        dim = match_dimension(name, rubric)
        if dim is None:
            ids = ", ".join(d.id for d in rubric.dimensions)
            raise RatingsError(file, f"unknown dimension {name!r}", line=line, hint=f"Use {ids}")
        if dim in scores:
            raise RatingsError(file, f"{dim!r} is scored twice", line=line)
        try:
            scores[dim] = parse_level(value, rubric)
        except ValueError as exc:
            raise RatingsError(file, str(exc), line=line) from None
    if not scores:
        raise RatingsError(file, "no scores found", hint=_HINT)
    return scores


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if key in line:
            return number
    return None


def _mapping_pairs(file: Path, text: str) -> list[tuple[str, Any, int | None]]:
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise RatingsError(file, f"invalid JSON ({exc.msg})", line=exc.lineno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RatingsError(file, "invalid YAML", line=line, hint=_HINT) from None
    if isinstance(data, dict) and isinstance(data.get("levels"), dict):
        data = data["levels"]
    if not isinstance(data, dict):
        raise RatingsError(file, "scores must be a mapping of dimension to level", hint=_HINT)
    return [(str(k), v, _line_of(text, str(k))) for k, v in data.items() if v is not None]


def _csv_pairs(file: Path, text: str) -> list[tuple[str, Any, int | None]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    pairs: list[tuple[str, Any, int | None]] = []
    try:
        for row in reader:
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if len(cells) < 2 or not cells[1]:
                raise RatingsError(
                    file, "expected dimension,level", line=reader.line_num, hint=_HINT
                )
            if not pairs and cells[0].casefold() in ("dimension", "dimension_id"):
                continue
            pairs.append((cells[0], cells[1], reader.line_num))
    except csv.Error as exc:
        raise RatingsError(file, f"cannot read CSV ({exc})", line=reader.line_num) from None
    return pairs


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


def describe(item: ComparisonItem) -> str:
    """Say in words how the model's level relates to the interviewer's."""
    if item.difference is None:
        return "not compared"
    if item.difference == 0:
        return "agree"
    steps = abs(item.difference)
    side = "higher" if item.difference > 0 else "lower"
    return f"model {steps} level{'s' if steps > 1 else ''} {side} ({item.size} disagreement)"
