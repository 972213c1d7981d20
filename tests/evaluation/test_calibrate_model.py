"""grader calibrate-model: grade the labelled set with one's own model, fit, and use it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from grader.calibration.files import load_calibration
from grader.cli.main import main
from grader.evaluation.calibrate_model import CALIBRATION_SPLITS, calibration_path
from grader.rubrics.rubric import Rubric

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "evals" / "splits" / "samples"
TRANSCRIPT = ROOT / "transcripts_samples" / "01_checkout_latency.txt"


def _grade(model: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["grade", str(TRANSCRIPT), "--backend", "fake", "--model", model, "--json"]) == 0
    found: dict[str, object] = json.loads(capsys.readouterr().out)
    return found


def test_one_command_calibrates_and_grading_then_uses_it(
    rubric: Rubric, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    before = _grade("my-model", capsys)
    assert before["calibration"] is None
    assert any("uncalibrated" in str(w) for w in before["warnings"])  # type: ignore[attr-defined]

    args = ["calibrate-model", str(SAMPLES), "--backend", "fake", "--model", "my-model"]
    assert main([*args, "--no-cache", "-q"]) == 0
    out = capsys.readouterr().out
    written = calibration_path(rubric, "my-model", "passages")
    assert written.parent == Path(os.environ["GRADER_CALIBRATION_DIR"])
    assert f"wrote {written}" in out and "QWK" in out
    calibration = load_calibration(written, rubric)
    assert calibration.model == "my-model" and calibration.strategy == "passages"
    assert calibration.fitted_on == [str(SAMPLES)]
    assert set(calibration.dimensions) == {dim.id for dim in rubric.dimensions}

    after = _grade("my-model", capsys)
    assert isinstance(after["calibration"], dict)
    assert after["calibration"]["id"] == "pm-technical.my-model.passages"
    assert not any("uncalibrated" in str(w) for w in after["warnings"])  # type: ignore[attr-defined]
    # Another model still has none.
    assert _grade("another-model", capsys)["calibration"] is None


def test_the_indicator_method_gets_its_own_calibration(
    rubric: Rubric, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "indicators.json"
    args = ["calibrate-model", str(SAMPLES), "--backend", "fake", "--model", "m"]
    assert main([*args, "--strategy", "indicators", "--no-cache", "-q", "-o", str(out)]) == 0
    capsys.readouterr()
    assert load_calibration(out, rubric).strategy == "indicators"


def test_a_method_without_calibration_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["calibrate-model", str(SAMPLES), "--backend", "fake", "--strategy", "per_dimension"]
    assert main(args) == 2
    assert "invalid choice: 'per_dimension'" in capsys.readouterr().err


def test_outside_the_repository_the_default_set_is_named_as_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["calibrate-model", "--backend", "fake", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"evals/splits/{CALIBRATION_SPLITS[0]}/labels.jsonl" in err
    assert "labelled set is not here" in err and "checkout" in err


def test_the_default_set_exists_and_leaves_the_held_out_splits_out() -> None:
    for name in CALIBRATION_SPLITS:
        assert (ROOT / "evals" / "splits" / name / "labels.jsonl").is_file(), name
    assert not {"holdout7", "fresh_c", "fresh_d", "fresh_e", "fresh_f"} & set(CALIBRATION_SPLITS)
