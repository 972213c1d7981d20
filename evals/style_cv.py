"""Leave one style out: fit on every split but one, check on the one left out, in turn.

Usage (from the repository root):

    python evals/style_cv.py PREDICTIONS.json [...] --splits evals/splits/dev \\
        evals/splits/speech_a evals/splits/speech_b [--questions FILE] [--json]

Each split was written in its own style (by its own author), so a calibration that holds
only on the style it was fitted on shows up here as poor agreement on the split left out.
Reads the answers eval runs recorded (nothing is asked of a model) and compares ways of
turning them into levels, each fitted with ``grader calibrate``'s fitting code:

- ``headline``: each question's headline answer (passage method: the mean of its two best
  passages);
- ``all``: every summary of each question (best two, max, mean, share);
- ``centred``: the headline answers minus the transcript's mean headline answer over all
  positive questions (a transcript-wide offset, such as a style that makes the model say
  yes more often, cancels; what is left is how this dimension stands against the others);
- ``headline+counts``: the headline answers and the rubric's counts from the text.

Per variant: the levels of every left-out split pooled (QWK, exact, within one, mean signed
error) and per left-out split. Choosing a variant by these numbers makes every split named
here fitting data.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cross_fit import SUMMARIES, Row, fit_calibration, keep, rows_for

from grader.evaluation.records import EvalRun
from grader.ratings.labels import load_labels
from grader.rubrics.rubric import Rubric, load_rubric
from grader.stats.metrics import (
    mean_signed_error,
    quadratic_weighted_kappa,
    within_one,
)


def centred(rubric: Rubric, rows: list[Row]) -> list[Row]:
    """Subtract from each headline answer the transcript's mean positive headline answer."""
    positive = {
        f"{dim.id}.{q.id}"
        for dim in rubric.dimensions
        for q in dim.passage_questions
        if q.polarity == "positive"
    } | {
        f"{dim.id}.{i.id}"
        for dim in rubric.dimensions
        for i in dim.indicators
        if i.polarity == "positive"
    }
    found = []
    for answers, ranks in rows:
        values = [v for k, v in answers.items() if k in positive]
        offset = statistics.fmean(values) if values else 0.0
        found.append(
            ({k: v - offset for k, v in answers.items() if not k.startswith("text.")}, ranks)
        )
    return found


def variants(rubric: Rubric) -> dict[str, Callable[[list[Row]], tuple[list[Row], bool]]]:
    """Return each way of reading the answers: (rows kept, counts from the text used)."""
    return {
        "headline": lambda rows: (keep(rows, "headline", None, False), False),
        "all": lambda rows: (keep(rows, "all", None, False), False),
        "centred": lambda rows: (centred(rubric, keep(rows, "headline", None, False)), False),
        "headline+counts": lambda rows: (keep(rows, "headline", None, True), True),
    }


def pooled(pairs: Sequence[tuple[int, int]]) -> dict[str, float | None]:
    want = [w for w, _ in pairs]
    got = [g for _, g in pairs]
    return {
        "n": len(pairs),
        "qwk": _r(quadratic_weighted_kappa(want, got)),
        "exact": _r(sum(a == b for a, b in pairs) / len(pairs)) if pairs else None,
        "within_one": _r(within_one(want, got)),
        "signed": _r(mean_signed_error(got, want)),
    }


def leave_one_split_out(
    rubric: Rubric, by_split: dict[str, list[Row]], counts: bool
) -> dict[str, object]:
    dims = [d.id for d in rubric.dimensions]
    everything: list[tuple[int, int]] = []
    per_dim: dict[str, list[tuple[int, int]]] = {d: [] for d in dims}
    folds = {}
    for held, check in by_split.items():
        fit = [row for name, rows in by_split.items() if name != held for row in rows]
        calibration = fit_calibration(rubric, fit, counts)
        pairs = []
        for answers, ranks in check:
            for dim in dims:
                level = calibration.level(dim, answers) if dim in ranks else None
                if level is not None:
                    pairs.append((ranks[dim], level.rank))
                    per_dim[dim].append((ranks[dim], level.rank))
        folds[held] = pooled(pairs)
        everything.extend(pairs)
    return {
        "pooled": pooled(everything),
        "folds": folds,
        "dimensions": {d: pooled(p)["qwk"] for d, p in per_dim.items()},
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", nargs="+", type=Path)
    parser.add_argument("--splits", nargs="+", required=True)
    parser.add_argument("--questions", type=Path, help="keep only these answers (one a line)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rubric = load_rubric()
    runs = [EvalRun.from_dict(json.loads(p.read_text())) for p in args.predictions]
    root = Path.cwd()
    wanted = (
        {line.strip() for line in args.questions.read_text().splitlines() if line.strip()}
        if args.questions
        else None
    )
    raw = {s: rows_for(runs, load_labels([s], rubric), root) for s in args.splits}
    if wanted is not None:
        raw = {
            s: [
                ({k: v for k, v in a.items() if k.startswith("text.") or _base(k) in wanted}, y)
                for a, y in rows
            ]
            for s, rows in raw.items()
        }
    common = set.intersection(*(set(a) for rows in raw.values() for a, _ in rows))
    raw = {
        s: [({k: v for k, v in a.items() if k in common}, y) for a, y in r] for s, r in raw.items()
    }
    results = {}
    for name, make in variants(rubric).items():
        made = {s: make(rows) for s, rows in raw.items()}
        counts = next(iter(made.values()))[1]
        results[name] = leave_one_split_out(rubric, {s: m[0] for s, m in made.items()}, counts)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    sizes = ", ".join(f"{Path(s).name} {len(r)}" for s, r in raw.items())
    print(f"leave one split out over: {sizes} transcripts")
    dims = [d.id for d in rubric.dimensions]
    print(
        "| variant | pooled QWK | exact | within one | signed | "
        + " | ".join(f"{Path(s).name} QWK / signed" for s in raw)
        + " | "
        + " | ".join(dims)
        + " |"
    )
    print("|---" * (5 + len(raw) + len(dims)) + "|")
    for name, found in results.items():
        p = found["pooled"]
        folds = found["folds"]
        assert isinstance(p, dict) and isinstance(folds, dict)
        dim_qwk = found["dimensions"]
        assert isinstance(dim_qwk, dict)
        print(
            f"| {name} | {p['qwk']} | {p['exact']} | {p['within_one']} | {p['signed']} | "
            + " | ".join(f"{folds[s]['qwk']} / {folds[s]['signed']}" for s in raw)
            + " | "
            + " | ".join(str(dim_qwk[d]) for d in dims)
            + " |"
        )
    return 0


def _base(name: str) -> str:
    """Return an answer's question name without a summary's suffix."""
    for suffix in SUMMARIES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


if __name__ == "__main__":
    sys.exit(main())
