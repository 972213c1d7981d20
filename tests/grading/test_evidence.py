from __future__ import annotations

from grader.grading.evidence import verify_all, verify_quote
from grader.grading.schema import Quote
from helpers import make_transcript

T = make_transcript(
    ("Interviewer", "Our p95 latency doubled last week. What would you look at?"),
    (
        "Candidate",
        "First, I'd ask: did the increase start with a deploy? Then I'd split p95 by region.",
    ),
    ("Interviewer", "It started Tuesday."),
    (
        "Candidate",
        "OK - so I would compare the Tuesday release with the previous one, endpoint by endpoint.",
    ),
)


def q(turn: str, text: str) -> Quote:
    return Quote(turn_id=turn, quote=text)


def test_exact_quote_with_folded_case_and_punctuation_is_verified() -> None:
    item = verify_quote(q("T2", "did the increase START with a deploy"), T)
    assert item.status == "verified" and item.match == "exact"
    assert item.quote == "did the increase start with a deploy"
    assert item.start is not None and T.turns[1].text[item.start : item.end] == item.quote


def test_quote_found_in_another_turn_is_relocated() -> None:
    item = verify_quote(q("T2", "compare the Tuesday release with the previous one"), T)
    assert item.status == "relocated"
    assert item.turn_id == "T4" and item.cited_turn_id == "T2"


def test_small_paraphrase_is_found_by_fuzzy_match() -> None:
    item = verify_quote(q("T4", "so I would compare the Tuesday releases with the previous one"), T)
    assert item.status == "verified" and item.match == "fuzzy"
    assert 0.88 <= item.similarity < 1.0
    assert "Tuesday release" in item.quote


def test_invented_quote_is_unverified() -> None:
    item = verify_quote(q("T2", "I would rewrite the whole service in Rust"), T)
    assert item.status == "unverified" and not item.usable


def test_interviewer_words_are_not_candidate_evidence() -> None:
    item = verify_quote(q("T1", "Our p95 latency doubled last week"), T)
    assert item.status == "not_candidate" and not item.usable


def test_duplicates_are_dropped() -> None:
    items = verify_all([q("T2", "split p95 by region"), q("T2", "split p95 by region")], T)
    assert len(items) == 1
