"""Structured-output models: what the model must return, and the JSON schemas sent to it.

By default evidence and rationale come before the level, so the model quotes first and
judges second; :class:`LevelFirstAnswer` asks for the level first (measured against it in
the eval harness's comparison of answer orders).
Every list and string is bounded because small models otherwise run away.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from grader.rubrics.levels import Level

MAX_QUOTES = 3
MAX_QUOTE_CHARS = 160
MAX_RATIONALE_CHARS = 240


class Quote(BaseModel):
    """One verbatim quote from the transcript and the turn it was taken from."""

    model_config = ConfigDict(extra="forbid")

    turn_id: str = Field(pattern=r"^T[0-9]{1,5}$", max_length=8)
    quote: str = Field(min_length=1, max_length=MAX_QUOTE_CHARS)


class DimensionAnswer(BaseModel):
    """The model's answer for one dimension: quotes, a short rationale, then the level."""

    model_config = ConfigDict(extra="forbid")

    evidence: list[Quote] = Field(max_length=MAX_QUOTES)
    rationale: str = Field(max_length=MAX_RATIONALE_CHARS)
    level: Level


class LevelFirstAnswer(BaseModel):
    """The same answer as :class:`DimensionAnswer` with the level asked for first."""

    model_config = ConfigDict(extra="forbid")

    level: Level
    rationale: str = Field(max_length=MAX_RATIONALE_CHARS)
    evidence: list[Quote] = Field(max_length=MAX_QUOTES)

    def as_answer(self) -> DimensionAnswer:
        """Return the answer in the order the rest of the grader reads."""
        return DimensionAnswer(evidence=self.evidence, rationale=self.rationale, level=self.level)


class EvidenceAnswer(BaseModel):
    """Quotes relevant to one dimension from one chunk of a long transcript."""

    model_config = ConfigDict(extra="forbid")

    evidence: list[Quote] = Field(max_length=MAX_QUOTES)
    summary: str = Field(max_length=MAX_RATIONALE_CHARS)


class QuotesAnswer(BaseModel):
    """Quotes that show one dimension, with no judgement attached."""

    model_config = ConfigDict(extra="forbid")

    evidence: list[Quote] = Field(max_length=MAX_QUOTES)


def all_dimensions_model(dimension_ids: list[str]) -> type[BaseModel]:
    """Build the model for one call that grades every dimension at once.

    Args:
        dimension_ids: The rubric's dimension ids, in order.

    Returns:
        A pydantic model with one required :class:`DimensionAnswer` field per dimension.
    """
    fields: dict[str, Any] = {dim_id: (DimensionAnswer, ...) for dim_id in dimension_ids}
    return create_model("AllDimensionsAnswer", __config__=ConfigDict(extra="forbid"), **fields)


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Return the model's JSON schema with references inlined.

    Inlined schemas are accepted by every backend (llama.cpp's grammar builder included).
    """
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    inlined: dict[str, Any] = _inline(schema, defs)
    return inlined


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            target = defs[ref.rsplit("/", 1)[-1]]
            return _inline(copy.deepcopy(target), defs)
        return {key: _inline(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node
