from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from grader.calibration.files import load_calibration, save_calibration
from grader.calibration.fit import build, fit_cuts
from grader.errors import ConfigError
from grader.rubrics.levels import Level


def brute_force_cost(scores: list[float], labels: list[int]) -> int:
    """Least squared error over every non-decreasing level assignment in score order."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    best = None
    for levels in itertools.combinations_with_replacement(range(5), len(scores)):
        assigned = dict(zip(order, levels, strict=True))
        # Equal scores must share a level.
        if any(assigned[i] != assigned[j] for i in order for j in order if scores[i] == scores[j]):
            continue
        cost = sum((assigned[i] - labels[i]) ** 2 for i in range(len(scores)))
        best = cost if best is None else min(best, cost)
    assert best is not None
    return best


def cost_of(cuts: list[float], scores: list[float], labels: list[int]) -> int:
    return sum(
        (sum(1 for c in cuts if s >= c) - y) ** 2 for s, y in zip(scores, labels, strict=True)
    )


@pytest.mark.parametrize("seed", range(25))
def test_fitted_cuts_are_optimal(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 7)
    scores = [round(rng.random(), 1) for _ in range(n)]
    labels = [rng.randint(0, 4) for _ in range(n)]
    cuts = fit_cuts(scores, labels)
    assert cuts == sorted(cuts)
    assert cost_of(cuts, scores, labels) == brute_force_cost(scores, labels)


def test_perfectly_ordered_data_is_reproduced() -> None:
    scores = [0.1, 0.2, 0.3, 0.5, 0.6, 0.9]
    labels = [0, 0, 1, 2, 2, 4]
    assert fit_cuts(scores, labels) == [0.25, 0.4, 0.75, 0.75]


def test_no_signal_gives_one_level() -> None:
    cuts = fit_cuts([0.9, 0.1, 0.5, 0.3], [0, 4, 2, 1])
    assert {sum(1 for c in cuts if s >= c) for s in (0.1, 0.3, 0.5, 0.9)} == {2}


def test_weighted_model_round_trip_and_levels(tmp_path: Path) -> None:
    # Two indicators: "a" tracks the metrics label, "b" is noise.
    rows = [
        ({"metrics.a": p, "metrics.b": q}, {"metrics": y})
        for p, q, y in [
            (0.05, 0.5, 0),
            (0.2, 0.4, 1),
            (0.5, 0.6, 2),
            (0.8, 0.5, 3),
            (0.95, 0.45, 4),
        ]
    ]
    cal = build(
        rows,
        ["metrics", "tradeoffs"],
        id="x",
        model="m",
        rubric_id="r",
        rubric_sha256="a",
        prompts_sha256="b",
        fitted_on=["dev.jsonl"],
    )
    weights = cal.dimensions["metrics"].weights
    # Ridge weights are in label units per standard deviation: "a" carries the score.
    assert weights["metrics.a"] > 0.5 and abs(weights["metrics.b"]) < weights["metrics.a"] / 5
    assert "tradeoffs" not in cal.dimensions
    assert [cal.level("metrics", answers) for answers, _ in rows] == [
        Level.VERY_WEAK,
        Level.WEAK,
        Level.NEUTRAL,
        Level.STRONG,
        Level.VERY_STRONG,
    ]
    assert cal.level("metrics", {"metrics.a": 0.5}) is None  # an answer is missing
    path = tmp_path / "cal.json"
    save_calibration(cal, path)
    assert load_calibration(path) == cal
    path.write_text('{"format": 2}')
    with pytest.raises(ConfigError, match="not a valid calibration"):
        load_calibration(path)


def test_level_probabilities_follow_the_ordinal_model() -> None:
    from grader.calibration.model import level_probabilities

    cuts = [-1.0, 0.0, 1.0, 2.0]
    for value in (-3.0, -0.5, 0.0, 0.7, 5.0):
        probs = level_probabilities(value, cuts, 0.5)
        assert len(probs) == 5 and abs(sum(probs) - 1) < 1e-9 and min(probs) >= 0
    # Far inside a level, nearly all the mass is on it; on a cut it is shared half and half.
    assert level_probabilities(0.5, cuts, 0.01)[2] > 0.999
    on_cut = level_probabilities(1.0, cuts, 0.3)
    assert abs(on_cut[2] - on_cut[3]) < 0.05 and on_cut[2] + on_cut[3] > 0.9
    # A wider spread moves mass away from the level the score falls in.
    assert level_probabilities(0.5, cuts, 2.0)[2] < level_probabilities(0.5, cuts, 0.2)[2]


@pytest.mark.parametrize("spread", [0.3, 1.0])
def test_fitted_spread_recovers_the_noise_that_made_the_labels(spread: float) -> None:
    import math

    from grader.calibration.fit import best_spread

    rng = random.Random(7)
    cuts = [-1.5, -0.5, 0.5, 1.5]
    scores, labels = [], []
    for _ in range(3000):
        value = rng.uniform(-3, 3)
        u = rng.random()
        noisy = value + spread * math.log(u / (1 - u))  # logistic noise
        scores.append(value)
        labels.append(sum(1 for c in cuts if noisy >= c))
    items = [(x, cuts, y) for x, y in zip(scores, labels, strict=True)]
    assert abs(best_spread(items) / spread - 1) < 0.15


def test_calibration_without_spread_gives_no_probabilities() -> None:
    from grader.calibration.model import DimensionCalibration

    old = DimensionCalibration(weights={"a": 1.0}, cuts=[0, 1, 2, 3], n=5)
    assert old.spread is None and old.probabilities(1.5) is None
    fitted = old.model_copy(update={"spread": 0.5})
    probs = fitted.probabilities(1.5)
    assert probs is not None and max(range(5), key=lambda k: probs[k]) == 2


def test_build_fits_spreads_on_held_out_scores() -> None:
    from grader.calibration.fit import best_spread, fit_model
    from grader.calibration.model import weighted_score

    rng = random.Random(3)
    rows = []
    for _ in range(20):
        label = rng.randint(0, 4)
        answers = {f"m.q{i}": min(0.99, max(0.01, 0.1 + 0.2 * label + rng.gauss(0, 0.3)))
                   for i in range(4)}  # fmt: skip
        rows.append((answers, {"m": label}))
    features, in_sample = fit_model(rows, ["m"], own_only=True)
    found = in_sample["m"]
    fitted = best_spread(
        [(weighted_score(found.weights, features, a), found.cuts, y["m"]) for a, y in rows]
    )
    cal = build(rows, ["m"], id="x", model="m", rubric_id="r", rubric_sha256="a",
                prompts_sha256="b", fitted_on=["x"])  # fmt: skip
    held_out = cal.dimensions["m"].spread
    assert held_out is not None
    # Scores of transcripts the cuts were not fitted on fall less neatly between them.
    assert held_out > fitted


def test_leave_one_group_out_never_fits_on_the_held_out_group() -> None:
    import statistics

    from grader.calibration.fit import leave_one_out

    # Group "b" answers the other way round from group "a". Held out as a group, "a" is
    # scored by weights fitted on "b" alone, so its scores fall as its labels rise.
    rows, groups = [], []
    for label in range(5):
        for copy in range(3):
            rows.append(({"m.q": 0.1 + 0.2 * label + 0.01 * copy}, {"m": label}))
            groups.append("a")
        rows.append(({"m.q": 0.9 - 0.2 * label}, {"m": label}))
        groups.append("b")
    by_group = leave_one_out(rows, ["m"], groups, own_only=True)["m"]
    assert len(by_group) == 20
    a_items = [item for item, g in zip(by_group, groups, strict=True) if g == "a"]
    scores = [score for score, _, _ in a_items]
    labels = [float(rank) for _, _, rank in a_items]
    assert statistics.correlation(scores, labels) < -0.99
    # Held out one row at a time, every fit is mostly "a", and "a" is scored the right way.
    by_row = leave_one_out(rows, ["m"], own_only=True)["m"]
    a_rows = [score for (score, _, _), g in zip(by_row, groups, strict=True) if g == "a"]
    assert statistics.correlation(a_rows, labels) > 0.99
    with pytest.raises(ValueError, match="one group per row"):
        leave_one_out(rows, ["m"], groups[:3])


def test_ridge_weights_solve_the_penalised_normal_equations() -> None:
    from grader.calibration.fit import _ridge

    xs = [[1.0, 0.5], [-1.0, 0.2], [0.5, -1.0], [-0.5, 0.3]]
    ys = [3.0, 1.0, 2.0, 2.0]
    w = _ridge(xs, ys, 2.0)
    mean = sum(ys) / len(ys)
    for i in range(2):  # (X'X + 2 I) w == X'(y - mean), row by row
        lhs = sum(sum(x[i] * x[j] for x in xs) * w[j] for j in range(2)) + 2.0 * w[i]
        rhs = sum(x[i] * (y - mean) for x, y in zip(xs, ys, strict=True))
        assert lhs == pytest.approx(rhs)
    # Two identical answers share one weight instead of counting twice, and the penalty
    # keeps the otherwise singular system solvable.
    twin = _ridge([[x[0], x[0]] for x in xs], ys, 2.0)
    assert twin[0] == pytest.approx(twin[1])
    single = _ridge([[x[0]] for x in xs], ys, 2.0)
    assert twin[0] + twin[1] < single[0] * 2


def test_a_dimension_uses_only_the_counts_its_rubric_entry_allows() -> None:
    from grader.calibration.fit import fit_model

    rows = [
        ({"m.q": 0.2 + 0.1 * y, "text.numbers": float(y), "text.interviewer_questions": 9.0 - y},
         {"m": y, "c": y})
        for y in range(5)
    ]  # fmt: skip
    _, fitted = fit_model(rows, ["m", "c"], own_only=True, counts={"c": ["interviewer_questions"]})
    assert set(fitted["m"].weights) == {"m.q", "text.numbers"}  # default: candidate counts
    assert set(fitted["c"].weights) == {"text.interviewer_questions"}
    assert fitted["c"].weights["text.interviewer_questions"] < 0
    _, plain = fit_model(rows, ["m"], own_only=True, use_text=False)
    assert set(plain["m"].weights) == {"m.q"}


def test_a_missing_count_is_scored_at_its_mean_and_a_missing_answer_not_at_all() -> None:
    import math

    rows = [({"m.q": 0.1 + 0.2 * y, "text.numbers": float(3 * y)}, {"m": y}) for y in range(5)]
    # One fitting transcript without counts (no speaker labels) keeps the counts in the fit.
    rows.append(({"m.q": 0.5}, {"m": 2}))
    cal = build(rows, ["m"], id="x", model="m", rubric_id="r", rubric_sha256="a",
                prompts_sha256="b", fitted_on=["x"])  # fmt: skip
    assert "text.numbers" in cal.dimensions["m"].weights
    at_mean = math.expm1(cal.features["text.numbers"].center)
    assert cal.score("m", {"m.q": 0.7}) == pytest.approx(
        cal.score("m", {"m.q": 0.7, "text.numbers": at_mean})
    )
    assert cal.score("m", {"text.numbers": 3.0}) is None


def test_the_ridge_penalty_shapes_the_weights_and_is_recorded() -> None:
    rows = [({"m.a": 0.1 + 0.2 * y, "m.b": 0.5 + 0.05 * (y % 2)}, {"m": y}) for y in range(5)]
    found = {
        penalty: build(rows, ["m"], id="x", model="m", rubric_id="r", rubric_sha256="a",
                       prompts_sha256="b", fitted_on=["x"], penalty=penalty)
        for penalty in (0.1, 5.0)
    }  # fmt: skip
    assert "ridge weights (penalty 0.1)" in found[0.1].method
    assert "ridge weights (penalty 5.0)" in found[5.0].method
    # A larger penalty shrinks the weights towards zero.
    assert found[5.0].dimensions["m"].weights["m.a"] < found[0.1].dimensions["m"].weights["m.a"]


def test_calibrate_reports_leave_one_file_out_over_the_labels_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from grader.cli.main import main
    from grader.evaluation.config import EvalConfig
    from grader.evaluation.records import EvalRun, Prediction
    from grader.evaluation.rows import calibration_data, calibration_groups
    from grader.ratings.labels import load_labels
    from grader.rubrics.rubric import load_rubric

    monkeypatch.chdir(tmp_path)
    rubric = load_rubric()
    names = [f"{d.id}.{i.id}" for d in rubric.dimensions for i in d.indicators]
    levels = ["very_weak", "weak", "neutral", "strong", "very_strong"]
    predictions = []
    for file in ("a", "b"):
        lines = []
        for i in range(5):
            name = f"{file}{i}.txt"
            (tmp_path / name).write_text("Interviewer: Go on.\n\nCandidate: Fine.\n")
            level = levels[i]
            lines.append(
                json.dumps(
                    {
                        "transcript": name,
                        "labeller": "project-authors-design",
                        "levels": {d.id: level for d in rubric.dimensions},
                    }
                )
            )
            answers = {n: 0.1 + 0.2 * i + (0.05 if file == "b" else 0.0) for n in names}
            predictions.append(Prediction(name, 5, [{}], answers=[answers]))
        (tmp_path / f"{file}.jsonl").write_text("\n".join(lines) + "\n")
    # Neither a prediction without indicator answers nor an unlabelled one is a row.
    predictions.insert(3, Prediction("a0.txt", 5, [{}]))
    predictions.append(Prediction("elsewhere.txt", 5, [{}], answers=[{n: 0.5 for n in names}]))
    run = EvalRun(EvalConfig(strategy="indicators"), predictions, 0.0, {}, "p", "r")
    (tmp_path / "predictions.json").write_text(json.dumps(run.to_dict()))

    labels = load_labels([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], rubric)
    rows = calibration_data(run, labels, rubric, tmp_path, None)
    groups = calibration_groups(run, labels, tmp_path, None)
    assert len(rows) == len(groups) == 10
    assert [Path(g).name for g in groups] == ["a.jsonl"] * 5 + ["b.jsonl"] * 5
    assert [y["metrics"] for _, y in rows] == [0, 1, 2, 3, 4] * 2

    code = main(["calibrate", "predictions.json", "a.jsonl", "b.jsonl", "-o", "cal.json", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"leave_one_transcript_out", "leave_one_file_out"}
    # Each file is predicted by a fit on the other file alone, whose answers rank the
    # transcripts the same way: every grade is counted, and every one matches its label.
    by_file = report["leave_one_file_out"]["overall"]
    assert by_file["n"] == 60 and by_file["exact"] == 1.0


def test_calibration_data_keeps_the_rubrics_questions_and_the_headline_answers(
    tmp_path: Path,
) -> None:
    import json

    from grader.evaluation.config import EvalConfig
    from grader.evaluation.records import EvalRun, Prediction
    from grader.evaluation.rows import calibration_data
    from grader.ratings.labels import load_labels
    from grader.rubrics.rubric import load_rubric

    rubric = load_rubric()
    (tmp_path / "t.txt").write_text("Interviewer: Go on.\n\nCandidate: Fine.\n")
    line = {"transcript": "t.txt", "labeller": "x", "levels": {"metrics": "strong"}}
    (tmp_path / "l.jsonl").write_text(json.dumps(line) + "\n")
    labels = load_labels([tmp_path / "l.jsonl"], rubric)
    metrics = rubric.dimension("metrics")
    indicator = f"metrics.{metrics.indicators[1].id}"  # not also a passage question
    question = f"metrics.{metrics.passage_questions[1].id}"
    answers = {
        indicator: 0.7,
        question: 0.8,
        f"{question}_max": 0.9,
        f"{question}_share": 0.5,
        "metrics.dropped_question": 0.4,
        "text.numbers": 3.0,
    }
    # The counts are read again from the transcript; the recorded "text.numbers" 3 is stale.
    counts = {f"text.{name}": 0.0 for name in ("questions", "early_questions", "numbers")}
    counts |= {"text.interviewer_questions": 0.0}
    counts |= {f"text.{dim}_terms": 0.0 for dim in rubric.terms()}
    for strategy, kept in (("passages", {question: 0.8}), ("indicators", {indicator: 0.7})):
        config = EvalConfig(strategy=strategy)  # type: ignore[arg-type]
        run = EvalRun(config, [Prediction("t.txt", 5, [{}], answers=[answers])], 0.0, {}, "p", "r")
        [(found, ranks)] = calibration_data(run, labels, rubric, tmp_path, None)
        assert found == kept | counts and ranks == {"metrics": 3}
    # A transcript that can no longer be read keeps the counts recorded with its answers.
    (tmp_path / "t.txt").unlink()
    [(found, _)] = calibration_data(run, labels, rubric, tmp_path, None)
    assert found == {indicator: 0.7, "text.numbers": 3.0}
