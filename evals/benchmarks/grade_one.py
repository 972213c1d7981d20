"""Benchmark: wall time and peak memory of grading one transcript with the embedded model.

Usage: python evals/benchmarks/grade_one.py [TRANSCRIPT] [-- extra grader args]

Runs ``grader grade TRANSCRIPT --json`` in a child process (a fresh process, so model load
is included) and prints wall time, the child's peak resident memory, words and calls.
"""

from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "transcripts_samples" / "07_search_migration.txt"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv and not argv[0].startswith("-") else DEFAULT
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "grader.cli.main", "grade", str(path), "--json", "-q", *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    card = json.loads(proc.stdout)
    result = {
        "transcript": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
        "words": card["transcript"]["words"],
        "model": card["model"]["model"],
        "wall_seconds": round(wall, 1),
        "grading_seconds": card["elapsed_seconds"],
        "peak_rss_mib": round(peak_kib / 1024),
        "calls": card["usage"]["calls"],
        "prompt_tokens": card["usage"]["prompt_tokens"],
        # Of the yes/no questions' prompt tokens, those reused from the evaluated prefix.
        "prompt_tokens_reused": card["usage"].get("cached_tokens", 0),
        "completion_tokens": card["usage"]["completion_tokens"],
        "levels": {d["id"]: d["level"] for d in card["dimensions"]},
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
