"""Fit the weights of the attribution cues on the house-style splits' stripped copies.

The cues themselves are fixed in ``grader/transcripts/attribution/`` (words.py: what a
piece says; infer.py: what lies between two pieces); this fits how much each one counts,
by logistic regression on the copies the benchmark makes of the tuning splits only
(``attribution.TUNING``), and prints the values to put in ``Weights`` and ``Switching``.

    python evals/benchmarks/attribution_fit.py
"""

from __future__ import annotations

import math
import sys
from dataclasses import fields
from pathlib import Path

from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import attribution as bench

from grader.transcripts.attribution.infer import Switching, switch_features
from grader.transcripts.attribution.pieces import cut, punctuated
from grader.transcripts.attribution.words import Weights, piece_features
from grader.transcripts.cues import parse_vtt
from grader.transcripts.formats import parse_timestamped
from grader.transcripts.labels import clean_text


def rows(seed: int) -> tuple[list[dict[str, float]], list[int], list[dict[str, float]], list[int]]:
    """Return piece cues and roles, and boundary cues and changes, over the tuning copies."""
    pieces_x: list[dict[str, float]] = []
    pieces_y: list[int] = []
    switch_x: list[dict[str, float]] = []
    switch_y: list[int] = []
    for _, transcript in bench.labelled(list(bench.TUNING)):
        for variant in ("whisper", "noisy", "vtt"):
            text, ext, truth = bench.make_copy(transcript, variant, seed)
            lines = text.split("\n")
            parsed = (parse_vtt if ext == "vtt" else parse_timestamped)(lines, "copy", None)
            raw = [t for t in parsed.turns if clean_text(t.text)]
            for turn in raw:
                turn.text = clean_text(turn.text)
            pieces = cut(raw)
            marks = punctuated(raw)
            at, roles = 0, []
            for piece in pieces:
                size = len(piece.text.split())
                said = [role for _, role in truth[at : at + size]]
                at += size
                roles.append(int(said.count("candidate") * 2 >= len(said)))
            if at != len(truth):  # the cue parser read some markup differently: skip
                continue
            for piece, role in zip(pieces, roles, strict=True):
                pieces_x.append(piece_features(piece.text))
                pieces_y.append(role)
            for i in range(1, len(pieces)):
                switch_x.append(switch_features(pieces[i - 1], pieces[i], marks))
                switch_y.append(int(roles[i] != roles[i - 1]))
    return pieces_x, pieces_y, switch_x, switch_y


def fit(
    x: list[dict[str, float]], y: list[int], names: list[str], intercept: bool
) -> dict[str, float]:
    """Fit a logistic regression on the named cues and return the weight of each."""
    matrix = [[row.get(name, 0.0) for name in names] for row in x]
    model = LogisticRegression(C=1.0, fit_intercept=intercept, max_iter=2000).fit(matrix, y)
    out = {name: round(float(w), 2) for name, w in zip(names, model.coef_[0], strict=True)}
    if intercept:
        out["bias"] = round(float(model.intercept_[0]), 2)
    return out


def main() -> int:
    """Fit and print the weights."""
    pieces_x, pieces_y, switch_x, switch_y = rows(seed=16)
    share = sum(pieces_y) / len(pieces_y)
    weights = fit(pieces_x, pieces_y, [f.name for f in fields(Weights) if f.name != "bias"], True)
    # The chain adds the neighbours' evidence itself: a piece's score is its likelihood
    # ratio, so the share of candidate pieces (the regression's prior) comes out of the bias.
    weights["bias"] = round(weights["bias"] - math.log(share / (1 - share)), 2)
    names = [f.name for f in fields(Switching) if f.name != "opener"]
    switching = fit(switch_x, switch_y, names, False)
    print(
        f"{len(pieces_y)} pieces ({share:.2f} candidate), {len(switch_y)} boundaries "
        f"({sum(switch_y) / len(switch_y):.3f} change speaker)"
    )
    print("Weights(" + ", ".join(f"{k}={v}" for k, v in weights.items()) + ")")
    print("Switching(" + ", ".join(f"{k}={v}" for k, v in switching.items()) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
