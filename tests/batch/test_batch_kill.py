"""A batch killed with SIGKILL mid-run and run again: every transcript gets exactly one
result, and no transcript whose result was written is sent to the model again."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from grader.batch.results import read_results
from helpers import write_interviews
from stub import StubServer

COUNT = 40


def command(tmp_path: Path, base_url: str) -> list[str]:
    return [
        sys.executable, "-m", "grader.cli.main", "batch", str(tmp_path / "in"),
        "-o", str(tmp_path / "results.jsonl"), "--base-url", base_url, "--model", "stub-model",
        "--concurrency", "4", "--cache", str(tmp_path / "cache.sqlite"), "--json",
    ]  # fmt: skip


def transcript_of(request: dict[str, object]) -> int:
    """Which interview a request is about (each one names 'customer N')."""
    messages = request["messages"]
    assert isinstance(messages, list)
    found = re.search(r"customer (\d+)", messages[1]["content"])
    assert found is not None
    return int(found.group(1))


def test_sigkill_mid_batch_then_rerun_grades_each_transcript_exactly_once(
    tmp_path: Path,
) -> None:
    write_interviews(tmp_path / "in", COUNT)
    results = tmp_path / "results.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    env["GRADER_CACHE_DIR"] = str(tmp_path / "cache_dir")
    with StubServer(latency=0.05) as stub:
        proc = subprocess.Popen(
            command(tmp_path, stub.base_url), env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if results.exists() and results.read_bytes().count(b"\n") >= 8:
                break
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        first = {r["input"] for _, r in read_results(results) if r["status"] == "graded"}
        assert 8 <= len(first) < COUNT, "the kill should land mid-batch"
        sent_before = len(stub.requests)

        rerun = subprocess.run(
            command(tmp_path, stub.base_url), env=env, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip
        second_requests = stub.requests[sent_before:]
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["skipped"] == len(first)
    assert summary["graded"] == COUNT - len(first)

    records = [r for _, r in read_results(results)]
    inputs = [r["input"] for r in records]
    assert len(inputs) == COUNT and len(set(inputs)) == COUNT
    assert all(r["status"] == "graded" for r in records)
    # Nothing whose result was written before the kill went to the model again.
    finished_before = {int(re.search(r"(\d+)\.txt$", i).group(1)) for i in first}  # type: ignore[union-attr]
    again = {transcript_of(request) for request in second_requests}
    assert not again & finished_before
    assert again <= set(range(COUNT)) - finished_before
