"""Benchmark: ``grader eval`` against ``grader batch`` on the same transcripts and stub endpoint.

Usage: python evals/benchmarks/eval_vs_batch.py [--transcripts 50] [--concurrency 8]
       [--latency 0.2] [--words 1000]

Both commands grade through the shared engine, so with the same concurrency an eval of N
labelled transcripts should take about as long as a batch of the same N. Writes synthetic
transcripts and a labels file for them to a temporary folder, starts ``stub_server.py``
(127.0.0.1, its own process, ``--latency`` seconds per answer), runs each command in a
child process with the response cache off, and prints JSON with both wall times and their
ratio (eval / batch).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

from batch_throughput import run_child, start_stub, write_transcripts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcripts", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "transcripts"
        folder.mkdir()
        write_transcripts(folder, args.transcripts, args.words)
        labels = Path(tmp) / "labels.jsonl"
        labels.write_text(
            "".join(
                json.dumps(
                    {
                        "transcript": f"transcripts/{path.name}",
                        "labeller": "benchmark",
                        "levels": {"metrics": "neutral"},
                    }
                )
                + "\n"
                for path in sorted(folder.iterdir())
            )
        )
        stub, url = start_stub(args.latency)
        common = ["--base-url", url, "--model", "gpt-4o-mini", "--no-cache", "-q"]
        common += ["--concurrency", str(args.concurrency)]
        try:
            batch = [sys.executable, "-m", "grader", "batch", str(folder)]
            batch += ["-o", f"{tmp}/results.jsonl", *common]
            _, batch_code, batch_wall, _ = run_child(batch, env)
            evaluate = [sys.executable, "-m", "grader", "eval", str(labels)]
            evaluate += ["-o", f"{tmp}/report", "--resamples", "50", *common]
            _, eval_code, eval_wall, _ = run_child(evaluate, env)
        finally:
            stub.terminate()
            stub.wait(10)
    if batch_code or eval_code:
        print(f"batch exit {batch_code}, eval exit {eval_code}", file=sys.stderr)
        return 1
    print(
        json.dumps(
            {
                "transcripts": args.transcripts,
                "words_per_transcript": args.words,
                "concurrency": args.concurrency,
                "stub_latency_s": args.latency,
                "batch_seconds": round(batch_wall, 2),
                "eval_seconds": round(eval_wall, 2),
                "eval_over_batch": round(eval_wall / batch_wall, 3),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
