"""The fitted cues of unlabelled attribution: what a piece says, and what lies between two.

A piece's cues are those of :func:`~grader.transcripts.attribution.words.piece_features`
(questions, second-person prompts, first-person working, length, ...) plus its common words
(``w:maybe``, ``w:here's``), its pairs of neighbouring words (``b:walk_me``, ``b:i_see``),
the word it opens with (``first:so``) and the word it ends with (``last:sure``); the place
between two pieces has the cues of :func:`switch_features` (a line break, a question before
it, an acknowledgement after it, ...) plus the words on either side (``after:then``,
``before:me``). Only words and pairs common to many interviews have a weight, so topic words
count for nothing.

A change of speaker is scored in each direction apart: the same cue can mean the
interviewer hands over (a question before the place) more than that the candidate does.
The weights live in :mod:`~grader.transcripts.attribution.fitted`,
:mod:`~grader.transcripts.attribution.fitted_piece` and
:mod:`~grader.transcripts.attribution.fitted_pairs`, written by
``evals/benchmarks/attribution_fit.py``: fitted jointly along the chain (a conditional
random field) on the house-style splits' stripped copies only.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from grader.transcripts.attribution import fitted, fitted_pairs, fitted_piece
from grader.transcripts.attribution.pieces import Piece
from grader.transcripts.attribution.words import (
    QUESTION_OPENERS,
    looks_like_question,
    opens_with_acknowledgement,
    piece_features,
    words,
)


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


def piece_cues(text: str) -> dict[str, float]:
    """Return a piece's cues: its features, its words and the word it opens with."""
    found = dict(piece_features(text))
    said = words(text)
    for word in said:
        found[f"w:{word}"] = 1.0
    for first, second in itertools.pairwise(said):
        found[f"b:{first}_{second}"] = 1.0
    if said:
        found[f"first:{said[0]}"] = 1.0
        found[f"last:{said[-1]}"] = 1.0
    return found


def switch_cues(before: Piece, after: Piece, punctuated: bool) -> dict[str, float]:
    """Return the cues between two pieces: the place's features and the next piece's first word."""
    found = switch_features(before, after, punctuated)
    opening = words(after.text)[:1]
    if opening:
        found[f"after:{opening[0]}"] = 1.0
    closing = words(before.text)[-1:]
    if closing:
        found[f"before:{closing[0]}"] = 1.0
    return found


def parse_weights(text: str) -> dict[str, float]:
    """Read ``name value`` pairs separated by white space (the form ``fitted`` keeps them in)."""
    parts = text.split()
    return {name: float(value) for name, value in zip(parts[::2], parts[1::2], strict=True)}


@dataclass(frozen=True)
class CueWeights:
    """The fitted weights: of a piece's cues, of the cues between pieces, and the rest.

    Attributes:
        piece: Cue name -> weight in the log-odds that the candidate says the piece.
        switch: Cue name -> weight in the log-odds that the speaker changes there.
        direction: Cue name -> weight added to ``switch`` for a change from the
            interviewer to the candidate, and taken from it for the other way round.
        opener: The log-odds that the interviewer says the first piece.
        temperature: Divides a piece's final log-odds so that the probability reported
            matches how often the benchmark found such a role right.
    """

    piece: Mapping[str, float]
    switch: Mapping[str, float]
    direction: Mapping[str, float]
    opener: float
    temperature: float

    def piece_score(self, text: str) -> float:
        """Return the log-odds that the candidate says ``text``, from its words alone."""
        cues = piece_cues(text)
        if not cues:
            return 0.0
        return self.piece.get("bias", 0.0) + _dot(self.piece, cues)

    def switch_scores(self, before: Piece, after: Piece, punctuated: bool) -> tuple[float, float]:
        """Return the log-odds that the speaker changes between ``before`` and ``after``.

        Returns:
            The log-odds of a change from the interviewer to the candidate, and of one
            from the candidate to the interviewer.
        """
        cues = switch_cues(before, after, punctuated)
        shared, apart = _dot(self.switch, cues), _dot(self.direction, cues)
        return shared + apart, shared - apart


def _dot(weights: Mapping[str, float], cues: Mapping[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in cues.items())


FITTED = CueWeights(
    piece=parse_weights(fitted_piece.PIECE) | parse_weights(fitted_pairs.PAIRS),
    switch=parse_weights(fitted.SWITCH),
    direction=parse_weights(fitted.DIRECTION),
    opener=fitted.OPENER,
    temperature=fitted.TEMPERATURE,
)
