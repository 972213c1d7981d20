"""Who says each piece: two roles along the transcript, each piece's probability of each.

The interview is read as a chain of pieces, each said by the interviewer or the
candidate. A piece's own words give the log-odds that the candidate says it
(:func:`~grader.transcripts.attribution.words.piece_score`); the place between two pieces
gives the log-odds that the speaker changes there, in each direction apart (a line break
after a question: likely from the interviewer to the candidate; a line break in the middle
of a sentence: unlikely either way). The forward-backward pass over that chain gives
every piece the probability that the candidate says it, all the evidence on both sides
counted, so one unclear sentence is carried by its neighbours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def _log_sigmoid(x: float) -> float:
    return -math.log1p(math.exp(-x)) if x >= 0 else x - math.log1p(math.exp(x))


def _log_add(a: float, b: float) -> float:
    if a < b:
        a, b = b, a
    return a + math.log1p(math.exp(b - a))


def candidate_probabilities(
    scores: Sequence[float],
    switches: Sequence[float],
    opener: float,
    *,
    returns: Sequence[float] | None = None,
) -> list[float]:
    """Return each piece's probability of being the candidate's.

    Args:
        scores: Per piece, the log-odds that the candidate says it.
        switches: Per piece after the first, the log-odds that the speaker changes
            between it and the piece before (``switches[i]`` sits before piece ``i + 1``);
            when ``returns`` is given, only a change from the interviewer to the candidate.
        opener: The log-odds that the interviewer says the first piece.
        returns: Per piece after the first, the log-odds of a change from the candidate
            back to the interviewer; None: the same as ``switches``.

    Returns:
        One probability per piece, in order.
    """
    n = len(scores)
    if n == 0:
        return []
    back = switches if returns is None else returns
    # State 0: the interviewer speaks; state 1: the candidate. A change in each direction
    # has its own weight; staying has none (only the difference between the two counts).
    emit = [(-s / 2, s / 2) for s in scores]
    up = list(switches)
    down = list(back)
    forward = [(0.0, 0.0)] * n
    first = (_log_sigmoid(opener), _log_sigmoid(-opener))
    forward[0] = (first[0] + emit[0][0], first[1] + emit[0][1])
    for i in range(1, n):
        f0, f1 = forward[i - 1]
        forward[i] = (
            _log_add(f0, f1 + down[i - 1]) + emit[i][0],
            _log_add(f1, f0 + up[i - 1]) + emit[i][1],
        )
    backward = [(0.0, 0.0)] * n
    for i in range(n - 2, -1, -1):
        b0, b1 = backward[i + 1]
        e0, e1 = emit[i + 1]
        backward[i] = (
            _log_add(e0 + b0, up[i] + e1 + b1),
            _log_add(e1 + b1, down[i] + e0 + b0),
        )
    out = []
    for (f0, f1), (b0, b1) in zip(forward, backward, strict=True):
        diff = (f1 + b1) - (f0 + b0)
        out.append(1.0 / (1.0 + math.exp(-diff)) if diff > -700 else 0.0)
    return out
