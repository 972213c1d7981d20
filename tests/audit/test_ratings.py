from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from grader.cli.main import main
from grader.errors import InputError
from grader.ratings.files import RatingsError, load_ratings, parse_level
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "evals" / "ratings_sample.csv"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_long_csv_with_names_numbers_titles_and_dates(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "r.csv",
        "Interview ID,Rater,Dimension,Score,Date\n"
        "i1,ann,data_literacy,very_strong,2025-03-04\n"
        "i1,ann,Comfort With Metrics,Very Weak or Missing,2025-03\n"
        "\n"
        "i1,bob,data literacy,2,\n",
    )
    ratings = load_ratings(path, rubric)
    assert [(r.grader, r.dimension, r.level, r.date, r.line) for r in ratings.items] == [
        ("ann", "data_literacy", Level.VERY_STRONG, dt.date(2025, 3, 4), 2),
        ("ann", "metrics", Level.VERY_WEAK, dt.date(2025, 3, 1), 3),
        ("bob", "data_literacy", Level.WEAK, None, 5),
    ]
    assert ratings.dimensions == ("data_literacy", "metrics")
    assert ratings.graders() == ["ann", "bob"] and ratings.interviews() == ["i1"]


def test_wide_csv_skips_blank_cells_and_note_columns(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "wide.csv",
        "interview,grader,date,data_literacy,Clarifying Questions,notes\n"
        'i1,ann,2025-01-02,strong,,"liked it, a lot"\n'
        "i2,ann,2025-01-09,weak,neutral,\n",
    )
    ratings = load_ratings(path, rubric)
    assert [(r.interview, r.dimension, r.level.value) for r in ratings.items] == [
        ("i1", "data_literacy", "strong"),
        ("i2", "data_literacy", "weak"),
        ("i2", "clarifying_questions", "neutral"),
    ]
    assert ratings.dimensions == ("data_literacy", "clarifying_questions")


def test_jsonl_single_ratings_and_scorecards(tmp_path: Path, rubric: Rubric) -> None:
    lines = [
        {"interview": "i1", "grader": "ann", "dimension": "metrics", "level": "strong"},
        {"interview_id": "i1", "grader_id": "bob", "date": "2025-02-01",
         "levels": {"metrics": "neutral", "tradeoffs": 5, "data_literacy": None}},
    ]  # fmt: skip
    path = write(tmp_path, "r.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    ratings = load_ratings(path, rubric)
    assert [(r.grader, r.dimension, r.level.value, r.line) for r in ratings.items] == [
        ("ann", "metrics", "strong", 1),
        ("bob", "metrics", "neutral", 2),
        ("bob", "tradeoffs", "very_strong", 2),
    ]


@pytest.mark.parametrize(
    ("name", "text", "line", "needle"),
    [
        ("a.csv", "interview,grader,dimension,level\ni1,ann,metrics,great\n", 2, "unknown level"),
        ("b.csv", "interview,grader,dimension,level\ni1,ann,metric,strong\n", 2, "metrics"),
        ("c.csv", "interview,grader,dimension,level\ni1,,metrics,strong\n", 2, "grader id"),
        (
            "d.csv",
            "interview,grader,dimension,level\ni1,ann,metrics,strong\ni1,ann,metrics,weak\n",
            3,
            "twice (first at line 2)",
        ),
        ("e.csv", "interview,grader,dimension,level,date\ni1,a,metrics,1,3/4/25\n", 2, "date"),
        ("f.csv", "who,dimension,level\nann,metrics,weak\n", 1, "no interview column"),
        ("g.csv", "interview,grader,colour\ni1,ann,red\n", 1, "unknown dimension 'colour'"),
        ("h.csv", "interview,grader,dimension,level\ni1,ann,metrics,weak,x\n", 2, "fields"),
        ("i.jsonl", '{"interview": "i1"}\n', 1, "no rating"),
        ("j.jsonl", '\n{"interview": "i1", \n', 2, "invalid JSON"),
        ("k.jsonl", "[1, 2]\n", 1, "JSON object"),
    ],
)
def test_bad_input_names_file_line_and_fix(
    tmp_path: Path, rubric: Rubric, name: str, text: str, line: int, needle: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(RatingsError) as info:
        load_ratings(path, rubric)
    assert isinstance(info.value, InputError)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert needle in str(info.value)


def test_empty_missing_and_ratingless_files(tmp_path: Path, rubric: Rubric) -> None:
    for text, needle in (("", "empty"), ("interview,grader,dimension,level\n", "no ratings")):
        with pytest.raises(RatingsError, match=needle):
            load_ratings(write(tmp_path, "x.csv", text), rubric)
    with pytest.raises(RatingsError, match="cannot read"):
        load_ratings(tmp_path / "missing.csv", rubric)
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RatingsError, match="UTF-8"):
        load_ratings(tmp_path / "bin.csv", rubric)


def test_parse_level_spellings(rubric: Rubric) -> None:
    assert parse_level("very-strong", rubric) is Level.VERY_STRONG
    assert parse_level(" Very Weak or Missing ", rubric) is Level.VERY_WEAK
    assert parse_level("3", rubric) is Level.NEUTRAL
    for bad in ("0", "6", "good", ""):
        with pytest.raises(ValueError, match="unknown level"):
            parse_level(bad, rubric)


def test_cli_bad_ratings_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "r.csv", "interview,grader,dimension,level\ni1,ann,metrics,great\n")
    code = main(["audit", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"grader: error: {path}:2: unknown level")


def test_sample_ratings_shape(rubric: Rubric) -> None:
    ratings = load_ratings(SAMPLE, rubric)
    graders = ratings.graders()
    assert len(graders) >= 4 and len(ratings.interviews()) >= 15
    assert ratings.dimensions == tuple(d.id for d in rubric.dimensions)
    for grader in graders:
        rated = {r.interview for r in ratings.items if r.grader == grader}
        assert len(rated) >= 15, grader
    assert all(r.date is not None for r in ratings.items)
