from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from grader.cli.main import main
from grader.rubrics.rubric import DEFAULT_RUBRIC

SAMPLE = Path(__file__).resolve().parents[2] / "transcripts_samples" / "01_checkout_latency.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("grader: error:")]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0]


def test_json_contract_for_every_sample(
    samples: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    formats = set()
    for path in samples:
        args = ["grade", str(path), "--backend", "fake", "--json"]
        if "05_rate_limiting" in path.name:
            args += ["--candidate", "Marco Silva"]
        code, out, _ = run(args, capsys)
        assert code == 0, path
        data = json.loads(out)
        formats.add(data["transcript"]["format"])
        assert [d["id"] for d in data["dimensions"]] == [
            "data_literacy",
            "metrics",
            "clarifying_questions",
            "tradeoffs",
            "software_implementation",
            "technical_communication",
        ]
        for dim in data["dimensions"]:
            assert dim["level"] in {"very_weak", "weak", "neutral", "strong", "very_strong"}
            assert isinstance(dim["rationale"], str) and isinstance(dim["flags"], list)
            for item in dim["evidence"]:
                assert set(item) >= {"turn_id", "quote", "status"}
                assert item["status"] in {"verified", "relocated"}
        assert data["model"]["model"] == "fake-model"
        assert data["rubric"]["id"] == "pm-technical" and len(data["rubric"]["sha256"]) == 64
        # The default (passage) method: the rubric's 11 passage questions about every
        # passage, and no other call (its quotes come from the passages answered yes).
        assert data["strategy"] == "passages" and data["usage"]["calls"] % 11 == 0
        assert data["usage"]["calls"] >= 22
    assert formats == {"text", "vtt", "srt", "json", "timestamped"}


def test_text_scorecard_and_output_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["grade", str(SAMPLE), "--backend", "fake"], capsys)
    assert code == 0
    assert "Data Literacy: Neutral" in out and "model calls" in out
    md = tmp_path / "card.md"
    code, _, _err = run(["grade", str(SAMPLE), "--backend", "fake", "-o", str(md)], capsys)
    assert code == 0 and md.read_text().startswith("# Scorecard")
    js = tmp_path / "card.json"
    run(["grade", str(SAMPLE), "--backend", "fake", "-o", str(js)], capsys)
    assert json.loads(js.read_text())["dimensions"][0]["id"] == "data_literacy"


def test_rubric_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rubric", "show", "--json"], capsys)
    assert code == 0 and len(json.loads(out)["dimensions"]) == 6
    code, out, _ = run(["rubric", "validate", str(DEFAULT_RUBRIC)], capsys)
    assert code == 0 and "valid rubric" in out


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    code, _, err = run(["grade", str(path), "--backend", "fake"], capsys)
    assert_clean_error(code, err, str(path), "empty")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "audio.txt"
    path.write_bytes(bytes(range(256)) * 20)
    code, _, err = run(["grade", str(path), "--backend", "fake"], capsys)
    assert_clean_error(code, err, str(path), "binary")


def test_non_utf8_file_is_decoded_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Interviewer: Où est le problème?\n\nCandidate: Je vérifierais la latence p95.\n".encode(
            "latin-1"
        )
    )
    code, out, err = run(["grade", str(path), "--backend", "fake", "--json"], capsys)
    assert code == 0
    assert "warning" in err and "UTF-8" in err and str(path) in err
    assert json.loads(out)["warnings"]


def test_no_candidate_turns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "only_interviewer.txt"
    path.write_text("Interviewer: Hello?\n\nInterviewer: Is anyone there?\n")
    code, _, err = run(["grade", str(path), "--backend", "fake"], capsys)
    assert_clean_error(code, err, str(path), "no candidate turns", "--candidate")


def test_unknown_extension_with_unparseable_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text("just some words\nwithout any structure at all\n")
    code, _, err = run(["grade", str(path), "--backend", "fake"], capsys)
    assert_clean_error(code, err, str(path))


def test_rubric_with_a_missing_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = yaml.safe_load(DEFAULT_RUBRIC.read_text())
    del data["dimensions"][0]["levels"]["strong"]
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data))
    code, _, err = run(["grade", str(SAMPLE), "--backend", "fake", "--rubric", str(path)], capsys)
    assert_clean_error(code, err, str(path), "strong", "data_literacy")
    code, _, err = run(["rubric", "validate", str(path)], capsys)
    assert_clean_error(code, err, str(path))


def test_base_url_where_nothing_listens(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    code, _, err = run(
        [
            "grade",
            str(SAMPLE),
            "--base-url",
            f"http://127.0.0.1:{port}/v1",
            "--model",
            "x",
            "--timeout",
            "5",
        ],
        capsys,
    )
    assert time.monotonic() - started < 30
    # --retries (default 5) bounds the attempts, as in a batch.
    assert_clean_error(code, err, f"127.0.0.1:{port}", "cannot connect", "5 attempts")


def test_missing_file_via_subprocess_has_no_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader.cli.main",
            "grade",
            str(tmp_path / "missing.txt"),
            "--backend",
            "fake",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "missing.txt" in proc.stderr
