"""How many model calls grading a transcript will take, for progress and estimates."""

from __future__ import annotations

import math

from grader.backends.base import ModelInfo
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import Rubric
from grader.transcripts.passages import passages
from grader.transcripts.render import format_turns
from grader.transcripts.transcript import Transcript


def chunk_budget(model: ModelInfo, options: GradeOptions) -> int:
    """Return the tokens the transcript may take in one prompt."""
    return options.chunk_budget or max(512, model.context_tokens - options.reserve_tokens)


def planned_calls(
    transcript: Transcript, rubric: Rubric, model: ModelInfo, options: GradeOptions | None
) -> int:
    """Return the calls grading ``transcript`` makes when every answer is valid at once.

    Answers found in the response cache and retries make the real count differ.
    """
    options = options or GradeOptions()
    # One count of the whole text, not a chunk plan: cheap even for a huge transcript.
    tokens = model.count_tokens(format_turns(transcript.turns))
    chunks = max(1, math.ceil(tokens / chunk_budget(model, options)))
    dims = len(rubric.dimensions)
    if options.strategy == "passages":
        questions = sum(len(dim.passage_questions) for dim in rubric.dimensions)
        return questions * len(passages(transcript.turns))
    if options.strategy == "indicators":
        questions = sum(len(dim.indicators) for dim in rubric.dimensions)
        return (questions + dims) * chunks
    if chunks > 1:
        return dims * chunks + dims
    return 1 if options.strategy == "all_at_once" else dims
