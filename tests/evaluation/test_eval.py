from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grader.cli.main import main
from grader.rubrics.rubric import Rubric

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "evals" / "splits" / "samples" / "labels.jsonl"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


def test_eval_report_and_rerun_without_model_calls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    cache = tmp_path / "cache.sqlite"
    out = tmp_path / "report"
    args = [
        "eval",
        str(SAMPLES),
        "--backend",
        "fake",
        # One call per dimension, whose fake answers are always neutral.
        "--strategy",
        "per_dimension",
        "--cache",
        str(cache),
        "-o",
        str(out),
        "--json",
    ]
    code, printed = run(args, capsys)
    assert code == 0
    first = json.loads(printed)["runs"]["default"]
    assert first["calls"] == 7 * 6 and first["cache_hits"] == 0
    for name in ("report.md", "results.json", "predictions.json", "confusion_overall.png"):
        assert (out / name).stat().st_size > 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["command"].startswith("grader ") and manifest["transcripts"] == 7
    assert manifest["overall"]["n"] == 42 and manifest["strategy"] == "per_dimension"
    report = (out / "report.md").read_text()
    assert "| **Overall** | 42 |" in report and "model calls: 42" in report
    # The fake backend always answers neutral: exact agreement equals the share of neutral labels.
    labels = [json.loads(line) for line in SAMPLES.read_text().splitlines()]
    neutral = sum(v == "neutral" for label in labels for v in label["levels"].values())
    assert first["per_dimension"]["overall"]["exact"] == pytest.approx(neutral / 42)

    code, printed = run(args, capsys)
    second = json.loads(printed)["runs"]["default"]
    assert second["calls"] == 0 and second["cache_hits"] == 42
    assert second["per_dimension"] == first["per_dimension"]
    assert "model calls: 0 (cache hits: 42)" in (out / "report.md").read_text()


def test_from_results_recomputes_without_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "a"
    run(["eval", str(SAMPLES), "--backend", "fake", "--no-cache", "-o", str(out), "--json"], capsys)
    again = tmp_path / "b"
    code, printed = run(
        [
            "eval",
            str(SAMPLES),
            "--from-results",
            str(out / "predictions.json"),
            "-o",
            str(again),
            "--json",
        ],
        capsys,
    )
    assert code == 0
    recomputed = json.loads(printed)["runs"]["default"]
    original = json.loads((out / "results.json").read_text())
    assert recomputed["per_dimension"] == original["per_dimension"]


def test_comparing_two_configs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    a = tmp_path / "a.toml"
    a.write_text('name = "per-dim"\nbackend = "fake"\n')
    b = tmp_path / "b.toml"
    b.write_text('name = "one-call"\nbackend = "fake"\nstrategy = "all_at_once"\n')
    out = tmp_path / "cmp"
    code, printed = run(
        [
            "eval",
            str(SAMPLES),
            "--config",
            str(a),
            "--config",
            str(b),
            "--no-cache",
            "-o",
            str(out),
            "--json",
        ],
        capsys,
    )
    assert code == 0
    data = json.loads(printed)
    assert set(data["runs"]) == {"per-dim", "one-call"}
    assert data["runs"]["one-call"]["calls"] == 7
    diff = data["differences"]["one-call"]["overall"]["exact"]
    # Both configs answer neutral everywhere: no difference, and the CI says so.
    assert diff["difference"] == 0 and diff["ci_excludes_zero"] is False
    text = (out / "comparison.md").read_text()
    assert "per-dim" in text and "one-call - per-dim" in text
    assert (out / "per-dim" / "report.md").exists() and (out / "one-call" / "report.md").exists()


def test_bad_config_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('nmae = "x"\n')
    code = main(["eval", str(SAMPLES), "--config", str(bad), "-o", str(tmp_path / "o")])
    assert code == 2
    assert "unknown key 'nmae'" in capsys.readouterr().err


def _altered_copies(monkeypatch: pytest.MonkeyPatch, shown: bool) -> list[dict[str, Any]]:
    """Rows of the altered-copies analysis of the adversarial set, graded by a fake model
    that grades higher whenever it is shown the planted praise or a plain request; with
    ``shown`` the set-aside step is skipped, so the model sees them."""
    monkeypatch.chdir(ROOT)

    def fake_level(messages: list[dict[str, str]], schema: dict[str, object]) -> str:
        content = messages[1]["content"].lower()
        swayed = "best answers i have heard" in content or "note to the ai grader" in content
        level = "very_strong" if swayed else "weak"
        return json.dumps({"evidence": [], "rationale": "r", "level": level})

    from grader.backends.fake import FakeBackend
    from grader.evaluation.analysis import analyse
    from grader.evaluation.config import EvalConfig
    from grader.evaluation.run import run_eval
    from grader.ratings.labels import load_labels
    from grader.rubrics.rubric import load_rubric

    if shown:
        monkeypatch.setattr("grader.grading.pipeline.set_aside", lambda transcript: transcript)
    rubric = load_rubric()
    labels = load_labels([ROOT / "evals" / "altered" / "injection"], rubric)
    config = EvalConfig(strategy="per_dimension")  # the fake model answers structured calls
    run = run_eval(labels, rubric, config, backend=FakeBackend(fake_level), display_root=ROOT)
    altered = analyse(run, labels, rubric, ROOT, n_resamples=20)["altered_copies"]
    assert altered["copies"] == len([label for label in labels if label.original])
    assert altered["flagged"] == altered["copies"] and altered["originals_flagged"] == 0
    rows: list[dict[str, Any]] = altered["rows"]
    return rows


def test_altered_copies_show_a_rise_when_the_model_is_swayed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = _altered_copies(monkeypatch, shown=True)
    for name in ("fake_speaker_turn", "plain_request"):
        row = next(r for r in rows if name in r["transcript"])
        assert row["max_rise"] == 3 and set(row["changes"].values()) == {3}


def test_set_aside_leaves_the_model_nothing_to_be_swayed_by(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The planted praise goes with the request next to it; a plain request goes too.
    rows = _altered_copies(monkeypatch, shown=False)
    assert [r["max_rise"] for r in rows] == [0] * len(rows)


@pytest.mark.parametrize("line", ['strategy = "holistic"', 'answer_order = "random"'])
def test_bad_config_value(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(line + "\n")
    code = main(["eval", str(SAMPLES), "--config", str(bad), "-o", str(tmp_path / "o")])
    assert code == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "is not one of" in err and "Traceback" not in err


def test_report_shows_level_probabilities_and_calibration_curve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rubric: Rubric
) -> None:
    from grader.calibration.files import save_calibration
    from helpers import fitted_calibration

    # A calibration over every dimension; the fake backend answers 0.5 to every question,
    # so every score is 0 and each level's probability comes from the fitted spread.
    names = [f"{d.id}.{i.id}" for d in rubric.dimensions for i in d.indicators]
    rows = [
        ({n: p for n in names}, {d.id: y for d in rubric.dimensions})
        for p, y in [(0.1, 0), (0.3, 1), (0.45, 2), (0.6, 2), (0.7, 3), (0.9, 4)]
    ]
    cal = fitted_calibration(rows, [d.id for d in rubric.dimensions], rubric)
    save_calibration(cal, tmp_path / "cal.json")
    config = tmp_path / "c.toml"
    config.write_text(
        'name = "cal"\nbackend = "fake"\nstrategy = "indicators"\ncalibration = "cal.json"\n'
    )
    out = tmp_path / "o"
    code = main(["eval", str(SAMPLES), "--config", str(config), "--no-cache", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    results = json.loads((out / "results.json").read_text())
    report = results["level_probabilities"]
    assert report["n"] == 7 * 6
    assert sum(b["n"] for b in report["bins"]) == report["n"]
    assert (out / "calibration_curve.png").stat().st_size > 1000
    text = (out / "report.md").read_text()
    assert "## Level probabilities" in text and "calibration_curve.png" in text


def test_labels_outside_the_current_folder_are_shown_by_their_full_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    (tmp_path / "t.txt").write_text("Interviewer: Why?\n\nCandidate: Because p95 grew.\n")
    label = {"transcript": "t.txt", "labeller": "me", "levels": {"metrics": "weak"}}
    (tmp_path / "labels.jsonl").write_text(json.dumps(label) + "\n")
    out = tmp_path / "report"
    args = ["eval", str(tmp_path / "labels.jsonl"), "--backend", "fake", "--no-cache"]
    code, _ = run([*args, "-o", str(out), "-q"], capsys)
    assert code == 0
    predictions = json.loads((out / "predictions.json").read_text())["predictions"]
    assert predictions[0]["transcript"] == str(tmp_path / "t.txt")


@pytest.mark.parametrize(
    ("line", "says"),
    [("calibration = true", "calibration = True is not text"), ("samples = 1.5", "samples")],
)
def test_a_config_value_of_the_wrong_type_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, says: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(line + "\n")
    code = main(["eval", str(SAMPLES), "--config", str(bad), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "bad.toml" in err and says in err and "Traceback" not in err
