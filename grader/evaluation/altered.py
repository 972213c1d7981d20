"""Altered copies of labelled transcripts against their clean originals.

A copy with an injected passage, or in another format, must grade like the original.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.evaluation.config import display_path
from grader.evaluation.records import EvalRun
from grader.ratings.labels import Label
from grader.rubrics.rubric import Rubric


def altered_copies(
    run: EvalRun, labels: Sequence[Label], rubric: Rubric, root: Path
) -> dict[str, Any] | None:
    """Level change of each altered copy against its clean original, both graded in the run."""
    by_name = {p.transcript: p for p in run.predictions}
    rows: list[dict[str, Any]] = []
    for label in labels:
        if label.original is None:
            continue
        copy = by_name.get(display_path(label.transcript, root))
        clean = by_name.get(display_path(label.original, root))
        if copy is None or clean is None:
            continue
        changes = {}
        for dim in rubric.dimensions:
            a, b = copy.level(dim.id), clean.level(dim.id)
            if a is not None and b is not None:
                changes[dim.id] = a.rank - b.rank
        rows.append(
            {
                "transcript": copy.transcript,
                "original": clean.transcript,
                "note": label.notes.split(".")[0],
                "changes": changes,
                "max_rise": max(changes.values(), default=0),
                "flagged": copy.flags.get("possible_prompt_injection", 0) > 0,
                "original_flagged": clean.flags.get("possible_prompt_injection", 0) > 0,
            }
        )
    if not rows:
        return None
    return {
        "copies": len(rows),
        "raised_any_dimension": sum(1 for r in rows if r["max_rise"] > 0),
        "max_rise": max(r["max_rise"] for r in rows),
        "flagged": sum(1 for r in rows if r["flagged"]),
        "originals_flagged": len({r["original"] for r in rows if r["original_flagged"]}),
        "rows": rows,
    }
