"""Fit on some splits, measure on others: does a method's calibration travel across styles?

Usage (from the repository root):

    python evals/cross_fit.py PREDICTIONS.json --fit evals/splits/speech_a \\
        --check evals/splits/speech_b [--answers headline|all] [--questions FILE] [--counts]

Reads the answers an eval run recorded (``grader eval``; nothing is asked of a model
again), fits a calibration on the transcripts of the ``--fit`` splits with the same fitting
code ``grader calibrate`` uses, and reports on the ``--check`` splits: agreement with the
labels (QWK, exact, within one, mean signed error, per dimension) and, per dimension, the
Spearman correlation of the model's own score before any count or calibration (the mean
answer of the dimension's questions, a negative one read the other way) with the labels.
Several runs may be given; their predictions are pooled (a transcript graded twice keeps
its first run). ``--answers headline`` fits on each question's headline answer only (for
the passage method: the mean of its two best passages); ``all`` adds the other summaries.
``--questions`` keeps only the answers whose names are listed in FILE (one per line).
``--rank`` prints instead each answer's Spearman correlation with its dimension's labels
on the ``--fit`` splits (choosing questions this way makes those splits fitting data).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from grader.calibration.fit import build
from grader.calibration.model import PASSAGE_AGGREGATES, Calibration
from grader.evaluation.analysis import displayed_references
from grader.evaluation.records import EvalRun
from grader.ratings.labels import Label, load_labels
from grader.rubrics.rubric import Rubric, load_rubric
from grader.stats.metrics import (
    mean_signed_error,
    quadratic_weighted_kappa,
    rank_correlation,
    within_one,
)

Row = tuple[dict[str, float], dict[str, int]]
SUMMARIES = tuple(f"_{name}" for name in PASSAGE_AGGREGATES)


def rows_for(runs: Sequence[EvalRun], labels: Sequence[Label], root: Path) -> list[Row]:
    refs = displayed_references(labels, root)
    seen: dict[str, Row] = {}
    for run in runs:
        for prediction in run.predictions:
            label = refs.get(prediction.transcript)
            if label is None or prediction.transcript in seen:
                continue
            if not prediction.answers or not prediction.answers[0]:
                continue
            ranks = {dim: level.rank for dim, level in label.levels.items()}
            seen[prediction.transcript] = (prediction.answers[0], ranks)
    return list(seen.values())


def keep(rows: list[Row], answers: str, questions: set[str] | None, counts: bool) -> list[Row]:
    """Keep the answers asked for: headlines or all summaries, listed questions, counts."""

    def wanted(name: str) -> bool:
        if name.startswith("text."):
            return counts
        summary = name.endswith(SUMMARIES)
        base = name.rsplit("_", 1)[0] if summary else name
        if questions is not None and base not in questions:
            return False
        return answers == "all" or not summary

    return [({k: v for k, v in a.items() if wanted(k)}, y) for a, y in rows]


def model_score(rubric: Rubric, dim: str, answers: dict[str, float]) -> float | None:
    """The dimension's mean headline answer before counts (a negative question flipped)."""
    dimension = rubric.dimension(dim)
    polarity = {q.id: q.polarity for q in dimension.passage_questions} | {
        i.id: i.polarity for i in dimension.indicators
    }
    values = []
    for name, value in answers.items():
        head, _, tail = name.partition(".")
        if head != dim or tail not in polarity:
            continue
        values.append(value if polarity[tail] == "positive" else 1.0 - value)
    return statistics.fmean(values) if values else None


def fit_calibration(rubric: Rubric, fit: list[Row], counts: bool) -> Calibration:
    """Fit a calibration on ``fit`` rows with ``grader calibrate``'s fitting code."""
    return build(
        fit,
        [d.id for d in rubric.dimensions],
        id="cross-fit",
        model="-",
        rubric_id=rubric.id,
        rubric_sha256=rubric.sha256,
        prompts_sha256="-",
        fitted_on=["--fit"],
        use_text=counts,
        counts=rubric.counts(),
    )


def report(rubric: Rubric, fit: list[Row], check: list[Row], counts: bool) -> dict[str, object]:
    dims = [d.id for d in rubric.dimensions]
    calibration = fit_calibration(rubric, fit, counts)
    pairs: list[tuple[int, int]] = []
    per_dim: dict[str, dict[str, float | None]] = {}
    for dim in dims:
        got, want, own = [], [], []
        for answers, ranks in check:
            if dim not in ranks:
                continue
            level = calibration.level(dim, answers)
            if level is None:
                continue
            got.append(level.rank)
            want.append(ranks[dim])
            own.append(model_score(rubric, dim, answers))
        scored = [(o, w) for o, w in zip(own, want, strict=True) if o is not None]
        per_dim[dim] = {
            "qwk": _r(quadratic_weighted_kappa(want, got)),
            "within_one": _r(within_one(want, got)),
            "signed": _r(mean_signed_error(got, want)),
            "model_spearman": _r(
                rank_correlation([o for o, _ in scored], [float(w) for _, w in scored])
            ),
        }
        pairs.extend(zip(want, got, strict=True))
    want_all = [w for w, _ in pairs]
    got_all = [g for _, g in pairs]
    return {
        "fit_transcripts": len(fit),
        "check_transcripts": len(check),
        "qwk": _r(quadratic_weighted_kappa(want_all, got_all)),
        "exact": _r(sum(a == b for a, b in pairs) / len(pairs)) if pairs else None,
        "within_one": _r(within_one(want_all, got_all)),
        "signed": _r(mean_signed_error(got_all, want_all)),
        "dimensions": per_dim,
    }


def ranking(rows: list[Row]) -> list[tuple[str, float | None, int]]:
    """Return each answer's Spearman correlation with its own dimension's labels."""
    names = sorted(
        {name for answers, _ in rows for name in answers if not name.startswith("text.")}
    )
    found = []
    for name in names:
        dim = name.split(".", 1)[0]
        pairs = [(a[name], y[dim]) for a, y in rows if name in a and dim in y]
        rho = rank_correlation([p for p, _ in pairs], [float(y) for _, y in pairs])
        found.append((name, _r(rho), len(pairs)))
    return found


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", nargs="+", type=Path)
    parser.add_argument("--fit", nargs="+", required=True)
    parser.add_argument("--check", nargs="+", required=True)
    parser.add_argument("--answers", choices=("headline", "all"), default="headline")
    parser.add_argument("--questions", type=Path)
    parser.add_argument("--counts", action="store_true", help="let counts from the text in")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--rank", action="store_true", help="only rank each answer on the --fit splits"
    )
    args = parser.parse_args()
    rubric = load_rubric()
    runs = [EvalRun.from_dict(json.loads(p.read_text())) for p in args.predictions]
    root = Path.cwd()
    questions = (
        {line.strip() for line in args.questions.read_text().splitlines() if line.strip()}
        if args.questions
        else None
    )
    fit = keep(
        rows_for(runs, load_labels(args.fit, rubric), root), args.answers, questions, args.counts
    )
    check = keep(
        rows_for(runs, load_labels(args.check, rubric), root), args.answers, questions, args.counts
    )
    # Only answers every transcript has (runs made with other questions differ).
    common = set.intersection(*(set(a) for a, _ in fit + check)) if fit and check else set()
    fit = [({k: v for k, v in a.items() if k in common}, y) for a, y in fit]
    check = [({k: v for k, v in a.items() if k in common}, y) for a, y in check]
    if args.rank:
        print("| answer | Spearman with its dimension's labels | transcripts |")
        print("|---|---|---|")
        for name, rho, n in ranking(fit):
            print(f"| {name} | {rho} | {n} |")
        return 0
    if len(fit) < 3 or not check:
        print(f"need 3+ fitting and 1+ checking transcripts (found {len(fit)}, {len(check)})")
        return 2
    found = report(rubric, fit, check, args.counts)
    if args.json:
        print(json.dumps(found, indent=2))
        return 0
    print(
        f"fit on {' '.join(args.fit)} ({found['fit_transcripts']} transcripts); "
        f"checked on {' '.join(args.check)} ({found['check_transcripts']})"
    )
    print(
        f"overall QWK {found['qwk']}, exact {found['exact']}, within one "
        f"{found['within_one']}, mean signed error {found['signed']}"
    )
    print("| dimension | QWK | within one | signed | model score Spearman |")
    print("|---|---|---|---|---|")
    dims = found["dimensions"]
    assert isinstance(dims, dict)
    for dim, row in dims.items():
        print(
            f"| {dim} | {row['qwk']} | {row['within_one']} | {row['signed']} | "
            f"{row['model_spearman']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
