from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from grader.backends.cache import ResponseCache
from grader.backends.fake import FakeBackend
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import Rubric
from helpers import make_transcript

T = make_transcript(
    ("Interviewer", "How would you measure it?"),
    ("Candidate", "I would track conversion per search and the p95 latency of results."),
)

# These tests follow the one-call-per-dimension method's requests and answers.
PER_DIMENSION = GradeOptions(strategy="per_dimension")


def test_rerun_with_the_same_request_makes_no_call(tmp_path: Path, rubric: Rubric) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    first = FakeBackend()
    card = grade(T, rubric, first, cache=cache, options=PER_DIMENSION)
    assert card.usage["calls"] == 6 and card.usage["cache_hits"] == 0
    again = FakeBackend()
    card2 = grade(T, rubric, again, cache=cache, options=PER_DIMENSION)
    assert again.requests == []
    assert card2.usage["calls"] == 0 and card2.usage["cache_hits"] == 6
    assert card2.levels() == card.levels()
    assert cache.info()["entries"] == 6


def test_a_different_model_or_prompt_misses(tmp_path: Path, rubric: Rubric) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    grade(T, rubric, FakeBackend(), cache=cache, options=PER_DIMENSION)
    other = FakeBackend(model="another-model")
    grade(T, rubric, other, cache=cache, options=PER_DIMENSION)
    assert len(other.requests) == 6


def test_invalid_answers_are_never_cached(tmp_path: Path, rubric: Rubric) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    card = grade(T, rubric, FakeBackend(["not json"] * 100), cache=cache, options=PER_DIMENSION)
    assert all(d.level is None for d in card.dimensions)
    assert cache.info()["entries"] == 0
    valid = json.dumps({"evidence": [], "rationale": "r", "level": "weak"})
    card = grade(
        T, rubric, FakeBackend(["not json", valid] * 6), cache=cache, options=PER_DIMENSION
    )
    assert all(d.level is not None for d in card.dimensions)
    assert cache.info()["entries"] == 6
    # The stored answer is the valid one, keyed by the original request.
    replay = FakeBackend(["not json"] * 100)
    card = grade(T, rubric, replay, cache=cache, options=PER_DIMENSION)
    assert replay.requests == [] and all(d.level is not None for d in card.dimensions)


def _writer(path: str, start: int) -> None:
    cache = ResponseCache(path)
    for i in range(start, start + 50):
        cache.put(f"k{i}", "m", f"text{i}", 1, 1)
    cache.close()


def test_concurrent_writers_from_several_processes(tmp_path: Path) -> None:
    path = str(tmp_path / "cache.sqlite")
    ResponseCache(path).close()
    procs = [multiprocessing.Process(target=_writer, args=(path, n * 50)) for n in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    cache = ResponseCache(path)
    assert cache.info()["entries"] == 200
    assert cache.get("k199") == ("text199", 1, 1)
    assert cache.clear() == 200 and cache.info()["entries"] == 0
