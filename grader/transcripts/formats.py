"""Format detection and parsers for transcript files.

Each parser takes the cleaned text of a transcript (newlines normalised to LF, control
characters removed) split into lines, and returns :class:`RawTurn` objects in file order plus
warnings. Role assignment, dropping of empty turns and id numbering happen in
:mod:`grader.transcripts.transcript`; this module only reads the structure of each format.

Speaker-label rule (text, timestamped, SRT and VTT formats):
    A line starts with a *label candidate* when it begins with a short name followed by a
    colon and then whitespace or the end of the line (``Jane Doe: ...``). Markdown emphasis
    (``**Jane:**``), a list bullet (``- ``) or a quote marker (``> ``) before the name is
    allowed. The name is 1-4 words of letters and ``.'’-`` (the last word may be a number
    up to 3 digits, as in ``Speaker 2``), at most 40 characters. A label candidate is
    accepted as a speaker when any of these holds:

    * it is a role word (``Interviewer``, ``Q``, ``Candidate``, ``A``, ...);
    * it equals the ``candidate`` name given by the caller (case-insensitive);
    * it is not a common heading word (``Note``, ``Step``, ``Example``, ``Situation``,
      ``Result``, ...) and it occurs as a label at least twice in the file;
    * in the cue formats and the timestamped format only: it is the first text of a cue or
      timestamped line, every word is capitalised, and it is not a common heading word.

    So ``Note: the API...`` or ``Step 1: ...`` inside a turn stays part of that turn.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal

from grader.errors import TranscriptError

Role = Literal["interviewer", "candidate", "unknown"]
Format = Literal["text", "vtt", "srt", "json", "timestamped"]

SUPPORTED = (
    "supported formats: .txt/.md with 'Speaker: text' or '[mm:ss] text' lines, "
    ".vtt (WebVTT), .srt (SubRip) and .json (a list of "
    '{"speaker": ..., "text": ..., "start": ...} objects)'
)

INTERVIEWER_WORDS = frozenset(
    {"interviewer", "host", "q", "question", "panel", "panelist", "hiring manager"}
)
CANDIDATE_WORDS = frozenset({"candidate", "interviewee", "applicant", "a", "answer"})

# Words that often start a line followed by a colon inside an answer or a header; a label
# whose full text or first word is one of these is never taken as a speaker by recurrence.
_HEADINGS = """
    note notes nb ps p.s fyi tip tips warning important update edit re subject summary
    todo step steps phase part stage example examples e.g i.e eg ie goal goals problem
    solution option options pros cons pro con result results outcome situation task
    action context background assumption assumptions hypothesis metric metrics kpi
    takeaway takeaways first second third finally next then also so ok okay well yes no
    date time title location duration round topic agenda link url email phone source
    total score feedback follow-up bonus caveat reason why how what who when where which
"""
_HEADING_WORDS = frozenset(_HEADINGS.split())

_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_LABEL_RE = re.compile(r"^[ \t]*+(?:[-*>][ \t]++)?(?P<lab>[^:\s][^:\n]{0,47}?):(?P<rest>.*)$")
_CLOCK = r"(?:[0-9]{1,3}:)?[0-9]{1,3}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
_TIMING_RE = re.compile(rf"^[ \t]*({_CLOCK})[ \t]*-->[ \t]*({_CLOCK})(?:[ \t].*)?$")
_TS_LINE_RE = re.compile(rf"^[ \t]*\[({_CLOCK})\][ \t]*(.*)$")
_VTT_HEADER_RE = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_VOICE_RE = re.compile(r"<v(?:\.[^\s<>]*+)?(?:[ \t]++([^<>]*+))?>")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*+>|<[0-9:.]++>|\{\\[^{}]*+\}")


@dataclass
class RawTurn:
    """A turn as read from the file, before roles and ids are assigned."""

    speaker: str
    text: str
    line: int
    start: float | None = None
    role_hint: Role | None = None


@dataclass
class Parsed:
    """What a format parser returns: turns in file order and warnings."""

    turns: list[RawTurn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def strip_controls(text: str) -> str:
    """Remove control characters other than newline and tab, and zero-width characters."""
    return _CONTROL_RE.sub("", text)


def replace_surrogates(text: str, path: str, line: int | None = None) -> tuple[str, list[str]]:
    """Replace lone UTF-16 surrogates with U+FFFD; return the text and a warning if any.

    A surrogate code point (from a JSON escape for U+D800, say, or a string decoded
    with ``surrogateescape``) is not text: it cannot be encoded, so it would fail every
    later write. The warning names ``line``, or when that is None the line of ``text``
    (a whole file) where the first one is.
    """
    found = _SURROGATE_RE.search(text)
    if found is None:
        return text, []
    count = len(_SURROGATE_RE.findall(text))
    where = line if line is not None else 1 + text.count("\n", 0, found.start())
    return _SURROGATE_RE.sub("\ufffd", text), [
        f"{path}:{where}: {count} lone UTF-16 surrogate{'s' if count > 1 else ''} "
        f"({ascii(found.group())[1:-1]}) replaced with '\ufffd'; save the transcript as "
        "valid UTF-8 text"
    ]


def clean_text(text: str) -> str:
    """Remove control characters and collapse all whitespace runs to single spaces."""
    return " ".join(strip_controls(text).split())


def speaker_key(label: str) -> str:
    """Return the comparison key of a speaker label (case- and whitespace-insensitive)."""
    return " ".join(label.casefold().split())


def _bare_key(label: str) -> str:
    """Return the key without a trailing period or trailing number (``Q.`` -> ``q``)."""
    key = speaker_key(label).rstrip(".").strip()
    words = key.split()
    if len(words) > 1 and words[-1].isdigit():
        key = " ".join(words[:-1])
    return key


def role_word(label: str) -> Role | None:
    """Return the role a label names by itself (``Interviewer 2`` -> interviewer), if any."""
    key = _bare_key(label)
    if key in INTERVIEWER_WORDS:
        return "interviewer"
    if key in CANDIDATE_WORDS:
        return "candidate"
    return None


def _valid_name(label: str) -> bool:
    """Tell whether a label looks like a speaker name (see the module docstring)."""
    words = label.split()
    if not 1 <= len(words) <= 4 or len(label) > 40:
        return False
    for i, word in enumerate(words):
        if 0 < i == len(words) - 1 and word.isascii() and word.isdigit() and len(word) <= 3:
            continue
        if not any(c.isalpha() for c in word):
            return False
        if not all(c.isalpha() or c in ".'’-" for c in word):
            return False
    return True


def split_label(line: str) -> tuple[str, str] | None:
    """Split ``Name: rest`` into ``(Name, rest)`` when the line starts with a label candidate."""
    match = _LABEL_RE.match(line)
    if match is None:
        return None
    label = " ".join(match["lab"].strip().strip("*_").split())
    rest = match["rest"]
    if rest.startswith(("**", "__")):
        rest = rest.lstrip("*_")
    if rest and not rest[0].isspace():
        return None
    if not _valid_name(label):
        return None
    return label, rest


def _is_heading(label: str) -> bool:
    key = _bare_key(label)
    return key in _HEADING_WORDS or key.split()[0] in _HEADING_WORDS


def _capitalised(label: str) -> bool:
    return all(w[0].isupper() or w.isdigit() for w in label.split())


def accepted_labels(found: Iterable[tuple[str, bool]], candidate: str | None) -> set[str]:
    """Return the keys of label candidates accepted as speakers.

    Args:
        found: ``(label, relaxed)`` pairs for every label candidate in the file; ``relaxed``
            is true where the label opens a cue or a timestamped line.
        candidate: The candidate name given by the caller, if any.

    Returns:
        The accepted labels' keys (see :func:`speaker_key`).
    """
    counts: Counter[str] = Counter()
    capitalised: set[str] = set()
    for label, relaxed in found:
        key = speaker_key(label)
        counts[key] += 1
        if relaxed and key not in capitalised and _capitalised(label):
            capitalised.add(key)
    wanted = speaker_key(candidate) if candidate else None
    named = {key for key in counts if role_word(key) or key == wanted}
    repeated = {key for key, count in counts.items() if count >= 2} | capitalised
    return named | {key for key in repeated if not _is_heading(key)}


def parse_clock(value: str) -> float | None:
    """Parse ``[hh:]mm:ss[.mmm]`` (``,`` also accepted) into seconds; None if out of range."""
    whole, _, frac = value.replace(",", ".").partition(".")
    parts = [int(p) for p in whole.split(":")]
    if parts[-1] >= 60 or (len(parts) == 3 and parts[1] >= 60):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds + (int(frac) / 10 ** len(frac) if frac else 0.0)


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
        match = _TS_LINE_RE.match(line)
        if match is not None and (seconds := parse_clock(match[1])) is not None:
            stamped[no] = (seconds, match[2])
    labels = {no: split_label(rest) for no, (_, rest) in stamped.items()}
    accepted = accepted_labels(((lab[0], True) for lab in labels.values() if lab), candidate)
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
        if i > cuts[-1] + 1 and _TIMING_RE.match(block[i][1]):
            number = block[i - 1][1].strip()
            own = i - 1 > cuts[-1] + 1 and number.isascii() and number.isdigit()
            cuts.append(i - 1 if own else i)
    return [block[a:b] for a, b in zip(cuts, [*cuts[1:], len(block)], strict=True)]


def _timing(no: int, line: str, path: str, example: str) -> float:
    """Parse a cue timing line and return the start time in seconds."""
    match = _TIMING_RE.match(line)
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
        for match in _VOICE_RE.finditer(line):
            pieces.append((voice, line[pos : match.start()], pos == 0))
            voice = clean_text(html.unescape(match[1] or "")) or None
            pos = match.end()
        pieces.append((voice, line[pos:], pos == 0))
        for who, raw, at_start in pieces:
            text = html.unescape(_TAG_RE.sub("", raw))
            if not text.strip():
                continue
            label = split_label(text) if who is None and at_start else None
            segments.append(_Segment(cue, start, no, text, who, label, index == 0))
    return segments


def _cue_turns(segments: list[_Segment], candidate: str | None) -> list[RawTurn]:
    """Resolve segment speakers and merge consecutive segments by the same speaker."""
    found = ((s.label[0], s.first) for s in segments if s.label)
    accepted = accepted_labels(found, candidate)
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
    if blocks and _VTT_HEADER_RE.match(blocks[0][0][1].strip()):
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


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def _item_offsets(text: str, wrapped: bool) -> list[int]:
    """Return the character offset of each item of the turns list in valid JSON text."""
    decoder = json.JSONDecoder(strict=False)
    i = _skip_ws(text, 0)
    if wrapped:
        array = -1
        i = _skip_ws(text, i + 1)
        while text[i] != "}":
            key, i = decoder.raw_decode(text, i)
            i = _skip_ws(text, _skip_ws(text, i) + 1)
            if key == "turns":
                array = i
            _, i = decoder.raw_decode(text, i)
            i = _skip_ws(text, i)
            if text[i] == ",":
                i = _skip_ws(text, i + 1)
        if array < 0:
            raise ValueError("no turns list")
        i = array
    offsets: list[int] = []
    i = _skip_ws(text, i + 1)
    while i < len(text) and text[i] != "]":
        offsets.append(i)
        _, i = decoder.raw_decode(text, i)
        i = _skip_ws(text, i)
        if text[i] == ",":
            i = _skip_ws(text, i + 1)
    return offsets


def _line_numbers(text: str, offsets: list[int]) -> list[int]:
    """Return the 1-based line of each offset (offsets in increasing order)."""
    lines: list[int] = []
    line, done = 1, 0
    for pos in offsets:
        line += text.count("\n", done, pos)
        done = pos
        lines.append(line)
    return lines


def parse_json(text: str, path: str) -> Parsed:
    """Parse a JSON list of turn objects, or an object with a ``turns`` list."""
    hint = 'write it as [{"speaker": "Interviewer", "text": "...", "start": 0.0}, ...]'
    try:
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            path,
            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            line=exc.lineno,
            hint="fix the JSON syntax at that spot",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise TranscriptError(path, f"cannot read the JSON: {exc}", hint=hint) from None
    wrapped = isinstance(data, dict)
    items = data.get("turns") if isinstance(data, dict) else data
    if not isinstance(items, list):
        got = 'an object without a "turns" list' if wrapped else _json_type(data)
        raise TranscriptError(
            path,
            f'expected a list of turns or an object with a "turns" list, got {got}',
            hint=hint,
        )
    try:
        lines = _line_numbers(text, _item_offsets(text, wrapped))
    except (ValueError, IndexError, RecursionError):
        lines = []
    if len(lines) != len(items):
        lines = [1] * len(items)
    out = Parsed(turns=[_json_turn(i, item, lines[i], path) for i, item in enumerate(items)])
    for turn in out.turns:
        # JSON escapes can spell lone surrogates that no file encoding could hold; the
        # first turn with one is named.
        turn.speaker, speaker_notes = replace_surrogates(turn.speaker, path, turn.line)
        turn.text, text_notes = replace_surrogates(turn.text, path, turn.line)
        if not out.warnings:
            out.warnings.extend([*speaker_notes, *text_notes][:1])
    return out


def _json_turn(index: int, item: Any, line: int, path: str) -> RawTurn:
    """Check one JSON turn object and convert it."""

    def fail(problem: str) -> TranscriptError:
        return TranscriptError(
            path,
            f"turn item {index} (counting from 0) {problem}",
            line=line,
            hint='each item needs "text" (a string) and may have "speaker" (a string) '
            'and "start" (seconds, a number)',
        )

    if not isinstance(item, dict):
        raise fail(f"is {_json_type(item)}, not an object")
    speaker = item["speaker"] if "speaker" in item else item.get("role")
    if speaker is not None and not isinstance(speaker, str):
        raise fail(f"has a speaker that is {_json_type(speaker)}, not a string")
    if "text" not in item:
        raise fail('has no "text"')
    if not isinstance(item["text"], str):
        raise fail(f'has "text" that is {_json_type(item["text"])}, not a string')
    start = item.get("start")
    if start is not None:
        if isinstance(start, bool) or not isinstance(start, (int, float)):
            raise fail(f'has "start" that is {_json_type(start)}, not a number')
        try:
            start = float(start)
        except OverflowError:
            start = math.inf
        if not math.isfinite(start) or start < 0:
            raise fail('has a "start" that is not a finite number of seconds >= 0')
    hint = item.get("role") if "speaker" in item else None
    return RawTurn(
        speaker=speaker or "",
        text=item["text"],
        line=line,
        start=start,
        role_hint=role_word(hint) if isinstance(hint, str) else None,
    )


def _looks_timestamped(lines: list[str], nonblank: int) -> bool:
    hits = 0
    for line in lines:
        match = _TS_LINE_RE.match(line)
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
    if _VTT_HEADER_RE.match(first):
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
