"""Fuzzing the files people give besides transcripts: scores, ratings, labels, eval configs.

Whatever the bytes (and whatever a structured file holds: any JSON value, any CSV cells,
any TOML table), loading raises nothing but a :class:`~grader.errors.GraderError`.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.errors import GraderError
from grader.evaluation.config import load_config
from grader.ratings.files import load_ratings
from grader.ratings.labels import load_labels
from grader.ratings.scores import load_scores
from grader.rubrics.rubric import Rubric, load_rubric

RUBRIC: Rubric = load_rubric()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
# Names the loaders know, so the fuzz gets past the first checks often.
KNOWN = st.sampled_from(
    ["transcript", "labeller", "levels", "metrics", "data_literacy", "strong", "weak", "interview",
     "grader", "dimension", "level", "name", "strategy", "calibration", "samples", "t.txt", "5"]
)  # fmt: skip
TEXTISH = st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode))


def _only_typed_errors(load: Callable[[Path], Any], suffix: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        (Path(folder) / "t.txt").write_text("Interviewer: Why?\n\nCandidate: Because.\n")
        with contextlib.suppress(GraderError):
            load(path)


@FUZZ
@given(content=TEXTISH, suffix=st.sampled_from([".json", ".yaml", ".csv", ".txt"]))
def test_scores_files(content: bytes, suffix: str) -> None:
    _only_typed_errors(lambda p: load_scores(p, RUBRIC), suffix, content)


@FUZZ
@given(value=st.dictionaries(KNOWN, JSON_VALUES | KNOWN, max_size=6))
def test_scores_json_values(value: dict[str, Any]) -> None:
    _only_typed_errors(lambda p: load_scores(p, RUBRIC), ".json", json.dumps(value).encode())


@FUZZ
@given(content=TEXTISH, suffix=st.sampled_from([".csv", ".jsonl"]))
def test_ratings_files(content: bytes, suffix: str) -> None:
    _only_typed_errors(lambda p: load_ratings(p, RUBRIC), suffix, content)


@FUZZ
@given(rows=st.lists(st.lists(KNOWN | st.text(max_size=8), min_size=1, max_size=6), max_size=6))
def test_ratings_csv_cells(rows: list[list[str]]) -> None:
    text = "\n".join(",".join(cell.replace(",", " ") for cell in row) for row in rows)
    _only_typed_errors(lambda p: load_ratings(p, RUBRIC), ".csv", text.encode())


@FUZZ
@given(lines=st.lists(st.dictionaries(KNOWN, JSON_VALUES | KNOWN, max_size=5), max_size=4))
def test_labels_lines(lines: list[dict[str, Any]]) -> None:
    content = "\n".join(json.dumps(line) for line in lines).encode()
    _only_typed_errors(lambda p: load_labels([p], RUBRIC), ".jsonl", content)


@FUZZ
@given(content=TEXTISH)
def test_labels_bytes(content: bytes) -> None:
    _only_typed_errors(lambda p: load_labels([p], RUBRIC), ".jsonl", content)


@FUZZ
@given(content=TEXTISH)
def test_eval_config_bytes(content: bytes) -> None:
    _only_typed_errors(load_config, ".toml", content)


@FUZZ
@given(
    table=st.dictionaries(KNOWN, st.integers() | st.text(max_size=12) | st.booleans(), max_size=5)
)
def test_eval_config_tables(table: dict[str, Any]) -> None:
    lines = [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    _only_typed_errors(load_config, ".toml", "\n".join(lines).encode())
