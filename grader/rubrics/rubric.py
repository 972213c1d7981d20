"""Rubric files: load, validate and describe.

A rubric is data (YAML or JSON): an id, the display names of the five levels, and a list of
dimensions, each with a title, a description and one anchored descriptor per level.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, ValidationError, field_validator

from grader import data
from grader.errors import RubricError
from grader.rubrics.levels import LEVEL_IDS, Level
from grader.rubrics.source import line_of, parse_data
from grader.transcripts.features import CANDIDATE_COUNTS, COUNTS, terms_count

DEFAULT_RUBRIC = data.path("rubric", "pm_technical.yaml")
_ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
_TERM_PATTERN = re.compile(r"[\w][\w '/-]*\*?")
# Weights are relative; a bound keeps every weighted mean finite.
MAX_WEIGHT = 1000.0


class LevelName(BaseModel):
    """The display name of one level."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Level
    name: str = Field(min_length=1)


class Indicator(BaseModel):
    """An observable yes/no question about the candidate, written from the descriptors.

    Attributes:
        id: Stable id within the dimension.
        question: The question, answerable from the transcript alone.
        polarity: "positive" when yes is evidence of a higher level, "negative" when yes is
            evidence of a lower one.
        weight: Relative weight in the dimension's score: a finite number above 0, at most
            1000.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN)
    question: str = Field(min_length=10)
    polarity: Literal["positive", "negative"] = "positive"
    weight: FiniteFloat = Field(default=1.0, gt=0, le=MAX_WEIGHT)


class PassageQuestion(BaseModel):
    """A yes/no question asked of each short passage of the interview (the passage method).

    Attributes:
        id: Stable id within the dimension.
        question: The question, answerable from a few lines of dialogue.
        shows: What a yes shows, in plain words, for the scorecard's reasons ("reasons
            from specific figures").
        polarity: "positive" when yes is evidence of a higher level, "negative" when yes is
            evidence of a lower one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN)
    question: str = Field(min_length=10)
    shows: str = Field(min_length=3)
    polarity: Literal["positive", "negative"] = "positive"


class Dimension(BaseModel):
    """One graded dimension with its five anchored descriptors.

    Attributes:
        indicators: Yes/no questions for the indicator method (optional).
        passage_questions: Yes/no questions for the passage method, asked of each passage
            (optional).
        cuts: Four increasing score thresholds between levels for the indicator method:
            a score below ``cuts[0]`` is very_weak, at or above ``cuts[3]`` very_strong.
            A calibration file fitted on labels overrides them.
        counts: The counts from the text (:mod:`grader.transcripts.features`) a calibration may
            use for this dimension; by default the candidate counts.
        terms: Words or phrases whose uses by the candidate are counted for this dimension
            (count ``<dimension id>_terms``); a trailing ``*`` matches any word ending.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN)
    title: str = Field(min_length=1)
    description: str = ""
    levels: dict[Level, str]
    indicators: list[Indicator] = Field(default_factory=list)
    passage_questions: list[PassageQuestion] = Field(default_factory=list)
    cuts: list[FiniteFloat] = Field(default_factory=lambda: [0.2, 0.4, 0.6, 0.8])
    counts: list[str] = Field(default_factory=lambda: list(CANDIDATE_COUNTS))
    terms: list[str] = Field(default_factory=list)

    @field_validator("terms")
    @classmethod
    def _plain_terms(cls, value: list[str]) -> list[str]:
        for term in value:
            if not _TERM_PATTERN.fullmatch(term):
                raise ValueError(
                    f"term {term!r} is not a plain word or phrase; use letters, digits, "
                    "spaces, hyphens, slashes and apostrophes, with an optional trailing *"
                )
        return value

    @field_validator("counts")
    @classmethod
    def _known_counts(cls, value: list[str]) -> list[str]:
        unknown = [name for name in value if name not in COUNTS]
        if unknown:
            raise ValueError(
                f"unknown count(s) {', '.join(unknown)}; the counts are {', '.join(COUNTS)}"
            )
        return value

    @field_validator("cuts")
    @classmethod
    def _increasing_cuts(cls, value: list[float]) -> list[float]:
        if len(value) != 4 or any(b < a for a, b in itertools.pairwise(value)):
            raise ValueError("cuts must be four non-decreasing numbers between 0 and 1")
        if any(not 0 <= c <= 1 for c in value):
            raise ValueError("cuts must be four non-decreasing numbers between 0 and 1")
        return value

    @field_validator("indicators", "passage_questions")
    @classmethod
    def _unique_ids(
        cls, value: list[Indicator] | list[PassageQuestion]
    ) -> list[Indicator] | list[PassageQuestion]:
        ids = [item.id for item in value]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids must be unique within a dimension")
        return value

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, value: dict[Level, str]) -> dict[Level, str]:
        missing = [lvl for lvl in LEVEL_IDS if Level(lvl) not in value]
        if missing:
            raise ValueError(
                f"missing level(s) {', '.join(missing)}; every dimension needs exactly the five "
                f"levels {', '.join(LEVEL_IDS)}"
            )
        for level, text in value.items():
            if not text.strip():
                raise ValueError(f"level {level.value} has an empty descriptor")
        return {Level(lvl): value[Level(lvl)].strip() for lvl in LEVEL_IDS}

    def count_names(self) -> list[str]:
        """Return the counts from the text a calibration may use for this dimension."""
        return [*self.counts, *([terms_count(self.id)] if self.terms else [])]

    def descriptor(self, level: Level) -> str:
        """Return the anchored descriptor for ``level``."""
        return self.levels[level]


class Rubric(BaseModel):
    """A validated rubric.

    Attributes:
        sha256: Hash of the file's bytes, recorded in every result.
        path: Where it was loaded from.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    title: str = Field(min_length=1)
    version: int | str = 1
    source: str = ""
    levels: list[LevelName]
    dimensions: list[Dimension] = Field(min_length=1)
    sha256: str = ""
    path: str = ""

    @field_validator("levels")
    @classmethod
    def _ordered_levels(cls, value: list[LevelName]) -> list[LevelName]:
        ids = [item.id.value for item in value]
        if ids != list(LEVEL_IDS):
            raise ValueError(
                f"levels must list {', '.join(LEVEL_IDS)} in that order (found {', '.join(ids)})"
            )
        return value

    @field_validator("dimensions")
    @classmethod
    def _unique_ids(cls, value: list[Dimension]) -> list[Dimension]:
        seen: set[str] = set()
        for dim in value:
            if dim.id in seen:
                raise ValueError(f"duplicate dimension id {dim.id!r}")
            seen.add(dim.id)
        return value

    @cached_property
    def _by_id(self) -> dict[str, Dimension]:
        return {dim.id: dim for dim in self.dimensions}

    def dimension(self, dimension_id: str) -> Dimension:
        """Return the dimension with ``dimension_id``; KeyError if there is none."""
        return self._by_id[dimension_id]

    def counts(self) -> dict[str, list[str]]:
        """Return, per dimension id, the counts from the text a calibration may use for it."""
        return {dim.id: dim.count_names() for dim in self.dimensions}

    def terms(self) -> dict[str, list[str]]:
        """Return, per dimension id, the words whose uses by the candidate are counted."""
        return {dim.id: dim.terms for dim in self.dimensions if dim.terms}

    def level_name(self, level: Level) -> str:
        """Return the rubric's display name for ``level`` (e.g. "Very Weak or Missing")."""
        return next(item.name for item in self.levels if item.id == level)

    def public_dict(self) -> dict[str, Any]:
        """Return the rubric as plain JSON data, without load-time fields."""
        return self.model_dump(mode="json", exclude={"sha256", "path"})


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load and validate a rubric file.

    Args:
        path: A ``.yaml``/``.yml`` or ``.json`` file; the built-in PM technical rubric if None.

    Returns:
        The validated rubric, with its file hash.

    Raises:
        RubricError: The file is missing, unreadable or malformed (including numbers that
            are not finite); the message names the file, the line where it can be found,
            and the problem.
    """
    file = Path(path) if path is not None else DEFAULT_RUBRIC
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise RubricError(
            file, f"cannot read rubric ({exc.strerror})", hint="Check the --rubric path"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RubricError(file, "rubric is not UTF-8 text", hint="Save it as UTF-8") from None
    data = parse_data(file, text, RubricError, "rubric")
    if not isinstance(data, dict):
        raise RubricError(file, "a rubric must be a mapping with id, title, levels, dimensions")
    data = {**data, "sha256": hashlib.sha256(raw).hexdigest(), "path": str(file)}
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        raise _rubric_error(file, text, data, exc) from None


def _rubric_error(file: Path, text: str, data: dict[Any, Any], exc: ValidationError) -> RubricError:
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = []
    if len(loc) >= 2 and loc[0] == "dimensions" and isinstance(loc[1], int):
        dims = data.get("dimensions") or []
        dim = dims[loc[1]] if loc[1] < len(dims) else None
        dim_id = dim.get("id") if isinstance(dim, dict) else None
        where.append(f"dimension {dim_id!r}" if dim_id else f"dimension #{loc[1] + 1}")
        rest = loc[2:]
    else:
        rest = loc
    if rest:
        where.append(".".join(str(part) for part in rest))
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        message = f"unknown key {loc[-1]!r}"
    elif err["type"] == "missing":
        message = f"missing required key {loc[-1]!r}"
        loc = loc[:-1]
    elif err["type"] == "enum":
        message = f"unknown level {err.get('input')!r}; use one of {', '.join(LEVEL_IDS)}"
    elif err["type"] in ("finite_number", "less_than_equal", "greater_than"):
        message = f"{message} (found {err.get('input')!r})"
    prefix = f"{' '.join(where)}: " if where else ""
    return RubricError(
        file,
        f"{prefix}{message}",
        line=line_of(text, data, loc),
        hint="See rubric/pm_technical.yaml for a valid example",
    )
