"""Calibrating one's own model in one step: grade the labelled set with it, then fit.

A model without a calibration is graded with the rubric's default cuts, which measured far
below a fitted calibration. :func:`calibrate_model` grades the labelled transcripts with the
user's model (through the response cache, so a stopped run resumes where it stopped), fits a
calibration on its answers exactly as ``grader calibrate`` does, and records the model's
name and, where it is known, its identity (:mod:`grader.backends.identity`), so that grading
with the same model finds it. By default it is written to the user's calibration folder
(:func:`grader.calibration.files.user_dir`), which grading searches before the shipped ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from grader.backends.cache import ResponseCache
from grader.calibration.files import model_key, user_dir
from grader.errors import ConfigError
from grader.evaluation.calibrate import Fitted, calibrate
from grader.evaluation.config import EvalConfig
from grader.evaluation.run import Progress, run_eval
from grader.grading.options import CALIBRATED
from grader.ratings.labels import Label
from grader.rubrics.rubric import Rubric

# The labelled splits a user's calibration is fitted on, in the source repository's
# evals/splits: the house-style splits and the four splits of other styles the shipped
# calibrations were fitted on, so the fit sees more than one style. The splits the default
# was measured on (holdout7, fresh_c, fresh_d) and those held out (fresh_e, fresh_f) stay out.
CALIBRATION_SPLITS = (
    "samples",
    "dev",
    "test",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "speech_a",
    "speech_b",
    "fresh_a",
    "fresh_b",
)
SPLITS_FOLDER = Path("evals") / "splits"


def default_label_files(root: Path) -> list[Path]:
    """Return the labels files of :data:`CALIBRATION_SPLITS` under ``root``.

    Raises:
        ConfigError: They are not there (the labelled set is in the source repository, not
            in the installed package).
    """
    files = [root / SPLITS_FOLDER / name / "labels.jsonl" for name in CALIBRATION_SPLITS]
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise ConfigError(
            f"{missing[0]}: the labelled set is not here ({len(missing)} of "
            f"{len(files)} labels files missing)",
            hint="Run from a checkout of the source repository, or name labels files",
        )
    return files


def safe_name(model: str) -> str:
    """Return a model name fit for a file name (a GGUF path becomes its file stem)."""
    name = model_key(model)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "model"


def calibration_path(rubric: Rubric, model: str, strategy: str) -> Path:
    """Return where a calibration for this model is written by default."""
    return user_dir() / f"{rubric.id}.{safe_name(model)}.{strategy}.json"


def calibrate_model(
    labels: Sequence[Label],
    rubric: Rubric,
    config: EvalConfig,
    *,
    label_files: Sequence[str | Path],
    root: Path,
    cache: ResponseCache | None = None,
    progress: Progress | None = None,
    concurrency: int | None = None,
    calibration_id: str | None = None,
) -> Fitted:
    """Grade ``labels`` with the configured model and fit a calibration on its answers.

    Raises:
        ConfigError: The method has no calibration, or too few transcripts were graded.
        GraderError: A transcript cannot be graded (nothing is fitted on a partial set; the
            answers so far are in the cache, so running again resumes).
    """
    if config.strategy not in CALIBRATED:
        raise ConfigError(
            f"the {config.strategy} method has no calibration",
            hint="Use --strategy " + " or --strategy ".join(CALIBRATED),
        )
    # The levels of this run are not used (only its answers are), so no calibration is read.
    config = replace(config, calibration="rubric_cuts")
    extra = {} if concurrency is None else {"concurrency": concurrency}
    run = run_eval(
        labels, rubric, config, cache=cache, progress=progress, display_root=root, **extra
    )
    model = str(run.model.get("model"))
    return calibrate(
        run,
        labels,
        rubric,
        calibration_id=calibration_id or f"{rubric.id}.{safe_name(model)}.{config.strategy}",
        fitted_on=[str(f) for f in label_files],
        root=root,
    )
