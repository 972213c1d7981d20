"""Human scorecards for a calibration audit: load and validate ratings files.

Three layouts are read, chosen by extension and header:

* **long CSV**: one rating per row, columns ``interview``, ``grader``, ``dimension``,
  ``level`` and optionally ``date``;
* **wide CSV**: one scorecard per row, columns ``interview``, ``grader``, optionally
  ``date``, then one column per dimension (an empty cell is a rating not given);
* **JSONL**: one object per line, either one rating (``dimension`` + ``level``) or one
  scorecard (``levels``: a mapping of dimension to level).

Dimensions are named by the rubric's id or title; levels by id (``very_weak``), the rubric's
display name (``Very Weak or Missing``) or a number from 1 (lowest) to 5. Every problem is a
:class:`RatingsError` naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import InputError
from grader.ratings.names import fold, match_dimension, parse_level
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric

__all__ = [
    "Rating",
    "Ratings",
    "RatingsError",
    "load_ratings",
    "match_dimension",
    "parse_level",
]

MAX_BYTES = 20_000_000
_ALIASES = {
    "interview": ("interview", "interview_id", "transcript", "transcript_id"),
    "grader": ("grader", "grader_id", "rater", "rater_id"),
    "dimension": ("dimension", "dimension_id"),
    "level": ("level", "score", "rating"),
    "date": ("date", "rated_at", "graded_at", "interview_date"),
}
# Free-text columns a wide scorecard export often carries; they are not dimensions.
_IGNORED = frozenset({"notes", "note", "comment", "comments"})
_FORMAT_HINT = (
    "Use a header row with interview,grader,dimension,level[,date] (one rating per row) or "
    "interview,grader[,date] followed by one column per dimension"
)


class RatingsError(InputError):
    """A ratings or scores file cannot be used as it is."""


@dataclass(frozen=True)
class Rating:
    """One grader's level for one dimension of one interview.

    Attributes:
        interview: Interview id (for ``--with-model``, the transcript's file name stem).
        grader: Grader id.
        dimension: Rubric dimension id.
        level: The level given.
        date: When the rating was made, when the file says.
        line: 1-based line of the file it came from (0 for ratings made in code).
    """

    interview: str
    grader: str
    dimension: str
    level: Level
    date: dt.date | None = None
    line: int = 0


@dataclass(frozen=True)
class Ratings:
    """Every rating from one file, validated.

    Attributes:
        path: The file they came from.
        items: The ratings in file order.
        dimensions: Dimension ids that occur, in rubric order.
    """

    path: str
    items: tuple[Rating, ...]
    dimensions: tuple[str, ...]

    def graders(self) -> list[str]:
        """Return grader ids in order of first appearance."""
        return list(dict.fromkeys(r.grader for r in self.items))

    def interviews(self) -> list[str]:
        """Return interview ids in order of first appearance."""
        return list(dict.fromkeys(r.interview for r in self.items))


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    return dt.date.fromisoformat(text[:10])


def load_ratings(path: str | Path, rubric: Rubric) -> Ratings:
    """Load a ratings file (long CSV, wide CSV or JSONL) and validate every rating.

    Args:
        path: The file; ``.jsonl``/``.ndjson`` is read as JSON lines, anything else as CSV.
        rubric: The rubric the dimensions and levels belong to.

    Returns:
        The validated ratings.

    Raises:
        RatingsError: The file is missing, unreadable, malformed, names an unknown
            dimension or level, rates the same thing twice, or holds no rating.
    """
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise RatingsError(file, "file is over 20 MB", hint="Split it by period or team")
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RatingsError(file, f"cannot read ratings ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RatingsError(file, "ratings are not UTF-8 text", hint="Save as UTF-8") from None
    reader = _Reader(file, rubric)
    jsonl = file.suffix.lower() in (".jsonl", ".ndjson")
    rows = reader.jsonl(text) if jsonl else reader.csv(text)
    items: list[Rating] = []
    seen: dict[tuple[str, str, str], int] = {}
    for rating in rows:
        key = (rating.interview, rating.grader, rating.dimension)
        if key in seen:
            raise RatingsError(
                file,
                f"grader {rating.grader!r} rated {rating.dimension!r} of interview "
                f"{rating.interview!r} twice (first at line {seen[key]})",
                line=rating.line,
                hint="Keep one rating per interview, grader and dimension",
            )
        seen[key] = rating.line
        items.append(rating)
    if not items:
        raise RatingsError(file, "no ratings found", hint=_FORMAT_HINT)
    used = {r.dimension for r in items}
    dims = tuple(d.id for d in rubric.dimensions if d.id in used)
    return Ratings(path=str(file), items=tuple(items), dimensions=dims)


class _Reader:
    def __init__(self, file: Path, rubric: Rubric) -> None:
        self.file = file
        self.rubric = rubric

    def error(self, line: int, message: str, hint: str | None = None) -> RatingsError:
        return RatingsError(self.file, message, line=line, hint=hint)

    def dimension(self, text: str, line: int) -> str:
        found = match_dimension(text, self.rubric)
        if found is None:
            ids = ", ".join(d.id for d in self.rubric.dimensions)
            raise self.error(
                line,
                f"unknown dimension {text.strip()!r} for rubric {self.rubric.id!r}",
                hint=f"Use one of {ids}, or pass the rubric the ratings use with --rubric",
            )
        return found

    def rating(self, fields: dict[str, Any], dimension: str, level: Any, line: int) -> Rating:
        interview = str(fields.get("interview") or "").strip()
        grader = str(fields.get("grader") or "").strip()
        if not interview or not grader:
            missing = "interview" if not interview else "grader"
            raise self.error(line, f"{missing} id is empty", hint="Fill in every row's ids")
        try:
            parsed = parse_level(level, self.rubric)
        except ValueError as exc:
            raise self.error(line, str(exc)) from None
        date_text = str(fields.get("date") or "").strip()
        try:
            date = _parse_date(date_text) if date_text else None
        except ValueError:
            raise self.error(
                line, f"cannot read date {date_text!r}", hint="Write dates as YYYY-MM-DD"
            ) from None
        return Rating(interview, grader, self.dimension(dimension, line), parsed, date, line)

    def csv(self, text: str) -> Iterator[Rating]:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            raise self.error(1, "file is empty", hint=_FORMAT_HINT) from None
        except csv.Error as exc:
            raise self.error(1, f"cannot read CSV ({exc})") from None
        names = [fold(name).replace(" ", "_") for name in header]
        roles: dict[str, int] = {}
        for role, aliases in _ALIASES.items():
            for index, name in enumerate(names):
                if name in aliases:
                    roles.setdefault(role, index)
        for role in ("interview", "grader"):
            if role not in roles:
                raise self.error(1, f"no {role} column in the header", hint=_FORMAT_HINT)
        long = "dimension" in roles and "level" in roles
        wide: dict[int, str] = {}
        if not long:
            taken = set(roles.values())
            for index, name in enumerate(header):
                if index not in taken and fold(name) not in _IGNORED and name.strip():
                    wide[index] = self.dimension(name, 1)
            if not wide:
                raise self.error(1, "no dimension or level columns", hint=_FORMAT_HINT)
        try:
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    raise self.error(
                        line,
                        f"{len(row)} fields but the header has {len(header)}",
                        hint="Quote fields that contain commas",
                    )
                row = row + [""] * (len(header) - len(row))
                fields = {role: row[index] for role, index in roles.items()}
                if long:
                    yield self.rating(fields, fields["dimension"], fields["level"], line)
                    continue
                for index, dim in wide.items():
                    if row[index].strip():
                        yield self.rating(fields, dim, row[index], line)
        except csv.Error as exc:
            raise self.error(reader.line_num, f"cannot read CSV ({exc})") from None

    def jsonl(self, text: str) -> Iterator[Rating]:
        for line, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError) as exc:  # also nesting too deep, huge numbers
                why = "nested too deeply" if isinstance(exc, RecursionError) else exc
                why = getattr(exc, "msg", why)
                raise self.error(
                    line, f"invalid JSON ({why})", hint="One object per line"
                ) from None
            if not isinstance(data, dict):
                raise self.error(line, "each line must be a JSON object", hint=_FORMAT_HINT)
            fields = {
                role: next((data[a] for a in aliases if a in data), None)
                for role, aliases in _ALIASES.items()
            }
            levels = data.get("levels")
            if isinstance(levels, dict):
                for dim, level in levels.items():
                    if level is not None and str(level).strip():
                        yield self.rating(fields, str(dim), level, line)
            elif fields["dimension"] is not None and fields["level"] is not None:
                yield self.rating(fields, str(fields["dimension"]), fields["level"], line)
            else:
                raise self.error(
                    line,
                    "no rating on this line",
                    hint='Give "dimension" and "level", or "levels": {dimension: level}',
                )
