from __future__ import annotations

from pathlib import Path

import pytest

from grader.rubrics.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "transcripts_samples"


@pytest.fixture(autouse=True)
def _own_calibration_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the user's own calibrations (grader calibrate-model) out of every test."""
    monkeypatch.setenv("GRADER_CALIBRATION_DIR", str(tmp_path_factory.mktemp("calibrations")))


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".vtt", ".srt", ".json"})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the fault suite's one-line tally when it ran (see tests/test_fault_suite.py)."""
    line = getattr(terminalreporter.config, "fault_suite_tally", None)
    if line:
        terminalreporter.write_line(line)
