from __future__ import annotations

from pathlib import Path

import pytest

from grader.rubrics.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "transcripts_samples"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".vtt", ".srt", ".json"})
