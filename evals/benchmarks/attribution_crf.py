"""The chain of the attribution fit: forward-backward, likelihood and gradient, in batches.

The same chain as ``grader/transcripts/attribution/chain.py``: per piece the state
interviewer (0) or candidate (1) with potentials ``-s/2`` and ``s/2`` where ``s`` is the
piece's score; before a piece, a change of speaker from the interviewer to the candidate
worth ``(v + d) . x`` and one from the candidate to the interviewer worth ``(v - d) . x``,
where ``x`` are the cues of the place between the pieces (``v`` is what the two directions
share, ``d`` how they differ); the interviewer opening worth ``opener``. Scores are linear
in the cues, so the conditional log-likelihood of the true roles and its gradient give the
weights by L-BFGS. The cues are kept as sparse matrices, one row per piece; copies of
different lengths are padded, and padding carries no evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.optimize import minimize

Array = NDArray[np.float64]
Copy = tuple[list[dict[str, float]], list[dict[str, float]], list[int], list[int]]


@dataclass
class Batch:
    """Cues of many copies, one row per (copy, piece) slot.

    Attributes:
        piece: ``[copy * length, cue]``; cue 0 is the bias (1 on every real piece).
        switch: ``[copy * length, cue]``: the cues of the place before each piece.
        roles: ``[copy, piece]``: 1 where the candidate says the piece.
        words: ``[copy, piece]``: the piece's words.
        mask: ``[copy, piece]``: 1 on real pieces, 0 on padding.
    """

    piece: sparse.csr_matrix
    switch: sparse.csr_matrix
    roles: Array
    words: Array
    mask: Array


def make_batch(copies: list[Copy], piece_names: list[str], switch_names: list[str]) -> Batch:
    """Lay out ``(piece cues, switch cues, roles, words)`` per copy as arrays."""
    where = {name: i for i, name in enumerate(piece_names)}
    where_switch = {name: i for i, name in enumerate(switch_names)}
    size, length = len(copies), max(len(c[2]) for c in copies)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    srows: list[int] = []
    scols: list[int] = []
    svals: list[float] = []
    roles, words, mask = (np.zeros((size, length)) for _ in range(3))
    for b, (pieces, switches, said, counts) in enumerate(copies):
        for i, cues in enumerate(pieces):
            row = b * length + i
            rows.append(row)
            cols.append(0)
            vals.append(1.0)
            for name, value in cues.items():
                if name in where:
                    rows.append(row)
                    cols.append(where[name])
                    vals.append(value)
        for i, cues in enumerate(switches):
            for name, value in cues.items():
                if name in where_switch:
                    srows.append(b * length + i + 1)
                    scols.append(where_switch[name])
                    svals.append(value)
        roles[b, : len(said)] = said
        words[b, : len(counts)] = counts
        mask[b, : len(said)] = 1.0
    shape = (size * length, len(piece_names))
    piece = sparse.csr_matrix((vals, (rows, cols)), shape=shape)
    switch = sparse.csr_matrix((svals, (srows, scols)), shape=(size * length, len(switch_names)))
    return Batch(piece, switch, roles, words, mask)


def forward_backward(
    s: Array, t01: Array, t10: Array, opener: float, mask: Array
) -> tuple[Array, Array, Array, Array]:
    """Return P(candidate) per piece, P(each direction of change) before it, and log Z."""
    size, length = s.shape
    e0, e1, t01, t10 = -s / 2 * mask, s / 2 * mask, t01 * mask, t10 * mask
    a0, a1 = np.empty((size, length)), np.empty((size, length))
    a0[:, 0], a1[:, 0] = e0[:, 0] + opener, e1[:, 0]
    for i in range(1, length):
        a0[:, i] = np.logaddexp(a0[:, i - 1], a1[:, i - 1] + t10[:, i]) + e0[:, i]
        a1[:, i] = np.logaddexp(a1[:, i - 1], a0[:, i - 1] + t01[:, i]) + e1[:, i]
    b0, b1 = np.zeros((size, length)), np.zeros((size, length))
    for i in range(length - 2, -1, -1):
        b0[:, i] = np.logaddexp(
            e0[:, i + 1] + b0[:, i + 1], t01[:, i + 1] + e1[:, i + 1] + b1[:, i + 1]
        )
        b1[:, i] = np.logaddexp(
            e1[:, i + 1] + b1[:, i + 1], t10[:, i + 1] + e0[:, i + 1] + b0[:, i + 1]
        )
    log_z = np.logaddexp(a0[:, -1], a1[:, -1])
    candidate = np.exp(a1 + b1 - log_z[:, None])
    to_candidate, to_interviewer = np.zeros((size, length)), np.zeros((size, length))
    after = log_z[:, None]
    to_candidate[:, 1:] = np.exp(a0[:, :-1] + t01[:, 1:] + e1[:, 1:] + b1[:, 1:] - after)
    to_interviewer[:, 1:] = np.exp(a1[:, :-1] + t10[:, 1:] + e0[:, 1:] + b0[:, 1:] - after)
    return candidate, to_candidate, to_interviewer, log_z


def _split(theta: Array, batch: Batch) -> tuple[Array, Array, Array, float]:
    p, q = batch.piece.shape[1], batch.switch.shape[1]
    return theta[:p], theta[p : p + q], theta[p + q : p + 2 * q], float(theta[-1])


def _scores(theta: Array, batch: Batch) -> tuple[Array, Array, Array, float]:
    w, v, d, opener = _split(theta, batch)
    shape = batch.roles.shape
    s = (batch.piece @ w).reshape(shape)
    shared, apart = (batch.switch @ v).reshape(shape), (batch.switch @ d).reshape(shape)
    return s, shared + apart, shared - apart, opener


def _loss(theta: Array, batch: Batch, l2: float, l2_direction: float) -> tuple[float, Array]:
    w, v, d, _ = _split(theta, batch)
    s, t01, t10, opener = _scores(theta, batch)
    candidate, to_c, to_i, log_z = forward_backward(s, t01, t10, opener, batch.mask)
    y, mask = batch.roles, batch.mask
    up, down = np.zeros_like(y), np.zeros_like(y)
    up[:, 1:] = (y[:, 1:] > y[:, :-1]) * mask[:, 1:]
    down[:, 1:] = (y[:, 1:] < y[:, :-1]) * mask[:, 1:]
    said = (
        np.sum((y - 0.5) * s * mask)
        + np.sum(up * t01)
        + np.sum(down * t10)
        + opener * np.sum(1 - y[:, 0])
    )
    penalty = l2 * (np.sum(w[1:] ** 2) + np.sum(v**2)) + l2_direction * np.sum(d**2)
    loss = float(np.sum(log_z) - said + penalty)
    grad_w = -(batch.piece.T @ ((y - candidate) * mask).reshape(-1))
    r_up, r_down = ((up - to_c) * mask).reshape(-1), ((down - to_i) * mask).reshape(-1)
    grad_v = -(batch.switch.T @ (r_up + r_down))
    grad_d = -(batch.switch.T @ (r_up - r_down))
    grad_w[1:] += 2 * l2 * w[1:]
    grad_v += 2 * l2 * v
    grad_d += 2 * l2_direction * d
    grad_opener = -float(np.sum((1 - y[:, 0]) - (1 - candidate[:, 0])))
    return loss, np.concatenate([grad_w, grad_v, grad_d, [grad_opener]])


def fit(batch: Batch, l2: float, l2_direction: float) -> Array:
    """Return the weights (piece cues, shared and directed switch cues, opener) that fit best."""
    start = np.zeros(batch.piece.shape[1] + 2 * batch.switch.shape[1] + 1)
    start[-1] = 2.0
    found = minimize(
        _loss,
        start,
        args=(batch, l2, l2_direction),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 400},
    )
    return np.asarray(found.x, dtype=np.float64)


def probabilities(theta: Array, batch: Batch) -> Array:
    """Return every piece's probability of being the candidate's under the weights."""
    s, t01, t10, opener = _scores(theta, batch)
    return forward_backward(s, t01, t10, opener, batch.mask)[0]


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
