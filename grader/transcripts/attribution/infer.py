"""Attribute the lines of a transcript without speaker labels to the interviewer and the candidate.

Lines are cut into pieces where the speaker may change
(:mod:`~grader.transcripts.attribution.pieces`), every piece gets the probability that the
candidate says it (:mod:`~grader.transcripts.attribution.chain`), and consecutive pieces
of one role are joined into turns. A turn's confidence is the mean probability, over its
words, of the role it was given.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grader.transcripts.attribution.chain import candidate_probabilities
from grader.transcripts.attribution.pieces import Piece, cut
from grader.transcripts.attribution.words import (
    QUESTION_OPENERS,
    WEIGHTS,
    Weights,
    looks_like_question,
    opens_with_acknowledgement,
    piece_score,
    words,
)
from grader.transcripts.labels import RawTurn, Role

# The log-odds a line fixed by a person gets: no evidence in the text outweighs it.
FIXED = 40.0


@dataclass(frozen=True)
class Switching:
    """The log-odds that the speaker changes between two pieces, by the cues at that place.

    Attributes:
        line: At a line break.
        sentence: At a sentence end inside a line.
        word: Before a turn-opening word inside a line without punctuation.
        mid_sentence: Added where punctuated text breaks a line inside a sentence.
        question_mark: Added after a piece that ends with a question mark.
        question: Added after a piece that reads as a question without one.
        acknowledgement: Added before a piece that opens with ``okay``, ``great``, ...
        opens_question: Added before a piece that opens like a question.
        opener: The log-odds that the interviewer speaks first.
    """

    line: float = -1.39
    sentence: float = -2.77
    word: float = -4.03
    mid_sentence: float = -6.57
    question_mark: float = 2.84
    question: float = 0.97
    acknowledgement: float = 3.11
    opens_question: float = 1.05
    opener: float = 2.0


SWITCHING = Switching()


@dataclass
class Attributed:
    """Turns made from unlabelled lines, with the role and confidence of each."""

    turns: list[RawTurn]
    roles: list[Role]
    confidences: list[float]
    split_lines: int


def switch_features(before: Piece, after: Piece, punctuated: bool) -> dict[str, float]:
    """Return the cues at the place between two pieces, by the name of their weight."""
    asks = looks_like_question(before.text)
    marked = before.text.rstrip(" \"'’”)]").endswith("?")
    opening = words(after.text)[:1]
    return {
        after.boundary if after.boundary != "first" else "line": 1.0,
        "mid_sentence": float(punctuated and not before.ends_sentence),
        "question_mark": float(marked),
        "question": float(asks and not marked),
        "acknowledgement": float(opens_with_acknowledgement(after.text)),
        "opens_question": float(bool(opening) and opening[0] in QUESTION_OPENERS),
    }


def switch_score(before: Piece, after: Piece, punctuated: bool, switching: Switching) -> float:
    """Return the log-odds that the speaker changes between ``before`` and ``after``."""
    found = switch_features(before, after, punctuated)
    return sum(float(getattr(switching, name)) * value for name, value in found.items())


def attribute_lines(
    lines: Sequence[RawTurn],
    fixed: Mapping[int, Role] | None = None,
    *,
    weights: Weights = WEIGHTS,
    switching: Switching = SWITCHING,
) -> Attributed:
    """Split, attribute and group unlabelled lines into turns.

    Args:
        lines: The transcript's lines (raw turns without speakers), in file order.
        fixed: Roles a person gave to lines of the file (1-based line numbers); those
            lines keep them, and the rest are inferred around them.
        weights: The weights of the words' cues.
        switching: The log-odds of a change of speaker between pieces.

    Returns:
        The turns, one role and one confidence (0.5-1) per turn, and how many lines were
        split between two speakers.
    """
    fixed = fixed or {}
    pieces = cut(list(lines))
    if not pieces:
        return Attributed([], [], [], 0)
    marks = any(p.boundary == "sentence" for p in pieces) or any(p.ends_sentence for p in pieces)
    scores = []
    for piece in pieces:
        role = fixed.get(piece.line)
        if role == "candidate":
            scores.append(FIXED)
        elif role == "interviewer":
            scores.append(-FIXED)
        else:
            scores.append(piece_score(piece.text, weights))
    switches = [switch_score(a, b, marks, switching) for a, b in itertools.pairwise(pieces)]
    probabilities = candidate_probabilities(scores, switches, switching.opener)
    return _group(pieces, probabilities)


def _group(pieces: list[Piece], probabilities: list[float]) -> Attributed:
    """Join consecutive pieces of one role into turns."""
    out = Attributed([], [], [], 0)
    sure: list[float] = []
    weight: list[int] = []
    roles_by_line: dict[int, set[Role]] = {}
    for piece, p in zip(pieces, probabilities, strict=True):
        role: Role = "candidate" if p >= 0.5 else "interviewer"
        roles_by_line.setdefault(piece.source, set()).add(role)
        count = max(1, len(piece.text.split()))
        if out.roles and out.roles[-1] == role:
            out.turns[-1].text += " " + piece.text
        else:
            out.turns.append(
                RawTurn(speaker="", text=piece.text, line=piece.line, start=piece.start)
            )
            out.roles.append(role)
            sure.append(0.0)
            weight.append(0)
        sure[-1] += count * max(p, 1.0 - p)
        weight[-1] += count
    out.confidences = [s / w for s, w in zip(sure, weight, strict=True)]
    out.split_lines = sum(1 for found in roles_by_line.values() if len(found) > 1)
    return out
