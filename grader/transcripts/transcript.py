"""Load interview transcripts into speaker turns with roles.

Transcripts come from candidates and recording tools, so every file is treated as untrusted:
size is checked before reading, binary files are refused, undecodable bytes are replaced,
control characters are removed, and every problem with the file is reported as a
:class:`~grader.errors.TranscriptError` naming the file, the line where there is one, and
the fix. Format details and the speaker-label rule are in :mod:`grader.transcripts.formats`.

Roles:
    * A label that is a role word gets that role: ``Interviewer``, ``Interviewer 1``,
      ``Host``, ``Q``, ``Question``, ``Panel``, ``Panelist``, ``Hiring Manager`` are the
      interviewer; ``Candidate``, ``Interviewee``, ``Applicant``, ``A``, ``Answer`` the
      candidate. In JSON, a ``role`` key next to ``speaker`` may name the role as well.
    * ``candidate="Name"`` makes that speaker the candidate and every other labelled
      speaker an interviewer.
    * Otherwise, speakers without a role word are guessed (with a warning): when a
      candidate is already known they are interviewers; when only one of them is left, or
      an interviewer is known, the one with the most words is the candidate; otherwise the
      speaker who ends the largest share of turns with ``?`` is an interviewer and the one
      with the most words among the rest is the candidate.
    * Turns without a speaker label have role ``unknown``.
"""

from __future__ import annotations

import hashlib
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

from grader.errors import TranscriptError
from grader.transcripts.cues import parse_srt, parse_vtt
from grader.transcripts.formats import detect_format, parse_text, parse_timestamped
from grader.transcripts.json_turns import parse_json
from grader.transcripts.labels import (
    Format,
    Parsed,
    RawTurn,
    Role,
    clean_text,
    replace_surrogates,
    role_word,
    speaker_key,
    strip_controls,
)

__all__ = ["Format", "Role", "Transcript", "Turn", "load", "parse", "read_file"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_NON_TEXT_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_NON_TEXT_SHARE = 0.3
_MAX_LISTED = 20
_ENCODING_HINT = "save the transcript as UTF-8 text (.txt, .md, .vtt, .srt or .json)"


class Turn(BaseModel):
    """One speaker turn.

    Attributes:
        id: ``T1``, ``T2``, ... in file order; the same file always gives the same ids.
        speaker: The speaker label as written, ``""`` when the format has none.
        role: ``interviewer``, ``candidate`` or ``unknown``.
        text: The words of the turn, lines joined and whitespace runs collapsed to one space.
        start: Seconds from the start of the recording, when the format gives it.
        line: 1-based line in the file where the turn starts (for cues, the first text
            line; for JSON, the line where the turn's object starts).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    speaker: str
    role: Role
    text: str
    start: float | None = None
    line: int


class Transcript(BaseModel):
    """A parsed transcript.

    Attributes:
        path: The file the transcript came from (``<string>`` for :func:`parse` input).
        format: The format the file was read as.
        turns: Turns in file order, ids ``T1`` to ``Tn``, none with empty text.
        warnings: Human-readable notes about the file, each naming it.
        sha256: Hex SHA-256 of the raw file bytes (empty when parsed from a string
            without one).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    format: Format
    turns: list[Turn]
    warnings: list[str]
    sha256: str

    _index: dict[str, Turn] = PrivateAttr(default_factory=dict)
    _indexed: list[Turn] | None = PrivateAttr(default=None)

    def candidate_turns(self) -> list[Turn]:
        """Return the candidate's turns.

        Returns:
            Turns with role ``candidate``; when no turn has a known role (an unlabelled
            transcript), all turns.
        """
        if all(t.role == "unknown" for t in self.turns):
            return list(self.turns)
        return [t for t in self.turns if t.role == "candidate"]

    def turn(self, turn_id: str) -> Turn | None:
        """Return the turn with this id, or None when there is none."""
        if self._indexed is not self.turns or len(self._index) != len(self.turns):
            self._index = {t.id: t for t in self.turns}
            self._indexed = self.turns
        return self._index.get(turn_id)

    def speakers(self) -> list[str]:
        """Return the distinct speaker labels in order of first appearance.

        Labels that differ only in case or spacing count as one speaker; the first
        spelling is returned. Unlabelled turns are not counted.
        """
        seen: dict[str, str] = {}
        for t in self.turns:
            if t.speaker:
                seen.setdefault(speaker_key(t.speaker), t.speaker)
        return list(seen.values())

    @property
    def word_count(self) -> int:
        """Number of whitespace-separated words over all turns."""
        return sum(len(t.text.split()) for t in self.turns)


def load(
    path: str | Path,
    *,
    candidate: str | None = None,
    max_bytes: int = 2_000_000,
) -> Transcript:
    """Read and parse a transcript file.

    Args:
        path: The transcript file, or ``-`` for standard input.
        candidate: Speaker label of the candidate; overrides role words and guessing.
        max_bytes: Largest file size accepted, in bytes.

    Returns:
        The parsed transcript.

    Raises:
        TranscriptError: The file is missing, a directory, too large, binary, empty, or
            cannot be parsed in its format.
    """
    name = str(path)
    data = _read_stdin(max_bytes) if name == "-" else _read(Path(path), name, max_bytes)
    text, warnings = _decode(data, name)
    return _parse(
        text,
        path=name,
        fmt=None,
        candidate=candidate,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def read_file(path: str | Path, *, max_bytes: int = 2_000_000) -> bytes:
    """Return a transcript file's bytes after the checks :func:`load` makes.

    Only a regular file of at most ``max_bytes`` is read: a folder, a FIFO or a device is
    refused before it is opened, so nothing blocks or reads without end.

    Raises:
        TranscriptError: The file is missing, not a regular file, too large or unreadable.
    """
    return _read(Path(path), str(path), max_bytes)


def parse(
    text: str,
    *,
    path: str = "<string>",
    fmt: Format | None = None,
    candidate: str | None = None,
    sha256: str = "",
) -> Transcript:
    """Parse transcript text.

    Args:
        text: The transcript content.
        path: Name used in messages; its extension chooses the format when ``fmt`` is None.
        fmt: The format to read; None detects it from ``path`` and the content.
        candidate: Speaker label of the candidate; overrides role words and guessing.
        sha256: Hash of the raw bytes to record, if known.

    Returns:
        The parsed transcript.

    Raises:
        TranscriptError: The text is empty, in no supported format, or malformed.
    """
    return _parse(text, path=path, fmt=fmt, candidate=candidate, sha256=sha256, warnings=[])


def _read_stdin(max_bytes: int) -> bytes:
    """Read a transcript piped to standard input, refusing more than ``max_bytes``."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TranscriptError(
            "-",
            f"standard input holds more than the {max_bytes}-byte limit",
            hint="trim the transcript, or raise the limit (--max-bytes) above its size",
        )
    return data


def _read(path: Path, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` bytes of a regular file, refusing larger files."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TranscriptError(
            name, "file not found", hint="check the path and the file name"
        ) from None
    except (OSError, ValueError) as exc:
        raise TranscriptError(
            name, f"cannot access the file ({exc})", hint="check the path and permissions"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise TranscriptError(
            name, "is a directory, not a transcript file", hint="pass one file inside it"
        )
    if not stat.S_ISREG(info.st_mode):
        raise TranscriptError(
            name, "is not a regular file", hint="pass a transcript file saved on disk"
        )
    too_big = TranscriptError(
        name,
        f"file is larger than the {max_bytes}-byte limit",
        hint="trim the transcript, or raise the limit (max_bytes) above its size",
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise TranscriptError(
            name, f"cannot read the file ({exc})", hint="check the file's permissions"
        ) from None
    if len(data) > max_bytes:
        raise too_big
    return data


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode file bytes as text, refusing binary data.

    A UTF-8, UTF-16 or UTF-32 byte-order mark selects that encoding; otherwise the bytes
    are UTF-8. Undecodable bytes become U+FFFD and a warning names the first bad line.
    """
    codec = "utf-8"
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            codec, data = bom_codec, data[len(bom) :]
            break
    else:
        if b"\x00" in data:
            raise TranscriptError(
                name, "looks like a binary file (it contains NUL bytes)", hint=_ENCODING_HINT
            )
    warnings: list[str] = []
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        before = data[: exc.start].decode(codec, errors="replace")
        line = _normalise_newlines(before).count("\n") + 1
        warnings.append(
            f"{name}:{line}: not valid {codec.upper()[:6]} text; undecodable bytes were "
            f"replaced with '\ufffd' (first on line {line}); {_ENCODING_HINT}"
        )
    if text and _NON_TEXT_RE.subn("", text)[1] > _NON_TEXT_SHARE * len(text):
        raise TranscriptError(
            name, "looks like a binary file (mostly non-text bytes)", hint=_ENCODING_HINT
        )
    return text, warnings


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_PARSERS: dict[str, Callable[[str, list[str], str, str | None], Parsed]] = {
    "text": lambda _text, lines, path, cand: parse_text(lines, path, cand),
    "timestamped": lambda _text, lines, path, cand: parse_timestamped(lines, path, cand),
    "vtt": lambda _text, lines, path, cand: parse_vtt(lines, path, cand),
    "srt": lambda _text, lines, path, cand: parse_srt(lines, path, cand),
    "json": lambda text, _lines, path, _cand: parse_json(text, path),
}


def _parse(
    text: str,
    *,
    path: str,
    fmt: Format | None,
    candidate: str | None,
    sha256: str,
    warnings: list[str],
) -> Transcript:
    """Clean the text, parse it in its format, drop empty turns, assign roles and ids."""
    text = strip_controls(_normalise_newlines(text))
    text, replaced = replace_surrogates(text, path)
    warnings = [*warnings, *replaced]
    if not text.strip():
        raise TranscriptError(
            path,
            "transcript is empty (no text, or only whitespace)",
            hint="check that the right file was given and that it was saved completely",
        )
    # Bidi characters go before the layout is read, so "\u202eCandidate: ..." is a label.
    bidi_lines = [n for n, line in enumerate(text.split("\n"), 1) if _BIDI_RE.search(line)]
    text, bidi_count = _BIDI_RE.subn("", text)
    lines = text.split("\n")
    chosen = fmt or detect_format(lines, path, candidate)
    parsed = _PARSERS[chosen](text, lines, path, candidate)
    raw: list[RawTurn] = []
    bidi = _strip_bidi(parsed.turns, path, bidi_lines, bidi_count)
    for turn in parsed.turns:
        turn.text = clean_text(turn.text)
        turn.speaker = clean_text(turn.speaker)
        if turn.text:
            raw.append(turn)
    if not raw:
        raise TranscriptError(
            path,
            f"no turns found in this {chosen} transcript",
            hint="check that the file holds the interview text in a supported layout",
        )
    roles, role_warnings = _assign_roles(raw, path, candidate)
    turns = [
        Turn(id=f"T{i}", speaker=t.speaker, role=r, text=t.text, start=t.start, line=t.line)
        for i, (t, r) in enumerate(zip(raw, roles, strict=True), 1)
    ]
    notes = [*warnings, *parsed.warnings, *bidi, *role_warnings]
    if not any(t.speaker for t in turns):
        notes.append(
            f"{path}: the transcript has no speaker labels, so the candidate's words cannot "
            "be told from the interviewer's and evidence may include interviewer speech; "
            "add 'Name: ' labels to tell them apart"
        )
    return Transcript(path=path, format=chosen, turns=turns, warnings=notes, sha256=sha256)


# Bidirectional embeddings, overrides and isolates make text display in another order than
# it reads (a name or a quote shown reversed); no spoken answer needs them.
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _strip_bidi(turns: list[RawTurn], path: str, lines: list[int], count: int) -> list[str]:
    """Remove bidi characters that escapes put in turns, and warn naming every line.

    JSON escapes and HTML entities in cues spell them after the file's text was cleaned;
    ``lines`` and ``count`` are those already removed from the text itself.
    """
    for turn in turns:
        turn.text, in_text = _BIDI_RE.subn("", turn.text)
        turn.speaker, in_speaker = _BIDI_RE.subn("", turn.speaker)
        if in_text or in_speaker:
            count += in_text + in_speaker
            lines.append(turn.line)
    if not lines:
        return []
    lines = sorted(set(lines))
    shown = ", ".join(str(n) for n in lines[:_MAX_LISTED])
    return [
        f"{path}:{lines[0]}: removed {count} bidirectional control character"
        f"{'s' if count > 1 else ''} (U+202A-U+202E, U+2066-U+2069), which make text display "
        f"in another order than it reads, on line{'s' if len(lines) > 1 else ''} {shown}"
    ]


def _assign_roles(
    turns: list[RawTurn], path: str, candidate: str | None
) -> tuple[list[Role], list[str]]:
    """Give every turn a role (see the module docstring for the rules)."""
    names: dict[str, str] = {}
    hints: dict[str, Role] = {}
    for t in turns:
        if t.speaker:
            key = speaker_key(t.speaker)
            names.setdefault(key, t.speaker)
            if t.role_hint is not None:
                hints.setdefault(key, t.role_hint)
    shown = [repr(n) for n in list(names.values())[:_MAX_LISTED]]
    if len(names) > _MAX_LISTED:
        shown.append(f"and {len(names) - _MAX_LISTED} more")
    found = ", ".join(shown) or "none"
    role_of: dict[str, Role] = {}
    warnings: list[str] = []
    if candidate is not None:
        wanted = speaker_key(candidate)
        if wanted not in names:
            raise TranscriptError(
                path,
                f"candidate {candidate!r} matches no speaker; speakers found: {found}",
                hint="pass one of those names as --candidate NAME",
            )
        role_of = {k: "candidate" if k == wanted else "interviewer" for k in names}
    else:
        for key, name in names.items():
            known = role_word(name) or hints.get(key)
            if known is not None and known != "unknown":
                role_of[key] = known
        rest = [k for k in names if k not in role_of]
        if rest:
            warnings.append(_guess_roles(turns, rest, role_of, names, path))
    if names and "candidate" not in role_of.values():
        raise TranscriptError(
            path,
            f"no candidate turns; speakers found: {found}",
            hint="pass --candidate NAME with the candidate's speaker label",
        )
    return [role_of.get(speaker_key(t.speaker), "unknown") for t in turns], warnings


def _guess_roles(
    turns: list[RawTurn],
    rest: list[str],
    role_of: dict[str, Role],
    names: dict[str, str],
    path: str,
) -> str:
    """Assign roles to speakers in ``rest`` (keys, in order of appearance) and explain."""
    words = {k: 0 for k in rest}
    asked = {k: 0 for k in rest}
    count = {k: 0 for k in rest}
    for t in turns:
        key = speaker_key(t.speaker)
        if key in words:
            words[key] += len(t.text.split())
            count[key] += 1
            asked[key] += t.text.rstrip(" \"'’”)]").endswith("?")
    asker = None
    if "candidate" in role_of.values():
        chosen = None
    elif len(rest) == 1 or "interviewer" in role_of.values():
        chosen = max(rest, key=lambda k: words[k])
    else:
        asker = max(rest, key=lambda k: asked[k] / count[k])
        chosen = max((k for k in rest if k != asker), key=lambda k: words[k])
    for key in rest:
        role_of[key] = "candidate" if key == chosen else "interviewer"
    parts = [f"{names[chosen]!r} is the candidate (most words)"] if chosen else []
    others = [k for k in rest if k != chosen]
    if others:
        why = "a candidate is already marked" if chosen is None else "the other speakers"
        if asker is not None:
            why = f"{names[asker]!r} ends the largest share of turns with '?'"
        listed = ", ".join(repr(names[k]) for k in others)
        parts.append(
            f"{listed} {'is an interviewer' if len(others) == 1 else 'are interviewers'} ({why})"
        )
    return (
        f"{path}: speaker roles were guessed: {'; '.join(parts)}; "
        "pass --candidate NAME to choose the candidate instead"
    )
