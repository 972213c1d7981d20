"""Counts from the text: agreement when one style is left out, and what survives restyling.

Usage (from the repository root):

    python evals/counts_check.py PREDICTIONS.json [...] --splits evals/splits/dev \\
        evals/splits/speech_a ... [--questions FILE]

Reads the answers eval runs recorded (no model is asked) and compares three sets of counts
next to those answers, each fitted with ``grader calibrate``'s fitting code:

- ``none``: the model's answers alone;
- ``question marks``: the earlier counts (questions as question marks, early questions in
  the candidate's first three turns, every number written in digits or a spoken figure);
- ``current``: the counts grading computes now (:mod:`grader.transcripts.features`).

For each: leave one split out (fit on the others, check on it; pooled QWK, per split and
per dimension), then, with a calibration fitted on every split, the share of grades that
stay the same when only the counts are read from a restyled copy of each transcript (one
per perturbation of :mod:`grader.evaluation.perturb`; the model's answers are kept, so
this measures what the counts alone move) and how many move by two levels or more.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cross_fit import SUMMARIES, fit_calibration
from style_cv import leave_one_split_out
from text_to_num import alpha2digit

from grader.evaluation.analysis import displayed_references
from grader.evaluation.perturb import PERTURBATIONS, perturb
from grader.evaluation.records import EvalRun
from grader.grading.pipeline import transcript_counts
from grader.ratings.labels import Label, load_labels
from grader.rubrics.rubric import Rubric, load_rubric
from grader.transcripts.features import PREFIX
from grader.transcripts.transcript import Transcript, load, parse

Counter = Callable[[Transcript], dict[str, float]]
_MARK = re.compile(r"\?(?=\s|$|[\"'”’)])")
_DIGITS = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")
_SPOKEN_PERCENT = re.compile(r"\b[a-z]+\s+percent\b", re.IGNORECASE)


def spoken_figures_text(text: str) -> str:
    """The earlier reading of spoken numbers: above ten, or a smaller one as a percentage."""
    try:
        text = str(alpha2digit(text, "en", threshold=10))
        return _SPOKEN_PERCENT.sub(lambda m: str(alpha2digit(m.group(0), "en", threshold=0)), text)
    except (ValueError, IndexError, KeyError):
        return text


def question_marks(rubric: Rubric) -> Counter:
    """The earlier counts: question marks, the first three turns, every number."""

    def count(transcript: Transcript) -> dict[str, float]:
        found = transcript_counts(transcript, rubric)
        if not found:
            return found
        texts = [turn.text for turn in transcript.candidate_turns()]
        asked = [turn.text for turn in transcript.turns if turn.role == "interviewer"]
        found[PREFIX + "questions"] = float(sum(len(_MARK.findall(t)) for t in texts))
        found[PREFIX + "early_questions"] = float(sum(len(_MARK.findall(t)) for t in texts[:3]))
        found[PREFIX + "numbers"] = float(
            sum(len(_DIGITS.findall(spoken_figures_text(t))) for t in texts)
        )
        if asked:
            found[PREFIX + "interviewer_questions"] = float(
                sum(len(_MARK.findall(t)) for t in asked)
            )
        return found

    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", nargs="+", type=Path)
    parser.add_argument("--splits", nargs="+", required=True)
    parser.add_argument("--questions", type=Path, help="keep only these answers (one a line)")
    args = parser.parse_args()
    rubric = load_rubric()
    runs = [EvalRun.from_dict(json.loads(p.read_text())) for p in args.predictions]
    wanted = (
        {line.strip() for line in args.questions.read_text().splitlines() if line.strip()}
        if args.questions
        else None
    )
    rows: dict[str, list[tuple[dict[str, float], dict[str, int], Label]]] = {}
    for split in args.splits:
        refs = displayed_references(load_labels([split], rubric), Path.cwd())
        rows[split] = []
        seen = set()
        for run in runs:
            for p in run.predictions:
                label = refs.get(p.transcript)
                if label is None or p.transcript in seen or not p.answers or not p.answers[0]:
                    continue
                seen.add(p.transcript)
                answers = {
                    k: v
                    for k, v in p.answers[0].items()
                    if not k.startswith(PREFIX)
                    and not k.endswith(SUMMARIES)
                    and (wanted is None or k in wanted)
                }
                ranks = {d: level.rank for d, level in label.levels.items()}
                rows[split].append((answers, ranks, label))
    copies: dict[str, tuple[Transcript, dict[str, Transcript]]] = {}
    for split_rows in rows.values():
        for _, _, label in split_rows:
            original = load(label.transcript, candidate=label.candidate)
            written = perturb(original, list(PERTURBATIONS))
            copies[str(label.transcript)] = (
                original,
                {n: parse(c.text, candidate=c.candidate) for n, c in written.items()},
            )
    counters: dict[str, Counter | None] = {
        "none": None,
        "question marks": question_marks(rubric),
        "current": lambda t: transcript_counts(t, rubric),
    }
    dims = [d.id for d in rubric.dimensions]
    print(f"splits: {', '.join(f'{Path(s).name} {len(r)}' for s, r in rows.items())}")
    print(
        "| counts | pooled QWK | within one | signed | "
        + " | ".join(Path(s).name for s in rows)
        + " | "
        + " | ".join(dims)
        + " | "
        + " | ".join(PERTURBATIONS)
        + " |"
    )
    print("|---" * (4 + len(rows) + len(dims) + len(PERTURBATIONS)) + "|")
    for name, counter in counters.items():
        by_split = {
            s: [
                ({**a, **(counter(copies[str(lab.transcript)][0]) if counter else {})}, y)
                for a, y, lab in r
            ]
            for s, r in rows.items()
        }
        found = leave_one_split_out(rubric, by_split, counter is not None)
        fitted = fit_calibration(rubric, [r for rs in by_split.values() for r in rs], True)
        moved = []
        for perturbation in PERTURBATIONS:
            same = two = total = 0
            for s, r in rows.items():
                for (answers, ranks, lab), (read, _) in zip(r, by_split[s], strict=True):
                    copy = copies[str(lab.transcript)][1][perturbation]
                    other = {**answers, **(counter(copy) if counter else {})}
                    for dim in ranks:
                        before, after = fitted.level(dim, read), fitted.level(dim, other)
                        if before is None or after is None:
                            continue
                        total += 1
                        same += before.rank == after.rank
                        two += abs(before.rank - after.rank) >= 2
            moved.append(f"{same / total:.0%} / {two}")
        pooled = found["pooled"]
        folds = found["folds"]
        per_dim = found["dimensions"]
        assert isinstance(pooled, dict) and isinstance(folds, dict) and isinstance(per_dim, dict)
        print(
            f"| {name} | {pooled['qwk']} | {pooled['within_one']} | {pooled['signed']} | "
            + " | ".join(str(folds[s]["qwk"]) for s in rows)
            + " | "
            + " | ".join(str(per_dim[d]) for d in dims)
            + " | "
            + " | ".join(moved)
            + " |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
