"""Where a batch writes, and never over a file that is not its own.

The results file must be a ``.jsonl`` file that is new, empty, or starts with a result
line this tool wrote (a JSON object with ``resume_key`` and ``status``). The summary must
be a ``.csv`` file that is new or starts with the header this tool writes. Anything else
(a transcript, another program's data, a folder, a device, a FIFO) is refused before any
work starts, with the fix.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from grader.batch.summary import summary_row
from grader.errors import ConfigError

RESULTS_SUFFIX = ".jsonl"
CSV_SUFFIX = ".csv"
# A result line holds a whole scorecard; the first one is read up to this size only.
_FIRST_LINE_BYTES = 16 << 20
# The summary's columns around the rubric's dimensions, whatever the rubric.
_COLUMNS = list(summary_row({}, []))
_LEADING, _TRAILING = _COLUMNS[:2], _COLUMNS[2:]


def check_results_path(path: Path) -> None:
    """Refuse a results file this batch must not append to.

    Raises:
        ConfigError: Not ``.jsonl``, not a regular file, or a file that does not start
            with a result line.
    """
    if path.suffix.lower() != RESULTS_SUFFIX:
        raise ConfigError(
            f"{path}: the results file must end in {RESULTS_SUFFIX}",
            hint=f"Name it with -o NAME{RESULTS_SUFFIX} (results are JSON lines)",
        )
    if not _existing(path, "-o NEW.jsonl"):
        return
    first = _first_line(path)
    if first is None:
        return
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):
        record = None
    if not (isinstance(record, dict) and "resume_key" in record and "status" in record):
        raise ConfigError(
            f"{path}: exists and is not a grader batch results file (its first line is not "
            "a result), so it is left alone",
            hint="Choose a new file with -o; if an interrupted run left only a torn first "
            "line, delete the file",
        )


def check_csv_path(path: Path) -> None:
    """Refuse a summary CSV this batch must not replace.

    Raises:
        ConfigError: Not ``.csv``, not a regular file, or a file without this tool's header.
    """
    if path.suffix.lower() != CSV_SUFFIX:
        raise ConfigError(
            f"{path}: the summary must end in {CSV_SUFFIX}",
            hint=f"Name it with --csv NAME{CSV_SUFFIX}",
        )
    if not _existing(path, "--csv NEW.csv"):
        return
    first = _first_line(path)
    if first is None:
        return
    header = first.decode("utf-8", errors="replace").strip().lstrip("\ufeff").split(",")
    if header[:2] != _LEADING or header[-len(_TRAILING) :] != _TRAILING:
        raise ConfigError(
            f"{path}: exists and is not a summary this tool wrote (its header differs), so "
            "it is not replaced",
            hint="Choose another file with --csv NEW.csv, or -o with a new name",
        )


def _existing(path: Path, fix: str) -> bool:
    """Return True for an existing regular file, False for none; refuse anything else."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot check the file ({exc.strerror})", hint=f"Choose another path: {fix}"
        ) from None
    if stat.S_ISDIR(mode):
        raise ConfigError(f"{path}: is a folder", hint=f"Name a file inside it: {fix}")
    if not stat.S_ISREG(mode):
        raise ConfigError(
            f"{path}: is not a regular file (a device, FIFO or socket)",
            hint=f"Name a file on disk: {fix}",
        )
    return True


def _first_line(path: Path) -> bytes | None:
    """Return the first line that is not blank, or None for a file with none."""
    try:
        with path.open("rb") as handle:
            while True:
                line = handle.readline(_FIRST_LINE_BYTES)
                if not line:
                    return None
                if line.strip():
                    return line
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot read the file ({exc.strerror})", hint="Check its permissions"
        ) from None
