"""The batch results file: append-only JSON lines and resume keys.

Each finished transcript is one line, written whole and flushed to disk before the next
one starts, so a crash loses nothing that was finished. A crash in the middle of a write
leaves at most one torn last line; it is detected and cut off when the file is opened
again. Only one batch may write a results file at a time (an OS lock on the file, which
the OS releases even when the process is killed).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from grader.backends.base import ModelInfo
from grader.errors import ConfigError
from grader.grading.options import GradeOptions
from grader.transcripts.attribution.overrides import SpeakerOverrides

GRADED = "graded"
FAILED = "failed"
SYNC_SECONDS = 0.5


def resume_key(
    content_sha256: str,
    rubric_sha256: str,
    prompts_sha256: str,
    model: dict[str, Any],
    settings: dict[str, Any],
) -> str:
    """Return the key under which a result counts as done.

    Args:
        content_sha256: Hash of the transcript file's bytes.
        rubric_sha256: Hash of the rubric.
        prompts_sha256: Hash of the prompt templates.
        model: What identifies the model (backend, model name, endpoint); no secrets.
        settings: Everything else that changes the answer (strategy, sampling, candidate).
    """
    blob = json.dumps(
        {
            "content": content_sha256,
            "rubric": rubric_sha256,
            "prompts": prompts_sha256,
            "model": model,
            "settings": settings,
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class Existing:
    """What an existing results file holds.

    Attributes:
        done: Resume keys that already have a result with a level on every dimension.
        lines: Valid result lines read.
        warnings: Problems found (a torn last line cut off, unreadable lines skipped).
    """

    done: set[str] = field(default_factory=set)
    lines: int = 0
    warnings: list[str] = field(default_factory=list)


class ResultsWriter:
    """Appends result lines to one file, holding the file's lock while open."""

    def __init__(self, path: str | Path) -> None:
        """Open ``path`` for appending, lock it, repair a torn tail and read what is done.

        Raises:
            ConfigError: The file cannot be opened, or another batch is writing it.
        """
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file: IO[bytes] = self.path.open("a+b")
        except OSError as exc:
            raise ConfigError(
                f"{self.path}: cannot open the results file ({exc.strerror})",
                hint="Choose a writable path with -o",
            ) from None
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._file.close()
            raise ConfigError(
                f"{self.path}: another grader batch is writing this results file",
                hint="Wait for it to finish, or choose another file with -o",
            ) from None
        self.existing = Existing()
        self._dirty = threading.Event()
        self._closing = threading.Event()
        self._syncer = threading.Thread(target=self._sync_loop, name="results-fsync", daemon=True)
        self._syncer.start()
        self._repair_tail()
        for _, record in read_results(self.path, self.existing.warnings):
            self.existing.lines += 1
            if is_done(record):
                self.existing.done.add(record["resume_key"])

    def append(self, record: dict[str, Any]) -> None:
        """Write one result line whole and hand it to the OS before returning.

        Once handed over, the line survives the process being killed. Syncing it to the
        disk itself (against a power cut) happens within ``SYNC_SECONDS`` in a background
        thread, so a batch never waits for the disk between transcripts.
        """
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            self._file.write(line.encode("utf-8", errors="replace"))
            self._file.flush()
        except OSError as exc:
            raise ConfigError(
                f"{self.path}: cannot write the results file ({exc.strerror})",
                hint="Free disk space or choose another file with -o; rerun to grade the rest",
            ) from None
        self._dirty.set()

    def close(self) -> None:
        """Sync what was written, release the lock and close the file."""
        self._closing.set()
        self._dirty.set()
        self._syncer.join()
        try:
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError as exc:
            raise ConfigError(
                f"{self.path}: cannot write the results file ({exc.strerror})",
                hint="Free disk space or choose another file with -o; rerun to grade the rest",
            ) from None

    def _sync_loop(self) -> None:
        while not self._closing.is_set():
            self._dirty.wait()
            self._dirty.clear()
            if self._closing.is_set():
                return
            try:
                os.fsync(self._file.fileno())
            except OSError:
                # A disk that fails to sync fails the next write or close, which say so.
                return
            self._closing.wait(SYNC_SECONDS)

    def _repair_tail(self) -> None:
        """Cut off a last line that a crash left without its newline."""
        size = self._file.seek(0, os.SEEK_END)
        if size == 0:
            return
        # Results lines are rarely over a few hundred kilobytes; read back far enough
        # to find the last newline.
        step = 1 << 16
        start = size
        tail = b""
        while start > 0:
            start = max(0, start - step)
            self._file.seek(start)
            tail = self._file.read(size - start)
            if b"\n" in tail:
                break
        if tail.endswith(b"\n"):
            return
        cut = start + tail.rfind(b"\n") + 1
        fragment = tail[tail.rfind(b"\n") + 1 :]
        try:
            json.loads(fragment)
        except ValueError:
            self._file.truncate(cut)
            self.existing.warnings.append(
                f"{self.path}: ignored a torn last line ({len(fragment)} bytes) left by an "
                "interrupted run; that transcript is graded again"
            )
            return
        # A complete record that only lacks its newline is kept.
        self._file.write(b"\n")
        self._file.flush()


def is_done(record: dict[str, Any]) -> bool:
    """Tell whether a result line counts as done, so a rerun skips its transcript.

    Done means graded with a level on every dimension: a dimension that failed (its
    answers could not be used) is graded again on the next run.
    """
    dims = record.get("dimensions")
    return (
        record.get("status") == GRADED
        and isinstance(record.get("resume_key"), str)
        and isinstance(dims, list)
        and all(isinstance(dim, dict) and dim.get("level") is not None for dim in dims)
    )


def read_results(
    path: str | Path, warnings: list[str] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, record)`` for each valid line, one line in memory at a time.

    Lines that are not a JSON object are skipped, with a warning naming the line.
    """
    if not Path(path).exists():
        return
    with Path(path).open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError:
                record = None
            if not isinstance(record, dict):
                if warnings is not None:
                    warnings.append(f"{path}:{number}: not a result line; skipped")
                continue
            yield number, record


def resume_settings(
    options: GradeOptions,
    candidate: str | None,
    model: ModelInfo,
    speakers: SpeakerOverrides | None = None,
) -> dict[str, Any]:
    """Return everything besides content, rubric, prompts and model that changes a grade."""
    settings = options.settings
    return {
        "strategy": options.strategy,
        "max_attempts": options.max_attempts,
        "max_tokens": settings.max_tokens,
        "temperature": settings.temperature,
        "seed": settings.seed,
        "chunk_budget": options.chunk_budget,
        "reserve_tokens": options.reserve_tokens,
        "context_tokens": model.context_tokens,
        "candidate": candidate,
        "calibration": options.fitted.sha256() if options.fitted is not None else None,
        "redact": options.redacts,
        "redact_names": list(options.redact_names),
        "answer_order": options.answer_order,
        **({"speakers": list(speakers.described)} if speakers else {}),
    }
