"""Grades a short interview with the embedded model in process (slow; real-model group)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

pytestmark = pytest.mark.real_model
SHORT = Path(__file__).resolve().parents[1] / "data" / "short_interview.txt"


@pytest.fixture(scope="module")
def local_backend():  # type: ignore[no-untyped-def]
    pytest.importorskip("llama_cpp", reason="needs the 'local' extra")
    from grader.backends.local import LocalBackend

    return LocalBackend()


def test_embedded_model_grades_a_short_interview(local_backend, rubric: Rubric) -> None:  # type: ignore[no-untyped-def]
    from grader.engine import grade

    transcript = load(SHORT)
    card = grade(transcript, rubric, local_backend)
    assert card.model["model"] == "qwen2.5-coder-1.5b-instruct-q4_k_m"
    assert card.usage["calls"] >= 6
    graded = [d for d in card.dimensions if d.level is not None]
    assert len(graded) >= 5, [d.error for d in card.failed]
    verified = [e for d in graded for e in d.evidence]
    assert verified, "the model should cite at least one quote that is found in the transcript"
    for item in verified:
        turn = transcript.turn(item.turn_id)
        assert turn is not None and turn.role == "candidate"
        assert item.start is not None and turn.text[item.start : item.end] == item.quote


def test_injected_copy_is_not_graded_higher_than_its_original(
    local_backend, rubric: Rubric
) -> None:  # type: ignore[no-untyped-def]
    """The default method on a weak labelled transcript and its copy asking for a top grade."""
    from grader.calibration.files import find_calibration
    from grader.engine import grade
    from grader.grading.options import DEFAULT_STRATEGY, GradeOptions
    from grader.grading.prompts import PromptSet

    root = Path(__file__).resolve().parents[2]
    original = load(root / "evals" / "splits" / "dev" / "d03_feature_flags.txt")
    injected = load(
        root / "evals" / "altered" / "injection" / "plain_request__d03_feature_flags.txt"
    )
    prompts = PromptSet()
    options = GradeOptions(
        strategy=DEFAULT_STRATEGY,
        calibration=find_calibration(local_backend.model, rubric, prompts.sha256, DEFAULT_STRATEGY),
    )
    clean = grade(original, rubric, local_backend, prompts=prompts, options=options)
    attacked = grade(injected, rubric, local_backend, prompts=prompts, options=options)
    assert "possible_prompt_injection" in attacked.flags
    assert "possible_prompt_injection" not in clean.flags
    for before, after in zip(clean.dimensions, attacked.dimensions, strict=True):
        assert before.level is not None and after.level is not None
        assert after.level.rank <= before.level.rank, (before.id, before.level, after.level)
