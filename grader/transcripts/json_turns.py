"""JSON transcripts: a list of {speaker, text, start} objects, or {"turns": [...]}."""

from __future__ import annotations

import json
import math
from typing import Any

from grader.errors import TranscriptError
from grader.transcripts.labels import (
    Parsed,
    RawTurn,
    replace_surrogates,
    role_word,
)


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
