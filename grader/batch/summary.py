"""The batch's CSV summary: one row per input, one column per dimension, safe to open.

The rows are rebuilt from the results file at the end of every run, so the summary always
matches what the results file holds; it is replaced whole (a partial CSV never replaces a
complete one). Cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.batch.results import GRADED, read_results
from grader.errors import ConfigError


def summary_row(record: dict[str, Any], dimension_ids: Sequence[str]) -> dict[str, Any]:
    """Return the CSV row of one result: its levels and what it cost."""
    levels = {dim.get("id"): dim.get("level") for dim in record.get("dimensions") or []}
    usage = record.get("usage") or {}
    cost = record.get("cost") or {}
    failed = [dim_id for dim_id in dimension_ids if dim_id in levels and levels[dim_id] is None]
    # Empty where the file named its speakers' roles: nothing was inferred.
    inferred = (record.get("attribution") or {}).get("confidence")
    return {
        "input": record.get("input", ""),
        "status": record.get("status", ""),
        **{dim_id: levels.get(dim_id) or "" for dim_id in dimension_ids},
        "failed_dimensions": " ".join(failed),
        "attribution_confidence": "" if inferred is None else f"{inferred:.3f}",
        "calibration": _calibration(record),
        "calls": usage.get("calls", 0),
        "cache_hits": usage.get("cache_hits", 0),
        "prompt_tokens": usage.get("prompt_tokens", 0),
        "cached_tokens": usage.get("cached_tokens", 0),
        "completion_tokens": usage.get("completion_tokens", 0),
        "cost_usd": "" if cost.get("usd") is None else f"{cost['usd']:.6f}",
        "content_sha256": record.get("content_sha256", ""),
        "error": record.get("error") or "",
    }


def _calibration(record: dict[str, Any]) -> str:
    """Return the calibration that decided the levels: its id, "uncalibrated", or empty."""
    found = record.get("calibration") or {}
    if found.get("id"):
        return str(found["id"])
    warnings = record.get("warnings") or []
    return "uncalibrated" if any("uncalibrated" in str(w) for w in warnings) else ""


def latest_rows(
    results: str | Path, keys: set[str], dimension_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Return the latest CSV row per resume key in ``keys``, a graded one winning.

    A failed attempt that was later graded shows as graded; a graded result is never
    replaced by a later failure of the same key.
    """
    rows: dict[str, dict[str, Any]] = {}
    for _, record in read_results(results):
        key = record.get("resume_key")
        if key not in keys:
            continue
        if key in rows and rows[key]["status"] == GRADED and record.get("status") != GRADED:
            continue
        rows[key] = summary_row(record, dimension_ids)
    return rows


def summary_rows(
    results: str | Path,
    inputs: Sequence[tuple[str, str]],
    unread: dict[str, dict[str, Any]],
    dimension_ids: Sequence[str],
) -> list[dict[str, Any]]:
    """Return one row per input, in input order, from its latest result.

    Args:
        results: The results file.
        inputs: ``(path, resume key)`` per input; the key is empty for a file never read.
        unread: The failure record of each input never read, by path.
        dimension_ids: The rubric's dimensions, one column each.
    """
    rows = latest_rows(results, {key for _, key in inputs if key}, dimension_ids)
    return [
        {**rows[key], "input": path} if key else summary_row(unread[path], dimension_ids)
        for path, key in inputs
        if key in rows or not key
    ]


def write_csv(
    rows: Sequence[dict[str, Any]], path: str | Path, dimension_ids: Sequence[str]
) -> None:
    """Write the summary rows to ``path`` atomically (a partial CSV never replaces a whole one)."""
    target = Path(path)
    columns = list(summary_row({}, dimension_ids))
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", newline="", encoding="utf-8", errors="replace") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
        partial.replace(target)
    except OSError as exc:
        raise ConfigError(
            f"{target}: cannot write the summary CSV ({exc.strerror})",
            hint="The results file is complete; free disk space or choose --csv, and rerun",
        ) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Return a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe,
    which spreadsheets take as "this is text" and do not display.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
