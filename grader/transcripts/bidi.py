"""Bidirectional control characters: removed from transcripts, with a warning naming the lines."""

from __future__ import annotations

import re

from grader.transcripts.labels import RawTurn
from grader.transcripts.reading import MAX_LISTED

# Bidirectional embeddings, overrides and isolates make text display in another order than
# it reads (a name or a quote shown reversed); no spoken answer needs them.
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(turns: list[RawTurn], path: str, lines: list[int], count: int) -> list[str]:
    """Remove bidi characters that escapes put in turns, and warn naming every line.

    JSON escapes and HTML entities in cues spell them after the file's text was cleaned;
    ``lines`` and ``count`` are those already removed from the text itself.
    """
    for turn in turns:
        turn.text, in_text = BIDI_RE.subn("", turn.text)
        turn.speaker, in_speaker = BIDI_RE.subn("", turn.speaker)
        if in_text or in_speaker:
            count += in_text + in_speaker
            lines.append(turn.line)
    if not lines:
        return []
    lines = sorted(set(lines))
    shown = ", ".join(str(n) for n in lines[:MAX_LISTED])
    return [
        f"{path}:{lines[0]}: removed {count} bidirectional control character"
        f"{'s' if count > 1 else ''} (U+202A-U+202E, U+2066-U+2069), which make text display "
        f"in another order than it reads, on line{'s' if len(lines) > 1 else ''} {shown}"
    ]
