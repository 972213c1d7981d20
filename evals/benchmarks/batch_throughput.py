"""Benchmark: batch throughput and peak memory against a stub endpoint with fixed latency.

Usage: python evals/benchmarks/batch_throughput.py [--transcripts 1000] [--concurrency 32]
       [--latency 0.2] [--words 2000]

Writes synthetic transcripts to a temporary folder, starts ``stub_server.py`` (127.0.0.1,
its own process) and runs ``grader batch`` in a child process against it, with the
response cache on (a fresh file). Prints JSON: transcripts per second against the ideal
(``concurrency`` requests in flight, each taking ``latency``), and the child's peak
resident memory. (The synchronous ``grade()`` in a thread pool, once
measured beside it, is gone: every entry point grades through the one async engine.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = ["checkout latency", "search ranking", "push notifications", "billing retries", "feeds"]


def write_transcripts(folder: Path, count: int, words: int) -> None:
    """Write ``count`` distinct interviews of about ``words`` words each."""
    for i in range(count):
        turns, total, j = [], 0, 0
        while total < words:
            who = "Interviewer" if j % 2 == 0 else "Candidate"
            topic = TOPICS[(i + j) % len(TOPICS)]
            text = " ".join(
                f"For {topic} case {i}-{j}-{k} I would measure the p95 latency, compare it "
                f"with the baseline of {k * 7 + j} ms and check the error rate per region."
                for k in range(4)
            )
            turns.append(f"{who}: {text}")
            total += len(text.split())
            j += 1
        (folder / f"interview_{i:05d}.txt").write_text("\n\n".join(turns) + "\n")


def start_stub(latency: float) -> tuple[subprocess.Popen[str], str]:
    """Start the stub endpoint in its own process; return it and its base URL."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "stub_server.py"), "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().split()
    return proc, f"http://127.0.0.1:{line[1]}/v1"


def run_child(command: list[str], env: dict[str, str]) -> tuple[str, int, float, os.struct_rusage]:
    """Run a child process; return its stdout, exit code, wall seconds and resource use."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(command, stdout=out, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        out.seek(0)
        return out.read(), proc.returncode, wall, usage


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcripts", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "transcripts"
        folder.mkdir()
        write_transcripts(folder, args.transcripts, args.words)
        stub, url = start_stub(args.latency)
        try:
            command = [
                sys.executable, "-m", "grader.cli.main", "batch", str(folder),
                "-o", f"{tmp}/results.jsonl", "--base-url", url, "--model", "gpt-4o-mini",
                "--concurrency", str(args.concurrency), "--cache", f"{tmp}/cache.sqlite",
                "--strategy", "indicators", "--json", "-q",
            ]  # fmt: skip
            out, code, wall, usage = run_child(command, env)
        finally:
            stub.terminate()
            stub.wait(10)
        if code != 0:
            print(out, file=sys.stderr)
            return code
        summary = json.loads(out)
    graded = summary["graded"]
    calls_per = summary["usage"]["calls"] / graded
    ideal = args.concurrency / (args.latency * calls_per)
    achieved = graded / summary["elapsed_seconds"]
    print(
        json.dumps(
            {
                "transcripts": graded,
                "words_per_transcript": args.words,
                "concurrency": args.concurrency,
                "stub_latency_s": args.latency,
                "calls_per_transcript": calls_per,
                "batch_seconds": round(summary["elapsed_seconds"], 2),
                "process_wall_seconds": round(wall, 2),
                "transcripts_per_second": round(achieved, 2),
                "ideal_transcripts_per_second": round(ideal, 2),
                "efficiency": round(achieved / ideal, 3),
                "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
                "client_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
                "client_cpu_ms_per_transcript": round(
                    1000 * (usage.ru_utime + usage.ru_stime) / graded, 1
                ),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
