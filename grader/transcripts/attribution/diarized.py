"""Which diarized speaker is the candidate (``SPEAKER_00``/``SPEAKER_01``, ``Speaker 1``).

Diarization tools tell voices apart but not who is who. Each speaker's evidence is the
mean score of their sentences (second-person prompts and questions point to the
interviewer, first-person working to the candidate; see
:mod:`~grader.transcripts.attribution.words`) plus how long their turns are; the speaker
with the most candidate-like evidence is the candidate. With three or more speakers (a
tool that split one voice in two), every speaker closer to that one than to the least
candidate-like is a candidate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from grader.transcripts.attribution.pieces import cut
from grader.transcripts.attribution.words import WEIGHTS, Weights, piece_score
from grader.transcripts.labels import RawTurn, Role, speaker_key

_GENERIC_RE = re.compile(
    r"^(?:speaker|spk|person|voice|participant|unknown speaker|unknown|guest|s)"
    r"[ _-]?(?:[0-9]{1,3}|[a-z])$"
)
# How much a speaker's mean words per turn (in log) adds to their evidence.
TURN_LENGTH = 0.5
# The speaker who opens the interview is this much more likely the interviewer.
OPENER = 0.3
# Turns evidence differences into a probability (chosen on the benchmark's diarized copies).
SCALE = 3.0


def is_generic(label: str) -> bool:
    """Tell whether a speaker label is a diarization tool's name (``SPEAKER_00``, ``Speaker 2``)."""
    return bool(_GENERIC_RE.match(speaker_key(label)))


def map_speakers(
    turns: Sequence[RawTurn],
    fixed: Mapping[str, Role] | None = None,
    weights: Weights = WEIGHTS,
) -> tuple[dict[str, Role], dict[str, float]]:
    """Give every speaker a role, and a confidence in it (0.5-1).

    Args:
        turns: The transcript's turns, each with a speaker label.
        fixed: Roles a person gave to speakers (by speaker key); the others are mapped
            around them.
        weights: The weights of the words' cues.

    Returns:
        Speaker key -> role, and speaker key -> confidence.
    """
    fixed = fixed or {}
    evidence: dict[str, list[float]] = {}
    lengths: dict[str, list[int]] = {}
    for turn in turns:
        key = speaker_key(turn.speaker)
        lengths.setdefault(key, []).append(len(turn.text.split()))
        scores = evidence.setdefault(key, [])
        scores.extend(piece_score(piece.text, weights) for piece in cut([turn]))
    first = speaker_key(turns[0].speaker) if turns else ""
    totals = {
        key: (sum(scores) / len(scores) if scores else 0.0)
        + TURN_LENGTH * math.log(max(1.0, sum(lengths[key]) / len(lengths[key])))
        - (OPENER if key == first else 0.0)
        for key, scores in evidence.items()
    }
    roles: dict[str, Role] = {}
    sure: dict[str, float] = {}
    for key in totals:
        if key in fixed:
            roles[key], sure[key] = fixed[key], 1.0
    free = [key for key in totals if key not in roles]
    if not free:
        return roles, sure
    known = set(roles.values())
    top = max(free, key=lambda k: totals[k])
    low = min(free, key=lambda k: totals[k])
    middle = (totals[top] + totals[low]) / 2
    for key in free:
        if len(free) == 1:
            role: Role = "interviewer" if "candidate" in known else "candidate"
            roles[key], sure[key] = role, 1.0 if known else 0.5
            continue
        role = (
            "candidate" if key == top or (key != low and totals[key] >= middle) else "interviewer"
        )
        roles[key] = role
        sure[key] = 1.0 / (1.0 + math.exp(-SCALE * abs(totals[key] - middle) * 2))
    return roles, sure
