"""Quote verification: every quote the model cites is located in the transcript.

A quote is matched with case, whitespace and punctuation folded, first in the turn it cites,
then in any other turn, and as a last resort by fuzzy matching. The displayed quote is always
the transcript's own text, never the model's copy of it.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from grader.grading.schema import Quote
from grader.transcripts.transcript import Transcript, Turn

Status = Literal["verified", "relocated", "unverified", "not_candidate"]
Match = Literal["exact", "fuzzy", "none"]

FUZZY_THRESHOLD = 0.88
MIN_QUOTE_WORDS = 2


class Evidence(BaseModel):
    """A quote after verification.

    Attributes:
        turn_id: The turn the quote was found in (the cited turn when not found).
        quote: The transcript's own text for a located quote, else the model's text.
        status: verified (found in the cited turn), relocated (found in another turn),
            unverified (not found), not_candidate (found, but in an interviewer's turn).
        cited_turn_id: The turn id the model gave.
        match: How it was found.
        similarity: 1.0 for an exact (folded) match, the fuzzy ratio otherwise.
        start: Character offset of the quote in the turn text, when located.
        end: End offset (exclusive), when located.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    turn_id: str
    quote: str
    status: Status
    cited_turn_id: str
    match: Match
    similarity: float
    start: int | None = None
    end: int | None = None

    @property
    def usable(self) -> bool:
        """True when the quote may be shown as evidence for the candidate."""
        return self.status in ("verified", "relocated")


def fold(text: str) -> tuple[str, list[int]]:
    """Fold case, punctuation and whitespace; return the folded text and a map to offsets.

    ``offsets[i]`` is the index in ``text`` of folded character ``i``.
    """
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for index, char in enumerate(unicodedata.normalize("NFKC", text)):
        if char.isalnum():
            if pending_space and out:
                out.append(" ")
                offsets.append(index)
            out.append(char.lower())
            offsets.append(index)
            pending_space = False
        else:
            pending_space = True
    return "".join(out), offsets


def verify_quote(quote: Quote, transcript: Transcript) -> Evidence:
    """Locate one quote in the transcript and tag it."""
    folded_quote, _ = fold(quote.quote)
    cited = transcript.turn(quote.turn_id)
    if len(folded_quote.split()) < MIN_QUOTE_WORDS:
        return _unlocated(quote)
    ordered = ([cited] if cited else []) + [t for t in transcript.turns if t is not cited]
    for turn in ordered:
        found = _exact(folded_quote, turn)
        if found:
            return _located(quote, turn, transcript, found, "exact", 1.0)
    best: tuple[float, Turn, tuple[int, int]] | None = None
    for turn in ordered:
        ratio, span = _fuzzy(folded_quote, turn)
        if ratio >= FUZZY_THRESHOLD and (best is None or ratio > best[0]):
            best = (ratio, turn, span)
    if best:
        return _located(quote, best[1], transcript, best[2], "fuzzy", round(best[0], 3))
    return _unlocated(quote)


def verify_all(quotes: Sequence[Quote], transcript: Transcript) -> list[Evidence]:
    """Verify quotes, dropping duplicates of a span already verified."""
    seen: set[tuple[str, int | None, int | None]] = set()
    result = []
    for quote in quotes:
        item = verify_quote(quote, transcript)
        key = (item.turn_id, item.start, item.end)
        if item.start is not None and key in seen:
            continue
        seen.add(key)
        result.append(item)
    return result


def _exact(folded_quote: str, turn: Turn) -> tuple[int, int] | None:
    folded, offsets = fold(turn.text)
    at = folded.find(folded_quote)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(folded_quote) - 1] + 1


def _fuzzy(folded_quote: str, turn: Turn) -> tuple[float, tuple[int, int]]:
    """Best similarity of the quote to any window of the turn with about as many words."""
    folded, offsets = fold(turn.text)
    words = folded.split(" ")
    starts = [0]
    for i, char in enumerate(folded):
        if char == " ":
            starts.append(i + 1)
    size = len(folded_quote.split(" "))
    best, span = 0.0, (0, 0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(folded_quote)
    for width in {max(1, size - 1), size, size + 1}:
        for first in range(0, max(1, len(words) - width + 1)):
            last = min(len(words), first + width) - 1
            begin = starts[first]
            end = starts[last] + len(words[last])
            matcher.set_seq1(folded[begin:end])
            if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, span = ratio, (offsets[begin], offsets[end - 1] + 1)
    return best, span


def _located(
    quote: Quote,
    turn: Turn,
    transcript: Transcript,
    span: tuple[int, int],
    match: Match,
    similarity: float,
) -> Evidence:
    labelled = any(t.role != "unknown" for t in transcript.turns)
    status: Status
    if labelled and turn.role != "candidate":
        status = "not_candidate"
    elif turn.id == quote.turn_id:
        status = "verified"
    else:
        status = "relocated"
    return Evidence(
        turn_id=turn.id,
        quote=turn.text[span[0] : span[1]],
        status=status,
        cited_turn_id=quote.turn_id,
        match=match,
        similarity=similarity,
        start=span[0],
        end=span[1],
    )


def _unlocated(quote: Quote) -> Evidence:
    return Evidence(
        turn_id=quote.turn_id,
        quote=quote.quote,
        status="unverified",
        cited_turn_id=quote.turn_id,
        match="none",
        similarity=0.0,
    )
