"""Labelled samples: JSONL files of (transcript, labeller, levels per dimension).

One line per (transcript, labeller)::

    {"transcript": "../labelled/dev/d01.txt", "labeller": "project-authors-design",
     "levels": {"data_literacy": "strong", ...}, "candidate": "Name", "notes": "..."}

Transcript paths are relative to the labels file. ``labeller`` is required: who labelled a
transcript is part of the data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import InputError
from grader.rubrics.levels import LEVEL_IDS, Level
from grader.rubrics.rubric import Rubric

_KNOWN_KEYS = {
    "transcript",
    "labeller",
    "author",
    "style",
    "levels",
    "evidence",
    "notes",
    "candidate",
    "original",
}


class LabelError(InputError):
    """A labels file is malformed."""


@dataclass(frozen=True)
class Label:
    """One labeller's levels for one transcript.

    Attributes:
        transcript: Absolute path of the transcript.
        labeller: Who labelled it.
        levels: Level per dimension id (dimensions may be missing).
        candidate: The candidate's speaker name, when the transcript names people.
        source: ``file:line`` the label came from.
        author: Who wrote the transcript, when it was written for the labelled set.
        style: A few words on how it is written (speech-like, probing interviewer, ...).
        original: For an altered copy of a transcript (e.g. with an injected passage), the
            clean transcript it was made from; an eval compares their grades.
    """

    transcript: Path
    labeller: str
    levels: dict[str, Level]
    candidate: str | None = None
    notes: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    original: Path | None = None
    author: str = ""
    style: str = ""


def label_files(paths: Sequence[str | Path]) -> list[Path]:
    """Expand folders into the ``*.jsonl`` files they hold, sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise LabelError(path, "no .jsonl labels file in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


def load_labels(paths: Sequence[str | Path], rubric: Rubric) -> list[Label]:
    """Load and validate labels from files or folders.

    Raises:
        LabelError: Unreadable file, invalid JSON, unknown key, dimension or level, a missing
            transcript file, or a duplicate (transcript, labeller); the message names the
            file and line.
    """
    labels: list[Label] = []
    seen: dict[tuple[Path, str], str] = {}
    for file in label_files(paths):
        for label in _read(file, rubric):
            key = (label.transcript, label.labeller)
            if key in seen:
                line = int(label.source.rsplit(":", 1)[1])
                raise LabelError(
                    file,
                    f"duplicate label for {label.transcript.name} by {label.labeller!r} "
                    f"(first at {seen[key]})",
                    line=line,
                    hint="Keep one line per (transcript, labeller)",
                )
            seen[key] = label.source
            labels.append(label)
    if not labels:
        raise LabelError(", ".join(str(p) for p in paths), "no labels found")
    return labels


def _read(file: Path, rubric: Rubric) -> Iterable[Label]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(file, f"cannot read labels file ({exc})") from None
    dims = {dim.id for dim in rubric.dimensions}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelError(file, f"invalid JSON ({exc.msg})", line=number) from None
        yield _label(file, number, data, dims)


def _label(file: Path, number: int, data: Any, dims: set[str]) -> Label:
    def fail(message: str, hint: str | None = None) -> LabelError:
        return LabelError(file, message, line=number, hint=hint)

    if not isinstance(data, dict):
        raise fail("a label line must be a JSON object")
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r}", f"Use {', '.join(sorted(_KNOWN_KEYS))}")
    for key in ("transcript", "labeller", "levels"):
        if key not in data:
            raise fail(f"missing key {key!r}")
    if not isinstance(data["labeller"], str) or not data["labeller"].strip():
        raise fail("labeller must be a non-empty string", "Record who labelled the transcript")
    transcript = (file.parent / str(data["transcript"])).resolve()
    if not transcript.is_file():
        raise fail(
            f"transcript file not found: {data['transcript']}",
            "Paths are relative to the labels file",
        )
    if not isinstance(data["levels"], dict) or not data["levels"]:
        raise fail("levels must be an object of dimension id -> level id")
    levels: dict[str, Level] = {}
    for dim, level in data["levels"].items():
        if dim not in dims:
            raise fail(f"unknown dimension {dim!r}", f"Use one of {', '.join(sorted(dims))}")
        if level not in LEVEL_IDS:
            raise fail(f"unknown level {level!r} for {dim}", f"Use one of {', '.join(LEVEL_IDS)}")
        levels[dim] = Level(level)
    candidate = data.get("candidate")
    original = None
    if data.get("original") is not None:
        original = (file.parent / str(data["original"])).resolve()
        if not original.is_file():
            raise fail(f"original transcript not found: {data['original']}")
    return Label(
        original=original,
        transcript=transcript,
        labeller=data["labeller"].strip(),
        levels=levels,
        candidate=candidate if isinstance(candidate, str) else None,
        notes=str(data.get("notes", "")),
        evidence=data.get("evidence") or {},
        source=f"{file}:{number}",
        author=str(data.get("author", "")),
        style=str(data.get("style", "")),
    )
