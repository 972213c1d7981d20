from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

import grader.backends.fake as fake_module
from grader.audit.analysis import DRIFTING, HARSH, LENIENT, NOISY, AuditResult, Rules, audit
from grader.cli.main import main
from grader.ratings.files import Rating, Ratings, RatingsError, load_ratings
from grader.reports.audit_text import to_markdown, to_text
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "evals" / "ratings_sample.csv"
FAST = Rules(n_resamples=300)


@pytest.fixture(scope="module")
def sample(rubric: Rubric) -> tuple[Ratings, AuditResult]:
    ratings = load_ratings(SAMPLE, rubric)
    return ratings, audit(ratings, titles={d.id: d.title for d in rubric.dimensions})


def make(rows: list[tuple[str, str, str, int, dt.date | None]]) -> Ratings:
    items = tuple(Rating(i, g, d, Level.from_rank(v), date) for i, g, d, v, date in rows)
    dims = tuple(dict.fromkeys(r.dimension for r in items))
    return Ratings(path="mem.csv", items=items, dimensions=dims)


def test_sample_finds_each_built_in_rater_effect(sample: tuple[Ratings, AuditResult]) -> None:
    result = sample[1]
    assert result.flagged(LENIENT) == ["casey"]
    assert result.flagged(HARSH) == ["devon"]
    assert result.flagged(DRIFTING) == ["emery"]
    assert result.flagged(NOISY) == ["finley"]
    by_name = {s.grader: s for s in result.grader_stats}
    assert by_name["avery"].flags == () and by_name["blake"].flags == ()
    # The drifting grader moves from harsh to lenient: a positive slope.
    assert by_name["emery"].slope is not None and by_name["emery"].slope > 0
    # The calibrated graders agree best with everyone else.
    assert {s.grader for s in result.grader_stats if s.rank <= 2} == {"avery", "blake"}


def test_alpha_matches_krippendorff_package(sample: tuple[Ratings, AuditResult]) -> None:
    ratings, result = sample
    graders, interviews = ratings.graders(), ratings.interviews()
    level = {(r.grader, r.interview, r.dimension): r.level.rank for r in ratings.items}
    by_dim = {rel.dimension: rel for rel in result.reliability}
    for dim in ratings.dimensions:
        data = np.array(
            [[level.get((g, i, dim), np.nan) for i in interviews] for g in graders], dtype=float
        )
        expected = krippendorff.alpha(
            reliability_data=data, level_of_measurement="ordinal", value_domain=range(5)
        )
        rel = by_dim[dim]
        assert rel.alpha == pytest.approx(expected, abs=1e-9)
        assert rel.alpha_ci is not None and rel.alpha_ci[0] <= rel.alpha <= rel.alpha_ci[1]
    units = [(i, d) for i in interviews for d in ratings.dimensions]
    pooled = np.array(
        [[level.get((g, i, d), np.nan) for i, d in units] for g in graders], dtype=float
    )
    expected = krippendorff.alpha(
        reliability_data=pooled, level_of_measurement="ordinal", value_domain=range(5)
    )
    assert by_dim["all"].alpha == pytest.approx(expected, abs=1e-9)


def test_consensus_is_mean_of_the_other_graders_and_kappa_matches_sklearn() -> None:
    rows = []
    truth = [0, 1, 2, 3, 4, 2, 1, 3]
    for n, level in enumerate(truth):
        rows += [(f"i{n}", "a", "m", level, None), (f"i{n}", "b", "m", level, None)]
        rows.append((f"i{n}", "c", "m", min(4, level + 1), None))
    result = audit(make(rows), rules=FAST)
    stats = {s.grader: s for s in result.grader_stats}
    # c is one step above a and b except where very_strong caps it.
    expected_c = sum(min(4, t + 1) - t for t in truth) / len(truth)
    assert stats["c"].bias == pytest.approx(expected_c)
    # a's consensus is mean(b, c); a sits half a step below it except at the cap.
    expected_a = sum(t - (t + min(4, t + 1)) / 2 for t in truth) / len(truth)
    assert stats["a"].bias == pytest.approx(expected_a)
    rounded = [math.floor((t + min(4, t + 1)) / 2 + 0.5) for t in truth]
    assert stats["a"].kappa == pytest.approx(
        cohen_kappa_score(truth, rounded, weights="quadratic", labels=list(range(5)))
    )
    assert LENIENT in stats["c"].flags
    assert stats["c"].months == () and stats["c"].slope is None and DRIFTING not in stats["c"].flags


def test_no_flags_for_perfect_agreement_and_too_few_interviews() -> None:
    rows = [(f"i{n}", g, "m", n % 5, None) for n in range(10) for g in "abc"]
    result = audit(make(rows), rules=FAST)
    assert all(s.flags == () and s.bias == 0 for s in result.grader_stats)
    assert all(s.kappa == pytest.approx(1.0) for s in result.grader_stats)
    # Four interviews: a constant +1 grader is not flagged, and gets no interval.
    few = [(f"i{n}", g, "m", n, None) for n in range(4) for g in "ab"]
    few += [(f"i{n}", "c", "m", n + 1, None) for n in range(4)]
    stats = {s.grader: s for s in audit(make(few), rules=FAST).grader_stats}
    assert stats["c"].bias_ci is None and stats["c"].flags == ()


def test_drift_needs_a_trend_over_months() -> None:
    rows = []
    for n in range(24):
        date = dt.date(2025, 1 + n // 4, 1 + n)
        truth = n % 4 + (n // 12) * 0  # levels 0..3
        rows += [(f"i{n}", g, "m", truth, date) for g in ("a", "b", "c")]
        # d is one step harsh in the first three months, one step lenient after.
        rows.append((f"i{n}", "d", "m", max(0, truth - 1) if n < 12 else truth + 1, date))
    stats = {s.grader: s for s in audit(make(rows), rules=FAST).grader_stats}
    assert DRIFTING in stats["d"].flags
    assert [p.month for p in stats["d"].months][:2] == ["2025-01", "2025-02"]
    assert all(DRIFTING not in stats[g].flags for g in "abc")


def test_model_is_ranked_like_a_grader_without_changing_human_rows(
    sample: tuple[Ratings, AuditResult],
) -> None:
    ratings, plain = sample
    model_items = [
        Rating(r.interview, "model:x", r.dimension, Level.from_rank(min(4, r.level.rank + 1)))
        for r in ratings.items
        if r.grader == "avery"
    ]
    result = audit(ratings, model_ratings=model_items, model="model:x")
    humans = {s.grader: s for s in result.grader_stats if not s.is_model}
    for before in plain.grader_stats:
        after = humans[before.grader]
        assert (after.bias, after.kappa, after.flags) == (before.bias, before.kappa, before.flags)
    model = next(s for s in result.grader_stats if s.is_model)
    assert model.grader == "model:x" and LENIENT in model.flags
    assert humans["avery"].kappa_model is not None and model.kappa_model is None
    assert sorted(s.rank for s in result.grader_stats) == list(range(1, 8))
    assert result.model_summary and f"ranks {model.rank} of 7" in result.model_summary
    assert all(r.alpha_with_model is not None for r in result.reliability)
    with pytest.raises(RatingsError, match="like the model"):
        audit(ratings, model_ratings=model_items, model="avery")


def test_disagreements_are_largest_first(sample: tuple[Ratings, AuditResult]) -> None:
    result = sample[1]
    for dim in result.dimensions:
        items = result.disagreements[dim]
        assert 0 < len(items) <= result.rules.top
        assert [i.spread for i in items] == sorted((i.spread for i in items), reverse=True)
        for item in items:
            ranks = [level.rank for _, level in item.levels]
            assert item.spread == max(ranks) - min(ranks) >= 1
    biggest = max(s for _, _, s in result.spreads)
    assert max(i.spread for items in result.disagreements.values() for i in items) == biggest


def test_audit_needs_two_graders_on_one_interview() -> None:
    with pytest.raises(RatingsError, match="at least two graders"):
        audit(make([("i1", "a", "m", 1, None), ("i2", "a", "m", 2, None)]))
    with pytest.raises(RatingsError, match="at least two graders"):
        audit(make([("i1", "a", "m", 1, None), ("i2", "b", "m", 2, None)]))


def test_reports_state_findings_and_rules(sample: tuple[Ratings, AuditResult]) -> None:
    result = sample[1]
    text, md = to_text(result), to_markdown(result)
    for out in (text, md):
        assert "lenient: casey" in out and "harsh: devon" in out
        assert "drifting: emery" in out and "noisy: finley" in out
        assert "Krippendorff" in out and "95% interval excludes 0" in out
    assert "| rank | grader |" in md
    assert json.loads(json.dumps(result.to_dict()))["rules"]["min_bias"] == 0.25


def test_cli_audit_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(SAMPLE), "--resamples", "200"]) == 0
    out = capsys.readouterr().out
    assert "lenient: casey" in out and "Largest disagreements" in out
    assert main(["audit", str(SAMPLE), "--resamples", "200", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {s["grader"]: s["flags"] for s in data["grader_stats"]}["finley"] == ["noisy"]
    for name in ("audit.md", "audit.json", "audit.html"):
        target = tmp_path / name
        assert main(["audit", str(SAMPLE), "--resamples", "200", "-o", str(target)]) == 0
        assert target.stat().st_size > 1000
    assert capsys.readouterr().out == ""
    assert (tmp_path / "audit.html").read_text().startswith("<!doctype html>")


def _small_set(tmp_path: Path) -> Path:
    folder = tmp_path / "transcripts" / "nested"
    folder.mkdir(parents=True)
    base = (ROOT / "tests" / "data" / "short_interview.txt").read_text()
    for name in ("one", "two", "three"):
        # Distinct texts: identical transcripts would share cached answers.
        (folder / f"{name}.txt").write_text(f"{base}\n\nCandidate: This was interview {name}.\n")
    lines = ["interview,grader,dimension,level"]
    for n, name in enumerate(("one", "two", "three", "four")):
        for g, shift in (("ann", 0), ("bob", 1)):
            lines.append(f"{name},{g},metrics,{1 + (n + shift) % 5}")
    path = tmp_path / "ratings.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cli_with_model_grades_once_then_reuses_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ratings = _small_set(tmp_path)
    calls: list[int] = []
    for method in ("complete", "yes_probability"):
        original = getattr(fake_module.FakeBackend, method)

        def counting(
            self: fake_module.FakeBackend, *args: object, _call: Any = original, **kwargs: object
        ) -> object:
            calls.append(1)
            return _call(self, *args, **kwargs)

        monkeypatch.setattr(fake_module.FakeBackend, method, counting)
    args = ["audit", str(ratings), "--with-model", "--transcripts", str(tmp_path / "transcripts")]
    args += ["--backend", "fake", "--cache", str(tmp_path / "cache.sqlite"), "--json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert "no transcript for 1 interview(s): four" in captured.err
    model = next(s for s in data["grader_stats"] if s["is_model"])
    assert model["grader"] == "model:fake-model" and model["interviews"] == 3
    assert data["model"] == "model:fake-model" and data["model_summary"]
    first = len(calls)
    # Three transcripts of one passage each, asked the rubric's 11 passage questions.
    assert first == 3 * 11
    assert main(args) == 0
    assert len(calls) == first, "a rerun must be answered from the cache"
    assert json.loads(capsys.readouterr().out)["grader_stats"] == data["grader_stats"]


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ([], "--with-model needs the transcripts"),
        (["--transcripts", "/nonexistent/dir"], "no such folder"),
    ],
)
def test_cli_with_model_bad_setup_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    ratings = _small_set(tmp_path)
    code = main(["audit", str(ratings), "--with-model", "--backend", "fake", *extra])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and needle in err


def test_cli_with_model_no_matching_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ratings = _small_set(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["audit", str(ratings), "--with-model", "--backend", "fake", "--transcripts",
                 str(empty)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "no transcript named after any interview id" in err


def test_grader_sharing_no_interview_is_noted_not_scored() -> None:
    rows = [(f"i{n}", g, "m", n % 5, None) for n in range(6) for g in "ab"]
    rows.append(("solo", "c", "m", 3, None))
    result = audit(make(rows), rules=FAST)
    assert [s.grader for s in result.grader_stats] == ["a", "b"]
    assert result.notes == ("grader 'c' shares no interview with another grader",)
