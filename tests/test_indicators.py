from __future__ import annotations

from pathlib import Path

import pytest

from grader.backends.base import Message
from grader.backends.cache import ResponseCache
from grader.backends.fake import FakeBackend
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.rubrics.levels import Level, level_for
from grader.rubrics.rubric import Rubric
from helpers import fitted_calibration, make_transcript

T = make_transcript(
    ("Interviewer", "How would you measure the new ranking?"),
    (
        "Candidate",
        "Who are the users, and what is the goal? Then I would track conversion per search.",
    ),
)


def question(messages: list[Message]) -> str:
    return messages[-1]["content"].split("is not evidence): ")[1]


def test_level_follows_from_indicator_probabilities(rubric: Rubric) -> None:
    def yes(messages: list[Message]) -> float:
        return 0.9 if "question" in question(messages) else 0.1

    backend = FakeBackend(yes=yes)
    card = grade(T, rubric, backend, options=GradeOptions(strategy="indicators"))
    assert card.strategy == "indicators"
    asked = sum(len(d.indicators) for d in rubric.dimensions)
    assert len(backend.questions) == asked
    # Transcript first: every question shares the same prefix.
    prefix = backend.questions[0][-1]["content"].split("</transcript>")[0]
    assert all(q[-1]["content"].startswith(prefix) for q in backend.questions)
    clarifying = next(d for d in card.dimensions if d.id == "clarifying_questions")
    dim = rubric.dimension("clarifying_questions")
    expected = sum(0.9 if "question" in i.question else 0.1 for i in dim.indicators) / len(
        dim.indicators
    )
    assert clarifying.score == round(expected, 4)
    assert clarifying.level == level_for(expected, dim.cuts)
    assert [i["id"] for i in clarifying.indicators] == [i.id for i in dim.indicators]
    # Evidence comes from a separate quoting call and is verified.
    assert all(e.status in ("verified", "relocated") for d in card.dimensions for e in d.evidence)


def test_negative_indicator_counts_against(rubric: Rubric) -> None:
    card = grade(T, rubric, FakeBackend(yes=1.0), options=GradeOptions(strategy="indicators"))
    comm = next(d for d in card.dimensions if d.id == "technical_communication")
    dim = rubric.dimension("technical_communication")
    negatives = sum(1 for i in dim.indicators if i.polarity == "negative")
    assert negatives and comm.score == round(1 - negatives / len(dim.indicators), 4)


def test_calibration_decides_the_level(rubric: Rubric) -> None:
    # Fitted so that metrics follows the "names_metric" answer.
    rows = [
        (
            {
                f"{d.id}.{i.id}": (p if i.id == "names_metric" else 0.5)
                for d in rubric.dimensions
                for i in d.indicators
            },
            {"metrics": y},
        )
        for p, y in [(0.1, 0), (0.3, 1), (0.5, 2), (0.7, 3), (0.9, 4)]
    ]
    cal = fitted_calibration(rows, ["metrics"], rubric)

    def yes(messages: list[Message]) -> float:
        return 0.9 if "name at least one specific metric" in question(messages) else 0.5

    card = grade(
        T,
        rubric,
        FakeBackend(yes=yes),
        options=GradeOptions(strategy="indicators", calibration=cal),
    )
    metrics = next(d for d in card.dimensions if d.id == "metrics")
    assert metrics.level == Level.VERY_STRONG
    # The calibration's spread gives a probability per level; the level given is the likeliest.
    probs = metrics.level_probabilities
    assert probs is not None and list(probs) == [level.value for level in Level]
    assert abs(sum(probs.values()) - 1) < 1e-3
    assert max(probs, key=probs.__getitem__) == "very_strong"
    # A dimension the calibration does not cover falls back to the rubric's cuts.
    tradeoffs = next(d for d in card.dimensions if d.id == "tradeoffs")
    assert tradeoffs.level == level_for(tradeoffs.score or 0.0, rubric.dimension("tradeoffs").cuts)
    assert tradeoffs.level_probabilities is None
    # Reports show the probability of the level given, only where there is one.
    from grader.reports.scorecard_text import to_markdown, to_text

    shown = f"Very Strong (p {probs['very_strong']:.2f})"
    assert shown in to_markdown(card) and "Very Strong  [#####] (p " in to_text(card)
    assert "(p " not in next(line for line in to_text(card).splitlines() if "Tradeoffs" in line)
    from grader.reports.scorecard_html import scorecard_html

    html = scorecard_html(card, T)
    assert f"<b>very_strong {probs['very_strong']:.2f}</b>" in html
    assert html.count("Probability per level:") == 1  # only the calibrated dimension


def test_yes_no_answers_are_cached(tmp_path: Path, rubric: Rubric) -> None:
    cache = ResponseCache(tmp_path / "c.sqlite")
    options = GradeOptions(strategy="indicators")
    first = grade(T, rubric, FakeBackend(yes=0.7), options=options, cache=cache)
    again = FakeBackend(yes=0.1)
    second = grade(T, rubric, again, options=options, cache=cache)
    assert again.questions == [] and again.requests == []
    assert second.levels() == first.levels() and second.usage["calls"] == 0


def test_command_line_default_is_the_indicator_method(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json as _json

    from grader.cli.main import main

    monkeypatch.delenv("GRADER_STRATEGY", raising=False)
    sample = Path(__file__).resolve().parent / "data" / "short_interview.txt"
    assert main(["grade", str(sample), "--backend", "fake", "--json"]) == 0
    card = _json.loads(capsys.readouterr().out)
    assert card["strategy"] == "indicators"
    assert all(len(d["indicators"]) == 5 for d in card["dimensions"])
