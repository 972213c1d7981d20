"""A run's manifest: what was run, on what, at which commit, and its headline figures.

Written beside every eval report (``manifest.json``), and the source of the generated index
of runs, so a figure quoted anywhere can be traced to its command and commit.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def manifest(results: Mapping[str, Any], *, commit: str | None) -> dict[str, Any]:
    """Build a run's manifest from its ``results.json`` content."""
    header = dict(results.get("header") or {})
    per_dimension = results.get("per_dimension") or {}
    overall = per_dimension.get("overall") or {}
    config = results.get("config") or {}
    return {
        "command": str(header.get("Command", "")).strip("`"),
        "labels": header.get("Labels"),
        "date": header.get("Date"),
        "machine": header.get("Machine"),
        "wall_time": header.get("Wall time"),
        "commit": commit,
        "config": config.get("name"),
        "strategy": config.get("strategy"),
        "transcripts": results.get("transcripts"),
        "calls": results.get("calls"),
        "overall": {
            key: overall.get(key)
            for key in ("n", "kappa_qw", "kappa_qw_ci", "exact", "within_one", "mean_signed_error")
        },
        "kappa_qw_per_dimension": {
            dim: (summary or {}).get("kappa_qw")
            for dim, summary in per_dimension.items()
            if dim != "overall"
        },
    }


def current_commit(folder: Path) -> str | None:
    """Return the git commit the working tree is at, or None outside a git checkout."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None if found.returncode == 0 else None
