"""Fitting a calibration from an eval run, and comparing ways of fitting it.

:func:`calibrate` is what ``grader calibrate`` does: fit the score-to-level mapping on the
indicator answers of labelled transcripts and report how it agrees with labels it was not
fitted on (leave one transcript out, and leave one labels file out when there are several
files: those were written by other authors, so that is the estimate of how a calibration
transfers). :func:`compare_methods` (``grader calibrate --methods``) fits every variant of
:data:`VARIANTS` the same two ways, so a choice of method is made by held-out numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.calibration.fit import HeldOut, Row, build, leave_one_out
from grader.calibration.model import Calibration
from grader.errors import ConfigError
from grader.evaluation.records import EvalRun
from grader.evaluation.rows import calibration_data, calibration_groups, calibration_pairs
from grader.ratings.labels import Label
from grader.rubrics.levels import level_for
from grader.rubrics.rubric import Rubric
from grader.stats.summary import agreement_summary
from grader.transcripts.features import COUNTS
from grader.transcripts.transcript import load


@dataclass(frozen=True)
class Fitted:
    """A fitted calibration and its agreement on labels it was not fitted on.

    Attributes:
        calibration: The calibration.
        report: ``leave_one_transcript_out`` (and ``leave_one_file_out`` with several labels
            files): agreement per dimension and overall.
    """

    calibration: Calibration
    report: dict[str, Any]


def calibrate(
    run: EvalRun,
    labels: Sequence[Label],
    rubric: Rubric,
    *,
    calibration_id: str,
    fitted_on: Sequence[str],
    root: Path,
    reference: str | None = None,
    own_only: bool = True,
    use_text: bool = True,
    weighting: str = "ridge",
) -> Fitted:
    """Fit a calibration on the run's indicator answers for the labelled transcripts.

    Raises:
        ConfigError: Fewer than 3 labelled transcripts have indicator answers in the run.
    """
    rows = calibration_data(run, labels, rubric, root, reference)
    if len(rows) < 3:
        raise ConfigError(
            f"indicator answers for {len(rows)} labelled transcripts; at least 3 are needed",
            hint="Run grader eval with strategy = 'indicators' on the labelled transcripts",
        )
    dims = [dim.id for dim in rubric.dimensions]
    options: dict[str, Any] = {
        "own_only": own_only,
        "use_text": use_text,
        "counts": rubric.counts(),
        "weighting": weighting,
    }
    held_out = leave_one_out(rows, dims, **options)
    calibration = build(
        rows,
        dims,
        id=calibration_id,
        model=str(run.model.get("model")),
        model_identity=run.model.get("identity") or None,
        rubric_id=rubric.id,
        rubric_sha256=rubric.sha256,
        prompts_sha256=run.prompts_sha256,
        fitted_on=list(fitted_on),
        held_out=held_out,
        strategy="passages" if run.config.strategy == "passages" else "indicators",
        **options,
    )
    report = {"leave_one_transcript_out": held_out_agreement(held_out, dims)}
    groups = calibration_groups(run, labels, root, reference)
    if len(set(groups)) > 1:
        by_file = leave_one_out(rows, dims, groups, **options)
        report["leave_one_file_out"] = held_out_agreement(by_file, dims)
    return Fitted(calibration, report)


def cross_validate(
    rows: Sequence[Row],
    dimensions: Sequence[str],
    groups: Sequence[str] | None = None,
    **fit_options: Any,
) -> dict[str, Any]:
    """Leave one transcript (or, with ``groups``, one group) out: fit on the rest, predict it.

    ``fit_options`` go to :func:`grader.calibration.fit.fit_model`.
    """
    from grader.calibration.fit import leave_one_out

    return held_out_agreement(leave_one_out(rows, dimensions, groups, **fit_options), dimensions)


def held_out_agreement(held_out: HeldOut, dimensions: Sequence[str]) -> dict[str, Any]:
    """Agreement of leave-one-out levels with the labels, per dimension and pooled."""
    predicted = {d: [level_for(v, cuts).rank for v, cuts, _ in held_out[d]] for d in dimensions}
    reference = {d: [rank for _, _, rank in held_out[d]] for d in dimensions}
    result: dict[str, Any] = {
        dim: agreement_summary(predicted[dim], reference[dim], n_resamples=200).to_dict()
        for dim in dimensions
        if predicted[dim]
    }
    pooled_p = [p for dim in dimensions for p in predicted[dim]]
    pooled_r = [r for dim in dimensions for r in reference[dim]]
    result["overall"] = (
        agreement_summary(pooled_p, pooled_r, n_resamples=200).to_dict() if pooled_p else None
    )
    return result


# (name, which answers, fit options). "answers": all recorded answers; "counts": only the
# counts from the text; "length": all answers plus the candidate's word and turn counts,
# which the default leaves out on purpose (the rubric does not reward talking more).
# "rubric counts" are the counts each dimension's rubric entry lists (``counts``, and the
# count of its ``terms``); "candidate counts" leave out the interviewer's questions and the
# term counts everywhere; "every count everywhere" offers the
# interviewer's questions to every dimension.
CORR: dict[str, Any] = {"weighting": "correlation"}
OWN: dict[str, Any] = {"own_only": True}
NO_TEXT: dict[str, Any] = {"use_text": False}
VARIANTS: list[tuple[str, str, dict[str, Any]]] = [
    ("all 30 indicators, correlation weights", "answers", NO_TEXT | CORR),
    ("all 30 indicators, ridge", "answers", NO_TEXT),
    ("own 5 indicators, correlation weights", "answers", NO_TEXT | OWN | CORR),
    ("own 5 indicators, ridge", "answers", NO_TEXT | OWN),
    (
        "own 5 + candidate counts, correlation weights (previous default)",
        "answers",
        OWN | CORR | {"counts": "candidate"},
    ),
    ("own 5 + candidate counts, ridge", "answers", OWN | {"counts": "candidate"}),
    ("own 5 + rubric counts but no term counts, ridge", "answers", OWN | {"counts": "no terms"}),
    (
        "own 5 + rubric counts, metric terms only, ridge (default before holdout6)",
        "answers",
        OWN | {"counts": "metric terms only"},
    ),
    (
        "own 5 + rubric counts, metric and implementation terms, ridge (default before holdout7)",
        "answers",
        OWN | {"counts": "metric and implementation terms"},
    ),
    ("own 5 + rubric counts, correlation weights", "answers", OWN | CORR),
    ("own 5 + rubric counts, ridge, penalty 1.0", "answers", OWN | {"penalty": 1.0}),
    ("own 5 + rubric counts, ridge (default)", "answers", OWN),
    ("all 30 + rubric counts, ridge", "answers", {}),
    ("rubric counts only, ridge, no model", "counts", {}),
    ("not used: own 5 + every count everywhere, ridge", "answers", OWN | {"counts": "all"}),
    (
        "not used: own 5 + rubric counts + word and turn counts, ridge",
        "length",
        OWN | {"counts": "length"},
    ),
]


def _length(run: EvalRun, labels: Sequence[Label], root: Path) -> list[dict[str, float]]:
    """Return the candidate's word and turn counts, in the order of calibration_data's rows."""
    found = []
    for _, label in calibration_pairs(run, labels, root, None):
        turns = load(label.transcript, candidate=label.candidate).candidate_turns()
        words = sum(len(turn.text.split()) for turn in turns)
        found.append({"text.words": float(words), "text.turns": float(len(turns))})
    return found


def _counts_only(rows: Sequence[Row]) -> list[Row]:
    return [({k: v for k, v in a.items() if k.startswith("text.")}, y) for a, y in rows]


def _without_terms(
    rubric_counts: Mapping[str, list[str]], keep: Sequence[str]
) -> dict[str, list[str]]:
    """Return the rubric's counts without the term counts of dimensions not in ``keep``."""
    return {
        dim: [name for name in found if not name.endswith("_terms") or dim in keep]
        for dim, found in rubric_counts.items()
    }


def _options(options: dict[str, Any], rubric_counts: Mapping[str, list[str]]) -> dict[str, Any]:
    """Turn a variant's named count choice into the ``counts`` option of the fit."""
    choice = options.get("counts", "rubric")
    every = list(COUNTS)
    counts = {
        "rubric": rubric_counts,
        "candidate": None,
        "no terms": _without_terms(rubric_counts, keep=()),
        "metric terms only": _without_terms(rubric_counts, keep=("metrics",)),
        "metric and implementation terms": _without_terms(
            rubric_counts, keep=("metrics", "software_implementation")
        ),
        "all": {dim: every for dim in rubric_counts},
        "length": {dim: [*found, "words", "turns"] for dim, found in rubric_counts.items()},
    }[choice]
    return {**options, "counts": counts}


def compare_methods(
    run: EvalRun, labels: Sequence[Label], rubric: Rubric, root: Path
) -> list[dict[str, Any]]:
    """Held-out agreement of every fitting variant: one row per (scheme, variant).

    Each row: ``scheme`` (leave one transcript out, or leave one labels file out),
    ``variant``, ``overall`` and ``per_dimension`` (QWK per dimension id).
    """
    rows = calibration_data(run, labels, rubric, root, None)
    groups = calibration_groups(run, labels, root, None)
    dims = [dim.id for dim in rubric.dimensions]
    rubric_counts = rubric.counts()
    with_length = [(a | n, y) for (a, y), n in zip(rows, _length(run, labels, root), strict=True)]
    answer_sets: dict[str, Sequence[Row]] = {
        "answers": rows,
        "counts": _counts_only(rows),
        "length": with_length,
    }
    schemes: list[tuple[str, Sequence[str] | None]] = [("leave one transcript out", None)]
    if len(set(groups)) > 1:
        schemes.append(("leave one labels file out", groups))
    found = []
    for scheme, grouping in schemes:
        for name, answers, options in VARIANTS:
            fit = _options(options, rubric_counts)
            report = cross_validate(answer_sets[answers], dims, grouping, **fit)
            found.append(
                {
                    "scheme": scheme,
                    "variant": name,
                    "transcripts": len(rows),
                    "files": len(set(groups)),
                    "overall": report["overall"],
                    "per_dimension": {d: report[d]["kappa_qw"] or 0.0 for d in dims},
                }
            )
    return found
