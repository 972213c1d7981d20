from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from grader.backends.cache import CacheError, ResponseCache
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


def _damaged(path: Path) -> None:
    """A cache with a few hundred entries whose data pages are overwritten."""
    cache = ResponseCache(path)
    for i in range(400):
        cache.put(f"k{i}", "m", "answer " * 40, 1, 1)
    cache.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : len(data) - page] = b"\xa5" * (len(data) - 3 * page)
    path.write_bytes(bytes(data))


BROKEN = {
    "random_bytes": lambda path: path.write_bytes(bytes(range(256)) * 400),
    "damaged_pages": _damaged,
    "folder": lambda path: path.mkdir(),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_cache_that_cannot_be_used_is_found_on_open_and_named(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite"
    BROKEN[kind](path)
    with pytest.raises(CacheError) as raised:
        ResponseCache(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: the response cache cannot be used")
    assert raised.value.damaged == (kind != "folder")
    if kind != "folder":
        assert f"rm {path}" in message and "grader cache clear" in message


def test_another_programs_database_is_refused_not_used(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE responses (id INTEGER, body TEXT)")
    with pytest.raises(CacheError, match="not a grader response cache") as raised:
        ResponseCache(path)
    assert not raised.value.damaged


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_cache_commands_on_a_broken_cache_say_which_file_and_what_to_do(
    kind: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rubric: Rubric,
) -> None:
    from grader.cli.main import main
    from helpers import write_interviews

    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "cache" / "responses.sqlite"
    path.parent.mkdir()
    BROKEN[kind](path)
    write_interviews(tmp_path / "in", 1)
    batch = ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "--backend", "fake"]
    for args in (batch, ["cache", "info"]):
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert f"{path}: the response cache cannot be used" in err
    assert not (tmp_path / "o.jsonl").exists()
    code = main(["cache", "clear"])
    captured = capsys.readouterr()
    if kind == "folder":
        # A folder is never deleted: the user chooses another file.
        assert code == 2 and path.is_dir() and "--cache FILE" in captured.err
        return
    assert code == 0, captured.err
    assert "deleting it and making a new one" in captured.err
    assert ResponseCache(path).info()["entries"] == 0
    assert main(batch) == 0


def test_cache_clear_never_deletes_a_file_that_is_not_a_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from grader.cli.main import main

    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a cache\n" * 10)
    assert main(["cache", "clear", "--cache", str(notes)]) == 2
    assert "cannot be used" in capsys.readouterr().err
    assert notes.read_text() == "my notes, not a cache\n" * 10
