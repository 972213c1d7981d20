"""Every entry point grades alike and redacts alike, because the library decides both.

``grader grade`` (the engine's ``grade``), ``grader batch`` (``run_batch``), ``grader batch
--openai-batch`` (``run_openai_batch``), ``grader eval`` (``run_eval``) and ``grader audit
--with-model`` (``grade_interviews``) are driven here through the library calls the command
line makes, with a fake model whose yes/no answers depend on the question asked: the same
transcript and settings must give the same six levels everywhere. Against a model that is
not on this machine, each must redact personal data from every request it sends, by
default.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from batch_api import FakeBatchAPI
from grader.audit.model_grades import grade_interviews
from grader.backends.base import Message
from grader.backends.fake import FakeBackend
from grader.batch.openai_batch import run_openai_batch
from grader.batch.results import read_results
from grader.batch.runner import run_batch
from grader.engine import grade
from grader.evaluation.config import EvalConfig
from grader.evaluation.run import run_eval
from grader.grading.options import GradeOptions
from grader.ratings.labels import load_labels
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

TEXT = (
    "Interviewer: Thanks for joining. Checkout got slower last week. How would you start?\n\n"
    "Candidate: I'd ask which platforms and which step. You can reach me at "
    "marco.silva@example.com or +1 (415) 555-0132. I'd compare p95 latency before and after "
    "the release, per region.\n\n"
    "Interviewer: p95 went from 800 ms to 2.1 s, only on Android.\n\n"
    "Candidate: Then I'd look at what shipped on Android, roll back behind a flag if needed, "
    "and track checkout conversion and p95 together. The tradeoff is speed of rollback "
    "against losing the new payment option.\n"
)
# Within redaction's documented scope: emails and phone numbers.
PERSONAL = ("marco", "silva", "example.com", "555-0132", "415")


def p_yes(messages: list[Message]) -> float:
    """A different but fixed P(yes) for every question about every text."""
    digest = hashlib.sha256(messages[-1]["content"].encode()).digest()
    return 0.05 + 0.9 * int.from_bytes(digest[:4], "big") / 2**32


class RemoteFake(FakeBackend):
    """The fake model, described as an endpoint on another machine."""

    name = "openai"

    def describe(self) -> dict[str, Any]:
        return {"backend": "openai", "model": self.model, "base_url": "https://api.example.test/v1"}


def write(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "checkout.txt"
    path.write_text(TEXT, encoding="utf-8")
    labels = {
        "transcript": "in/checkout.txt",
        "labeller": "project-authors-design",
        "levels": {"metrics": "strong"},
    }
    (tmp_path / "labels.jsonl").write_text(json.dumps(labels) + "\n")
    return path


def five_entry_points(
    tmp_path: Path, rubric: Rubric, options: GradeOptions, make: type[FakeBackend]
) -> tuple[dict[str, list[str | None]], dict[str, str]]:
    """Grade one transcript through every entry point; return levels and every request sent."""
    path = write(tmp_path)
    levels: dict[str, list[str | None]] = {}
    sent: dict[str, str] = {}

    def seen(fake: FakeBackend) -> str:
        return json.dumps([fake.questions, [m for m, _ in fake.requests]]).lower()

    fake = make(yes=p_yes)
    card = grade(load(path), rubric, fake, options=options)
    levels["grade"], sent["grade"] = list(card.levels().values()), seen(fake)

    fake = make(yes=p_yes)
    run_batch([str(path)], tmp_path / "batch.jsonl", rubric, fake, options=options)
    [(_, row)] = read_results(tmp_path / "batch.jsonl")
    levels["batch"] = [d["level"] for d in row["dimensions"]]
    sent["batch"] = seen(fake)

    api = FakeBatchAPI()
    api.yes = p_yes
    out = tmp_path / "api.jsonl"
    run_openai_batch(
        [str(path)], out, rubric, api.client(), "fake-model", options=options, sleep=lambda s: 0
    )
    [(_, row)] = read_results(out)
    levels["openai_batch"] = [d["level"] for d in row["dimensions"]]
    sent["openai_batch"] = json.dumps([line["body"] for u in api.uploads for line in u]).lower()

    fake = make(yes=p_yes)
    config = EvalConfig(
        strategy=options.strategy,
        redact=options.redact,
        calibration="shipped",
        max_attempts=options.max_attempts,
    )
    labels = load_labels([tmp_path / "labels.jsonl"], rubric)
    run = run_eval(labels, rubric, config, backend=fake)
    levels["eval"] = list(run.predictions[0].runs[0].values())
    sent["eval"] = seen(fake)

    fake = make(yes=p_yes)
    found = grade_interviews({"checkout": path}, rubric, fake, options=options)
    by_dim = {r.dimension: r.level.value for r in found.ratings}
    levels["audit"] = [by_dim.get(d.id) for d in rubric.dimensions]
    sent["audit"] = seen(fake)
    return levels, sent


def test_every_entry_point_gives_the_same_levels(tmp_path: Path, rubric: Rubric) -> None:
    # The default method; redaction asked for explicitly so that every path sends the same
    # text (the Batch API's endpoint is remote, the fake is local).
    options = GradeOptions(redact=True)
    levels, _ = five_entry_points(tmp_path, rubric, options, FakeBackend)
    first = levels["grade"]
    assert all(level is not None for level in first)
    assert len(set(first)) > 1, "the fake should give different levels to different dimensions"
    assert levels == {name: first for name in levels}


def test_every_entry_point_redacts_against_a_remote_model_by_default(
    tmp_path: Path, rubric: Rubric
) -> None:
    _, sent = five_entry_points(tmp_path, rubric, GradeOptions(), RemoteFake)
    assert set(sent) == {"grade", "batch", "openai_batch", "eval", "audit"}
    for name, text in sent.items():
        assert "candidate" in text, f"{name}: nothing was sent"
        leaked = [item for item in PERSONAL if item in text]
        assert leaked == [], f"{name} sent {leaked}"


def test_a_local_model_is_not_redacted_by_default(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path)
    fake = FakeBackend(yes=p_yes)
    grade(load(path), rubric, fake)
    assert "marco.silva@example.com" in json.dumps(fake.questions)


def test_a_failure_while_recording_an_outcome_stops_the_run_and_is_raised(
    tmp_path: Path, rubric: Rubric
) -> None:
    import asyncio

    import pytest

    from grader.engine import Hooks, Job, grade_many

    path = write(tmp_path)
    jobs = [Job(load(path), tag=n) for n in range(5)]
    seen: list[int] = []

    def record(outcome: Any) -> None:
        seen.append(outcome.job.tag)
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        asyncio.run(
            grade_many(jobs, rubric, FakeBackend(yes=p_yes), hooks=Hooks(on_outcome=record))
        )
    assert seen and len(seen) < 5
