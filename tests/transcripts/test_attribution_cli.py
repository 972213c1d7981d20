"""Inferred speakers on the command line: warnings, corrections, and the batch CSV column."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_attribution import INTERVIEW, whisper_lines

from grader.cli.main import main
from grader.errors import GraderError
from grader.transcripts.transcript import parse

LABELLED = "".join(f"{role.title()}: {text}\n\n" for role, text in INTERVIEW)


def test_grade_says_speakers_were_inferred_and_counts_the_candidate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rec.txt"
    path.write_text(whisper_lines(INTERVIEW)[0])
    assert main(["grade", str(path), "--backend", "fake", "-q", "--json"]) == 0
    captured = capsys.readouterr()
    card = json.loads(captured.out)
    assert "no_speaker_labels" not in card["flags"]
    assert 0 < card["transcript"]["candidate_turns"] < card["transcript"]["turns"]
    assert any("inferred" in w and "attribution confidence" in w for w in card["warnings"])
    assert "attribution confidence" in captured.err


def test_grade_candidate_lines_and_bad_ranges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rec.txt"
    path.write_text(whisper_lines(INTERVIEW)[0])
    args = ["grade", str(path), "--backend", "fake", "-q", "--json"]
    assert main(args) == 0
    inferred = json.loads(capsys.readouterr().out)["transcript"]
    assert main([*args, "--candidate-lines", "1"]) == 0
    corrected = json.loads(capsys.readouterr().out)["transcript"]
    # The opening line (the interviewer's) now belongs to the candidate: one turn more.
    assert corrected["turns"] == inferred["turns"] + 1
    assert main([*args, "--candidate-lines", "9-3"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--candidate-lines" in err
    assert main([*args, "--speakers", str(tmp_path / "none.txt")]) == 2
    assert "none.txt" in capsys.readouterr().err


def test_batch_csv_has_the_attribution_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_unlabelled.txt").write_text(whisper_lines(INTERVIEW)[0])
    (folder / "b_labelled.txt").write_text(LABELLED)
    diarized = "".join(
        f"[00:{i:02d}] SPEAKER_0{int(role == 'interviewer')}: {text}\n"
        for i, (role, text) in enumerate(INTERVIEW)
    )
    (folder / "c_diarized.txt").write_text(diarized)
    out = tmp_path / "res.jsonl"
    args = ["batch", str(folder), "-o", str(out), "--backend", "fake", "--no-cache", "-q"]
    assert main(args) == 0
    capsys.readouterr()
    with (tmp_path / "res.csv").open() as handle:
        rows = {Path(row["input"]).name: row for row in csv.DictReader(handle)}
    assert 0.5 <= float(rows["a_unlabelled.txt"]["attribution_confidence"]) <= 1
    assert 0.5 <= float(rows["c_diarized.txt"]["attribution_confidence"]) <= 1
    assert rows["b_labelled.txt"]["attribution_confidence"] == ""
    records = {Path(r["input"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert records["a_unlabelled.txt"]["attribution"]["method"] == "unlabelled"
    assert records["c_diarized.txt"]["attribution"]["speakers"] == {
        "SPEAKER_00": "candidate",
        "SPEAKER_01": "interviewer",
    }
    assert records["b_labelled.txt"]["attribution"] is None
    # A correction changes the grade, so it is graded again rather than skipped.
    spec = tmp_path / "who.txt"
    spec.write_text("SPEAKER_01: candidate\n")
    assert main([*args, "--speakers", str(spec), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["graded"] == 3


WORDS = st.sampled_from(
    [
        "you",
        "I'd",
        "how",
        "would",
        "okay",
        "so",
        "the",
        "metric",
        "um",
        "uh",
        "?",
        ".",
        ",",
        "walk",
        "me",
        "through",
        "SPEAKER_00:",
        "Speaker 1:",
        "question:",
        "-->",
        "[00:01]",
        "\u00e9",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.one_of(st.lists(WORDS, max_size=20).map(" ".join), st.text(max_size=40)),
        min_size=1,
        max_size=60,
    ),
    stamped=st.booleans(),
    ext=st.sampled_from(["txt", "vtt", "srt", "dat"]),
)
def test_random_unlabelled_text_loads_or_fails_clearly(
    lines: list[str], stamped: bool, ext: str
) -> None:
    if stamped:
        lines = [f"[00:{i % 60:02d}] {line}" for i, line in enumerate(lines)]
    try:
        t = parse("\n".join(lines), path=f"fuzz.{ext}")
    except GraderError:
        return
    for turn in t.turns:
        assert turn.text and turn.role in ("interviewer", "candidate", "unknown")
        if turn.confidence is not None:
            assert 0.5 <= turn.confidence <= 1.0
    if t.attribution is not None:
        assert 0.5 <= t.attribution.confidence <= 1.0
        assert any(turn.role == "candidate" for turn in t.turns)
