from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from grader.backends.base import Completion, Message, Usage
from grader.backends.fake import FakeBackend
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from helpers import long_transcript, make_transcript

T = make_transcript(
    ("Interviewer", "How would you measure the new search ranking?"),
    ("Candidate", "Before anything else, who are the users and what is the goal of the change?"),
    ("Interviewer", "Shoppers; the goal is more purchases."),
    (
        "Candidate",
        "Then I would run an A/B test and track conversion per search, not clicks alone.",
    ),
)


def answer(level: str, quotes: list[tuple[str, str]] | None = None) -> str:
    evidence = [{"turn_id": t, "quote": q} for t, q in (quotes or [])]
    return json.dumps({"evidence": evidence, "rationale": "r", "level": level})


# These tests follow the one-call-per-dimension method's requests and answers.
PER_DIMENSION = GradeOptions(strategy="per_dimension")


def test_per_dimension_grading_with_verified_evidence(rubric: Rubric) -> None:
    script = [answer("strong", [("T4", "run an A/B test and track conversion per search")])] * 6
    backend = FakeBackend(script)
    card = grade(T, rubric, backend, options=PER_DIMENSION)
    assert len(backend.requests) == 6
    assert [d.level for d in card.dimensions] == [Level.STRONG] * 6
    assert all(d.evidence[0].status == "verified" for d in card.dimensions)
    assert card.usage["calls"] == 6
    assert card.strategy == "per_dimension" and card.chunks == 1
    assert card.rubric["sha256"] == rubric.sha256
    assert len({d.prompt_sha256 for d in card.dimensions}) == 6


def test_invalid_output_is_retried_with_the_reason(rubric: Rubric) -> None:
    script = [
        "not json at all",
        json.dumps({"evidence": [], "rationale": "r", "level": "excellent"}),
        Completion('{"evidence": [', "length", Usage(10, 700, 0, 1), "m"),
        answer("weak", [("T2", "who are the users")]),
    ] + [answer("neutral", [("T4", "run an A/B test")])] * 5
    backend = FakeBackend(script)
    card = grade(T, rubric, backend, options=GradeOptions(strategy="per_dimension", max_attempts=4))
    first = card.dimensions[0]
    assert first.level == Level.WEAK and first.attempts == 4 and "retried" in first.flags
    retry_messages = [m for m, _ in backend.requests[1:4]]
    assert "not valid JSON" in retry_messages[0][-1]["content"]
    assert "does not match the required shape" in retry_messages[1][-1]["content"]
    assert "cut off at the token limit" in retry_messages[2][-1]["content"]
    assert card.usage["completion_tokens"] >= 700


def test_model_that_never_returns_json_fails_that_dimension_only(rubric: Rubric) -> None:
    def responder(messages: list[Message], schema: dict[str, Any]) -> str:
        if "Data Literacy" in messages[1]["content"]:
            return "I think the candidate is great!"
        return answer("neutral", [("T4", "track conversion per search")])

    card = grade(
        T,
        rubric,
        FakeBackend(responder),
        options=GradeOptions(strategy="per_dimension", max_attempts=3),
    )
    failed = card.dimensions[0]
    assert failed.level is None and failed.level_name is None
    assert "failed" in failed.flags and "not valid JSON" in (failed.error or "")
    assert failed.attempts == 3
    assert all(d.level == Level.NEUTRAL for d in card.dimensions[1:])
    assert card.failed == [failed]


def test_unverified_and_interviewer_quotes_are_not_shown_and_flagged(rubric: Rubric) -> None:
    script = [
        answer(
            "very_strong",
            [("T2", "I have led ten data science teams"), ("T1", "How would you measure")],
        )
    ] + [answer("very_weak")] * 5
    card = grade(T, rubric, FakeBackend(script), options=PER_DIMENSION)
    dim = card.dimensions[0]
    assert dim.evidence == []
    assert {e.status for e in dim.rejected_evidence} == {"unverified", "not_candidate"}
    assert {
        "unverified_quotes_dropped",
        "interviewer_quotes_dropped",
        "no_verified_evidence",
    } <= set(dim.flags)
    # very_weak with no evidence is consistent: no flag.
    assert "no_verified_evidence" not in card.dimensions[1].flags


def test_all_at_once_strategy_makes_one_call(rubric: Rubric) -> None:
    backend = FakeBackend(level="weak")
    card = grade(T, rubric, backend, options=GradeOptions(strategy="all_at_once"))
    assert len(backend.requests) == 1
    assert set(backend.requests[0][1]["properties"]) == {d.id for d in rubric.dimensions}
    assert [d.level for d in card.dimensions] == [Level.WEAK] * 6


def test_long_transcript_goes_through_map_reduce(rubric: Rubric) -> None:
    t = long_transcript(420, words_per_turn=90)
    backend = FakeBackend(context_tokens=8192)
    card = grade(
        t, rubric, backend, options=GradeOptions(strategy="per_dimension", chunk_budget=8000)
    )
    assert card.chunks >= 5
    assert card.strategy == "chunked_evidence_then_level"
    evidence_calls = [r for r in backend.requests if "summary" in r[1]["properties"]]
    decide_calls = [r for r in backend.requests if "level" in r[1]["properties"]]
    assert len(evidence_calls) == card.chunks * 6
    assert len(decide_calls) == 6
    # The decision sees verified quotes collected from the parts, not the transcript.
    assert "<transcript>" not in decide_calls[0][0][1]["content"]
    assert '"Point' in decide_calls[0][0][1]["content"]
    assert all(d.level == Level.NEUTRAL and d.evidence for d in card.dimensions)


def test_level_first_answers_ask_for_the_level_before_the_quotes(rubric: Rubric) -> None:
    quote = [{"turn_id": "T4", "quote": "run an A/B test and track conversion per search"}]
    script = [json.dumps({"level": "weak", "rationale": "r", "evidence": quote})] * 6
    backend = FakeBackend(script)
    card = grade(
        T,
        rubric,
        backend,
        options=GradeOptions(strategy="per_dimension", answer_order="level_first"),
    )
    schema = backend.requests[0][1]
    assert list(schema["properties"]) == ["level", "rationale", "evidence"]
    assert [d.level for d in card.dimensions] == [Level.WEAK] * 6
    assert all(d.evidence[0].status == "verified" for d in card.dimensions)
    default = FakeBackend([answer("weak")] * 6)
    grade(T, rubric, default, options=PER_DIMENSION)
    assert list(default.requests[0][1]["properties"]) == ["evidence", "rationale", "level"]


def test_chunked_indicator_questions_go_chunk_by_chunk(rubric: Rubric) -> None:
    """Every request about one chunk follows the others, so its evaluated text is reused."""
    t = long_transcript(420, words_per_turn=90)
    backend = FakeBackend(context_tokens=8192, yes=0.7)
    options = GradeOptions(strategy="indicators", chunk_budget=8000)
    card = grade(t, rubric, backend, options=options)
    assert card.strategy == "indicators_chunked" and card.chunks >= 3

    def first_turn(messages: list[Message]) -> str:
        text = messages[-1]["content"]
        return text[text.index("[T") : text.index("]", text.index("[T")) + 1]

    def runs(ids: list[str]) -> int:
        return 1 + sum(a != b for a, b in pairwise(ids))

    questions = [first_turn(m) for m in backend.questions]
    per_chunk = sum(len(d.indicators) for d in rubric.dimensions)
    assert len(questions) == card.chunks * per_chunk
    # One run of questions per chunk: the chunk's prefix is evaluated once, not once per
    # dimension.
    assert runs(questions) == card.chunks
    quotes = [first_turn(m) for m, _ in backend.requests]
    assert len(quotes) == card.chunks * 6 and runs(quotes) == card.chunks
    # A question met in any chunk is met.
    assert all(d.indicators and d.indicators[0]["p_yes"] == 0.7 for d in card.dimensions)
