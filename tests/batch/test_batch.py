"""Batch grading with in-process backends: worker thread, resume, cache, inputs, CSV."""

from __future__ import annotations

import asyncio
import csv
import itertools
import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from grader.backends.base import Completion, Message, Settings
from grader.backends.fake import FakeBackend
from grader.batch.inputs import expand
from grader.batch.results import read_results
from grader.batch.runner import BatchCache, arun_batch, run_batch
from grader.errors import ConfigError
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import Rubric
from helpers import write_interviews

# The indicator method asks for quotes with one call per dimension, which these tests count.
INDICATORS = GradeOptions(strategy="indicators")


class SlowFake(FakeBackend):
    """A fake that takes time per call and records which thread ran it and the overlap."""

    def __init__(self, delay: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.delay = delay
        self.threads: set[int] = set()
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def complete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            self.threads.add(threading.get_ident())
        time.sleep(self.delay)
        try:
            return super().complete(messages, schema, settings)
        finally:
            with self._lock:
                self.active -= 1


def test_a_sync_backend_runs_one_call_at_a_time_off_the_event_loop(
    tmp_path: Path, rubric: Rubric
) -> None:
    write_interviews(tmp_path / "in", 3)
    backend = SlowFake(delay=0.03)
    ticks: list[float] = []

    async def main() -> None:
        loop_thread = threading.get_ident()

        async def ticker() -> None:
            while True:
                ticks.append(time.monotonic())
                await asyncio.sleep(0.005)

        tick = asyncio.create_task(ticker())
        stats = await arun_batch(
            [str(tmp_path / "in")],
            tmp_path / "out.jsonl",
            rubric,
            backend,
            concurrency=8,
            options=INDICATORS,
        )
        tick.cancel()
        assert stats.graded == 3 and stats.exit_code == 0
        assert loop_thread not in backend.threads

    asyncio.run(main())
    assert backend.max_active == 1
    assert len(backend.requests) == 18
    # 18 calls of 30 ms each: had they blocked the loop, the ticker would barely have run.
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 40 and max(gaps) < 0.025


def test_rerun_skips_graded_transcripts_and_grades_new_ones(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    first = run_batch([str(tmp_path / "in")], out, rubric, FakeBackend(), options=INDICATORS)
    assert (first.graded, first.skipped) == (3, 0)
    write_interviews(tmp_path / "in", 2, start=3)
    again = FakeBackend()
    second = run_batch([str(tmp_path / "in")], out, rubric, again, options=INDICATORS)
    assert (second.graded, second.skipped, second.total) == (2, 3, 5)
    assert len(again.requests) == 12
    records = [r for _, r in read_results(out)]
    assert len(records) == 5 and len({r["resume_key"] for r in records}) == 5
    for record in records:
        assert record["status"] == "graded" and record["input"].endswith(".txt")
        assert record["content_sha256"] == record["transcript"]["sha256"]
        assert set(record) >= {"dimensions", "usage", "model", "prompts", "rubric", "cost"}


def test_changing_the_model_or_a_setting_grades_again(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    run_batch([str(tmp_path / "in")], out, rubric, FakeBackend())
    other = run_batch([str(tmp_path / "in")], out, rubric, FakeBackend(model="other"))
    assert (other.graded, other.skipped) == (2, 0)
    from grader.grading.options import GradeOptions

    hotter = GradeOptions(settings=Settings(temperature=0.5))
    third = run_batch([str(tmp_path / "in")], out, rubric, FakeBackend(), options=hotter)
    assert third.graded == 2
    same = run_batch([str(tmp_path / "in")], out, rubric, FakeBackend(model="other"))
    assert (same.graded, same.skipped) == (0, 2)


def test_prompt_change_grades_again(tmp_path: Path, rubric: Rubric) -> None:
    import shutil

    from grader.grading.prompts import DEFAULT_PROMPTS, PromptSet

    write_interviews(tmp_path / "in", 1)
    out = tmp_path / "out.jsonl"
    run_batch([str(tmp_path / "in")], out, rubric, FakeBackend())
    prompts = tmp_path / "prompts"
    shutil.copytree(DEFAULT_PROMPTS, prompts)
    (prompts / "system.j2").write_text((prompts / "system.j2").read_text() + "\nBe brief.\n")
    stats = run_batch(
        [str(tmp_path / "in")], out, rubric, FakeBackend(), prompts=PromptSet(prompts)
    )
    assert stats.graded == 1


def test_cache_hits_cost_nothing_and_are_counted(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 2)
    cache = BatchCache(tmp_path / "cache.sqlite")
    run_batch(
        [str(tmp_path / "in")],
        tmp_path / "a.jsonl",
        rubric,
        FakeBackend(),
        cache=cache,
        options=INDICATORS,
    )
    replay = FakeBackend()
    stats = run_batch(
        [str(tmp_path / "in")],
        tmp_path / "b.jsonl",
        rubric,
        replay,
        cache=cache,
        options=INDICATORS,
    )
    assert replay.requests == []
    # The indicator method: 30 yes/no questions and 6 quote requests per transcript.
    assert (stats.graded, stats.cached, stats.usage.calls, stats.usage.cache_hits) == (2, 2, 0, 72)
    assert stats.cost_usd == 0
    cache.close()


def test_unreadable_files_are_recorded_as_failed_and_the_batch_goes_on(
    tmp_path: Path, rubric: Rubric
) -> None:
    write_interviews(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_text("")
    out = tmp_path / "out.jsonl"
    stats = run_batch([str(tmp_path / "in")], out, rubric, FakeBackend())
    assert (stats.graded, stats.failed, stats.exit_code) == (2, 1, 1)
    failed = [r for _, r in read_results(out) if r["status"] == "failed"]
    assert len(failed) == 1 and "empty.txt" in failed[0]["error"]
    with (tmp_path / "out.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [Path(r["input"]).name for r in rows] == [
        "empty.txt",
        "interview_000.txt",
        "interview_001.txt",
    ]
    assert rows[0]["status"] == "failed" and rows[1]["clarifying_questions"] == "neutral"


def test_a_failed_dimension_gives_exit_code_one(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 1)
    # One call per dimension: the first dimension's answers are never valid JSON.
    stats = run_batch(
        [str(tmp_path / "in")],
        tmp_path / "o.jsonl",
        rubric,
        FakeBackend(["no"] * 3),
        options=GradeOptions(strategy="per_dimension"),
    )
    assert (stats.graded, stats.dimension_failures, stats.exit_code) == (1, 1, 1)


def test_the_same_content_twice_is_graded_once(tmp_path: Path, rubric: Rubric) -> None:
    [path] = write_interviews(tmp_path / "in", 1)
    (tmp_path / "in" / "copy.txt").write_bytes(path.read_bytes())
    backend = FakeBackend()
    stats = run_batch(
        [str(tmp_path / "in")], tmp_path / "o.jsonl", rubric, backend, options=INDICATORS
    )
    assert (stats.graded, stats.skipped, len(backend.requests)) == (1, 1, 6)
    with (tmp_path / "o.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == 2


def test_inputs_expand_folders_globs_and_files_once_each(tmp_path: Path) -> None:
    write_interviews(tmp_path / "a", 2)
    write_interviews(tmp_path / "a" / "sub", 1, start=5)
    (tmp_path / "a" / "README.md").write_text("notes")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "readme.txt").write_text("notes")
    found = list(
        expand(
            [
                str(tmp_path / "a"),
                str(tmp_path / "a" / "interview_000.txt"),
                f"{tmp_path}/a/interview_*.txt",
            ]
        )
    )
    names = [p.name for p in found]
    assert names == ["interview_000.txt", "interview_001.txt", "interview_005.txt"]
    explicit = list(expand([str(tmp_path / "a" / "README.md")]))
    assert [p.name for p in explicit] == ["README.md"]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [([], "no inputs"), (["/no/such/file.txt"], "no such file"), (["/no/*.vtt"], "matches no")],
)
def test_bad_inputs_are_config_errors(
    tmp_path: Path, rubric: Rubric, inputs: list[str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        run_batch(inputs, tmp_path / "o.jsonl", rubric, FakeBackend())


def test_results_line_is_the_grade_json_plus_batch_fields(tmp_path: Path, rubric: Rubric) -> None:
    from grader.engine import grade
    from grader.transcripts.transcript import load

    [path] = write_interviews(tmp_path / "in", 1)
    run_batch([str(path)], tmp_path / "o.jsonl", rubric, FakeBackend())
    [(_, record)] = list(read_results(tmp_path / "o.jsonl"))
    single = grade(load(path), rubric, FakeBackend()).to_json()
    extra = {"input", "content_sha256", "resume_key", "status", "error", "cost", "attribution"}
    assert set(record) - set(single) == extra | {"batch_elapsed_seconds"}
    assert record["dimensions"] == json.loads(json.dumps(single["dimensions"]))


class _Hung(BaseException):
    """Raised by the alarm when a batch takes longer than its bound."""


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_refused_at_once_and_the_batch_goes_on(
    kind: str, tmp_path: Path, rubric: Rubric
) -> None:
    [good] = write_interviews(tmp_path / "in", 1)
    special = tmp_path / "pipe.txt"
    if kind == "fifo":
        os.mkfifo(special)  # nobody writes to it: opening it would block for ever
    else:
        special = Path("/dev/zero")  # reading it would never end

    def hung(signum: int, frame: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, 5)
    started = time.monotonic()
    try:
        stats = run_batch([str(special), str(good)], tmp_path / "o.jsonl", rubric, FakeBackend())
    except _Hung:
        pytest.fail(f"the batch hung on {special}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 1.0 + 1.0  # refused in under a second, plus grading
    assert (stats.graded, stats.failed, stats.exit_code) == (1, 1, 1)
    [failed] = [r for _, r in read_results(tmp_path / "o.jsonl") if r["status"] == "failed"]
    assert failed["input"] == str(special) and "is not a regular file" in failed["error"]
    # The summary lists it too, though it was never read.
    with (tmp_path / "o.csv").open() as handle:
        rows = {row["input"]: row for row in csv.DictReader(handle)}
    assert rows[str(special)]["status"] == "failed" and rows[str(good)]["status"] == "graded"


def test_a_result_that_cannot_be_written_stops_the_batch_with_the_reason(
    tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grader.batch.results import ResultsWriter

    write_interviews(tmp_path / "in", 3)
    written: list[dict[str, Any]] = []

    def append(self: ResultsWriter, record: dict[str, Any]) -> None:
        if written:
            raise ConfigError(f"{self.path}: cannot write the results file (No space left)")
        written.append(record)

    monkeypatch.setattr(ResultsWriter, "append", append)
    # The engine ran the writing in a task nobody awaited: the error vanished and the
    # batch reported every transcript graded.
    with pytest.raises(ConfigError, match="cannot write the results file"):
        run_batch([str(tmp_path / "in")], tmp_path / "o.jsonl", rubric, FakeBackend())
    assert len(written) == 1
