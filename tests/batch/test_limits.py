"""Size limits: a transcript too large in bytes or tokens is refused before any model call,
and a folder of thousands of transcripts is walked and read one file at a time.

The commands run against a scripted endpoint on 127.0.0.1 that counts the requests it
receives: a refused transcript must cost none.
"""

from __future__ import annotations

import builtins
import io
import json
import pathlib
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import grader.batch.run
from fault_server import FaultServer
from grader.backends.fake import FakeBackend
from grader.backends.pricing import PriceTable
from grader.batch.inputs import expand
from grader.batch.run import BatchRun
from grader.cli.main import main
from grader.engine import grade
from grader.errors import TranscriptError
from grader.grading.options import GradeOptions
from grader.grading.prompts import PromptSet
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

SAMPLE = Path(__file__).resolve().parents[2] / "transcripts_samples" / "01_checkout_latency.txt"
FOLDER_SIZE = 3000


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "GRADER_BACKEND",
        "GRADER_MODEL",
        "GRADER_MAX_BYTES",
        "GRADER_MAX_TRANSCRIPT_TOKENS",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


def error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("grader: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def grade_cli(server: FaultServer, path: Path, *extra: str) -> list[str]:
    return ["grade", str(path), "--base-url", server.base_url, "--model", "m", *extra]


# --- bytes ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["option", "environment"])
def test_grade_refuses_a_file_over_the_byte_limit(
    how: str,
    server: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    extra = ["--max-bytes", "1000"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv("GRADER_MAX_BYTES", "1000")
    code = main(grade_cli(server, SAMPLE, *extra))
    line = error_line(capsys.readouterr().err)
    assert code == 2
    assert str(SAMPLE) in line and "larger than the 1000-byte limit" in line
    assert server.count == 0


def test_grade_refuses_a_file_over_two_megabytes_by_default(
    tmp_path: Path, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Interviewer: Go on.\n\nCandidate: " + "word " * 400_000 + "\n")
    code = main(grade_cli(server, big))
    line = error_line(capsys.readouterr().err)
    assert code == 2 and str(big) in line and "2000000-byte limit" in line
    assert server.count == 0
    # With the byte limit raised it is read, and then held to the token limit.
    code = main(grade_cli(server, big, "--max-bytes", "3000000", "--max-transcript-tokens", "9"))
    line = error_line(capsys.readouterr().err)
    assert code == 2 and "over the 9-token limit" in line
    assert server.count == 0


# --- tokens -----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["option", "environment"])
def test_grade_refuses_a_transcript_over_the_token_limit(
    how: str,
    server: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    extra = ["--max-transcript-tokens", "100"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv("GRADER_MAX_TRANSCRIPT_TOKENS", "100")
    code = main(grade_cli(server, SAMPLE, *extra))
    line = error_line(capsys.readouterr().err)
    assert code == 2
    assert str(SAMPLE) in line and "tokens, over the 100-token limit" in line
    assert "--max-transcript-tokens" in line and "GRADER_MAX_TRANSCRIPT_TOKENS" in line
    assert server.count == 0


def test_the_default_token_limit_is_500_000(
    tmp_path: Path, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under 2 MB, but about 900,000 tokens: refused by the token limit alone.
    dense = tmp_path / "dense.txt"
    dense.write_text("Interviewer: Go on.\n\nCandidate: " + "1," * 900_000 + "\n")
    assert dense.stat().st_size < 2_000_000
    code = main(grade_cli(server, dense))
    line = error_line(capsys.readouterr().err)
    assert code == 2 and "over the 500,000-token limit" in line
    assert server.count == 0


def test_the_token_limit_is_checked_before_any_call(rubric: Rubric) -> None:
    transcript = load(SAMPLE)
    backend = FakeBackend()
    with pytest.raises(TranscriptError, match=r"over the 50-token limit") as caught:
        grade(transcript, rubric, backend, options=GradeOptions(max_tokens_per_transcript=50))
    assert caught.value.path == str(SAMPLE)
    assert backend.requests == [] and backend.questions == []
    # Without a limit, or under the default one, the same transcript is graded.
    asked = []
    for options in (GradeOptions(max_tokens_per_transcript=None), GradeOptions()):
        before = len(backend.requests) + len(backend.questions)
        assert not grade(transcript, rubric, backend, options=options).failed
        asked.append(len(backend.requests) + len(backend.questions) - before)
    assert asked[0] == asked[1] > 0


@pytest.mark.parametrize(
    "args",
    [["--max-bytes", "0"], ["--max-transcript-tokens", "-5"], ["--max-bytes", "2MB"]],
)
def test_a_bad_limit_is_a_usage_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", str(SAMPLE), "--backend", "fake", *args]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("grader: error: argument " + args[0])


# --- batch and eval ---------------------------------------------------------------------


def test_batch_records_oversized_transcripts_as_failed_and_grades_the_rest(
    tmp_path: Path, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_fine.txt").write_text("Interviewer: Why?\n\nCandidate: Because p95 grew.\n")
    (folder / "b_bytes.txt").write_text("Interviewer: Go on.\n\nCandidate: " + "y" * 5000 + "\n")
    (folder / "c_tokens.txt").write_text("Interviewer: Go on.\n\nCandidate: " + "1," * 1500 + "\n")
    out = tmp_path / "results.jsonl"
    code = main(
        [
            "batch",
            str(folder),
            "-o",
            str(out),
            "--base-url",
            server.base_url,
            "--model",
            "m",
            "--no-cache",
            "--max-bytes",
            "4000",
            "--max-transcript-tokens",
            "2000",
            "--strategy",
            "per_dimension",
            "-q",
        ]
    )
    capsys.readouterr()
    rows = {Path(r["input"]).stem: r for r in map(json.loads, out.read_text().splitlines())}
    assert code == 1
    assert rows["a_fine"]["status"] == "graded"
    assert rows["b_bytes"]["status"] == "failed"
    assert "larger than the 4000-byte limit" in rows["b_bytes"]["error"]
    assert rows["c_tokens"]["status"] == "failed"
    assert "over the 2,000-token limit" in rows["c_tokens"]["error"]
    # Only the transcript within the limits was sent, one request per dimension.
    assert server.count == 6
    assert all("1,1,1," not in json.dumps(seen.body) for seen in server.seen)


@pytest.mark.parametrize(
    ("option", "config_line", "message"),
    [
        ("--max-bytes", "max_bytes = 1000", "larger than the 1000-byte limit"),
        ("--max-transcript-tokens", "max_transcript_tokens = 100", "over the 100-token limit"),
    ],
)
def test_eval_refuses_an_oversized_transcript_before_any_call(
    option: str,
    config_line: str,
    message: str,
    tmp_path: Path,
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps({"transcript": str(SAMPLE), "labeller": "lead", "levels": {"metrics": "weak"}})
        + "\n"
    )
    common = ["eval", str(labels), "--backend", "openai", "--base-url", server.base_url]
    common += ["--model", "m", "--no-cache", "-o", str(tmp_path / "report")]
    limit = config_line.split(" = ")[1]
    code = main([*common, option, limit])
    assert code == 2 and message in error_line(capsys.readouterr().err)
    # The same limit from an eval config file.
    config = tmp_path / "limited.toml"
    config.write_text(f'name = "limited"\n{config_line}\n')
    code = main([*common, "--config", str(config)])
    assert code == 2 and message in error_line(capsys.readouterr().err)
    assert server.count == 0


# --- thousands of files -----------------------------------------------------------------


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(FOLDER_SIZE):
        (folder / f"interview_{n:04d}.txt").write_text(
            f"Interviewer: What would you measure?\n\nCandidate: Latency of request {n}.\n"
        )
    return folder


def test_a_folder_of_thousands_is_expanded_without_reading_any_file(
    big_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a file was opened while expanding the inputs: {args[:1]}")

    paths = expand([str(big_folder)])
    # Nothing is done until the first path is asked for: the expansion is a generator.
    assert isinstance(paths, Iterator)
    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "open", refuse)
    tracemalloc.start()
    try:
        first = next(paths)
        rest = sum(1 for _ in paths)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.name == "interview_0000.txt" and rest == FOLDER_SIZE - 1
    # One directory listing and the set of names seen, never the files' contents.
    assert peak < 3_000_000, f"peak {peak / 1e6:.1f} MB"


def test_a_batch_over_thousands_of_files_loads_one_transcript_at_a_time(
    big_folder: Path, tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[Path] = []
    real_load = grader.batch.run.load

    def counting_load(path: Path, **kwargs: Any) -> Any:
        loaded.append(path)
        return real_load(path, **kwargs)

    monkeypatch.setattr(grader.batch.run, "load", counting_load)
    run = BatchRun(
        [str(big_folder)],
        tmp_path / "results.jsonl",
        rubric,
        FakeBackend(),
        prompts=PromptSet(),
        options=GradeOptions(),
        cache=None,
        prices=PriceTable(),
        budget=None,
        candidate=None,
        csv_path=None,
        reporter=None,
    )
    tracemalloc.start()
    try:
        pending = run.pending()
        taken = [next(pending) for _ in range(3)]
        assert loaded == [item.path for item in taken]
        for _ in range(500):
            next(pending)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        run.close()
    assert run.stats.total == FOLDER_SIZE
    assert [item.path.name for item in taken] == [f"interview_000{n}.txt" for n in range(3)]
    assert len(loaded) == 503
    # Loading all 3,000 at once takes about 16 MB here; one at a time stays near 3 MB.
    assert peak < 5_000_000, f"peak {peak / 1e6:.1f} MB"
