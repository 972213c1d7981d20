"""Chunk planning: split a transcript into turn-aligned pieces that fit a token budget."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from grader.transcripts.render import format_turns, neutralize
from grader.transcripts.transcript import Turn

Counter = Callable[[str], int]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Below this a turn's own label ("[T123] candidate (Name): ") could fill half a chunk.
MIN_BUDGET = 128


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
    part plus its overlap always fits. The work grows with the text's length times the
    logarithm of a part's length, so one huge turn is planned in seconds.

    Raises:
        ValueError: ``budget`` is too small to hold any text.
    """
    if budget < MIN_BUDGET:
        raise ValueError(f"chunk budget {budget} is below the minimum of {MIN_BUDGET} tokens")
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
    total = 0
    new_pieces = 0
    for piece in pieces:
        if current and total + piece[1] > budget:
            chunks.append(_chunk(len(chunks) + 1, current))
            # Keep the last piece as overlap unless the turn labels are so long that even
            # two pieces do not fit (only with a tiny budget).
            current = [current[-1]] if current[-1][1] + piece[1] <= budget else []
            total = sum(t for _, t in current)
            new_pieces = 0
        current.append(piece)
        total += piece[1]
        new_pieces += 1
    if new_pieces:
        chunks.append(_chunk(len(chunks) + 1, current))
    return chunks


def _turn_tokens(turn: Turn, count: Counter) -> int:
    return count(format_turns([turn])) + 1


def _chunk(index: int, pieces: list[tuple[Turn, int]]) -> Chunk:
    return Chunk(index, tuple(turn for turn, _ in pieces), sum(t for _, t in pieces))


def _split_turn(turn: Turn, limit: int, count: Counter) -> list[tuple[Turn, int]]:
    """Split one turn into parts of at most ``limit`` tokens.

    Sentence boundaries first; a sentence that is still too long is split at spaces, and a
    run without spaces (a long URL, text in a script without spaces) at characters. Parts
    are as long as fits; each is found by a galloping search over the units, counting
    O(log n) candidate parts instead of re-counting a growing part once per unit.
    """
    label_bytes = len(format_turns([turn.model_copy(update={"text": ""})]).encode())

    def fits(text: str) -> bool:
        # No tokenizer used here makes more tokens than UTF-8 bytes, so text that is
        # short in bytes fits without being counted.
        if label_bytes + len(neutralize(text).encode()) + 1 <= limit:
            return True
        return _turn_tokens(turn.model_copy(update={"text": text}), count) <= limit

    units: list[str] = []
    for sentence in _SENTENCE_END.split(turn.text):
        if fits(sentence):
            units.append(sentence)
            continue
        for word in sentence.split():
            units.extend([word] if fits(word) else _slices(word, fits))
    if not units:
        return [(turn, _turn_tokens(turn, count))]
    parts: list[tuple[Turn, int]] = []
    start, guess = 0, 1
    while start < len(units):
        end = _longest_fit(units, start, guess, fits)
        part = turn.model_copy(update={"text": " ".join(units[start:end])})
        parts.append((part, _turn_tokens(part, count)))
        guess, start = end - start, end
    return parts


def _longest_fit(units: list[str], start: int, guess: int, fits: Callable[[str], bool]) -> int:
    """Return the largest ``end`` such that ``units[start:end]`` joined fits (at least one).

    Galloping from ``guess`` units (the previous part's length, usually close): double
    until a candidate does not fit, then bisect. Fitting is assumed to hold for every
    prefix of a fitting run, as it does for token counts.
    """
    left = len(units) - start

    def ok(n: int) -> bool:
        return fits(" ".join(units[start : start + n]))

    good, bad = 1, left + 1
    probe = min(max(guess, 2), left)
    while probe > good:
        if ok(probe):
            good = probe
            probe = min(2 * probe, left)
        else:
            bad = probe
            break
    while bad - good > 1:
        middle = (good + bad) // 2
        if ok(middle):
            good = middle
        else:
            bad = middle
    return start + good


def _slices(word: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut ``word`` into the longest pieces that fit, found by bisection."""
    pieces = []
    start = 0
    while start < len(word):
        low, high = start + 1, len(word)
        if not fits(word[start:low]):
            raise ValueError("chunk budget is too small for the turn labels")
        while low < high:
            middle = (low + high + 1) // 2
            if fits(word[start:middle]):
                low = middle
            else:
                high = middle - 1
        pieces.append(word[start:low])
        start = low
    return pieces
