"""Hostile rubric and calibration files: refused with file and line, never applied wrongly."""

from __future__ import annotations

import copy
import json
import math
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.backends.fake import FakeBackend
from grader.calibration.files import load_calibration
from grader.calibration.model import CalibrationError
from grader.cli.main import main
from grader.engine import grade
from grader.errors import ConfigError, GraderError, RubricError
from grader.grading.options import GradeOptions
from grader.reports.scorecard_text import to_json
from grader.rubrics.rubric import DEFAULT_RUBRIC, Rubric, load_rubric
from grader.transcripts.transcript import load

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
SHIPPED = (
    ROOT / "grader" / "data" / "rubric" / "calibration" / "pm-technical.qwen2.5-coder-1.5b.json"
)
BASE_RUBRIC_TEXT = DEFAULT_RUBRIC.read_text(encoding="utf-8")


def _strict_json(text: str) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"bare {name} in JSON")

    return json.loads(text, parse_constant=refuse)


def _line_with(path: Path, line: int | None) -> str:
    assert line is not None
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


# --- rubrics -------------------------------------------------------------------------------


def _rubric_with_weight(tmp_path: Path, weight: str, name: str = "r.yaml") -> Path:
    """The built-in rubric with the first indicator's weight written as ``weight``."""
    first = BASE_RUBRIC_TEXT.index("  - id: ", BASE_RUBRIC_TEXT.index("\n  indicators:"))
    end = BASE_RUBRIC_TEXT.index("\n", BASE_RUBRIC_TEXT.index("question:", first))
    text = f"{BASE_RUBRIC_TEXT[: end + 1]}    weight: {weight}\n{BASE_RUBRIC_TEXT[end + 1 :]}"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("weight", [".inf", "-.inf", ".nan", ".NaN", "1e999", "1e308", "0"])
def test_a_weight_that_is_not_finite_or_too_large_is_refused_on_its_line(
    tmp_path: Path, weight: str
) -> None:
    path = _rubric_with_weight(tmp_path, weight)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert str(path) in str(err.value)
    assert "weight" in _line_with(path, err.value.line)


def test_rubric_validate_refuses_an_infinite_weight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _rubric_with_weight(tmp_path, ".inf")
    assert main(["rubric", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "finite" in err and "Traceback" not in err


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_json_rubric_with_a_bare_constant_is_refused_on_its_line(
    tmp_path: Path, constant: str
) -> None:
    data = yaml.safe_load(BASE_RUBRIC_TEXT)
    data["dimensions"][1]["indicators"][0]["weight"] = 12345.5
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, indent=1).replace("12345.5", constant))
    with pytest.raises(RubricError, match="finite") as err:
        load_rubric(path)
    assert constant in _line_with(path, err.value.line)


def test_non_finite_cuts_are_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE_RUBRIC_TEXT)
    data["dimensions"][0]["cuts"] = [0.1, float("nan"), 0.5, 0.9]
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(RubricError, match="finite"):
        load_rubric(path)


def test_a_graded_score_is_finite_with_the_largest_weights_allowed(
    tmp_path: Path, rubric: Rubric
) -> None:
    data = yaml.safe_load(BASE_RUBRIC_TEXT)
    for dim in data["dimensions"]:
        for item in dim.get("indicators", []):
            item["weight"] = 1000
    path = tmp_path / "heavy.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    card = grade(load(SAMPLE), load_rubric(path), FakeBackend())
    assert all(d.score is not None and math.isfinite(d.score) for d in card.dimensions)


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nid: x\n")
    started = time.monotonic()
    with pytest.raises(RubricError, match="more than"):
        load_rubric(path)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\ndimensions: " + "[" * 5000 + "]" * 5000 + "\n", "nested"),
        ("id: x\nversion: " + "9" * 5000 + "\n", "integer"),
        ("id: x\ncreated: 2001-02-30\n", "date"),
    ],
)
def test_yaml_values_that_cannot_be_built_are_refused(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text)
    with pytest.raises(RubricError, match=expected):
        load_rubric(path)


# --- calibrations ---------------------------------------------------------------------------


def _calibration(tmp_path: Path, change: Any, raw: bool = False) -> Path:
    """Write the shipped calibration after ``change`` (a function of its data, or its text)."""
    text = SHIPPED.read_text(encoding="utf-8")
    if raw:
        text = change(text)
    else:
        data = json.loads(text)
        change(data)
        text = json.dumps(data, indent=2)
    path = tmp_path / "cal.json"
    path.write_text(text, encoding="utf-8")
    return path


def _first_dimension(data: dict[str, Any]) -> dict[str, Any]:
    return data["dimensions"][next(iter(data["dimensions"]))]  # type: ignore[no-any-return]


def test_the_shipped_calibration_loads_for_its_rubric(rubric: Rubric) -> None:
    assert load_calibration(SHIPPED, rubric).rubric_sha256 == rubric.sha256


def test_a_nan_weight_is_refused_on_its_line(tmp_path: Path) -> None:
    def nan_weight(text: str) -> str:
        key = '"data_literacy.proposes_analysis": '
        start = text.index(key, text.index('"dimensions"')) + len(key)
        end = text.index(",", start)
        return text[:start] + "NaN" + text[end:]

    path = _calibration(tmp_path, nan_weight, raw=True)
    with pytest.raises(CalibrationError) as err:
        load_calibration(path)
    assert str(path) in str(err.value) and "NaN" in _line_with(path, err.value.line)
    assert isinstance(err.value, ConfigError)  # a calibration is part of the configuration


@pytest.mark.parametrize(
    ("change", "expected", "on_line"),
    [
        (
            lambda d: _first_dimension(d).update(cuts=[0.5, 0.1, 0.2, 0.3]),
            "must not decrease",
            "cuts",
        ),
        (lambda d: _first_dimension(d).update(spread=0), "greater than", "spread"),
        (lambda d: _first_dimension(d).update(cuts=[0, 1, 2]), "at least 4", "cuts"),
        (lambda d: d.update(format=99), "format 99", "format"),
        (
            lambda d: d["features"].update(
                {"text.typo": {"center": 0, "scale": 1, "transform": "log1p"}}
            ),
            "no count",
            "features",
        ),
        (
            lambda d: d["features"].update({"bad name": {"center": 0, "scale": 1}}),
            "names no answer",
            "features",
        ),
        (
            lambda d: _first_dimension(d)["weights"].update({"metrics.nowhere": 1.0}),
            "do not describe",
            "",
        ),
        (
            lambda d: next(iter(d["features"].values())).update(transform="log1p"),
            "read by logit",
            "features",
        ),
        (
            lambda d: next(iter(d["features"].values())).update(center=1e300),
            "less than or equal",
            "center",
        ),
    ],
)
def test_malformed_calibrations_are_refused_with_the_line(
    tmp_path: Path, change: Any, expected: str, on_line: str
) -> None:
    path = _calibration(tmp_path, change)
    with pytest.raises(CalibrationError, match=expected) as err:
        load_calibration(path)
    assert str(path) in str(err.value)
    if on_line:
        assert on_line in _line_with(path, err.value.line)


@pytest.mark.parametrize(
    ("change", "expected", "on_line"),
    [
        (
            lambda d: d.update(rubric_id="other-rubric"),
            "fitted for rubric 'other-rubric', not 'pm-technical'",
            "rubric_id",
        ),
        (
            lambda d: d.update(rubric_sha256="0" * 64),
            "another version of rubric 'pm-technical'",
            "rubric_sha256",
        ),
    ],
)
def test_a_calibration_for_another_rubric_is_refused_for_grading(
    tmp_path: Path, rubric: Rubric, change: Any, expected: str, on_line: str
) -> None:
    path = _calibration(tmp_path, change)
    load_calibration(path)  # well-formed on its own
    with pytest.raises(CalibrationError, match=expected) as err:
        load_calibration(path, rubric)
    assert on_line in _line_with(path, err.value.line)
    options = GradeOptions(calibration=path)
    with pytest.raises(CalibrationError, match=expected):
        grade(load(SAMPLE), rubric, FakeBackend(), options=options)


def test_an_indicator_the_rubric_does_not_ask_is_refused_for_grading(
    tmp_path: Path, rubric: Rubric
) -> None:
    def rename(data: dict[str, Any]) -> None:
        data["features"]["data_literacy.renamed"] = data["features"].pop(
            "data_literacy.proposes_analysis"
        )
        for dim in data["dimensions"].values():
            if "data_literacy.proposes_analysis" in dim["weights"]:
                dim["weights"]["data_literacy.renamed"] = dim["weights"].pop(
                    "data_literacy.proposes_analysis"
                )

    path = _calibration(tmp_path, rename)
    load_calibration(path)
    with pytest.raises(CalibrationError, match=r"'data_literacy\.renamed' is no answer"):
        load_calibration(path, rubric)


def test_grade_with_a_calibration_for_another_rubric_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _calibration(tmp_path, lambda d: d.update(rubric_id="other-rubric"))
    args = ["grade", str(SAMPLE), "--backend", "fake", "--calibration", str(path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "'other-rubric'" in err and "Traceback" not in err


# --- strict JSON out ------------------------------------------------------------------------


def test_scorecard_json_never_holds_a_bare_nan(rubric: Rubric) -> None:
    card = grade(load(SAMPLE), rubric, FakeBackend())
    first = card.dimensions[0].model_copy(update={"score": math.nan})
    card = card.model_copy(update={"dimensions": [first, *card.dimensions[1:]]})
    data = _strict_json(to_json(card))
    assert data["dimensions"][0]["score"] is None


# --- property: any file raises only GraderError ---------------------------------------------

_YAML_PIECES = st.sampled_from(
    [
        "id: x\n", "title: t\n", "levels:\n", "dimensions:\n", "- ", "  ", ": ", "&a ", "*a",
        "!!python/object:os.system ", "!!binary ", "!!float ", "!!int ", "? ", "[", "]", "{",
        "}", ",", ".inf", "-.nan", "1e999", "0x", "0o9", "2001-02-30", "9" * 30, "<<: *a\n",
        "weight: ", "cuts: ", "\t", "\n", '"', "'", "#", "%YAML 1.1\n", "---\n", "\x00", "é",
    ]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_YAML_PIECES, st.text(max_size=8)), max_size=30).map("".join)
_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**320),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
_VALUE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
_PATH = st.lists(st.one_of(st.integers(0, 6), st.text(max_size=8)), min_size=1, max_size=5)


def _mutated(base: Any, path: list[int | str], value: Any) -> Any:
    """Return ``base`` with the node at (the reachable prefix of) ``path`` set to ``value``."""
    data = copy.deepcopy(base)
    node = data
    for step, key in enumerate(path):
        last = step == len(path) - 1
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            if last or not isinstance(node[key], (dict, list)):
                node[key] = value
                return data
            node = node[key]
        elif isinstance(node, dict):
            key = key if isinstance(key, str) and key in node else next(iter(node), str(key))
            if last or not isinstance(node.get(key), (dict, list)):
                node[key] = value
                return data
            node = node[key]
        else:
            return value
    return data


def _only_grader_errors(load: Any, path: Path) -> None:
    try:
        load(path)
    except GraderError as exc:
        assert str(exc) and "Traceback" not in str(exc)


_FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_FUZZ
@given(text=_TEXT, suffix=st.sampled_from([".yaml", ".json"]))
def test_any_rubric_text_raises_only_grader_errors(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"r{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _only_grader_errors(load_rubric, path)


_BASE_RUBRIC = yaml.safe_load(BASE_RUBRIC_TEXT)


@_FUZZ
@given(path=_PATH, value=_VALUE, as_json=st.booleans())
def test_any_change_to_a_rubric_raises_only_grader_errors(
    tmp_path: Path, path: list[int | str], value: Any, as_json: bool
) -> None:
    data = _mutated(_BASE_RUBRIC, path, value)
    file = tmp_path / ("r.json" if as_json else "r.yaml")
    file.write_text(json.dumps(data) if as_json else yaml.safe_dump(data), encoding="utf-8")
    _only_grader_errors(load_rubric, file)


_BASE_CALIBRATION = json.loads(SHIPPED.read_text(encoding="utf-8"))


@_FUZZ
@given(path=_PATH, value=_VALUE)
def test_any_change_to_a_calibration_raises_only_grader_errors(
    tmp_path: Path, rubric: Rubric, path: list[int | str], value: Any
) -> None:
    file = tmp_path / "cal.json"
    file.write_text(json.dumps(_mutated(_BASE_CALIBRATION, path, value)), encoding="utf-8")
    _only_grader_errors(load_calibration, file)
    _only_grader_errors(lambda p: load_calibration(p, rubric), file)


@_FUZZ
@given(text=_TEXT)
def test_any_calibration_text_raises_only_grader_errors(tmp_path: Path, text: str) -> None:
    file = tmp_path / "cal.json"
    file.write_bytes(text.encode("utf-8", "surrogatepass"))
    _only_grader_errors(load_calibration, file)
