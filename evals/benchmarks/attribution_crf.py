"""The chain of the attribution fit, in batches: forward-backward, likelihood and gradient.

The same chain as ``grader/transcripts/attribution/chain.py``: per piece the state
interviewer (0) or candidate (1) with potentials ``-s/2`` and ``s/2`` where ``s`` is the
piece's score, a change of speaker before a piece worth its switch score ``t``, and the
interviewer opening worth ``opener``. Scores are linear in the cues, so the conditional
log-likelihood of the true roles and its gradient give the weights by L-BFGS. Copies of
different lengths are padded; padding carries no evidence and does not move the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize

Array = NDArray[np.float64]


@dataclass
class Batch:
    """Cues of many copies as padded arrays.

    Attributes:
        piece: ``[copy, piece, cue]``; cue 0 is the bias (1 on every real piece).
        switch: ``[copy, piece, cue]``: the cues of the place before each piece.
        roles: ``[copy, piece]``: 1 where the candidate says the piece.
        words: ``[copy, piece]``: the piece's words.
        mask: ``[copy, piece]``: 1 on real pieces, 0 on padding.
    """

    piece: Array
    switch: Array
    roles: Array
    words: Array
    mask: Array


def make_batch(
    copies: list[tuple[list[dict[str, float]], list[dict[str, float]], list[int], list[int]]],
    piece_names: list[str],
    switch_names: list[str],
) -> Batch:
    """Lay out ``(piece cues, switch cues, roles, words)`` per copy as arrays."""
    where = {name: i for i, name in enumerate(piece_names)}
    where_switch = {name: i for i, name in enumerate(switch_names)}
    size, length = len(copies), max(len(c[2]) for c in copies)
    batch = Batch(
        np.zeros((size, length, len(piece_names))),
        np.zeros((size, length, len(switch_names))),
        np.zeros((size, length)),
        np.zeros((size, length)),
        np.zeros((size, length)),
    )
    for b, (pieces, switches, roles, counts) in enumerate(copies):
        batch.piece[b, : len(pieces), 0] = 1.0
        for i, cues in enumerate(pieces):
            for name, value in cues.items():
                if name in where:
                    batch.piece[b, i, where[name]] = value
        for i, cues in enumerate(switches):
            for name, value in cues.items():
                if name in where_switch:
                    batch.switch[b, i + 1, where_switch[name]] = value
        batch.roles[b, : len(roles)] = roles
        batch.words[b, : len(counts)] = counts
        batch.mask[b, : len(roles)] = 1.0
    return batch


def forward_backward(s: Array, t: Array, opener: float, mask: Array) -> tuple[Array, Array, Array]:
    """Return P(candidate) per piece, P(change of speaker) before each piece, and log Z."""
    size, length = s.shape
    e0, e1, t = -s / 2 * mask, s / 2 * mask, t * mask
    a0, a1 = np.empty((size, length)), np.empty((size, length))
    a0[:, 0], a1[:, 0] = e0[:, 0] + opener, e1[:, 0]
    for i in range(1, length):
        a0[:, i] = np.logaddexp(a0[:, i - 1], a1[:, i - 1] + t[:, i]) + e0[:, i]
        a1[:, i] = np.logaddexp(a1[:, i - 1], a0[:, i - 1] + t[:, i]) + e1[:, i]
    b0, b1 = np.zeros((size, length)), np.zeros((size, length))
    for i in range(length - 2, -1, -1):
        b0[:, i] = np.logaddexp(
            e0[:, i + 1] + b0[:, i + 1], t[:, i + 1] + e1[:, i + 1] + b1[:, i + 1]
        )
        b1[:, i] = np.logaddexp(
            e1[:, i + 1] + b1[:, i + 1], t[:, i + 1] + e0[:, i + 1] + b0[:, i + 1]
        )
    log_z = np.logaddexp(a0[:, -1], a1[:, -1])
    candidate = np.exp(a1 + b1 - log_z[:, None])
    change = np.zeros((size, length))
    change[:, 1:] = np.exp(
        np.logaddexp(
            a0[:, :-1] + t[:, 1:] + e1[:, 1:] + b1[:, 1:],
            a1[:, :-1] + t[:, 1:] + e0[:, 1:] + b0[:, 1:],
        )
        - log_z[:, None]
    )
    return candidate, change, log_z


def _split(theta: Array, batch: Batch) -> tuple[Array, Array, float]:
    pieces = batch.piece.shape[2]
    return theta[:pieces], theta[pieces:-1], float(theta[-1])


def _loss(theta: Array, batch: Batch, l2: float) -> tuple[float, Array]:
    w, v, opener = _split(theta, batch)
    s, t = batch.piece @ w, batch.switch @ v
    candidate, change, log_z = forward_backward(s, t, opener, batch.mask)
    y, mask = batch.roles, batch.mask
    changed = np.zeros_like(y)
    changed[:, 1:] = (y[:, 1:] != y[:, :-1]) * mask[:, 1:]
    said = np.sum((y - 0.5) * s * mask) + np.sum(changed * t) + opener * np.sum(1 - y[:, 0])
    loss = float(np.sum(log_z) - said + l2 * (np.sum(w[1:] ** 2) + np.sum(v**2)))
    grad_w = -np.einsum("bl,blk->k", (y - candidate) * mask, batch.piece)
    grad_v = -np.einsum("bl,blk->k", (changed - change) * mask, batch.switch)
    grad_w[1:] += 2 * l2 * w[1:]
    grad_v += 2 * l2 * v
    grad_opener = -float(np.sum((1 - y[:, 0]) - (1 - candidate[:, 0])))
    return loss, np.concatenate([grad_w, grad_v, [grad_opener]])


def fit(batch: Batch, l2: float) -> Array:
    """Return the weights (piece cues, switch cues, opener) that fit the batch best."""
    start = np.zeros(batch.piece.shape[2] + batch.switch.shape[2] + 1)
    start[-1] = 2.0
    found = minimize(
        _loss, start, args=(batch, l2), jac=True, method="L-BFGS-B", options={"maxiter": 400}
    )
    return np.asarray(found.x, dtype=np.float64)


def probabilities(theta: Array, batch: Batch) -> Array:
    """Return every piece's probability of being the candidate's under the weights."""
    w, v, opener = _split(theta, batch)
    return forward_backward(batch.piece @ w, batch.switch @ v, opener, batch.mask)[0]


def temperature(theta: Array, batch: Batch) -> float:
    """Return the divisor of the log-odds that makes the word-weighted confidence honest."""
    p = np.clip(probabilities(theta, batch), 1e-9, 1 - 1e-9)
    log_odds = np.log(p / (1 - p))
    sign = np.where(batch.roles > 0.5, 1.0, -1.0)
    weight = batch.words * batch.mask
    best, best_loss = 1.0, float("inf")
    for step in np.arange(0.5, 4.01, 0.05):
        loss = float(np.sum(weight * np.logaddexp(0.0, -sign * log_odds / step)))
        if loss < best_loss:
            best, best_loss = float(step), loss
    return round(best, 2)
