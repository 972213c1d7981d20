"""What a batch is run with, and one transcript waiting its turn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from grader.backends.cache import ResponseCache
from grader.backends.pricing import PriceTable
from grader.batch.stats import BatchStats
from grader.grading.options import GradeOptions
from grader.grading.prompts import PromptSet
from grader.transcripts.attribution.overrides import SpeakerOverrides
from grader.transcripts.transcript import Transcript

Reporter = Callable[[str, BatchStats, str], None]
"""Called as ``reporter(event, stats, message)``; events: start, result, skip, warning,
budget, done."""


@dataclass
class Pending:
    """A transcript to grade, with the key its result will be stored under."""

    path: Path
    transcript: Transcript
    key: str
    estimate: float | None = None


class BatchSettings(TypedDict, total=False):
    """What a batch is run with besides its inputs, results file, rubric and model.

    Attributes:
        prompts: Prompt templates.
        options: How to grade each transcript.
        cache: Response cache, or None for none.
        prices: Price table for costs and the budget.
        budget: USD limit; transcripts whose estimated cost would pass it are not started.
        candidate: Speaker label of the candidate, for transcripts with named speakers.
        speakers: A person's corrections of who speaks, applied to every transcript.
        csv_path: Where the CSV summary goes (default: the results file with ``.csv``).
        reporter: Called with progress events.
    """

    prompts: PromptSet | None
    options: GradeOptions | None
    cache: ResponseCache | None
    prices: PriceTable | None
    budget: float | None
    candidate: str | None
    speakers: SpeakerOverrides | None
    csv_path: str | Path | None
    reporter: Reporter | None
