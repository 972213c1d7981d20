from __future__ import annotations

from pathlib import Path

import pytest

from grader.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "transcripts_samples"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".vtt", ".srt", ".json"})


@pytest.fixture(autouse=True)
def _plain_strategy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run command-line tests with the one-call-per-dimension method unless a test asks.

    The command line's default method (indicators) asks 30 yes/no questions per transcript;
    most tests count calls of the plain method. Tests of the indicator method pass
    --strategy indicators themselves.
    """
    monkeypatch.setenv("GRADER_STRATEGY", "per_dimension")
