"""Fitting a calibration: weights, ordinal cuts and spreads from labelled indicator answers.

Each dimension's score is a weighted sum of standardised answers (indicators' log-odds of
yes, counts from the text). The weights are a ridge regression of the dimension's labels on
those answers over the fitting transcripts (or, as an alternative, each answer's own
correlation with the labels). Least-squares ordinal cuts turn scores into levels, and a
spread fitted on leave-one-transcript-out scores turns them into probabilities.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from grader.calibration.model import (
    Calibration,
    DimensionCalibration,
    Feature,
    level_probabilities,
    standardised,
    transform_for,
    transformed,
    weighted_score,
)
from grader.transcripts.features import CANDIDATE_COUNTS
from grader.transcripts.features import PREFIX as TEXT_PREFIX

Row = tuple[Mapping[str, float], Mapping[str, int]]
Weighting = Literal["ridge", "correlation"]
# Ridge penalty per fitting transcript, on standardised answers. Chosen by leave-one-file-out
# agreement on the 99 labelled transcripts (evals/calibration_methods.py): QWK 0.69 at 0.1,
# 0.67 at 0.2, 0.65 at 1.0, 0.68 at 0.01.
RIDGE_PENALTY = 0.1
# Per dimension: (score, cuts, labelled rank) of transcripts scored by fits without them.
HeldOut = dict[str, list[tuple[float, Sequence[float], int]]]


def best_spread(items: Sequence[tuple[float, Sequence[float], int]]) -> float:
    """Return the spread that maximises the likelihood of (score, cuts, labelled rank) items.

    A grid search in log-space from 0.01 to 10 (the scores are in standardised units); the
    cuts stay as given, and may differ per item (as in leave-one-out fits).
    """
    best, best_ll = 1.0, -math.inf
    for step in range(121):
        spread = 10 ** (-2 + step / 40)
        ll = sum(
            math.log(max(level_probabilities(x, cuts, spread)[y], 1e-9)) for x, cuts, y in items
        )
        if ll > best_ll:
            best, best_ll = spread, ll
    return round(best, 4)


def leave_one_out(
    rows: Sequence[Row],
    dimensions: Sequence[str],
    groups: Sequence[str] | None = None,
    **fit_options: Any,
) -> HeldOut:
    """Score each transcript with a calibration fitted on the others.

    With ``groups`` (one name per row, e.g. the labels file it came from), a whole group is
    held out at a time: each transcript is scored by a calibration fitted on the other
    groups only, which estimates how the calibration transfers to transcripts written and
    labelled by other people. Returns, per dimension, (score, that calibration's cuts,
    labelled rank) for every transcript labelled on it, in row order. ``fit_options`` go to
    :func:`fit_model`.
    """
    if groups is not None and len(groups) != len(rows):
        raise ValueError("groups must name one group per row")
    keys: Sequence[object] = groups if groups is not None else range(len(rows))
    held_out: HeldOut = {dim: [] for dim in dimensions}
    fits: dict[object, tuple[dict[str, Feature], dict[str, DimensionCalibration]]] = {}
    for key, (answers, labels) in zip(keys, rows, strict=True):
        if key not in fits:
            others = [row for k, row in zip(keys, rows, strict=True) if k != key]
            fits[key] = fit_model(others, dimensions, **fit_options)
        features, fitted = fits[key]
        for dim, found in fitted.items():
            if dim in labels:
                value = weighted_score(found.weights, features, answers)
                held_out[dim].append((value, found.cuts, labels[dim]))
    return held_out


def fit_model(
    rows: Sequence[Row],
    dimensions: Sequence[str],
    *,
    own_only: bool = False,
    min_weight: float = 0.0,
    use_text: bool = True,
    counts: Mapping[str, Sequence[str]] | None = None,
    weighting: Weighting = "ridge",
    penalty: float = RIDGE_PENALTY,
) -> tuple[dict[str, Feature], dict[str, DimensionCalibration]]:
    """Fit features, per-dimension weights and cuts from (answers, labelled ranks) rows.

    Every indicator may inform every dimension; ``own_only`` keeps each dimension to its
    own indicators. ``use_text`` lets counts from the text (``text.*``) inform a dimension:
    the counts ``counts`` names for it (count names without the prefix; by default the
    candidate counts). ``weighting`` is "ridge" (a ridge regression of the labels on the
    standardised answers, ``penalty`` per fitting transcript) or "correlation" (each
    answer's correlation with the labels, where a weight smaller in size than
    ``min_weight`` is set to zero). Spreads are left
    unset: :func:`build` fits them on held-out scores.
    """
    # Indicators answered on every row; counts from the text found on any row (a row
    # without one, e.g. a transcript without speaker labels, stands at its mean).
    keys = [set(answers) for answers, _ in rows]
    indicators = set.intersection(*keys) if keys else set()
    found_counts = {name for found in keys for name in found if name.startswith(TEXT_PREFIX)}
    names = sorted(
        {name for name in indicators if not name.startswith(TEXT_PREFIX)}
        | (found_counts if use_text else set())
    )
    features: dict[str, Feature] = {}
    for name in names:
        transform = transform_for(name)
        values = [transformed(answers[name], transform) for answers, _ in rows if name in answers]
        features[name] = Feature(
            center=statistics.fmean(values),
            scale=statistics.pstdev(values) or 1.0,
            transform=transform,
        )
    fitted: dict[str, DimensionCalibration] = {}
    for dim in dimensions:
        labelled = [(answers, labels[dim]) for answers, labels in rows if dim in labels]
        if len(labelled) < 2:
            continue
        allowed = {TEXT_PREFIX + name for name in (counts or {}).get(dim, CANDIDATE_COUNTS)}
        used = [
            name
            for name in names
            if (name in allowed if name.startswith(TEXT_PREFIX) else not own_only)
            or name.startswith(f"{dim}.")
        ]
        xs = [[standardised(name, features, answers) for name in used] for answers, _ in labelled]
        ys = [float(y) for _, y in labelled]
        if weighting == "ridge":
            found = _ridge(xs, ys, penalty * len(ys))
        else:
            found = [_correlation([x[j] for x in xs], ys) for j in range(len(used))]
            found = [w if abs(w) >= min_weight else 0.0 for w in found]
        weights = {name: round(w, 4) for name, w in zip(used, found, strict=True)}
        scores = [weighted_score(weights, features, answers) for answers, _ in labelled]
        cuts = fit_cuts(scores, [y for _, y in labelled])
        fitted[dim] = DimensionCalibration(weights=weights, cuts=cuts, n=len(labelled))
    return features, fitted


def _ridge(xs: Sequence[Sequence[float]], ys: Sequence[float], penalty: float) -> list[float]:
    """Solve (X'X + penalty I) w = X'(y - mean y) by Gaussian elimination with pivoting."""
    size = len(xs[0]) if xs else 0
    mean = statistics.fmean(ys)
    system = [
        [sum(x[i] * x[j] for x in xs) + (penalty if i == j else 0.0) for j in range(size)]
        + [sum(x[i] * (y - mean) for x, y in zip(xs, ys, strict=True))]
        for i in range(size)
    ]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(system[r][col]))
        system[col], system[pivot] = system[pivot], system[col]
        for r in range(size):
            if r != col:
                factor = system[r][col] / system[col][col]
                system[r] = [a - factor * b for a, b in zip(system[r], system[col], strict=True)]
    return [system[i][size] / system[i][i] for i in range(size)]


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        # A constant indicator or constant labels carry no information.
        return 0.0


def fit_cuts(scores: Sequence[float], labels: Sequence[int], n_levels: int = 5) -> list[float]:
    """Fit non-decreasing levels to scores by least squares, and return the cuts between them.

    The fitted level of each item is a non-decreasing step function of its score (equal
    scores share a level) that minimises the squared distance to the labels, found exactly
    by dynamic programming. Each cut lies midway between the highest score of one level and
    the lowest score of the next; a level no item reaches gets a cut above every score.
    """
    if len(scores) != len(labels) or not scores:
        raise ValueError("scores and labels must be non-empty and of equal length")
    groups: list[tuple[float, list[int]]] = []
    for value, label in sorted(zip(scores, labels, strict=True)):
        if groups and groups[-1][0] == value:
            groups[-1][1].append(label)
        else:
            groups.append((value, [label]))
    cost = [[sum((k - y) ** 2 for y in members) for k in range(n_levels)] for _, members in groups]
    inf = float("inf")
    best = [[inf] * n_levels for _ in groups]
    back = [[0] * n_levels for _ in groups]
    for k in range(n_levels):
        best[0][k] = cost[0][k]
    for g in range(1, len(groups)):
        running, arg = inf, 0
        for k in range(n_levels):
            if best[g - 1][k] < running:
                running, arg = best[g - 1][k], k
            best[g][k] = running + cost[g][k]
            back[g][k] = arg
    level = min(range(n_levels), key=lambda k: (best[-1][k], k))
    assigned = [0] * len(groups)
    for g in range(len(groups) - 1, -1, -1):
        assigned[g] = level
        level = back[g][level]
    values = [value for value, _ in groups]
    cuts = []
    for k in range(1, n_levels):
        above = [v for v, a in zip(values, assigned, strict=True) if a >= k]
        below = [v for v, a in zip(values, assigned, strict=True) if a < k]
        if not above:
            cuts.append(round(max(values) + 1.0, 4))
        elif not below:
            cuts.append(round(min(values) - 1.0, 4))
        else:
            cuts.append(round((max(below) + min(above)) / 2, 4))
    return cuts


def build(
    rows: Sequence[Row],
    dimensions: Sequence[str],
    *,
    id: str,
    model: str,
    model_identity: str | None = None,
    rubric_id: str,
    rubric_sha256: str,
    prompts_sha256: str,
    fitted_on: list[str],
    own_only: bool = True,
    use_text: bool = True,
    counts: Mapping[str, Sequence[str]] | None = None,
    weighting: Weighting = "ridge",
    penalty: float = RIDGE_PENALTY,
    held_out: HeldOut | None = None,
    strategy: Literal["indicators", "passages"] = "indicators",
) -> Calibration:
    """Fit a calibration on (answers, labelled ranks) rows, spreads on held-out scores.

    By default a dimension is scored from its own indicators and the counts from the text
    its rubric entry allows (``counts``), weighted by ridge regression: the choice that
    agreed best with held-out labels (``evals/calibration_methods.py``). Each spread is
    fitted on leave-one-transcript-out scores (``held_out``, computed here when not given):
    in-sample scores sit where the cuts were fitted to put them, so a spread fitted on them
    would make the probabilities overconfident.
    """
    options: dict[str, Any] = {
        "own_only": own_only,
        "use_text": use_text,
        "counts": counts,
        "weighting": weighting,
        "penalty": penalty,
    }
    features, fitted = fit_model(rows, dimensions, **options)
    if held_out is None and len(rows) >= 3:
        held_out = leave_one_out(rows, dimensions, **options)
    spreads = {dim: best_spread(items) for dim, items in (held_out or {}).items() if items}
    fitted = {
        dim: found.model_copy(update={"spread": spreads.get(dim)}) for dim, found in fitted.items()
    }
    method = (
        ("own indicators" if own_only else "all indicators")
        + (" and text counts" if use_text else "")
        + (
            f", ridge weights (penalty {penalty})"
            if weighting == "ridge"
            else ", correlation weights"
        )
        + ", least-squares ordinal cuts, cross-validated spread"
    )
    return Calibration(
        id=id,
        strategy=strategy,
        method=method,
        model=model,
        model_identity=model_identity,
        rubric_id=rubric_id,
        rubric_sha256=rubric_sha256,
        prompts_sha256=prompts_sha256,
        fitted_on=fitted_on,
        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        features=features,
        dimensions=fitted,
    )
