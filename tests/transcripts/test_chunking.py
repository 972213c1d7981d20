from __future__ import annotations

import itertools
import signal

import pytest
import tiktoken

from grader.transcripts.chunking import plan
from grader.transcripts.render import format_turns
from grader.transcripts.tokens import OFFLINE_ENCODING
from helpers import long_transcript, make_transcript

ENC = tiktoken.get_encoding(OFFLINE_ENCODING)


def count(text: str) -> int:
    return len(ENC.encode(text))


def test_one_chunk_when_it_fits() -> None:
    t = make_transcript(("Interviewer", "Hi."), ("Candidate", "Hello there, nice to meet you."))
    chunks = plan(t.turns, 8000, count)
    assert len(chunks) == 1
    assert chunks[0].turns == tuple(t.turns)


def test_40k_token_transcript_is_planned_into_overlapping_turn_aligned_chunks() -> None:
    t = long_transcript(420, words_per_turn=90)
    total = count(format_turns(t.turns))
    assert total >= 40_000
    budget = 8000
    chunks = plan(t.turns, budget, count)
    assert len(chunks) >= 5
    for chunk in chunks:
        assert count(format_turns(chunk.turns)) <= budget
        assert chunk.tokens <= budget
    # Turn-aligned: each chunk is a run of whole turns, in order, covering every turn.
    ids = [t.id for t in t.turns]
    covered: list[str] = []
    for prev, nxt in itertools.pairwise(chunks):
        assert prev.turns[-1] == nxt.turns[0], "neighbouring chunks share at least one turn"
    for chunk in chunks:
        chunk_ids = [turn.id for turn in chunk.turns]
        start = ids.index(chunk_ids[0])
        assert chunk_ids == ids[start : start + len(chunk_ids)]
        covered.extend(chunk_ids)
    assert sorted(set(covered), key=ids.index) == ids


def test_a_turn_longer_than_the_budget_is_split_at_sentences() -> None:
    sentences = [f"Sentence number {i} explains the retry policy in detail." for i in range(200)]
    t = make_transcript(
        ("Interviewer", "Tell me everything."),
        ("Candidate", " ".join(sentences)),
        ("Interviewer", "Thanks."),
    )
    budget = 600
    chunks = plan(t.turns, budget, count)
    assert len(chunks) > 2
    parts = [turn for chunk in chunks for turn in chunk.turns if turn.id == "T2"]
    # Each part ends at a sentence boundary and keeps the turn's id.
    assert all(part.text.endswith(".") for part in parts)
    joined = []
    for part in parts:
        if not joined or joined[-1] != part.text:
            joined.append(part.text)
    assert " ".join(joined) == t.turns[1].text
    assert all(chunk.tokens <= budget for chunk in chunks)


def test_a_sentence_longer_than_the_budget_is_split_at_words() -> None:
    t = make_transcript(("Candidate", " ".join(["word"] * 3000)))
    chunks = plan(t.turns, 300, count)
    assert all(chunk.tokens <= 300 for chunk in chunks)
    text = " ".join(p.text for c in chunks for p in c.turns)
    assert text.count("word") >= 3000


class _Hung(BaseException):
    """Raised by the alarm when planning takes longer than its bound."""


def test_one_huge_turn_without_punctuation_is_planned_without_hanging() -> None:
    # 650 kB in one turn and one "sentence" (the reported file): split at words. Counting a
    # growing part once per word took minutes; evals/benchmarks/chunk_long_turn.py times it.
    t = make_transcript(("Candidate", "word " * 130_000))

    def hung(signum: int, frame: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        chunks = plan(t.turns, 126_000, count)
    except _Hung:
        pytest.fail("planning one 650 kB turn took over 60 s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(chunks) == 2 and all(chunk.tokens <= 126_000 for chunk in chunks)
    # The second chunk starts with the first one's last part (overlap): every word once.
    parts = [*chunks[0].turns, *chunks[1].turns[1:]]
    assert sum(part.text.count("word") for part in parts) == 130_000
