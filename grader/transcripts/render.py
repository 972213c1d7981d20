"""Turns as the model reads them: ``[T3] candidate (Name): text`` lines, made inert."""

from __future__ import annotations

import re
from collections.abc import Sequence

from grader.transcripts.transcript import Turn

# Control characters other than tab and newline could confuse a tokenizer or a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A turn must not be able to close (or reopen) the transcript or evidence block early.
_DELIMITER = re.compile(r"<\s*(/?)\s*(transcript|evidence)\b", re.IGNORECASE)

MAX_SPEAKER_CHARS = 40


def neutralize(text: str) -> str:
    """Return turn text that cannot alter the prompt's structure.

    Control characters are removed and anything that looks like the transcript's own
    delimiters is defused, so the text stays readable and quotable.
    """
    text = _CONTROL.sub(" ", text)
    return _DELIMITER.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def format_turns(turns: Sequence[Turn]) -> str:
    """Render turns as ``[T3] candidate (Name): text`` lines for the prompt."""
    lines = []
    for turn in turns:
        who: str = turn.role if turn.role != "unknown" else "speaker"
        if turn.speaker and turn.speaker.lower() != turn.role:
            # Labels are short names; a long one is cut so it cannot carry a passage.
            who = f"{who} ({neutralize(turn.speaker[:MAX_SPEAKER_CHARS])})"
        lines.append(f"[{turn.id}] {who}: {neutralize(turn.text)}")
    return "\n".join(lines)
