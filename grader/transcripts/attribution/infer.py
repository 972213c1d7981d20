"""Attribute the lines of a transcript without speaker labels to the interviewer and the candidate.

Lines are cut into pieces where the speaker may change
(:mod:`~grader.transcripts.attribution.pieces`), every piece gets the probability that the
candidate says it (:mod:`~grader.transcripts.attribution.chain`), and consecutive pieces
of one role are joined into turns. A turn's confidence is the mean probability, over its
words, of the role it was given.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grader.transcripts.attribution.chain import candidate_probabilities
from grader.transcripts.attribution.cues import FITTED, CueWeights
from grader.transcripts.attribution.pieces import Piece, cut
from grader.transcripts.labels import RawTurn, Role

# The log-odds a line fixed by a person gets: no evidence in the text outweighs it.
FIXED = 40.0


@dataclass
class Attributed:
    """Turns made from unlabelled lines, with the role and confidence of each."""

    turns: list[RawTurn]
    roles: list[Role]
    confidences: list[float]
    split_lines: int


def attribute_lines(
    lines: Sequence[RawTurn],
    fixed: Mapping[int, Role] | None = None,
    *,
    weights: CueWeights = FITTED,
) -> Attributed:
    """Split, attribute and group unlabelled lines into turns.

    Args:
        lines: The transcript's lines (raw turns without speakers), in file order.
        fixed: Roles a person gave to lines of the file (1-based line numbers); those
            lines keep them, and the rest are inferred around them.
        weights: The weights of the cues (of a piece, and between two pieces).

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
            scores.append(weights.piece_score(piece.text))
    changes = [weights.switch_scores(a, b, marks) for a, b in itertools.pairwise(pieces)]
    probabilities = candidate_probabilities(
        scores, [up for up, _ in changes], weights.opener, returns=[down for _, down in changes]
    )
    sure = [_tempered(p, weights.temperature) for p in probabilities]
    return _group(pieces, probabilities, sure)


def _tempered(p: float, temperature: float) -> float:
    """Return ``p`` with its log-odds divided by ``temperature`` (a fixed line stays sure)."""
    if p <= 0.0 or p >= 1.0:
        return p
    return 1.0 / (1.0 + math.exp(-math.log(p / (1.0 - p)) / temperature))


def _group(pieces: list[Piece], probabilities: list[float], tempered: list[float]) -> Attributed:
    """Join consecutive pieces of one role into turns; a turn is as sure as its pieces."""
    out = Attributed([], [], [], 0)
    sure: list[float] = []
    weight: list[int] = []
    roles_by_line: dict[int, set[Role]] = {}
    for piece, p, told in zip(pieces, probabilities, tempered, strict=True):
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
        sure[-1] += count * (told if role == "candidate" else 1.0 - told)
        weight[-1] += count
    out.confidences = [s / w for s, w in zip(sure, weight, strict=True)]
    out.split_lines = sum(1 for found in roles_by_line.values() if len(found) > 1)
    return out
