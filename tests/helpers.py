from __future__ import annotations

from grader.transcript import Transcript, parse


def make_transcript(*turns: tuple[str, str], path: str = "t.txt") -> Transcript:
    """Build a transcript from (speaker, text) pairs in the plain-text format."""
    text = "\n\n".join(f"{speaker}: {body}" for speaker, body in turns)
    return parse(text, path=path, fmt="text")


def long_transcript(turn_count: int, words_per_turn: int = 90) -> Transcript:
    """A synthetic interview with numbered sentences, so every turn is distinct."""
    turns = []
    for i in range(turn_count):
        speaker = "Interviewer" if i % 2 == 0 else "Candidate"
        sentences = [
            f"Point {i}-{j} is about latency budgets and caching layers number {j}."
            for j in range(max(1, words_per_turn // 11))
        ]
        turns.append((speaker, " ".join(sentences)))
    return make_transcript(*turns)
