"""The ``grader batch`` and ``grader cache`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.batch.run import BatchStats
from grader.cli.main import main
from grader.cli.progress import BatchProgress
from helpers import write_interviews
from stub import StubServer


def test_batch_with_json_summary_csv_and_plain_progress_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_interviews(tmp_path / "in", 3)
    out = tmp_path / "res.jsonl"
    args = ["batch", str(tmp_path / "in"), "-o", str(out), "--backend", "fake", "--no-cache"]
    assert main([*args, "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["graded"] == 3 and summary["csv"] == str(tmp_path / "res.csv")
    assert "[3/3]" in captured.err and "\r" not in captured.err
    assert (tmp_path / "res.csv").read_text().count("\n") == 4
    assert main(args) == 0
    assert "skipped 3 (already graded)" in capsys.readouterr().out
    assert not (tmp_path / "responses.sqlite").exists()


def test_bad_inputs_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert str(tmp_path / "nope") in err and "no such file" in err
    write_interviews(tmp_path / "in", 1)
    code = main(["batch", str(tmp_path / "in"), "-o", "x.jsonl", "--concurrency", "0"])
    err = capsys.readouterr().err
    assert code == 2 and "--concurrency: 0: must be 1 or more" in err and len(err.splitlines()) == 1
    code = main(["batch", str(tmp_path / "in"), "-o", "x.jsonl", "--max-tokens-per-minute", "0"])
    assert code == 2 and "must be 1 or more" in capsys.readouterr().err
    code = main(["batch", str(tmp_path / "in"), "-o", "x.jsonl", "--budget", "-1"])
    assert code == 2 and "--budget: -1: must be more than 0" in capsys.readouterr().err


def test_budget_without_a_known_price_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_interviews(tmp_path / "in", 1)
    code = main([
        "batch", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"),
        "--base-url", "http://127.0.0.1:9/v1", "--model", "my-model", "--budget", "1",
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "--budget needs a price for model 'my-model'" in err and "--prices" in err


def test_cache_info_and_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    write_interviews(tmp_path / "in", 2)
    assert main(["cache", "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == 0
    args = ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "--backend", "fake"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["cache", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["path"] == str(tmp_path / "cache" / "responses.sqlite")
    # The default (passage) method: one answer per question and passage; these short
    # interviews are one passage each, asked the rubric's 11 passage questions.
    assert info["entries"] == 22 and info["bytes"] > 0
    assert main(["cache", "clear"]) == 0
    assert "removed 22 responses" in capsys.readouterr().out
    assert main(["cache", "info"]) == 0
    assert ": 0 responses" in capsys.readouterr().out


def test_the_api_key_is_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-test-secret-never-stored"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    write_interviews(tmp_path / "in", 2)
    with StubServer() as stub:
        code = main([
            "batch", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "--base-url",
            stub.base_url, "--model", "gpt-4o-mini", "--cache", str(tmp_path / "c.sqlite"),
        ])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr()
    for path in tmp_path.iterdir():
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert secret not in printed.out + printed.err


def test_progress_bar_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    stats = BatchStats(total=10, graded=4, failed=1, cached=2)
    stats.usage.prompt_tokens = 12_000
    progress = BatchProgress(quiet=False, tty=True)
    progress("start", stats, "10 transcripts")
    progress("result", stats, "a.txt: graded")
    progress("result", stats, "b.txt: failed: HTTP 500")
    progress.close()
    err = capsys.readouterr().err
    assert "\r" in err and "2/10" in err and "failed 1" in err and "cached 2" in err
    assert "12.0k tok" in err and "<" in err  # tqdm's elapsed<remaining
    assert "grader: b.txt: failed: HTTP 500\n" in err


def _batch(tmp_path: Path, *extra: str) -> list[str]:
    return ["batch", str(tmp_path / "in"), "--backend", "fake", "--no-cache", *extra]


@pytest.mark.parametrize(
    ("name", "content", "option", "message"),
    [
        # -o ratings.jsonl once replaced the ratings.csv beside it with the summary.
        (
            "ratings.csv",
            "interview,grader,dimension,level\n1,ann,metrics,strong\n",
            "-o",
            "is not a summary this tool wrote",
        ),
        # -o interview.txt appended JSON lines to a transcript.
        ("interview.txt", "Interviewer: Hi.\n\nCandidate: Hello.\n", "-o", "must end in .jsonl"),
        ("notes.jsonl", '{"note": "my own data"}\n', "-o", "is not a grader batch results file"),
        ("notes.jsonl", "plain text\n", "-o", "is not a grader batch results file"),
        ("sheet.csv", "a,b\n1,2\n", "--csv", "is not a summary this tool wrote"),
        ("summary.txt", "", "--csv", "the summary must end in .csv"),
    ],
)
def test_outputs_never_replace_a_file_that_is_not_theirs(
    name: str,
    content: str,
    option: str,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_interviews(tmp_path / "in", 1)
    target = tmp_path / name
    target.write_text(content)
    if option == "-o":
        args = _batch(
            tmp_path, "-o", str(target.with_suffix(".jsonl") if name.endswith(".csv") else target)
        )
    else:
        args = _batch(tmp_path, "-o", str(tmp_path / "new.jsonl"), "--csv", str(target))
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert target.read_text() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", name])


def test_outputs_this_tool_wrote_are_appended_and_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_interviews(tmp_path / "in", 1)
    out, summary = tmp_path / "r.jsonl", tmp_path / "summary.csv"
    assert main(_batch(tmp_path, "-o", str(out), "--csv", str(summary))) == 0
    write_interviews(tmp_path / "in", 1, start=1)
    assert main(_batch(tmp_path, "-o", str(out), "--csv", str(summary))) == 0
    assert len(out.read_text().splitlines()) == 2 and summary.read_text().count("\n") == 3
    (tmp_path / "empty.jsonl").write_text("")
    assert main(_batch(tmp_path, "-o", str(tmp_path / "empty.jsonl"))) == 0


@pytest.mark.parametrize("where", ["folder", "folder.jsonl", "/dev/full", "fifo.jsonl"])
def test_an_output_that_is_not_a_file_is_refused(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    write_interviews(tmp_path / "in", 1)
    target = Path(where) if where.startswith("/") else tmp_path / where
    if where.startswith("folder"):
        target.mkdir()
    elif where.startswith("fifo"):
        os.mkfifo(target)  # opening it to append would wait for a reader for ever
    code = main(_batch(tmp_path, "-o", str(target)))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and str(target) in err, err
    assert len(err.strip().splitlines()) == 1
