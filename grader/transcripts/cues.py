"""WebVTT and SubRip transcripts: cues with timings, voice tags and speaker labels."""

from __future__ import annotations

import html
from dataclasses import dataclass

from grader.errors import TranscriptError
from grader.transcripts.labels import (
    TAG_RE,
    TIMING_RE,
    VOICE_RE,
    VTT_HEADER_RE,
    Parsed,
    RawTurn,
    accepted_labels,
    clean_text,
    parse_clock,
    speaker_key,
    split_label,
    without_stray_labels,
)


@dataclass
class _Segment:
    """A run of cue text with one speaker source."""

    cue: int
    start: float
    line: int
    text: str
    voice: str | None
    label: tuple[str, str] | None
    first: bool


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Group non-blank lines into blocks separated by blank lines, with line numbers."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for no, line in enumerate(lines, 1):
        if line.strip():
            current.append((no, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [cue for block in blocks for cue in _split_cues(block)]


def _split_cues(block: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Split a block that holds several cues with no blank line between them.

    A timing line after a cue's own timing line starts a new cue; a bare number just
    before it is taken as that cue's number.
    """
    cuts = [0]
    for i in range(1, len(block)):
        if i > cuts[-1] + 1 and TIMING_RE.match(block[i][1]):
            number = block[i - 1][1].strip()
            own = i - 1 > cuts[-1] + 1 and number.isascii() and number.isdigit()
            cuts.append(i - 1 if own else i)
    return [block[a:b] for a, b in zip(cuts, [*cuts[1:], len(block)], strict=True)]


def _timing(no: int, line: str, path: str, example: str) -> float:
    """Parse a cue timing line and return the start time in seconds."""
    match = TIMING_RE.match(line)
    start = parse_clock(match[1]) if match else None
    if match is None or start is None or parse_clock(match[2]) is None:
        raise TranscriptError(
            path,
            f"broken cue timing line {line.strip()[:80]!r}",
            line=no,
            hint=f"write it as '{example}'",
        )
    return start


def _segments(cue: int, start: float, body: list[tuple[int, str]]) -> list[_Segment]:
    """Split cue text into segments at voice tags, strip markup and find line labels."""
    segments: list[_Segment] = []
    voice: str | None = None
    for index, (no, line) in enumerate(body):
        pieces: list[tuple[str | None, str, bool]] = []
        pos = 0
        for match in VOICE_RE.finditer(line):
            pieces.append((voice, line[pos : match.start()], pos == 0))
            voice = clean_text(html.unescape(match[1] or "")) or None
            pos = match.end()
        pieces.append((voice, line[pos:], pos == 0))
        for who, raw, at_start in pieces:
            text = html.unescape(TAG_RE.sub("", raw))
            if not text.strip():
                continue
            label = split_label(text) if who is None and at_start else None
            segments.append(_Segment(cue, start, no, text, who, label, index == 0))
    return segments


def _cue_turns(segments: list[_Segment], candidate: str | None) -> list[RawTurn]:
    """Resolve segment speakers and merge consecutive segments by the same speaker."""
    found = ((s.label[0], s.first) for s in segments if s.label)
    accepted = accepted_labels(found, candidate)
    named = [s.label[0] for s in segments if s.label]
    accepted = without_stray_labels(accepted, named, len(segments), candidate)
    turns: list[RawTurn] = []
    last_cue = -1
    speaker = ""
    for seg in segments:
        text = seg.text
        if seg.voice is not None:
            speaker = seg.voice
        elif seg.label is not None and speaker_key(seg.label[0]) in accepted:
            speaker, text = seg.label
        prev = turns[-1] if turns else None
        same = prev is not None and speaker_key(prev.speaker) == speaker_key(speaker)
        if prev is not None and same and (speaker or seg.cue == last_cue):
            prev.text += "\n" + text
        else:
            turns.append(RawTurn(speaker=speaker, text=text, line=seg.line, start=seg.start))
        last_cue = seg.cue
    return turns


def parse_vtt(lines: list[str], path: str, candidate: str | None) -> Parsed:
    """Parse WebVTT: cues, voice tags, ``Name:`` labels; NOTE/STYLE/REGION blocks ignored."""
    out = Parsed()
    blocks = _blocks(lines)
    if blocks and VTT_HEADER_RE.match(blocks[0][0][1].strip()):
        header = blocks.pop(0)
        timed = [i for i, (_, line) in enumerate(header) if "-->" in line]
        if timed:
            blocks.insert(0, header[timed[0] :])
    elif blocks:
        out.warnings.append(f"{path}:{blocks[0][0][0]}: no WEBVTT header; reading the cues anyway")
    segments: list[_Segment] = []
    for cue, block in enumerate(blocks):
        first = block[0][1].strip()
        if "-->" not in first and first.split()[0] in {"NOTE", "STYLE", "REGION"}:
            continue
        at = 0 if "-->" in first else 1 if len(block) > 1 and "-->" in block[1][1] else -1
        if at < 0:
            _orphan(out, segments, cue, block, path)
            continue
        no, line = block[at]
        start = _timing(no, line, path, "00:01:02.500 --> 00:01:05.000")
        segments.extend(_segments(cue, start, block[at + 1 :]))
    out.turns = _cue_turns(segments, candidate)
    return out


def parse_srt(lines: list[str], path: str, candidate: str | None) -> Parsed:
    """Parse SubRip: numbered cues, ``Speaker:`` labels, unlabelled cues continue a speaker."""
    out = Parsed()
    segments: list[_Segment] = []
    example = "00:01:02,500 --> 00:01:05,000"
    for cue, block in enumerate(_blocks(lines)):
        first = block[0][1].strip()
        if "-->" in first:
            at = 0
        elif first.isascii() and first.isdigit():
            if len(block) < 2 or "-->" not in block[1][1]:
                no = block[1][0] if len(block) > 1 else block[0][0]
                raise TranscriptError(
                    path,
                    f"cue {first} has no timing line",
                    line=no,
                    hint=f"put a line like '{example}' right after the cue number",
                )
            at = 1
        else:
            _orphan(out, segments, cue, block, path)
            continue
        no, line = block[at]
        start = _timing(no, line, path, example)
        segments.extend(_segments(cue, start, block[at + 1 :]))
    out.turns = _cue_turns(segments, candidate)
    return out


def _orphan(
    out: Parsed,
    segments: list[_Segment],
    cue: int,
    block: list[tuple[int, str]],
    path: str,
) -> None:
    """Attach a block without a timing line to the previous cue, or warn and skip it."""
    if segments:
        last = segments[-1]
        for seg in _segments(last.cue, last.start, block):
            seg.first = False
            segments.append(seg)
        return
    out.warnings.append(f"{path}:{block[0][0]}: text before the first cue timing line is ignored")
