from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from grader.backends.base import Message, Usage, YesNo
from grader.backends.cache import ResponseCache
from grader.backends.fake import FakeBackend
from grader.backends.openai_protocol import yes_no_from_body
from grader.backends.yesno import MIN_MASS, UNREADABLE, problem
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.rubrics.levels import Level, level_for
from grader.rubrics.rubric import Rubric, load_rubric
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


def test_command_line_default_is_the_passage_method(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json as _json

    from grader.cli.main import main

    monkeypatch.delenv("GRADER_STRATEGY", raising=False)
    sample = Path(__file__).resolve().parents[1] / "data" / "short_interview.txt"
    assert main(["grade", str(sample), "--backend", "fake", "--json"]) == 0
    card = _json.loads(capsys.readouterr().out)
    assert card["strategy"] == "passages"
    rubric = load_rubric()
    for found in card["dimensions"]:
        asked = {q.id for q in rubric.dimension(found["id"]).passage_questions}
        assert {item["id"] for item in found["indicators"]} == asked


# --- answers that cannot be read are never taken as probabilities ----------------------


def _logprobs(*top: tuple[str, object]) -> dict[str, object]:
    """A chat-completion choice whose first token has these (token, logprob) candidates."""
    first = {"token": top[0][0], "logprob": top[0][1]}
    content = [{**first, "top_logprobs": [{"token": t, "logprob": lp} for t, lp in top]}]
    return {"message": {"content": top[0][0]}, "logprobs": {"content": content}}


class AnswersFake(FakeBackend):
    """A fake whose yes/no answers come from a list (then the last one, repeated)."""

    def __init__(self, answers: list[YesNo]) -> None:
        super().__init__()
        self.answers = answers

    def yes_probability(self, messages: list[Message]) -> YesNo:
        self.questions.append(messages)
        answer = self.answers[min(len(self.questions), len(self.answers)) - 1]
        return YesNo(answer.p_yes, answer.mass, answer.method, Usage(calls=1))


UNUSABLE = {
    "unreadable_body": (YesNo(0.5, 0.0, UNREADABLE), "not a chat completion"),
    "prose_answer": (YesNo(0.5, 0.0, "sampled"), "did not start with yes or no"),
    "no_mass": (YesNo(0.5, 0.0, "logprobs"), "only 0.00 of its probability"),
    "little_mass": (YesNo(0.9, MIN_MASS / 2, "logprobs"), "only 0.25 of its probability"),
    "nan": (YesNo(math.nan, math.nan, "logprobs"), "not valid"),
    "above_one": (YesNo(1.5, 1.0, "logprobs"), "not valid"),
}


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_an_unusable_answer_fails_the_dimension_instead_of_grading_it(
    name: str, tmp_path: Path, rubric: Rubric
) -> None:
    bad, reason = UNUSABLE[name]
    cache = ResponseCache(tmp_path / "c.sqlite")
    options = GradeOptions(strategy="indicators", max_attempts=2)
    backend = AnswersFake([bad])
    card = grade(T, rubric, backend, options=options, cache=cache)
    # Every dimension failed on its first question, asked twice; none got a level.
    assert len(backend.questions) == 2 * len(rubric.dimensions)
    for dim in card.dimensions:
        assert dim.level is None and dim.flags == ["failed"] and dim.attempts == 2
        assert dim.error is not None and reason in dim.error and "after 2 attempts" in dim.error
    # Nothing unusable was cached: a recovered endpoint is asked every question again.
    assert cache.info()["entries"] == 0
    recovered = FakeBackend(yes=0.8)
    again = grade(T, rubric, recovered, options=options, cache=cache)
    assert len(recovered.questions) == sum(len(d.indicators) for d in rubric.dimensions)
    assert all(dim.level is not None for dim in again.dimensions)


def test_an_unusable_answer_is_asked_again_within_the_bound(rubric: Rubric) -> None:
    backend = AnswersFake([YesNo(0.5, 0.0, UNREADABLE), YesNo(0.9, 0.99, "logprobs")])
    card = grade(T, rubric, backend, options=GradeOptions(strategy="indicators"))
    assert len(backend.questions) == sum(len(d.indicators) for d in rubric.dimensions) + 1
    assert all(dim.level is not None for dim in card.dimensions)
    assert all(i["p_yes"] == 0.9 for d in card.dimensions for i in d.indicators)


def test_an_unusable_answer_left_in_the_cache_is_asked_again(
    tmp_path: Path, rubric: Rubric
) -> None:
    cache = ResponseCache(tmp_path / "c.sqlite")
    options = GradeOptions(strategy="indicators")
    grade(T, rubric, FakeBackend(yes=0.7), options=options, cache=cache)
    # As an earlier version stored answers it could not read: P(yes) 0.5 with no mass.
    with sqlite3.connect(cache.path) as db:
        db.execute("""UPDATE responses SET text = '{"p_yes": 0.5, "mass": 0.0, "method": "sampled"}'
                   WHERE text LIKE '%p_yes%'""")
        db.execute("UPDATE responses SET text = 'not json' WHERE rowid = 1")
    backend = FakeBackend(yes=0.2)
    card = grade(T, rubric, backend, options=options, cache=cache)
    assert len(backend.questions) == sum(len(d.indicators) for d in rubric.dimensions)
    assert all(i["p_yes"] == 0.2 for d in card.dimensions for i in d.indicators)


def test_a_batch_with_unusable_answers_exits_one_and_a_rerun_grades_again(
    tmp_path: Path, rubric: Rubric
) -> None:
    from grader.batch.results import read_results
    from grader.batch.runner import run_batch
    from helpers import write_interviews

    write_interviews(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    cache = ResponseCache(tmp_path / "c.sqlite")
    options = GradeOptions(strategy="indicators", max_attempts=2)
    broken = run_batch(
        [str(tmp_path / "in")],
        out,
        rubric,
        AnswersFake([YesNo(0.5, 0.0, "sampled")]),
        options=options,
        cache=cache,
    )
    # Every dimension failed: nothing was graded, so each transcript is recorded as failed.
    assert (broken.graded, broken.failed, broken.exit_code) == (0, 2, 1)
    assert {row["status"] for _, row in read_results(out)} == {"failed"}
    fixed = FakeBackend(yes=0.8)
    again = run_batch([str(tmp_path / "in")], out, rubric, fixed, options=options, cache=cache)
    assert (again.graded, again.skipped, again.exit_code) == (2, 0, 0)
    assert fixed.questions
    done = run_batch([str(tmp_path / "in")], out, rubric, FakeBackend(), options=options)
    assert (done.graded, done.skipped, done.exit_code) == (0, 2, 0)
    assert len(list(read_results(out))) == 4


BODIES: dict[str, object] = {
    "html_page": "<html><body><h1>502 Bad Gateway</h1></body></html>",
    "json_array": [1, 2, 3],
    "json_string": "yes",
    "no_choices": {"choices": []},
    "choices_not_a_list": {"choices": "yes"},
    "choice_not_an_object": {"choices": ["Yes"]},
    "null_message": {"choices": [{"message": None, "finish_reason": "stop"}]},
    "cut_off_body": '{"choices": [{"message": {"content": "Ye',
    "prose_without_logprobs": {"choices": [{"message": {"content": "The candidate asks."}}]},
    "content_not_text": {"choices": [{"message": {"content": ["Yes"]}}]},
    "logprobs_nan": {"choices": [_logprobs(("Yes", math.nan), ("No", -0.1))]},
    "logprob_above_zero": {"choices": [_logprobs(("Yes", 3.0), ("No", -0.1))]},
    "logprob_not_a_number": {"choices": [_logprobs(("Yes", "high"), ("No", None))]},
    "neither_yes_nor_no": {"choices": [_logprobs(("The", -0.05), ("A", -3.0))]},
    "duplicated_tokens": {"choices": [_logprobs(("Yes", -0.01), ("Yes", -0.01))]},
}


def test_hostile_bodies_never_give_a_usable_answer() -> None:
    for name, body in BODIES.items():
        answer = yes_no_from_body(body)
        assert problem(answer) is not None, name


def test_a_well_formed_answer_is_read_from_logprobs_or_text() -> None:
    answer = yes_no_from_body(
        {"choices": [_logprobs(("Yes", math.log(0.7)), (" no", math.log(0.2)))]}
    )
    assert problem(answer) is None and answer.method == "logprobs"
    assert answer.p_yes == pytest.approx(0.7 / 0.9) and answer.mass == pytest.approx(0.9)
    sampled = yes_no_from_body({"choices": [{"message": {"content": "No."}}]})
    assert problem(sampled) is None and (sampled.p_yes, sampled.method) == (0.0, "sampled")
