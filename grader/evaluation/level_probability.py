"""How far a grader's level probabilities can be trusted: expected level and calibration curve.

A calibrated indicator grade carries a probability for each level (see
:meth:`grader.calibration.model.DimensionCalibration.probabilities`). On labelled transcripts this
module reports:

- the probability-weighted (expected) level against the label: Spearman correlation, mean
  absolute and signed error, on the 0-4 rank scale;
- the mean probability given to the labelled level, and the Brier score;
- a calibration curve: grades binned by the probability of the level they were given
  (their confidence), with the share of those grades that match the label. The level
  given follows from the score and the cuts; it is nearly always the likeliest level. A
  grader whose curve follows the diagonal says "70%" when it is right 70% of the time. The
  expected calibration error (ECE) is the count-weighted mean gap between the two.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from grader.evaluation.records import Prediction
from grader.ratings.labels import Label
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.stats.metrics import rank_correlation

BIN_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


Graded = tuple[list[float], int, int]


def probability_pairs(
    predictions: Sequence[Prediction], refs: dict[str, Label], rubric: Rubric
) -> list[Graded]:
    """Return (P(level) lowest first, rank given, labelled rank) per graded dimension."""
    found = []
    for prediction in predictions:
        label = refs.get(prediction.transcript)
        if label is None or not prediction.probabilities:
            continue
        first, given = prediction.probabilities[0], prediction.runs[0]
        for dim in rubric.dimensions:
            probs, level = first.get(dim.id), given.get(dim.id)
            if probs and level and dim.id in label.levels:
                found.append((list(probs), Level(level).rank, label.levels[dim.id].rank))
    return found


def probability_report(pairs: Sequence[Graded]) -> dict[str, Any] | None:
    """Return the expected-level agreement and the calibration curve (None without pairs)."""
    if not pairs:
        return None
    expected = [sum(k * p for k, p in enumerate(probs)) for probs, _, _ in pairs]
    ranks = [rank for _, _, rank in pairs]
    confidence = [probs[given] for probs, given, _ in pairs]
    correct = [given == rank for _, given, rank in pairs]
    bins: list[dict[str, Any]] = []
    for low, high in pairwise(BIN_EDGES):
        inside = [
            i for i, c in enumerate(confidence) if low <= c < high or (high == 1.0 and c == 1.0)
        ]
        if inside:
            bins.append(
                {
                    "range": [low, high],
                    "n": len(inside),
                    "confidence": round(statistics.fmean(confidence[i] for i in inside), 3),
                    "accuracy": round(statistics.fmean(correct[i] for i in inside), 3),
                }
            )
    n = len(pairs)
    ece = sum(b["n"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins)
    brier = statistics.fmean(
        sum((p - (k == rank)) ** 2 for k, p in enumerate(probs)) for probs, _, rank in pairs
    )
    return {
        "n": n,
        "expected_level": {
            "spearman": _round(rank_correlation(expected, [float(r) for r in ranks])),
            "mae": round(
                statistics.fmean(abs(e - r) for e, r in zip(expected, ranks, strict=True)), 3
            ),
            "mean_signed_error": round(
                statistics.fmean(e - r for e, r in zip(expected, ranks, strict=True)), 3
            ),
        },
        "p_label": round(statistics.fmean(probs[rank] for probs, _, rank in pairs), 3),
        "brier": round(brier, 3),
        "mean_confidence": round(statistics.fmean(confidence), 3),
        "accuracy": round(statistics.fmean(correct), 3),
        "ece": round(ece, 3),
        "bins": bins,
    }


def calibration_plot(out: Path, report: dict[str, Any]) -> Path:
    """Draw the calibration curve (reliability diagram) into ``out``; return the file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.2, 3.8), dpi=100)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfect")
    xs = [b["confidence"] for b in report["bins"]]
    ys = [b["accuracy"] for b in report["bins"]]
    ax.plot(xs, ys, marker="o", color="tab:blue", label="grader")
    for b in report["bins"]:
        ax.annotate(str(b["n"]), (b["confidence"], b["accuracy"]), fontsize=7,
                    textcoords="offset points", xytext=(4, -10))  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("probability of the level given")
    ax.set_ylabel("share matching the label")
    ax.set_title(f"Calibration curve (n={report['n']}, ECE {report['ece']:.2f})", fontsize=9)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    path = out / "calibration_curve.png"
    fig.savefig(path)
    plt.close(fig)
    return path


def markdown_lines(report: dict[str, Any] | None) -> list[str]:
    """Return the report section for level probabilities (empty when there are none)."""
    if report is None:
        return []
    expected = report["expected_level"]
    lines = [
        "",
        "## Level probabilities",
        "",
        f"- Grades with a probability per level: {report['n']}",
        f"- Probability-weighted level against the label: Spearman {_fmt(expected['spearman'])}, "
        f"MAE {expected['mae']:.2f}, signed error {expected['mean_signed_error']:+.2f} levels",
        f"- Mean probability of the labelled level {report['p_label']:.2f}; Brier score "
        f"{report['brier']:.2f}",
        f"- Mean confidence {report['mean_confidence']:.2f} against accuracy "
        f"{report['accuracy']:.2f}; expected calibration error {report['ece']:.2f}",
        "",
        "| probability of the level given | grades | mean probability | share matching the label |",
        "|---|---|---|---|",
    ]
    for b in report["bins"]:
        low, high = b["range"]
        lines.append(
            f"| {low:.1f}-{high:.1f} | {b['n']} | {b['confidence']:.2f} | {b['accuracy']:.2f} |"
        )
    lines += ["", "![calibration curve](calibration_curve.png)"]
    return lines


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


__all__ = [
    "BIN_EDGES",
    "calibration_plot",
    "markdown_lines",
    "probability_pairs",
    "probability_report",
]
