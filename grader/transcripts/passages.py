"""Passages: an interview cut into short stretches of dialogue, each judged on its own.

A small model asked about a whole interview answers within a narrow band; asked about a
few sentences it can be sharper. The passage method (:mod:`grader.grading.strategies`)
asks its questions of each passage. A passage is a run of consecutive lines holding about
:data:`TARGET_WORDS` of the candidate's words, with the interviewer's lines among them as
context; it closes after the line that reaches the target. A candidate turn longer than
:data:`MAX_PIECE_WORDS` is cut into even pieces first, so no passage runs long.

How a passage is cut depends on how many words the candidate says, not on how the speech
is split into turns or punctuated: a short "Mm-hm" from the interviewer in the middle of an
answer, or an answer written as several shorter turns, moves the boundaries little.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from grader.transcripts.transcript import Turn

__all__ = ["MAX_PIECE_WORDS", "TARGET_WORDS", "Line", "Passage", "passages"]

TARGET_WORDS = 120
MAX_PIECE_WORDS = 160
# Longest interviewer line shown as context, in words (a case set-up may be long).
MAX_CONTEXT_WORDS = 220
_ROLE_NAMES = {"interviewer": "Interviewer", "candidate": "Candidate"}


@dataclass(frozen=True)
class Line:
    """One line of a passage: a turn, or a piece of a long candidate turn.

    Attributes:
        turn_id: The turn it comes from.
        role: The speaker's role (``unknown`` where the transcript does not say).
        text: The words.
        judged: True for the candidate's words (what the questions are about).
    """

    turn_id: str
    role: str
    text: str
    judged: bool


@dataclass(frozen=True)
class Passage:
    """A stretch of dialogue judged as one piece.

    Attributes:
        index: 1-based position in the interview.
        lines: The lines in order.
    """

    index: int
    lines: tuple[Line, ...]

    @property
    def words(self) -> int:
        """The candidate's words in the passage."""
        return sum(len(line.text.split()) for line in self.lines if line.judged)

    def render(self) -> str:
        """Return the passage as ``Role: text`` lines."""
        return "\n".join(
            f"{_ROLE_NAMES.get(line.role, 'Speaker')}: {line.text}" for line in self.lines
        )

    def judged_lines(self) -> list[Line]:
        """Return the candidate's lines, longest first."""
        return sorted(
            (line for line in self.lines if line.judged),
            key=lambda line: -len(line.text.split()),
        )


def passages(
    turns: Sequence[Turn],
    target_words: int = TARGET_WORDS,
    max_piece_words: int = MAX_PIECE_WORDS,
) -> list[Passage]:
    """Cut ``turns`` into passages of about ``target_words`` candidate words each.

    The candidate's lines are the judged ones. When no turn is known to be the candidate's
    (an unlabelled transcript), every line not known to be the interviewer's is judged.
    Lines after the last passage that reaches the target join it, unless there is no
    passage yet. A passage holding no candidate words is never made.
    """
    judged_roles = {"candidate"}
    if not any(turn.role == "candidate" for turn in turns):
        judged_roles = {"candidate", "unknown"}
    found: list[list[Line]] = []
    current: list[Line] = []
    count = 0
    for turn in turns:
        words = turn.text.split()
        if not words:
            continue
        if turn.role not in judged_roles:
            current.append(Line(turn.id, turn.role, _context(words), judged=False))
            continue
        for piece in _pieces(words, max_piece_words):
            current.append(Line(turn.id, turn.role, " ".join(piece), judged=True))
            count += len(piece)
            if count >= target_words:
                found.append(current)
                current, count = [], 0
    if count:
        if found and count < target_words / 2:
            found[-1].extend(current)
        else:
            found.append(current)
    return [Passage(index, tuple(lines)) for index, lines in enumerate(found, start=1)]


def _pieces(words: list[str], size: int) -> list[list[str]]:
    """Split ``words`` into the fewest even pieces of at most ``size`` words."""
    parts = max(1, math.ceil(len(words) / size))
    step = len(words) / parts
    bounds = [round(step * k) for k in range(parts + 1)]
    return [words[a:b] for a, b in pairwise(bounds) if b > a]


def _context(words: list[str]) -> str:
    """Return an interviewer line shortened to its first and last words when very long."""
    if len(words) <= MAX_CONTEXT_WORDS:
        return " ".join(words)
    half = MAX_CONTEXT_WORDS // 2
    return " ".join([*words[:half], "...", *words[-half:]])
