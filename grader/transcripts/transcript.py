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
    * Diarized labels only (``SPEAKER_00``, ``Speaker 2``): mapped to roles from the words.
    * No labels at all: lines are split and grouped into turns, and their roles inferred
      from the words (:mod:`grader.transcripts.attribution`); a person may fix lines or
      speakers with ``speakers=``. Too short a text keeps role ``unknown``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

from grader.errors import TranscriptError
from grader.transcripts.attribution.overrides import SpeakerOverrides
from grader.transcripts.attribution.record import Attribution
from grader.transcripts.attribution.resolve import resolve
from grader.transcripts.bidi import BIDI_RE, strip_bidi
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
    speaker_key,
    strip_controls,
)
from grader.transcripts.reading import decode, normalise_newlines, read_path, read_stdin

__all__ = ["Format", "Role", "Transcript", "Turn", "load", "parse"]


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
        confidence: For inferred roles, the probability that the role is right.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    speaker: str
    role: Role
    text: str
    start: float | None = None
    line: int
    confidence: float | None = None


class Transcript(BaseModel):
    """A parsed transcript.

    Attributes:
        path: The file the transcript came from (``<string>`` for :func:`parse` input).
        format: The format the file was read as.
        turns: Turns in file order, ids ``T1`` to ``Tn``, none with empty text.
        warnings: Human-readable notes about the file, each naming it.
        sha256: Hex SHA-256 of the raw file bytes (empty when parsed from a string
            without one).
        attribution: How the speakers were inferred, when the file did not name them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    format: Format
    turns: list[Turn]
    warnings: list[str]
    sha256: str
    attribution: Attribution | None = None

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
    speakers: SpeakerOverrides | None = None,
) -> Transcript:
    """Read and parse a transcript file.

    Args:
        path: The transcript file, or ``-`` for standard input.
        candidate: Speaker label of the candidate; overrides role words and guessing.
        max_bytes: Largest file size accepted, in bytes.
        speakers: Roles a person gave to lines or speakers; they win over inference.

    Returns:
        The parsed transcript.

    Raises:
        TranscriptError: The file is missing, a directory, too large, binary, empty, or
            cannot be parsed in its format.
    """
    name = str(path)
    data = read_stdin(max_bytes) if name == "-" else read_path(Path(path), name, max_bytes)
    text, warnings = decode(data, name)
    return _parse(
        text,
        path=name,
        fmt=None,
        candidate=candidate,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
        speakers=speakers,
    )


def parse(
    text: str,
    *,
    path: str = "<string>",
    fmt: Format | None = None,
    candidate: str | None = None,
    sha256: str = "",
    speakers: SpeakerOverrides | None = None,
) -> Transcript:
    """Parse transcript text.

    Args:
        text: The transcript content.
        path: Name used in messages; its extension chooses the format when ``fmt`` is None.
        fmt: The format to read; None detects it from ``path`` and the content.
        candidate: Speaker label of the candidate; overrides role words and guessing.
        sha256: Hash of the raw bytes to record, if known.
        speakers: Roles a person gave to lines or speakers; they win over inference.

    Returns:
        The parsed transcript.

    Raises:
        TranscriptError: The text is empty, in no supported format, or malformed.
    """
    return _parse(
        text,
        path=path,
        fmt=fmt,
        candidate=candidate,
        sha256=sha256,
        warnings=[],
        speakers=speakers,
    )


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
    speakers: SpeakerOverrides | None = None,
) -> Transcript:
    """Clean the text, parse it in its format, drop empty turns, assign roles and ids."""
    text = strip_controls(normalise_newlines(text))
    text, replaced = replace_surrogates(text, path)
    warnings = [*warnings, *replaced]
    if not text.strip():
        raise TranscriptError(
            path,
            "transcript is empty (no text, or only whitespace)",
            hint="check that the right file was given and that it was saved completely",
        )
    # Bidi characters go before the layout is read, so "\u202eCandidate: ..." is a label.
    bidi_lines = [n for n, line in enumerate(text.split("\n"), 1) if BIDI_RE.search(line)]
    text, bidi_count = BIDI_RE.subn("", text)
    lines = text.split("\n")
    chosen = fmt or detect_format(lines, path, candidate)
    parsed = _PARSERS[chosen](text, lines, path, candidate)
    raw: list[RawTurn] = []
    bidi = strip_bidi(parsed.turns, path, bidi_lines, bidi_count)
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
    found = resolve(raw, path, candidate, speakers)
    made = zip(found.turns, found.roles, found.confidences, strict=True)
    turns = [
        Turn(
            id=f"T{i}",
            speaker=t.speaker,
            role=r,
            text=t.text,
            start=t.start,
            line=t.line,
            confidence=c,
        )
        for i, (t, r, c) in enumerate(made, 1)
    ]
    notes = [*warnings, *parsed.warnings, *bidi, *found.warnings]
    if all(t.role == "unknown" for t in turns):
        notes.append(
            f"{path}: the transcript has no speaker labels, so the candidate's words cannot "
            "be told from the interviewer's and evidence may include interviewer speech; "
            "add 'Name: ' labels to tell them apart"
        )
    return Transcript(
        path=path,
        format=chosen,
        turns=turns,
        warnings=notes,
        sha256=sha256,
        attribution=found.attribution,
    )
