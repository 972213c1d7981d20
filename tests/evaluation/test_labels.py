from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.ratings.labels import LabelError, load_labels
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, *lines: object) -> Path:
    (tmp_path / "t.txt").write_text("Interviewer: hi\n\nCandidate: hello there\n")
    path = tmp_path / "labels.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    )
    return path


GOOD = {"transcript": "t.txt", "labeller": "alice", "levels": {"metrics": "weak"}}


def test_project_label_sets_load_and_cover_every_level(rubric: Rubric) -> None:
    labels = load_labels(sorted((ROOT / "evals" / "splits").glob("*/labels.jsonl")), rubric)
    assert len({label.transcript for label in labels}) >= 30
    assert all(label.labeller for label in labels)
    for dim in rubric.dimensions:
        counts = {lvl: 0 for lvl in Level}
        for label in labels:
            counts[label.levels[dim.id]] += 1
        assert min(counts.values()) >= 2, (dim.id, counts)


def test_valid_label(tmp_path: Path, rubric: Rubric) -> None:
    [label] = load_labels([write(tmp_path, GOOD)], rubric)
    assert label.labeller == "alice" and label.levels == {"metrics": Level.WEAK}
    assert label.transcript == (tmp_path / "t.txt").resolve()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({**GOOD, "levels": {"charisma": "weak"}}, "unknown dimension 'charisma'"),
        ({**GOOD, "levels": {"metrics": "superb"}}, "unknown level 'superb'"),
        ({**GOOD, "transcript": "missing.txt"}, "transcript file not found"),
        ({k: v for k, v in GOOD.items() if k != "labeller"}, "missing key 'labeller'"),
        ({**GOOD, "colour": 1}, "unknown key 'colour'"),
        ("{not json", "invalid JSON"),
    ],
)
def test_bad_labels_name_file_and_line(
    tmp_path: Path, rubric: Rubric, line: object, message: str
) -> None:
    path = write(tmp_path, GOOD | {"labeller": "bob"}, line)
    with pytest.raises(LabelError) as err:
        load_labels([path], rubric)
    assert message in str(err.value)
    assert err.value.line == 2 and str(path) in str(err.value)


def test_duplicate_transcript_and_labeller(tmp_path: Path, rubric: Rubric) -> None:
    with pytest.raises(LabelError, match="duplicate label"):
        load_labels([write(tmp_path, GOOD, GOOD)], rubric)
