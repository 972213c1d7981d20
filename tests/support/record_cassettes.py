"""Record the openai-backend cassettes against a real llama.cpp server on 127.0.0.1.

Usage: python tests/record_cassettes.py [per_dimension|default]   (both when none is named)

Starts ``python -m llama_cpp.server`` with the embedded model on 127.0.0.1 (with
``--logits_all true``, so yes/no answers come with log-probabilities), grades a sample
through the openai backend while vcrpy records every HTTP exchange, then stops the server.
``per_dimension`` records one call per dimension; ``default`` records the indicator method
(yes/no questions read from log-probabilities, then quote requests). Needs the ``local``
and ``server`` extras. Authorization headers are filtered out.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import vcr

from grader.backends.model_files import ensure_model
from grader.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
CASSETTE = ROOT / "tests" / "cassettes" / "llama_server_grade_sample.yaml"
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
PORT = 8765
BASE_URL = f"http://127.0.0.1:{PORT}/v1"
MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# The command recorded, and replayed by tests/test_openai_cassette.py: the same arguments
# give the same request bodies, which the replay matches on.
GRADE_ARGS = [
    "grade",
    str(SAMPLE),
    "--base-url",
    BASE_URL,
    "--model",
    MODEL,
    "--json",
    "--strategy",
    "per_dimension",
]
# The indicator method (yes/no questions about the whole transcript read from
# log-probabilities, then quote requests), recorded once and replayed by
# tests/test_openai_cassette.py. One request at a time, so the recorded order is the order
# a replay asks in.
DEFAULT_CASSETTE = ROOT / "tests" / "cassettes" / "llama_server_grade_default.yaml"
DEFAULT_ARGS = [
    "grade",
    str(SAMPLE),
    "--base-url",
    BASE_URL,
    "--model",
    MODEL,
    "--json",
    "--concurrency",
    "1",
    "--strategy",
    "indicators",
]
RECORDINGS = {"per_dimension": (CASSETTE, GRADE_ARGS), "default": (DEFAULT_CASSETTE, DEFAULT_ARGS)}


def recorder() -> vcr.VCR:
    """The vcrpy configuration shared by recording and replay."""
    return vcr.VCR(
        filter_headers=["authorization", "api-key", "x-api-key", "openai-organization"],
        match_on=["method", "scheme", "host", "port", "path", "body"],
        decode_compressed_response=True,
    )


def _wait(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"server did not answer at {url} within {seconds} s")


def record(names: list[str]) -> int:
    """Start the server, record the named grading runs, stop the server."""
    model_path = ensure_model()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_path),
            "--model_alias",
            MODEL,
            "--host",
            "127.0.0.1",
            "--port",
            str(PORT),
            "--n_ctx",
            "8192",
            "--n_threads",
            "2",
            "--logits_all",
            "true",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"{BASE_URL}/models", 120)
        code = 0
        for name in names:
            cassette, args = RECORDINGS[name]
            cassette.unlink(missing_ok=True)
            with recorder().use_cassette(str(cassette), record_mode="all"):
                code = max(code, main([*args, "-o", str(cassette.with_suffix(".result.json"))]))
        return code
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(record(sys.argv[1:] or list(RECORDINGS)))
