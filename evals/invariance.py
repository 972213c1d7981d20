"""Invariance check: copies of labelled transcripts that must grade like their originals.

Usage (from the repository root):

    python evals/invariance.py make LABELS... -o evals/invariance/<name> [--only NAME...] \
        [--stripped whisper noisy vtt]
    grader eval evals/invariance/<name>/labels.jsonl --config CONFIG \\
        -o evals/reports/invariance-<name>
    python evals/invariance.py report evals/reports/invariance-<name>/predictions.json \\
        evals/invariance/<name>/labels.jsonl > evals/reports/invariance-<name>/invariance.md

``make`` writes, for every labelled transcript, one copy per perturbation of
:mod:`grader.evaluation.perturb` (numbers as words and as digits, speech-to-text style,
fillers, renamed speakers, neutral interviewer follow-ups, shorter turns) and a labels file
listing the originals and the copies (each copy names its ``original``). ``--stripped``
also writes copies without speaker labels, as speech-to-text tools write them (the speaker
attribution benchmark's copies, ``evals/benchmarks/attribution.py``: ``whisper`` timestamped
lines, ``noisy`` lower case without punctuation and with fillers, ``vtt``), named
``stripped_<variant>__<file>``; ``--only`` with no name makes only those. ``report`` prints,
per perturbation, the share of grades unchanged from the original's and how many moved by
two or more levels: the gate is at least 90 % unchanged and none moved by two.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from attribution import make_copy

from grader.evaluation.altered import altered_copies
from grader.evaluation.perturb import PERTURBATIONS, perturb
from grader.evaluation.records import EvalRun
from grader.ratings.labels import load_labels
from grader.rubrics.rubric import load_rubric
from grader.transcripts.transcript import load


def make(
    label_files: list[str],
    out: Path,
    only: list[str] | None = None,
    stripped: Sequence[str] = (),
) -> int:
    rubric = load_rubric()
    labels = load_labels(label_files, rubric)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for label in labels:
        original = os.path.relpath(label.transcript, out)
        base = {"labeller": label.labeller, "levels": {k: v.value for k, v in label.levels.items()}}
        lines.append({"transcript": original, **base, "candidate": label.candidate})
        transcript = load(label.transcript, candidate=label.candidate)
        names = list(PERTURBATIONS) if only is None else only
        for name, copy in perturb(transcript, names).items():
            file = out / f"{name}__{label.transcript.name}"
            file.write_text(copy.text, encoding="utf-8")
            lines.append(
                {
                    "transcript": file.name,
                    **base,
                    "candidate": copy.candidate,
                    "original": original,
                    "notes": f"{name} copy of {label.transcript.name}",
                }
            )
        for variant in stripped:
            text, extension, _ = make_copy(transcript, variant, seed=1)
            file = out / f"stripped_{variant}__{label.transcript.stem}.{extension}"
            file.write_text(text, encoding="utf-8")
            lines.append(
                {
                    "transcript": file.name,
                    **base,
                    "original": original,
                    "notes": f"{variant} copy without speaker labels of {label.transcript.name}",
                }
            )
    with (out / "labels.jsonl").open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps({k: v for k, v in line.items() if v is not None}) + "\n")
    print(f"wrote {len(lines)} labels ({len(labels)} originals) to {out}/labels.jsonl")
    return 0


def report(predictions: Path, label_files: list[str]) -> int:
    rubric = load_rubric()
    labels = load_labels(label_files, rubric)
    run = EvalRun.from_dict(json.loads(predictions.read_text()))
    found = altered_copies(run, labels, rubric, Path.cwd())
    if found is None:
        print("no copy was graded together with its original", file=sys.stderr)
        return 1
    by_kind: dict[str, list[int]] = defaultdict(list)
    for row in found["rows"]:
        kind = Path(row["transcript"]).name.split("__", 1)[0]
        by_kind[kind].extend(row["changes"].values())
    print(f"Predictions: `{predictions}`; {found['copies']} copies.\n")
    print("| perturbation | grades | unchanged | moved one | moved two or more | mean change |")
    print("|---|---|---|---|---|---|")
    for kind, changes in sorted(by_kind.items()):
        n = len(changes)
        same = sum(c == 0 for c in changes)
        one = sum(abs(c) == 1 for c in changes)
        two = sum(abs(c) >= 2 for c in changes)
        print(f"| {kind} | {n} | {same / n:.0%} | {one} | {two} | {sum(changes) / n:+.2f} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("labels", nargs="+")
    m.add_argument("-o", "--output", required=True)
    m.add_argument(
        "--only", nargs="*", choices=list(PERTURBATIONS), help="make only these perturbations"
    )
    m.add_argument(
        "--stripped",
        nargs="+",
        default=[],
        choices=["whisper", "noisy", "vtt"],
        help="also write copies without speaker labels, as speech-to-text tools write them",
    )
    r = sub.add_parser("report")
    r.add_argument("predictions")
    r.add_argument("labels", nargs="+")
    args = parser.parse_args()
    if args.command == "make":
        return make(args.labels, Path(args.output), args.only, args.stripped)
    return report(Path(args.predictions), args.labels)


if __name__ == "__main__":
    sys.exit(main())
