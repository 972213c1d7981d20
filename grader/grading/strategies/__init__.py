"""Grading methods, each an object behind one small protocol.

A method turns a transcript's chunks into one result per rubric dimension by yielding
model requests (see :mod:`grader.grading.structured`); the pipeline around it does
everything else (set-aside, redaction, chunking, the scorecard).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from grader.grading.context import GradingContext
from grader.grading.options import Strategy
from grader.grading.scorecard import DimensionResult
from grader.grading.strategies.all_at_once import AllAtOnce
from grader.grading.strategies.indicators import Indicators
from grader.grading.strategies.passages import PassageMethod
from grader.grading.strategies.per_dimension import PerDimension
from grader.grading.structured import Steps
from grader.transcripts.chunking import Chunk


class GradingMethod(Protocol):
    """One way of grading: chunks in, one result per dimension and the method's name out."""

    def grade(
        self, ctx: GradingContext, chunks: Sequence[Chunk]
    ) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield model requests; return the dimension results and the name that was used."""
        ...


METHODS: dict[Strategy, GradingMethod] = {
    "per_dimension": PerDimension(),
    "all_at_once": AllAtOnce(),
    "indicators": Indicators(),
    "passages": PassageMethod(),
}


def method_for(strategy: Strategy) -> GradingMethod:
    """Return the grading method named ``strategy``."""
    return METHODS[strategy]


__all__ = ["METHODS", "GradingMethod", "method_for"]
