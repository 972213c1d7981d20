from __future__ import annotations

from pathlib import Path
from typing import Any

from grader.calibration.fit import build
from grader.calibration.model import Calibration
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript, parse


def make_transcript(*turns: tuple[str, str], path: str = "t.txt") -> Transcript:
    """Build a transcript from (speaker, text) pairs in the plain-text format."""
    text = "\n\n".join(f"{speaker}: {body}" for speaker, body in turns)
    return parse(text, path=path, fmt="text")


def long_transcript(turn_count: int, words_per_turn: int = 90) -> Transcript:
    """A synthetic interview with numbered sentences, so every turn is distinct."""
    turns = []
    for i in range(turn_count):
        speaker = "Interviewer" if i % 2 == 0 else "Candidate"
        sentences = [
            f"Point {i}-{j} is about latency budgets and caching layers number {j}."
            for j in range(max(1, words_per_turn // 11))
        ]
        turns.append((speaker, " ".join(sentences)))
    return make_transcript(*turns)


def fitted_calibration(
    rows: list[tuple[dict[str, float], dict[str, int]]],
    dimensions: list[str],
    rubric: Rubric,
    **options: Any,
) -> Calibration:
    """A calibration fitted on ``rows`` for the fake backend's model and ``rubric``.

    ``options`` go to :func:`grader.calibration.fit.build` (``use_text``, ``strategy``...).
    """
    return build(
        rows,
        dimensions,
        id="t",
        model="fake-model",
        rubric_id=rubric.id,
        rubric_sha256=rubric.sha256,
        prompts_sha256="x",
        fitted_on=["x"],
        counts=rubric.counts(),
        **options,
    )


TURNS = [
    ("Interviewer", "How would you measure the checkout change?"),
    ("Candidate", "I would track conversion per session and the p95 latency of payment {n}."),
    ("Interviewer", "What could go wrong?"),
    ("Candidate", "Retries could double charge customer {n}, so I would add idempotency keys."),
]


def write_interviews(folder: Path, count: int, start: int = 0) -> list[Path]:
    """Write ``count`` short, distinct interviews into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"interview_{n:03d}.txt"
        path.write_text("\n\n".join(f"{who}: {text.format(n=n)}" for who, text in TURNS) + "\n")
        paths.append(path)
    return paths
