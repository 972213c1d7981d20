from __future__ import annotations

import pytest

from grader.backends.base import Message, Usage, YesNo
from grader.backends.fake import FakeBackend
from grader.engine import grade
from grader.errors import ConfigError
from grader.grading.options import GradeOptions
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from helpers import fitted_calibration, make_transcript

FILLER = " ".join(f"word{i}" for i in range(110))
T = make_transcript(
    ("Interviewer", "Orders fell last week. How would you find out why, with this table?"),
    ("Candidate", f"Fifteen percent of orders hold sixty percent of the losses. {FILLER}"),
    ("Interviewer", "Good. How would you build the fix, and what could go wrong with it?"),
    ("Candidate", f"I would add a queue in front of the payment service. {FILLER}"),
)
PASSAGE = "passages"


def excerpt(messages: list[Message]) -> str:
    return messages[-1]["content"].split("</transcript>")[0]


def question(messages: list[Message]) -> str:
    return messages[-1]["content"].split("Question: ")[1]


def yes(messages: list[Message]) -> float:
    """Yes to the pattern question in the first passage only; no to everything else."""
    if "Fifteen percent" in excerpt(messages) and "pattern in data" in question(messages):
        return 0.95
    return 0.05


def test_every_question_is_asked_of_every_passage_one_passage_at_a_time(
    rubric: Rubric,
) -> None:
    backend = FakeBackend(yes=yes)
    card = grade(T, rubric, backend, options=GradeOptions(strategy=PASSAGE))
    assert card.strategy == PASSAGE
    per_passage = sum(len(d.passage_questions) for d in rubric.dimensions)
    assert len(backend.questions) == 2 * per_passage
    # The questions about one passage follow each other: one shared prefix each.
    prefixes = [excerpt(q) for q in backend.questions]
    assert len(set(prefixes[:per_passage])) == 1
    assert len(set(prefixes[per_passage:])) == 1
    assert prefixes[0] != prefixes[-1]


def test_the_passage_judged_yes_is_the_evidence_and_the_reason(rubric: Rubric) -> None:
    card = grade(T, rubric, FakeBackend(yes=yes), options=GradeOptions(strategy=PASSAGE))
    data = next(d for d in card.dimensions if d.id == "data_literacy")
    assert [e.turn_id for e in data.evidence] == ["T2"]
    assert data.evidence[0].quote.startswith("Fifteen percent of orders")
    assert data.evidence[0].status == "verified"
    assert "points out a pattern in the data: 1 of 2 passages (clearest in T2)" in data.rationale
    assert "Not seen: proposes an analysis or a test" in data.rationale
    pattern = next(i for i in data.indicators if i["id"] == "pattern")
    assert pattern["passages"] == [0.95, 0.05]
    assert pattern["p_yes"] == pytest.approx(0.5)
    assert pattern["aggregates"]["max"] == 0.95
    # The reasons are plain words; the numbers are folded away in the HTML details.
    assert "P(yes)" not in data.rationale and "0.95" not in data.rationale
    from grader.reports.scorecard_html import scorecard_html

    html = scorecard_html(card, T)
    assert "<details><summary>Details</summary>" in html
    assert "pattern: P(yes) 0.50 (per passage: 0.95, 0.05)" in html
    # No passage showed tradeoffs: no quote is offered for it.
    tradeoffs = next(d for d in card.dimensions if d.id == "tradeoffs")
    assert tradeoffs.evidence == []
    assert tradeoffs.rationale.startswith("Not seen:")


def test_without_a_calibration_the_levels_are_marked_uncalibrated(rubric: Rubric) -> None:
    card = grade(T, rubric, FakeBackend(yes=yes), options=GradeOptions(strategy=PASSAGE))
    assert any("uncalibrated" in w for w in card.warnings)


def test_a_fitted_calibration_decides_the_level(rubric: Rubric) -> None:
    dims = [d.id for d in rubric.dimensions]
    rows = []
    for rank, p in enumerate((0.1, 0.3, 0.5, 0.7, 0.9)):
        answers = {
            f"{d.id}.{q.id}{suffix}": p
            for d in rubric.dimensions
            for q in d.passage_questions
            for suffix in ("", "_max", "_mean", "_share")
        }
        rows.append((answers, dict.fromkeys(dims, rank)))
    calibration = fitted_calibration(rows, dims, rubric, use_text=False, strategy=PASSAGE)
    high = grade(
        T,
        rubric,
        FakeBackend(yes=0.95),
        options=GradeOptions(strategy=PASSAGE, calibration=calibration),
    )
    low = grade(
        T,
        rubric,
        FakeBackend(yes=0.05),
        options=GradeOptions(strategy=PASSAGE, calibration=calibration),
    )
    assert {d.level for d in high.dimensions} == {Level.VERY_STRONG}
    assert {d.level for d in low.dimensions} == {Level.VERY_WEAK}
    assert not any("uncalibrated" in w for w in high.warnings)
    # A calibration fitted for the passage method is refused by the indicator method.
    with pytest.raises(ConfigError, match="fitted for the passages method"):
        grade(
            T,
            rubric,
            FakeBackend(yes=0.5),
            options=GradeOptions(strategy="indicators", calibration=calibration),
        )


class Unusable(FakeBackend):
    def yes_probability(self, messages: list[Message]) -> YesNo:
        self.questions.append(messages)
        return YesNo(0.5, 0.0, "logprobs", Usage(calls=1))


def test_an_unusable_answer_fails_every_dimension_with_the_reason(rubric: Rubric) -> None:
    backend = Unusable()
    card = grade(T, rubric, backend, options=GradeOptions(strategy=PASSAGE, max_attempts=2))
    assert all(d.level is None for d in card.dimensions)
    assert all(
        "no usable yes/no answer after 2 attempts" in (d.error or "") for d in card.dimensions
    )
    # The first passage stops at its first bad question; the second one too.
    assert len(backend.questions) == 4


def test_planned_calls_are_the_calls_made(rubric: Rubric) -> None:
    from grader.grading.plan import planned_calls

    backend = FakeBackend(yes=yes)
    options = GradeOptions(strategy=PASSAGE)
    grade(T, rubric, backend, options=options)
    assert planned_calls(T, rubric, backend, options) == len(backend.questions)


def test_a_calibration_that_weighs_counts_reads_them_from_the_text(rubric: Rubric) -> None:
    """The same answers, more numbers in the candidate's words: a calibration that weighs
    the count of numbers gives a higher data-literacy score, and the reasons name it."""
    dims = [d.id for d in rubric.dimensions]
    rows = []
    for rank, numbers in enumerate((0.0, 1.0, 3.0, 6.0, 12.0)):
        answers = {f"{d.id}.{q.id}": 0.5 for d in rubric.dimensions for q in d.passage_questions}
        rows.append(({**answers, "text.numbers": numbers}, dict.fromkeys(dims, rank)))
    calibration = fitted_calibration(rows, dims, rubric, strategy=PASSAGE)
    assert calibration.dimensions["data_literacy"].weights["text.numbers"] > 0
    options = GradeOptions(strategy=PASSAGE, calibration=calibration)
    figures = make_transcript(
        ("Interviewer", "What does the table say?"),
        ("Candidate", f"Orders 12, 40, 75, 310, 98 and 7 percent, 15 percent. {FILLER}"),
    )
    plain = make_transcript(
        ("Interviewer", "What does the table say?"),
        ("Candidate", f"Orders went down a little for some people. {FILLER}"),
    )
    many = grade(figures, rubric, FakeBackend(yes=0.5), options=options)
    none = grade(plain, rubric, FakeBackend(yes=0.5), options=options)
    high = next(d for d in many.dimensions if d.id == "data_literacy")
    low = next(d for d in none.dimensions if d.id == "data_literacy")
    assert high.score is not None and low.score is not None and high.score > low.score
    assert "Counts from the text: numbers 7" in high.rationale
    assert "numbers 0" in low.rationale
