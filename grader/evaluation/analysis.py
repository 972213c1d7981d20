"""Agreement analysis of an eval run against its labels (pure functions, no model calls)."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.evaluation.altered import altered_copies
from grader.evaluation.config import display_path
from grader.evaluation.level_probability import probability_pairs, probability_report
from grader.evaluation.records import EvalRun, Prediction
from grader.ratings.labels import Label
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.stats.metrics import (
    bootstrap_ci,
    exact_agreement,
    krippendorff_alpha_ordinal,
    quadratic_weighted_kappa,
    rank_correlation,
)
from grader.stats.summary import agreement_summary

DESIGN_LABELLER = "project-authors-design"


@dataclass(frozen=True)
class Pairs:
    """Graded items of one dimension (or all pooled): reference and predicted ranks."""

    reference: list[int]
    predicted: list[int]
    transcripts: list[str]


def reference_labels(labels: Sequence[Label], reference: str | None = None) -> dict[Path, Label]:
    """Pick one label per transcript: the named labeller, else the design labels, else the first."""
    chosen: dict[Path, Label] = {}
    for label in labels:
        current = chosen.get(label.transcript)
        if reference is not None:
            if label.labeller == reference:
                chosen[label.transcript] = label
        elif current is None or (
            label.labeller == DESIGN_LABELLER and current.labeller != DESIGN_LABELLER
        ):
            chosen[label.transcript] = label
    return chosen


def displayed_references(
    labels: Sequence[Label], root: Path, reference: str | None = None
) -> dict[str, Label]:
    """Return :func:`reference_labels` keyed by the transcript path as predictions show it."""
    return {
        display_path(p, root): label for p, label in reference_labels(labels, reference).items()
    }


def pairs(
    run: EvalRun, labels: Sequence[Label], rubric: Rubric, root: Path, reference: str | None = None
) -> dict[str, Pairs]:
    """Return the graded pairs per dimension id, plus ``"overall"`` pooling all dimensions."""
    refs = displayed_references(labels, root, reference)
    result: dict[str, Pairs] = {}
    pooled = Pairs([], [], [])
    for dim in rubric.dimensions:
        current = Pairs([], [], [])
        for prediction in run.predictions:
            label = refs.get(prediction.transcript)
            level = prediction.level(dim.id)
            if label is None or dim.id not in label.levels or level is None:
                continue
            for target in (current, pooled):
                target.reference.append(label.levels[dim.id].rank)
                target.predicted.append(level.rank)
                target.transcripts.append(prediction.transcript)
        result[dim.id] = current
    result["overall"] = pooled
    return result


def analyse(
    run: EvalRun,
    labels: Sequence[Label],
    rubric: Rubric,
    root: Path,
    *,
    reference: str | None = None,
    n_resamples: int = 1000,
) -> dict[str, Any]:
    """Return every number the eval report shows, as JSON data."""
    graded = pairs(run, labels, rubric, root, reference)
    per_dimension = {
        dim_id: agreement_summary(p.predicted, p.reference, n_resamples=n_resamples).to_dict()
        if p.reference
        else None
        for dim_id, p in graded.items()
    }
    shown = sum(p.evidence_shown for p in run.predictions)
    rejected = sum(p.evidence_rejected for p in run.predictions)
    expected = len(run.predictions) * len(rubric.dimensions) * run.config.samples
    return {
        "per_dimension": per_dimension,
        "human_ceiling": human_ceiling(labels, rubric),
        "test_retest": test_retest(run.predictions, rubric),
        "length_bias": length_bias(run, graded["overall"]),
        "evidence": {
            "shown": shown,
            "rejected": rejected,
            "verification_rate": round(shown / (shown + rejected), 3) if shown + rejected else None,
        },
        "failures": {"dimension_grades": sum(p.failures for p in run.predictions), "of": expected},
        "calls": sum(p.calls for p in run.predictions),
        "cache_hits": sum(p.cache_hits for p in run.predictions),
        "transcripts": len(run.predictions),
        "altered_copies": altered_copies(run, labels, rubric, root),
        "level_probabilities": probability_report(
            probability_pairs(
                run.predictions, displayed_references(labels, root, reference), rubric
            )
        ),
        "level_distribution": _distribution(graded["overall"].predicted),
        "label_distribution": _distribution(graded["overall"].reference),
    }


def human_ceiling(labels: Sequence[Label], rubric: Rubric) -> dict[str, Any] | None:
    """Agreement between labellers on transcripts that have two or more label sets."""
    by_transcript: dict[Path, dict[str, Label]] = {}
    for label in labels:
        by_transcript.setdefault(label.transcript, {})[label.labeller] = label
    labellers = sorted({label.labeller for label in labels})
    shared = [t for t, found in by_transcript.items() if len(found) >= 2]
    if len(labellers) < 2 or not shared:
        return None
    result: dict[str, Any] = {"labellers": labellers, "transcripts": len(shared), "pairs": {}}
    for first, second in itertools.combinations(labellers, 2):
        a, b = [], []
        for transcript in shared:
            found = by_transcript[transcript]
            if first in found and second in found:
                for dim in rubric.dimensions:
                    if dim.id in found[first].levels and dim.id in found[second].levels:
                        a.append(found[first].levels[dim.id].rank)
                        b.append(found[second].levels[dim.id].rank)
        if a:
            result["pairs"][f"{first} vs {second}"] = {
                "n": len(a),
                "exact": round(exact_agreement(a, b), 3),
                "kappa_qw": _round(quadratic_weighted_kappa(a, b)),
            }
    table = [
        [
            by_transcript[t][who].levels[d.id].rank
            if who in by_transcript[t] and d.id in by_transcript[t][who].levels
            else None
            for t in shared
            for d in rubric.dimensions
        ]
        for who in labellers
    ]
    result["alpha_ordinal"] = _round(krippendorff_alpha_ordinal(table))
    return result


def test_retest(predictions: Sequence[Prediction], rubric: Rubric) -> dict[str, Any] | None:
    """Agreement of a configuration with itself across repeated samples."""
    runs = min((len(p.runs) for p in predictions), default=0)
    if runs < 2:
        return None
    table: list[list[int | None]] = [[] for _ in range(runs)]
    for prediction in predictions:
        for dim in rubric.dimensions:
            for k in range(runs):
                level = prediction.runs[k].get(dim.id)
                table[k].append(Level(level).rank if level else None)
    agree = []
    for i, j in itertools.combinations(range(runs), 2):
        both = [
            (x, y)
            for x, y in zip(table[i], table[j], strict=True)
            if x is not None and y is not None
        ]
        if both:
            agree.append(exact_agreement([x for x, _ in both], [y for _, y in both]))
    if not agree:
        return None
    return {
        "samples": runs,
        "mean_pairwise_exact": round(statistics.fmean(agree), 3),
        "alpha_ordinal": _round(krippendorff_alpha_ordinal(table)),
    }


def length_bias(run: EvalRun, overall: Pairs) -> dict[str, Any] | None:
    """Correlation of transcript length with (predicted - labelled) level, per transcript."""
    errors: dict[str, list[int]] = {}
    for ref, pred, transcript in zip(
        overall.reference, overall.predicted, overall.transcripts, strict=True
    ):
        errors.setdefault(transcript, []).append(pred - ref)
    words = {p.transcript: p.words for p in run.predictions}
    names = [t for t in errors if t in words]
    if len(names) < 3:
        return None
    mean_error = [statistics.fmean(errors[t]) for t in names]
    lengths = [words[t] for t in names]
    return {
        "transcripts": len(names),
        "spearman_words_vs_signed_error": _round(rank_correlation(lengths, mean_error)),
    }


def compare(
    first: dict[str, Pairs], second: dict[str, Pairs], *, n_resamples: int = 1000, seed: int = 0
) -> dict[str, Any]:
    """Paired differences (second minus first) with bootstrap CIs over shared graded items."""
    result: dict[str, Any] = {}
    for key in first:
        a, b = first[key], second.get(key)
        if b is None:
            continue
        items = _matched_items(a, b)
        if len(items) < 2:
            continue
        ref, pa, pb = (list(x) for x in zip(*items, strict=True))
        entry = {}
        for name, metric in (("kappa_qw", quadratic_weighted_kappa), ("exact", exact_agreement)):

            def diff(
                r: Sequence[int], x: Sequence[int], y: Sequence[int], m: Any = metric
            ) -> float | None:
                va, vb = m(x, r), m(y, r)
                return None if va is None or vb is None else vb - va

            point = diff(ref, pa, pb)
            ci = bootstrap_ci(diff, ref, pa, pb, n_resamples=n_resamples, seed=seed)
            entry[name] = {
                "difference": _round(point),
                "ci": [round(ci[0], 3), round(ci[1], 3)] if ci else None,
                "ci_excludes_zero": bool(ci and (ci[0] > 0 or ci[1] < 0)),
            }
        result[key] = entry
    return result


def _matched_items(a: Pairs, b: Pairs) -> list[tuple[int, int, int]]:
    # Items are matched by transcript and position within that transcript (pooled pairs hold
    # one item per dimension of a transcript, in rubric order).
    def keyed(p: Pairs) -> dict[tuple[str, int], tuple[int, int]]:
        seen: dict[str, int] = {}
        out = {}
        for ref, pred, t in zip(p.reference, p.predicted, p.transcripts, strict=True):
            n = seen.get(t, 0)
            seen[t] = n + 1
            out[(t, n)] = (ref, pred)
        return out

    ka, kb = keyed(a), keyed(b)
    return [(ka[k][0], ka[k][1], kb[k][1]) for k in ka if k in kb]


def _distribution(ranks: Sequence[int]) -> dict[str, int]:
    return {level.value: sum(1 for r in ranks if r == level.rank) for level in Level}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


__all__ = [
    "analyse",
    "compare",
    "human_ceiling",
    "length_bias",
    "pairs",
    "test_retest",
]
