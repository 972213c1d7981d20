"""Chunk planning: split a transcript into turn-aligned pieces that fit a token budget."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from grader.prompts import format_turns
from grader.transcript import Turn

Counter = Callable[[str], int]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Chunk:
    """Consecutive turns that fit one prompt.

    Attributes:
        index: 1-based position among the chunks.
        turns: The turns; a turn split at sentence boundaries appears as several parts
            that keep the turn's id.
        tokens: Tokens the turns take in the prompt.
    """

    index: int
    turns: tuple[Turn, ...]
    tokens: int


def plan(turns: Sequence[Turn], budget: int, count: Counter) -> list[Chunk]:
    """Plan chunks for ``turns`` so that each fits ``budget`` tokens.

    One chunk when everything fits. Otherwise chunks end on turn boundaries and each chunk
    after the first starts with the last turn (or turn part) of the one before, so no
    exchange is cut in two without context. A turn longer than half the budget is split
    at sentence boundaries (at word boundaries if a sentence is still too long), so a
    part plus its overlap always fits.

    Raises:
        ValueError: ``budget`` is too small to hold any text.
    """
    if budget < 16:
        raise ValueError(f"chunk budget {budget} is too small")
    cost = [_turn_tokens(turn, count) for turn in turns]
    if sum(cost) <= budget:
        return [Chunk(1, tuple(turns), sum(cost))]
    pieces: list[tuple[Turn, int]] = []
    for turn, tokens in zip(turns, cost, strict=True):
        if tokens <= budget // 2:
            pieces.append((turn, tokens))
        else:
            pieces.extend(_split_turn(turn, budget // 2, count))
    chunks: list[Chunk] = []
    current: list[tuple[Turn, int]] = []
    for piece in pieces:
        if current and sum(t for _, t in current) + piece[1] > budget:
            chunks.append(_chunk(len(chunks) + 1, current))
            current = [current[-1]]
        current.append(piece)
    if current and (not chunks or len(current) > 1):
        chunks.append(_chunk(len(chunks) + 1, current))
    return chunks


def _turn_tokens(turn: Turn, count: Counter) -> int:
    return count(format_turns([turn])) + 1


def _chunk(index: int, pieces: list[tuple[Turn, int]]) -> Chunk:
    return Chunk(index, tuple(turn for turn, _ in pieces), sum(t for _, t in pieces))


def _split_turn(turn: Turn, limit: int, count: Counter) -> list[tuple[Turn, int]]:
    """Split one turn into parts of at most ``limit`` tokens at sentence boundaries."""
    units: list[str] = []
    for sentence in _SENTENCE_END.split(turn.text):
        if _turn_tokens(turn.model_copy(update={"text": sentence}), count) <= limit:
            units.append(sentence)
        else:
            units.extend(sentence.split())
    parts: list[tuple[Turn, int]] = []
    buffer: list[str] = []
    for unit in units:
        candidate = turn.model_copy(update={"text": " ".join([*buffer, unit])})
        if buffer and _turn_tokens(candidate, count) > limit:
            part = turn.model_copy(update={"text": " ".join(buffer)})
            parts.append((part, _turn_tokens(part, count)))
            buffer = []
        buffer.append(unit)
    if buffer:
        part = turn.model_copy(update={"text": " ".join(buffer)})
        parts.append((part, _turn_tokens(part, count)))
    return parts
