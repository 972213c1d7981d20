"""Expanding the inputs of a batch (files, folders, globs) into transcript paths, lazily.

Paths are produced one at a time; a folder is walked one directory at a time, so a folder
with many thousands of transcripts never has more than one directory listing in memory
and no file's content is read here. Order is stable (sorted names within each directory),
so reruns and progress estimates see the same sequence.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from grader.errors import ConfigError

# Extensions picked up inside folders; a file named explicitly is taken whatever its name.
TRANSCRIPT_SUFFIXES = frozenset({".txt", ".vtt", ".srt", ".json"})
# Notes that folders of transcripts often carry beside them.
_NOT_TRANSCRIPTS = frozenset({"readme", "license", "licence", "notes", "changelog"})
_GLOB_CHARS = frozenset("*?[")


def check_inputs(inputs: Sequence[str]) -> None:
    """Fail early, naming the input, when a path does not exist or a glob matches nothing.

    Raises:
        ConfigError: No inputs, a missing file or folder, or a glob without matches.
    """
    if not inputs:
        raise ConfigError("no inputs given", hint="Name transcript files, folders or globs")
    for item in inputs:
        if _is_glob(item):
            if next(glob.iglob(item, recursive=True), None) is None:
                raise ConfigError(
                    f"{item}: the pattern matches no file",
                    hint="Check the pattern; quote it so the shell does not expand it",
                )
        elif not os.path.exists(item):
            raise ConfigError(f"{item}: no such file or folder", hint="Check the path")


def expand(inputs: Sequence[str]) -> Iterator[Path]:
    """Yield every transcript path the inputs name, each file once, in a stable order.

    Folders are searched recursively for files with a transcript extension
    (``.txt .vtt .srt .json``); hidden files and folders, and notes such as README,
    are skipped. Globs follow
    Python's rules, ``**`` included; a folder matched by a glob is searched like a folder.
    """
    seen: set[str] = set()
    for item in inputs:
        matches = sorted(glob.iglob(item, recursive=True)) if _is_glob(item) else [item]
        for match in matches:
            for path in _walk(Path(match)) if os.path.isdir(match) else [Path(match)]:
                # The same file named twice (by itself and by its folder) is graded once.
                real = os.path.realpath(path)
                if real in seen:
                    continue
                seen.add(real)
                yield path


def count(inputs: Sequence[str]) -> int:
    """Return how many paths :func:`expand` yields (reads names only, not contents)."""
    return sum(1 for _ in expand(inputs))


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or Path(entry.name).stem.lower() in _NOT_TRANSCRIPTS:
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in TRANSCRIPT_SUFFIXES:
            yield Path(entry.path)


def _is_glob(item: str) -> bool:
    return any(char in _GLOB_CHARS for char in item) and not os.path.exists(item)
