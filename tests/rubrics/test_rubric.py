from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grader.errors import RubricError
from grader.rubrics.levels import LEVEL_IDS, Level
from grader.rubrics.rubric import DEFAULT_RUBRIC, Rubric, load_rubric

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "technical-interview-rubric.txt"


def test_builtin_rubric_has_six_dimensions_with_five_levels(rubric: Rubric) -> None:
    assert [d.id for d in rubric.dimensions] == [
        "data_literacy",
        "metrics",
        "clarifying_questions",
        "tradeoffs",
        "software_implementation",
        "technical_communication",
    ]
    for dim in rubric.dimensions:
        assert list(dim.levels) == [Level(x) for x in LEVEL_IDS]
        assert dim.description
    assert rubric.level_name(Level.VERY_WEAK) == "Very Weak or Missing"
    assert len(rubric.sha256) == 64


@pytest.mark.skipif(not SEED.exists(), reason="seed rubric not present beside the checkout")
def test_descriptors_are_verbatim_from_the_seed(rubric: Rubric) -> None:
    seed = SEED.read_text()
    for dim in rubric.dimensions:
        assert dim.title in seed
        for level, text in dim.levels.items():
            assert f"- {rubric.level_name(level)}: {text}" in seed


def _write(tmp_path: Path, data: object, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _base() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(DEFAULT_RUBRIC.read_text())


def test_missing_level_names_file_dimension_and_line(tmp_path: Path) -> None:
    data = _base()
    del data["dimensions"][1]["levels"]["neutral"]
    path = _write(tmp_path, data)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    text = str(err.value)
    assert str(path) in text
    assert "dimension 'metrics'" in text and "neutral" in text
    assert err.value.line is not None
    # The line is the metrics dimension's own "levels:" key, the one missing a level.
    lines = path.read_text().splitlines()
    metrics = next(i for i, line in enumerate(lines, 1) if line.strip() == "- id: metrics")
    assert lines[err.value.line - 1].strip() == "levels:"
    assert err.value.line > metrics


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["dimensions"].append(dict(d["dimensions"][0])), "duplicate dimension id"),
        (lambda d: d["dimensions"][2].update(colour="red"), "unknown key 'colour'"),
        (lambda d: d["dimensions"][0]["levels"].update(superb="x"), "unknown level 'superb'"),
        (lambda d: d["dimensions"][3]["levels"].update(weak="  "), "empty descriptor"),
        (lambda d: d["levels"].pop(), "levels must list"),
        (lambda d: d.pop("dimensions"), "missing required key 'dimensions'"),
    ],
)
def test_malformed_rubrics_are_refused(tmp_path: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = _base()
    mutate(data)
    with pytest.raises(RubricError, match=expected):
        load_rubric(_write(tmp_path, data))


def test_json_rubric_and_syntax_errors(tmp_path: Path) -> None:
    import json

    good = tmp_path / "r.json"
    good.write_text(json.dumps(_base()))
    assert load_rubric(good).id == "pm-technical"
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x",\n "title": }')
    with pytest.raises(RubricError) as err:
        load_rubric(bad)
    assert err.value.line == 2
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("id: x\ntitle: [unclosed\n")
    with pytest.raises(RubricError, match="invalid YAML"):
        load_rubric(bad_yaml)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="cannot read rubric"):
        load_rubric(tmp_path / "nope.yaml")
