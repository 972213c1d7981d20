"""A person's corrections of who speaks: lines of the file, or diarized speakers, given roles.

Two ways to write them, which mean the same:

* ``--candidate-lines 12-40,55`` on the command line: those lines of the transcript file
  are the candidate's;
* a speakers file (``--speakers FILE``), one entry a line, ``#`` starting a comment::

      candidate: 12-40, 55, 60-72     # lines of the transcript file
      interviewer: 1-11, 41-54
      SPEAKER_01: candidate           # a diarized speaker (or any speaker label)

Lines named keep their role and the rest of an unlabelled transcript is inferred around
them; a speaker named keeps its role and the other speakers are mapped around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from grader.errors import ConfigError, InputError
from grader.transcripts.labels import Role, role_word, speaker_key

_RANGE_RE = re.compile(r"^\s*(\d{1,7})\s*(?:-\s*(\d{1,7})\s*)?$")
# Ranges wider than this are refused: no transcript file has ten million lines.
MAX_LINE = 10_000_000
EXAMPLE = "candidate: 12-40, 55\ninterviewer: 1-11\nSPEAKER_01: candidate"


@dataclass(frozen=True)
class SpeakerOverrides:
    """Roles a person gave: by line of the file, and by speaker label.

    Attributes:
        lines: 1-based line number -> role.
        speakers: Speaker key (see :func:`~grader.transcripts.labels.speaker_key`) -> role.
        described: What was given, in words, for the record (``lines 12-40 candidate``).
    """

    lines: dict[int, Role] = field(default_factory=dict)
    speakers: dict[str, Role] = field(default_factory=dict)
    described: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lines or self.speakers)

    def merged(self, other: SpeakerOverrides) -> SpeakerOverrides:
        """Return these overrides with ``other``'s added (``other`` wins on a clash)."""
        return SpeakerOverrides(
            {**self.lines, **other.lines},
            {**self.speakers, **other.speakers},
            (*self.described, *other.described),
        )


def parse_ranges(text: str) -> list[tuple[int, int]]:
    """Parse ``12-40, 55`` into ``[(12, 40), (55, 55)]``.

    Raises:
        ValueError: A part is not a line number or a range of them, or a range runs
            backwards.
    """
    out = []
    for part in text.split(","):
        if not part.strip():
            continue
        match = _RANGE_RE.match(part)
        if match is None:
            raise ValueError(f"{part.strip()!r} is not a line number or a range like 12-40")
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        if first < 1 or last < first or last > MAX_LINE:
            raise ValueError(f"{part.strip()!r} is not a range of lines from 1 upwards")
        out.append((first, last))
    if not out:
        raise ValueError("no line numbers given")
    return out


def candidate_lines(text: str) -> SpeakerOverrides:
    """Return the overrides that ``--candidate-lines RANGES`` asks for.

    Raises:
        ConfigError: The ranges cannot be read.
    """
    try:
        ranges = parse_ranges(text)
    except ValueError as exc:
        raise ConfigError(
            f"--candidate-lines: {exc}",
            hint="Give lines of the transcript file, as in --candidate-lines 12-40,55",
        ) from None
    return _from_ranges("candidate", ranges, text)


def from_options(speakers: str | Path | None, lines: str | None) -> SpeakerOverrides | None:
    """Return the corrections a speakers file and ``--candidate-lines`` give (None: none)."""
    found = load_speakers(speakers) if speakers else SpeakerOverrides()
    if lines:
        found = found.merged(candidate_lines(lines))
    return found or None


def _from_ranges(role: Role, ranges: list[tuple[int, int]], text: str) -> SpeakerOverrides:
    lines: dict[int, Role] = {}
    for first, last in ranges:
        if last - first > 200_000:
            raise ConfigError(
                f"line range {first}-{last} is longer than any transcript",
                hint="Give the lines of the transcript file that the speaker says",
            )
        lines.update(dict.fromkeys(range(first, last + 1), role))
    return SpeakerOverrides(lines=lines, described=(f"lines {' '.join(text.split())} {role}",))


def load_speakers(path: str | Path) -> SpeakerOverrides:
    """Read a speakers file (see the module docstring).

    Raises:
        InputError: The file cannot be read, or a line is not ``role: lines`` or
            ``speaker: role``; the error names the file and the line.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(name, f"cannot read the speakers file ({reason})") from None
    out = SpeakerOverrides()
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, colon, value = line.rpartition(":")
        key, value = key.strip(), value.strip()
        if not colon or not key or not value:
            raise _bad(name, no, "is not 'role: lines' or 'speaker: role'")
        role = role_word(key)
        if role is not None and _RANGE_RE.match(value.split(",")[0]):
            try:
                ranges = parse_ranges(value)
            except ValueError as exc:
                raise _bad(name, no, str(exc)) from None
            out = out.merged(_from_ranges(role, ranges, value))
            continue
        wanted = role_word(value)
        if wanted is None:
            raise _bad(name, no, f"{value!r} is neither a role nor line numbers")
        entry = SpeakerOverrides(
            speakers={speaker_key(key): wanted}, described=(f"{key} {wanted}",)
        )
        out = out.merged(entry)
    if not out:
        raise InputError(name, "the speakers file names no lines and no speakers", hint=_HINT)
    return out


_HINT = f"write one entry a line, e.g. {EXAMPLE!r}"


def _bad(name: str, no: int, problem: str) -> InputError:
    return InputError(name, problem, line=no, hint=_HINT)
