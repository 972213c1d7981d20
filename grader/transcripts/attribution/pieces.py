"""Cut unlabelled lines into pieces at the places where the speaker may change.

Speech-to-text tools cut lines by time, not by speaker, so one line can end one speaker's
turn and start the other's ("... that's my pick. Okay, and how would you measure it?").
Every line break is a possible change; inside a line, so is every sentence end, and in
text without punctuation (some tools write none), a word that often opens a turn
("okay", "so", "what", "how", "can", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from grader.transcripts.attribution.words import ACKNOWLEDGEMENTS, QUESTION_OPENERS, words
from grader.transcripts.labels import RawTurn

Boundary = Literal["first", "line", "sentence", "word"]

_SENTENCE_END = re.compile(r"[.?!…][\"'’”)\]]*$")
_PUNCTUATION = re.compile(r"[.?!,;]")
# Words that can open a turn in text without punctuation.
TURN_OPENERS = frozenset(
    ACKNOWLEDGEMENTS
    | {"so", "and", "now", "let's", "tell", "walk", "thank", "alright"}
    | (QUESTION_OPENERS - {"any", "anything", "was", "were", "has", "have", "whom", "whose"})
)
# A piece this short inside a line is never cut off on its own by an opening word.
MIN_WORDS = 2


@dataclass
class Piece:
    """A run of words that one speaker says, as far as the text shows.

    Attributes:
        text: The words, as in the file.
        line: 1-based line of the file the piece comes from.
        start: Seconds from the start of the recording, when the line has a time.
        source: Index of the line (raw turn) the piece comes from.
        boundary: What separates it from the piece before: ``first`` (none), ``line``
            (a line break), ``sentence`` (a sentence end inside a line) or ``word`` (a
            turn-opening word inside an unpunctuated line).
        ends_sentence: Whether the piece ends with sentence punctuation.
    """

    text: str
    line: int
    start: float | None
    source: int
    boundary: Boundary
    ends_sentence: bool


def punctuated(turns: list[RawTurn]) -> bool:
    """Tell whether the text has punctuation to cut sentences at (a third of its lines do)."""
    with_marks = sum(1 for t in turns if _PUNCTUATION.search(t.text))
    return with_marks * 3 >= len(turns)


def cut(turns: list[RawTurn]) -> list[Piece]:
    """Cut every line of an unlabelled transcript into pieces (see the module docstring)."""
    marks = punctuated(turns)
    pieces: list[Piece] = []
    for source, turn in enumerate(turns):
        tokens = turn.text.split()
        begin = 0
        kind: Boundary = "first" if not pieces else "line"
        for i in range(1, len(tokens) + 1):
            at_end = i == len(tokens)
            if marks:
                split = at_end or bool(_SENTENCE_END.search(tokens[i - 1]))
                after: Boundary = "sentence"
            else:
                split = at_end or _opens_turn(tokens, begin, i)
                after = "word"
            if not split:
                continue
            text = " ".join(tokens[begin:i])
            ends = bool(_SENTENCE_END.search(tokens[i - 1]))
            pieces.append(Piece(text, turn.line, turn.start, source, kind, ends))
            begin, kind = i, after
    return pieces


def _opens_turn(tokens: list[str], begin: int, i: int) -> bool:
    """Tell whether an unpunctuated line may change speaker before ``tokens[i]``."""
    if i - begin < MIN_WORDS or len(tokens) - i < MIN_WORDS:
        return False
    found = words(tokens[i])
    return bool(found) and found[0] in TURN_OPENERS
