"""Format detection, and the parsers of plain-text and timestamped transcripts.

Each parser takes the cleaned text of a transcript (newlines normalised to LF, control
characters removed) split into lines, and returns raw turns in file order plus warnings.
Role assignment, dropping of empty turns and id numbering happen in
:mod:`grader.transcripts.transcript`; the speaker-label rules are in
:mod:`grader.transcripts.labels`, WebVTT and SubRip in :mod:`grader.transcripts.cues`, JSON
in :mod:`grader.transcripts.json_turns`.
"""

from __future__ import annotations

from pathlib import PurePath

from grader.errors import TranscriptError
from grader.transcripts.labels import (
    SUPPORTED,
    TS_LINE_RE,
    VTT_HEADER_RE,
    Format,
    Parsed,
    RawTurn,
    accepted_labels,
    parse_clock,
    speaker_key,
    split_label,
    without_stray_labels,
)


def _paragraphs(lines: list[str]) -> list[RawTurn]:
    """Split unlabelled text into one turn per blank-line-separated paragraph."""
    turns: list[RawTurn] = []
    current: RawTurn | None = None
    for no, line in enumerate(lines, 1):
        if not line.strip():
            current = None
        elif current is None:
            current = RawTurn(speaker="", text=line, line=no)
            turns.append(current)
        else:
            current.text += "\n" + line
    return turns


def parse_text(lines: list[str], path: str, candidate: str | None) -> Parsed:
    """Parse ``Speaker: text`` transcripts (multi-line turns, blank lines inside turns)."""
    labels = [split_label(line) for line in lines]
    accepted = accepted_labels(((lab[0], False) for lab in labels if lab), candidate)
    if not accepted:
        return Parsed(turns=_paragraphs(lines))
    out = Parsed()
    current: RawTurn | None = None
    for no, (line, lab) in enumerate(zip(lines, labels, strict=True), 1):
        if lab is not None and speaker_key(lab[0]) in accepted:
            current = RawTurn(speaker=lab[0], text=lab[1], line=no)
            out.turns.append(current)
        elif current is not None:
            current.text += "\n" + line
        elif line.strip():
            current = RawTurn(speaker="", text=line, line=no)
            out.turns.append(current)
            out.warnings.append(
                f"{path}:{no}: text before the first speaker label is kept as an unlabelled turn"
            )
    return out


def parse_timestamped(lines: list[str], path: str, candidate: str | None) -> Parsed:
    """Parse ``[mm:ss] text`` lines, optionally with ``Speaker:`` after the timestamp."""
    stamped: dict[int, tuple[float, str]] = {}
    for no, line in enumerate(lines, 1):
        match = TS_LINE_RE.match(line)
        if match is not None and (seconds := parse_clock(match[1])) is not None:
            stamped[no] = (seconds, match[2])
    labels = {no: split_label(rest) for no, (_, rest) in stamped.items()}
    found = [lab[0] for lab in labels.values() if lab]
    accepted = accepted_labels(((label, True) for label in found), candidate)
    accepted = without_stray_labels(accepted, found, len(stamped), candidate)
    out = Parsed()
    current: RawTurn | None = None
    speaker = ""
    for no, line in enumerate(lines, 1):
        if no in stamped:
            seconds, text = stamped[no]
            lab = labels[no]
            if lab is not None and speaker_key(lab[0]) in accepted:
                speaker, text = lab
            current = RawTurn(speaker=speaker, text=text, line=no, start=seconds)
            out.turns.append(current)
        elif current is not None:
            current.text += "\n" + line
        elif line.strip():
            current = RawTurn(speaker="", text=line, line=no)
            out.turns.append(current)
    return out


def _looks_timestamped(lines: list[str], nonblank: int) -> bool:
    hits = 0
    for line in lines:
        match = TS_LINE_RE.match(line)
        if match is not None and parse_clock(match[1]) is not None:
            hits += 1
    return hits > 0 and hits * 3 >= nonblank


def detect_format(lines: list[str], path: str, candidate: str | None) -> Format:
    """Choose the format from the file extension, or from the content when it is unknown.

    ``.vtt``, ``.srt`` and ``.json`` decide by themselves. ``.txt`` and ``.md`` files are
    WebVTT or SubRip when they start like one, timestamped when at least a third of their
    non-blank lines start with ``[mm:ss]``, and text otherwise. Other extensions are
    sniffed in the order WebVTT, SubRip, timestamped, JSON, ``Speaker: text``.

    Raises:
        TranscriptError: The extension is unknown and the content matches no format.
    """
    suffix = PurePath(path).suffix.lower()
    by_suffix: dict[str, Format] = {".vtt": "vtt", ".srt": "srt", ".json": "json"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    first = lines[filled[0]].strip() if filled else ""
    if VTT_HEADER_RE.match(first):
        return "vtt"
    numbered = first.isascii() and first.isdigit() and len(filled) > 1
    if numbered and filled[1] == filled[0] + 1 and "-->" in lines[filled[1]]:
        return "srt"
    if _looks_timestamped(lines, len(filled)):
        return "timestamped"
    if suffix in {".txt", ".md"}:
        return "text"
    if first[:1] in {"[", "{"}:
        return "json"
    labels = (split_label(line) for line in lines)
    if accepted_labels(((lab[0], False) for lab in labels if lab), candidate):
        return "text"
    raise TranscriptError(
        path,
        "cannot tell the transcript format from the extension or the content",
        hint=f"save it with a matching extension; {SUPPORTED}",
    )
