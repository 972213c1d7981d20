from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from grader.calibration import build, fit_cuts, load_calibration, save_calibration
from grader.errors import ConfigError
from grader.levels import Level


def brute_force_cost(scores: list[float], labels: list[int]) -> int:
    """Least squared error over every non-decreasing level assignment in score order."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    best = None
    for levels in itertools.combinations_with_replacement(range(5), len(scores)):
        assigned = dict(zip(order, levels, strict=True))
        # Equal scores must share a level.
        if any(assigned[i] != assigned[j] for i in order for j in order if scores[i] == scores[j]):
            continue
        cost = sum((assigned[i] - labels[i]) ** 2 for i in range(len(scores)))
        best = cost if best is None else min(best, cost)
    assert best is not None
    return best


def cost_of(cuts: list[float], scores: list[float], labels: list[int]) -> int:
    return sum(
        (sum(1 for c in cuts if s >= c) - y) ** 2 for s, y in zip(scores, labels, strict=True)
    )


@pytest.mark.parametrize("seed", range(25))
def test_fitted_cuts_are_optimal(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 7)
    scores = [round(rng.random(), 1) for _ in range(n)]
    labels = [rng.randint(0, 4) for _ in range(n)]
    cuts = fit_cuts(scores, labels)
    assert cuts == sorted(cuts)
    assert cost_of(cuts, scores, labels) == brute_force_cost(scores, labels)


def test_perfectly_ordered_data_is_reproduced() -> None:
    scores = [0.1, 0.2, 0.3, 0.5, 0.6, 0.9]
    labels = [0, 0, 1, 2, 2, 4]
    assert fit_cuts(scores, labels) == [0.25, 0.4, 0.75, 0.75]


def test_no_signal_gives_one_level() -> None:
    cuts = fit_cuts([0.9, 0.1, 0.5, 0.3], [0, 4, 2, 1])
    assert {sum(1 for c in cuts if s >= c) for s in (0.1, 0.3, 0.5, 0.9)} == {2}


def test_weighted_model_round_trip_and_levels(tmp_path: Path) -> None:
    # Two indicators: "a" tracks the metrics label, "b" is noise.
    rows = [
        ({"metrics.a": p, "metrics.b": q}, {"metrics": y})
        for p, q, y in [
            (0.05, 0.5, 0),
            (0.2, 0.4, 1),
            (0.5, 0.6, 2),
            (0.8, 0.5, 3),
            (0.95, 0.45, 4),
        ]
    ]
    cal = build(
        rows,
        ["metrics", "tradeoffs"],
        id="x",
        model="m",
        rubric_id="r",
        rubric_sha256="a",
        prompts_sha256="b",
        fitted_on=["dev.jsonl"],
    )
    weights = cal.dimensions["metrics"].weights
    assert weights["metrics.a"] > 0.9 and abs(weights["metrics.b"]) < 0.5
    assert "tradeoffs" not in cal.dimensions
    assert [cal.level("metrics", answers) for answers, _ in rows] == [
        Level.VERY_WEAK,
        Level.WEAK,
        Level.NEUTRAL,
        Level.STRONG,
        Level.VERY_STRONG,
    ]
    assert cal.level("metrics", {"metrics.a": 0.5}) is None  # an answer is missing
    path = tmp_path / "cal.json"
    save_calibration(cal, path)
    assert load_calibration(path) == cal
    path.write_text('{"format": 2}')
    with pytest.raises(ConfigError, match="not a valid calibration"):
        load_calibration(path)
