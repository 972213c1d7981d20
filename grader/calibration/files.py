"""Calibration files: finding the user's or the shipped one, reading one safely, writing one.

A calibration is read strictly (:class:`~grader.calibration.model.Calibration`), and one used
with a rubric must have been fitted for that rubric: the same rubric id and file hash, and
only dimensions and answers the rubric has.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from grader import data
from grader.calibration.model import (
    FIT_HINT,
    PASSAGE_AGGREGATES,
    Calibration,
    CalibrationError,
)
from grader.rubrics.rubric import Rubric
from grader.rubrics.source import line_of, parse_data
from grader.transcripts.features import PREFIX as TEXT_PREFIX

SHIPPED = data.path("rubric", "calibration")


def user_dir() -> Path:
    """Return the folder of the user's own calibrations (``GRADER_CALIBRATION_DIR`` overrides).

    ``grader calibrate-model`` writes there by default, and grading finds a calibration
    there before the shipped ones.
    """
    if explicit := os.environ.get("GRADER_CALIBRATION_DIR"):
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "transcript-grader" / "calibrations"


def model_key(name: str) -> str:
    """Return a model name as calibrations compare it: a GGUF file's path is its file stem.

    A server started on a GGUF file (llama-cpp-python's) names the model by the file's
    path, where the in-process backend names it by the stem.
    """
    if name.lower().endswith(".gguf"):
        return Path(name.replace("\\", "/")).stem
    return name


def find_calibration(
    model: str,
    rubric: Rubric,
    prompts_sha256: str,
    strategy: str = "indicators",
    identity: Callable[[], str | None] | None = None,
) -> Calibration | None:
    """Return a calibration fitted for this model, rubric, prompts and method.

    The user's own calibrations (:func:`user_dir`) come before the shipped ones. A
    calibration fits the model when it names the same model (:func:`model_key`); failing
    that, when it records the same identity (:mod:`grader.backends.identity`: the same
    GGUF, however it is served or named). ``identity`` is called only then, since asking a
    server for it is a request.
    """
    fitting = []
    for path in [p for f in (user_dir(), SHIPPED) if f.is_dir() for p in sorted(f.glob("*.json"))]:
        try:
            found = load_calibration(path)
        except CalibrationError:
            if path.parent == SHIPPED:
                raise
            continue  # a broken file of the user's is refused when named, not when searched
        if (found.rubric_sha256, found.prompts_sha256, found.strategy) == (
            rubric.sha256,
            prompts_sha256,
            strategy,
        ):
            fitting.append(found)
    for found in fitting:
        if model_key(found.model) == model_key(model):
            return found
    known = identity() if identity is not None and fitting else None
    return next((f for f in fitting if known and f.model_identity == known), None)


def load_calibration(path: str | Path, rubric: Rubric | None = None) -> Calibration:
    """Read and validate a calibration file.

    Args:
        path: The calibration's JSON file.
        rubric: The rubric it is about to grade with; when given, a calibration fitted for
            another rubric (id or file hash) or naming dimensions, indicators or counts the
            rubric does not have is refused.

    Raises:
        CalibrationError: Unreadable, not JSON, not a calibration of the known format
            (numbers not finite, cuts out of order, unknown answers), or not for ``rubric``;
            the message names the file and, where it can, the line.
    """
    file = Path(path)
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError as exc:
        raise CalibrationError(
            file, f"cannot read calibration ({exc.strerror})", hint="Check the --calibration path"
        ) from None
    except UnicodeDecodeError:
        raise CalibrationError(file, "calibration is not UTF-8 text", hint=FIT_HINT) from None
    found = parse_data(file, text, CalibrationError, "calibration", json_only=True)
    if not isinstance(found, dict):
        raise CalibrationError(file, "not a valid calibration file (not a JSON object)")
    try:
        calibration = Calibration.model_validate(found)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first["loc"])
        where = ".".join(str(p) for p in loc)
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] in ("finite_number", "greater_than", "greater_than_equal"):
            message = f"{message} (found {first.get('input')!r})"
        raise CalibrationError(
            file,
            f"not a valid calibration file ({where}: {message})",
            line=line_of(text, found, loc[:-1] if first["type"] == "missing" else loc),
            hint=FIT_HINT,
        ) from None
    if rubric is not None:
        check_rubric(calibration, rubric, file, text)
    return calibration


def check_rubric(calibration: Calibration, rubric: Rubric, file: Path, text: str = "") -> None:
    """Refuse a calibration that was not fitted for ``rubric``.

    Raises:
        CalibrationError: Another rubric id or rubric file hash, or a dimension, indicator
            or count from the text that the rubric does not have.
    """

    def refuse(message: str, key: str) -> CalibrationError:
        return CalibrationError(
            file,
            message,
            line=line_of(text, {key: None}, [key]) if text else None,
            hint="Pass the rubric it was fitted for (--rubric), or fit one for this rubric "
            "with: grader calibrate",
        )

    if calibration.rubric_id != rubric.id:
        raise refuse(
            f"fitted for rubric {calibration.rubric_id!r}, not {rubric.id!r} ({rubric.path})",
            "rubric_id",
        )
    if calibration.rubric_sha256 != rubric.sha256:
        raise refuse(
            f"fitted for another version of rubric {rubric.id!r}: its rubric_sha256 starts "
            f"{calibration.rubric_sha256[:12]!r}, the sha256 of {rubric.path} "
            f"{rubric.sha256[:12]!r}",
            "rubric_sha256",
        )
    for name in calibration.dimensions:
        if name not in rubric.counts():
            raise refuse(f"dimension {name!r} is not in rubric {rubric.id!r}", "dimensions")
    known = {f"{d.id}.{i.id}" for d in rubric.dimensions for i in d.indicators}
    known |= {
        f"{d.id}.{q.id}{suffix}"
        for d in rubric.dimensions
        for q in d.passage_questions
        for suffix in ("", *(f"_{name}" for name in PASSAGE_AGGREGATES))
    }
    known |= {TEXT_PREFIX + count for d in rubric.dimensions for count in d.count_names()}
    for name in calibration.features:
        if name not in known:
            raise refuse(f"feature {name!r} is no answer rubric {rubric.id!r} asks", "features")


def save_calibration(calibration: Calibration, path: str | Path) -> None:
    """Write a calibration file."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(calibration.model_dump_json(indent=2) + "\n")
