from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.backends.fake import FakeBackend
from grader.cli.main import main
from grader.engine import grade
from grader.grading.comparison import size_of
from grader.grading.scorecard import Scorecard
from grader.grading.second_opinion import compare, ordered_dimensions
from grader.ratings.files import RatingsError
from grader.ratings.scores import load_scores
from grader.reports.scorecard_text import to_markdown, to_text
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
# The fake backend grades every dimension "neutral" (rank 2).
MINE = {
    "data_literacy": "very_strong",  # model 2 lower
    "metrics": "weak",  # model 1 higher
    "clarifying_questions": "neutral",  # agree
    "tradeoffs": "very_weak",  # model 2 higher
    "software_implementation": "strong",  # model 1 lower
}


@pytest.fixture
def card(rubric: Rubric) -> Scorecard:
    return grade(load(SAMPLE), rubric, FakeBackend())


def test_load_scores_in_each_format(tmp_path: Path, rubric: Rubric) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"levels": {"Data Literacy": 4, "metrics": "weak"}})
    )
    (tmp_path / "b.yaml").write_text("data_literacy: Strong\nmetrics: Very Weak or Missing\n")
    (tmp_path / "c.csv").write_text("dimension,level\n\ndata_literacy,strong\nmetrics,2\n")
    (tmp_path / "d.csv").write_text("Data Literacy,strong\n")
    assert load_scores(tmp_path / "a.json", rubric) == {
        "data_literacy": Level.STRONG,
        "metrics": Level.WEAK,
    }
    assert load_scores(tmp_path / "b.yaml", rubric) == {
        "data_literacy": Level.STRONG,
        "metrics": Level.VERY_WEAK,
    }
    assert load_scores(tmp_path / "c.csv", rubric)["metrics"] is Level.WEAK
    assert load_scores(tmp_path / "d.csv", rubric) == {"data_literacy": Level.STRONG}


@pytest.mark.parametrize(
    ("name", "text", "line", "needle"),
    [
        ("a.json", '{\n  "metrics": "strong",\n  "speed": "weak"\n}', 3, "unknown dimension"),
        ("b.yaml", "metrics: strong\ntradeoffs: amazing\n", 2, "unknown level"),
        ("c.csv", "metrics,strong\nMetrics,weak\n", 2, "scored twice"),
        ("d.csv", "metrics,strong\ntradeoffs\n", 2, "dimension,level"),
        ("e.json", '{"metrics": "strong",}', 1, "invalid JSON"),
        ("f.yaml", "metrics: [strong\n", 2, "invalid YAML"),
    ],
)
def test_bad_scores_name_the_line(
    tmp_path: Path, rubric: Rubric, name: str, text: str, line: int, needle: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(RatingsError) as info:
        load_scores(path, rubric)
    assert info.value.line == line and needle in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_empty_or_wrong_shape_scores(tmp_path: Path, rubric: Rubric) -> None:
    for name, text in (("a.json", "{}"), ("b.yaml", "- metrics\n"), ("c.csv", "\n")):
        (tmp_path / name).write_text(text)
        with pytest.raises(RatingsError):
            load_scores(tmp_path / name, rubric)


def test_sizes() -> None:
    assert [size_of(d) for d in (None, 0, 1, -1, 2, -3, 4)] == [
        "not compared",
        "agree",
        "small",
        "small",
        "large",
        "very large",
        "very large",
    ]


def test_compare_measures_every_disagreement(card: Scorecard, rubric: Rubric) -> None:
    scores = {k: Level(v) for k, v in MINE.items()}
    result = compare(card, scores, "mine.json")
    by_dim = {i.dimension: i for i in result.items}
    assert by_dim["data_literacy"].difference == -2 and by_dim["data_literacy"].size == "large"
    assert by_dim["metrics"].difference == 1 and by_dim["metrics"].size == "small"
    assert by_dim["clarifying_questions"].size == "agree"
    assert by_dim["technical_communication"].size == "not compared"
    assert (result.compared, result.agreements, result.disagreements) == (5, 1, 4)
    assert result.largest_gap == 2
    card.comparison = result
    order = [d.id for d in ordered_dimensions(card)]
    assert order[:2] == ["data_literacy", "tradeoffs"]  # the two-level gaps, rubric order
    assert set(order[2:4]) == {"metrics", "software_implementation"}
    restored = Scorecard.model_validate(json.loads(json.dumps(card.to_json())))
    assert restored.comparison == result


def test_text_and_markdown_show_disagreements_first(card: Scorecard) -> None:
    card.comparison = compare(card, {k: Level(v) for k, v in MINE.items()}, "mine.json")
    text = to_text(card)
    assert "1 agree, 4 disagree (largest gap 2 levels)" in text
    first = text.index("Data Literacy: Neutral")
    assert first < text.index("Clarifying Questions: Neutral")
    assert "yours: very_strong, model 2 levels lower (large disagreement)" in text
    assert "yours: weak, model 1 level higher (small disagreement)" in text
    md = to_markdown(card)
    assert "| Dimension | Model | Yours | Disagreement | Quotes | Flags |" in md
    assert "| very_weak | **model 2 levels higher (large disagreement)** |" in md


def test_cli_compare_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps(MINE))
    args = ["grade", str(SAMPLE), "--backend", "fake", "--compare", str(scores)]
    assert main(args) == 0
    out = capsys.readouterr().out
    for line in (
        "Data Literacy: Neutral  [###..]   yours: very_strong, model 2 levels lower (large",
        "Comfort With Metrics: Neutral  [###..]   yours: weak, model 1 level higher (small",
        "Clarifying Questions: Neutral  [###..]   yours: neutral, agree",
        "Ability to Discuss Tradeoffs and Possible Errors: Neutral  [###..]   yours: very_weak, "
        "model 2 levels higher (large",
        "software implementation: Neutral  [###..]   yours: strong, model 1 level lower (small",
    ):
        assert line in out
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = {i["dimension"]: i for i in data["comparison"]["items"]}
    assert items["tradeoffs"] == {
        "dimension": "tradeoffs",
        "title": "Ability to Discuss Tradeoffs and Possible Errors",
        "yours": "very_weak",
        "model": "neutral",
        "difference": 2,
        "size": "large",
    }
    assert data["comparison"]["disagreements"] == 4


def test_cli_bad_scores_fail_before_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scores = tmp_path / "scores.yaml"
    scores.write_text("metrics: stellar\n")

    def no_model(*args: object, **kwargs: object) -> object:
        raise AssertionError("graded despite a bad scores file")

    monkeypatch.setattr(FakeBackend, "complete", no_model)
    code = main(["grade", str(SAMPLE), "--backend", "fake", "--compare", str(scores)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip() == (
        f"grader: error: {scores}:1: unknown level 'stellar'; use one of very_weak, weak, "
        "neutral, strong, very_strong, the rubric's level names, or 1-5"
    )
