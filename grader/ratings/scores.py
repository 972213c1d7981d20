"""An interviewer's own scores for one interview: the file ``grade --compare`` reads.

A scores file maps dimensions to levels. It may be JSON (``{"metrics": "strong", ...}``,
optionally under a ``"levels"`` key), YAML of the same shape, or CSV with ``dimension,level``
rows (a header row is optional). Dimensions and levels are named as in ratings files: id or
title; level id, the rubric's level name, or 1-5.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from grader.ratings.files import RatingsError
from grader.ratings.names import match_dimension, parse_level
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.rubrics.source import MAX_BYTES, parse_data

_HINT = 'Write {"dimension_id": "level", ...} as JSON or YAML, or dimension,level CSV rows'


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
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise RatingsError(file, f"scores file is larger than {MAX_BYTES:,} bytes", hint=_HINT)
        text = raw.decode("utf-8-sig")
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
    # The strict reader rubrics use: nesting, size and non-finite numbers are bounded, so
    # a hostile file (JSON nested 100,000 deep, YAML 5,000 deep) is an error, not a crash.
    data = parse_data(file, text, RatingsError, "scores")
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
