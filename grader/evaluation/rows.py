"""The rows a calibration is fitted on: each labelled transcript's answers and its levels.

An eval run records the counts it weighed next to the model's answers. The counts are read
from the words alone, so they are read again at fitting time: a calibration is then fitted
on the counts grading computes today, even from a run recorded before the way of counting
changed. A transcript that can no longer be read keeps the counts recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from grader.errors import InputError
from grader.evaluation.analysis import displayed_references
from grader.evaluation.records import EvalRun, Prediction
from grader.grading.pipeline import transcript_counts
from grader.ratings.labels import Label
from grader.rubrics.rubric import Rubric
from grader.transcripts.features import PREFIX
from grader.transcripts.transcript import load

__all__ = ["calibration_data", "calibration_groups", "calibration_pairs", "recounted"]


def recounted(answers: Mapping[str, float], label: Label, rubric: Rubric) -> dict[str, float]:
    """Return ``answers`` with their ``text.*`` counts read again from the label's file."""
    try:
        transcript = load(label.transcript, candidate=label.candidate)
    except (InputError, OSError):
        return dict(answers)
    kept = {k: v for k, v in answers.items() if not k.startswith(PREFIX)}
    return kept | transcript_counts(transcript, rubric)


def calibration_pairs(
    run: EvalRun, labels: Sequence[Label], root: Path, reference: str | None
) -> list[tuple[Prediction, Label]]:
    """Return (prediction, label) for each labelled transcript with indicator answers."""
    refs = displayed_references(labels, root, reference)
    return [
        (prediction, refs[prediction.transcript])
        for prediction in run.predictions
        if prediction.transcript in refs and prediction.answers and prediction.answers[0]
    ]


def calibration_data(
    run: EvalRun, labels: Sequence[Label], rubric: Rubric, root: Path, reference: str | None
) -> list[tuple[dict[str, float], dict[str, int]]]:
    """Return (answers of the first run, labelled ranks) per labelled transcript.

    Only answers to the rubric's own questions and the counts from the text are kept (a
    run made before a question was dropped still fits). For the passage method, each
    question's headline answer only (the mean of its two best passages): the other
    summaries agreed less well with splits of other styles (evals/style_cv.py). The counts
    are read again from each transcript (:func:`recounted`).
    """
    names = {f"{dim.id}.{item.id}" for dim in rubric.dimensions for item in dim.indicators}
    if run.config.strategy == "passages":
        names = {f"{dim.id}.{q.id}" for dim in rubric.dimensions for q in dim.passage_questions}
    return [
        (
            recounted(
                {
                    k: v
                    for k, v in prediction.answers[0].items()
                    if k in names or k.startswith(PREFIX)
                },
                label,
                rubric,
            ),
            {dim: lvl.rank for dim, lvl in label.levels.items()},
        )
        for prediction, label in calibration_pairs(run, labels, root, reference)
    ]


def calibration_groups(
    run: EvalRun, labels: Sequence[Label], root: Path, reference: str | None
) -> list[str]:
    """Return the labels file of each row :func:`calibration_data` gives, in the same order."""
    return [
        label.source.rsplit(":", 1)[0]
        for _, label in calibration_pairs(run, labels, root, reference)
    ]
