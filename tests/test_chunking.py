from __future__ import annotations

import itertools

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
