"""Reading what people paste or upload, with the same checks and errors as the command line.

Uploaded bytes are written under their own (cleaned) file name into a private temporary
folder and read by the library's own loaders, so a binary, empty, oversized or malformed
file is refused exactly as ``grader grade FILE`` refuses it. Errors and warnings name the
file as the person called it, never the temporary folder.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import TypeVar

from grader.errors import GraderError, InputError
from grader.ratings.files import Ratings, RatingsError, load_ratings
from grader.ratings.names import match_dimension, parse_level
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript, load

PASTED = "pasted"
T = TypeVar("T")


def clean_name(name: str | None, default: str = PASTED) -> str:
    """Return a plain file name: the last path part, only letters, digits and ``._- ``."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .")[:120]
    return base or default


def _read(data: bytes, name: str, reader: Callable[[Path], T]) -> T:
    with tempfile.TemporaryDirectory(prefix="grader-web-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return reader(path)
        except GraderError as exc:
            _rename(exc, f"{folder}/", "")
            raise


def _rename(exc: GraderError, old: str, new: str) -> None:
    exc.message = exc.message.replace(old, new)
    if exc.hint:
        exc.hint = exc.hint.replace(old, new)
    if isinstance(exc, InputError):
        exc.path = exc.path.replace(old, new)
    exc.args = (str(exc),)


def read_transcript(
    data: bytes, name: str | None, *, candidate: str | None, max_bytes: int
) -> Transcript:
    """Parse an uploaded or pasted transcript as ``grader grade`` parses a file.

    Args:
        data: The bytes as received.
        name: The file name the person gave (its extension chooses the format, as on the
            command line); None for pasted text, whose format is read from its content.
        candidate: Which speaker is the candidate, when speakers are named people.
        max_bytes: Largest transcript accepted.

    Raises:
        TranscriptError: Empty, binary, too large, or in no supported format.
    """
    shown = clean_name(name)
    with tempfile.TemporaryDirectory(prefix="grader-web-") as folder:
        path = Path(folder) / shown
        path.write_bytes(data)
        try:
            transcript = load(path, candidate=candidate or None, max_bytes=max_bytes)
        except GraderError as exc:
            _rename(exc, str(path), shown)
            raise
    warnings = [w.replace(str(path), shown) for w in transcript.warnings]
    return transcript.model_copy(update={"path": shown, "warnings": warnings})


def read_ratings(data: bytes, name: str | None, rubric: Rubric) -> Ratings:
    """Read an uploaded ratings file as ``grader audit`` reads one (CSV or JSONL).

    Raises:
        RatingsError: Unreadable, malformed, or naming unknown dimensions or levels.
    """
    shown = clean_name(name, "ratings.csv")
    ratings = _read(data, shown, lambda path: load_ratings(path, rubric))
    return Ratings(path=shown, items=ratings.items, dimensions=ratings.dimensions)


def read_levels(values: Mapping[str, object], rubric: Rubric) -> dict[str, Level]:
    """Read the interviewer's own levels (dimension id or title -> level id, name or 1-5).

    Empty values are skipped; no value at all gives an empty mapping.

    Raises:
        RatingsError: An unknown dimension or level, named in the message.
    """
    levels: dict[str, Level] = {}
    for key, value in values.items():
        if value is None or not str(value).strip():
            continue
        dim = match_dimension(str(key), rubric)
        if dim is None:
            ids = ", ".join(d.id for d in rubric.dimensions)
            raise RatingsError("your levels", f"unknown dimension {key!r}", hint=f"Use {ids}")
        try:
            levels[dim] = parse_level(value, rubric)
        except ValueError as exc:
            raise RatingsError("your levels", f"{dim}: {exc}") from None
    return levels
