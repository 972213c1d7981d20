"""The progress of a ``grader batch`` run, read from its results file."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from grader.batch.results import read_results
from grader.errors import InputError


def results_status(results: str) -> dict[str, Any]:
    """Summarise a ``grader batch`` results file: graded, failed, cost, failures.

    Raises:
        InputError: The file is not a results file (.jsonl) or cannot be read.
    """
    path = Path(results).expanduser()
    if path.suffix.lower() != ".jsonl":
        raise InputError(results, "not a results file", hint="Give the .jsonl file of grader batch")
    if not path.is_file():
        raise InputError(results, "file not found", hint="Check the path of the results file")
    latest: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    try:
        for _, record in read_results(path, warnings):
            key = str(record.get("input") or record.get("resume_key"))
            if latest.get(key, {}).get("status") == "graded" and record.get("status") != "graded":
                continue
            latest[key] = record
    except OSError as exc:
        raise InputError(results, f"cannot read the file ({exc.strerror})") from None
    cost = sum(float((r.get("cost") or {}).get("usd") or 0.0) for r in latest.values())
    failures = [
        {"input": r.get("input", "?"), "error": r.get("error") or "failed"}
        for r in latest.values()
        if r.get("status") != "graded"
    ]
    return {
        "results": str(path),
        "transcripts": len(latest),
        "graded": sum(r.get("status") == "graded" for r in latest.values()),
        "failed": len(failures),
        "cost": f"${cost:.4f}",
        "cost_usd": cost,
        "failures": failures[:200],
        "warnings": warnings[:20],
        "updated": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(path))),
    }
