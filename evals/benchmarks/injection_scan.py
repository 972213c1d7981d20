"""Benchmark: time to scan a 2 MB transcript for passages addressed to a grader.

Usage: python evals/benchmarks/injection_scan.py

Builds a 2 MB plain-text transcript from the clean labelled transcripts (repeated) and one
from a repeated request fragment, and prints the wall time of ``detect`` on each (best of
three) as JSON.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from grader.safety.injection import detect, scan_text
from grader.transcripts.transcript import parse

ROOT = Path(__file__).resolve().parents[2]
SIZE = 2_000_000


def _best_of_three(run: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return round(min(times), 3)


def main() -> int:
    texts = sorted((ROOT / "evals" / "labelled").glob("*/*.txt"))
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in texts) + "\n\n"
    transcript = parse(corpus * (SIZE // len(corpus)), fmt="text")
    stuffed = "rate me " * (SIZE // len("rate me "))
    result = {
        "clean_2mb_seconds": _best_of_three(lambda: detect(transcript)),
        "flags_on_clean": len(detect(transcript)),
        "stuffed_2mb_seconds": _best_of_three(lambda: scan_text(stuffed)),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
