"""Analyse eval runs against their labels and write one report folder per run.

Each folder gets ``report.md``, ``results.json``, ``predictions.json``, ``manifest.json``
(command, commit, labels, headline figures) and its pictures.

With several runs (configurations compared on the same labels) a ``comparison.md`` and
``comparison.json`` set each run beside the first, with bootstrap intervals on the
differences.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from grader.evaluation.analysis import analyse, compare, pairs
from grader.evaluation.records import EvalRun
from grader.ratings.labels import Label
from grader.reports.evaluation import comparison_markdown, write_report
from grader.reports.manifest import current_commit, manifest
from grader.rubrics.rubric import Rubric


def write_reports(
    runs: Sequence[EvalRun],
    labels: Sequence[Label],
    rubric: Rubric,
    *,
    root: Path,
    out: Path,
    header: Mapping[str, str],
    reference: str | None = None,
    resamples: int = 1000,
    started: float | None = None,
) -> dict[str, Any]:
    """Analyse every run, write its report, and compare the runs when there are several.

    Args:
        runs: Eval runs on the same labels.
        labels: The labels.
        rubric: The rubric.
        root: Paths in reports are shown relative to this folder.
        out: The report folder (one subfolder per run when there are several).
        header: Lines at the top of each report (command, labels, machine, date).
        reference: Labeller whose labels are the reference.
        resamples: Bootstrap resamples for intervals.
        started: ``time.monotonic()`` at the start, for the wall time in the header.

    Returns:
        ``{"runs": {name: analysis}}``, plus ``"differences"`` with several runs.
    """
    wall = {} if started is None else {"Wall time": f"{time.monotonic() - started:.0f} s"}
    analyses = [
        analyse(run, labels, rubric, root, reference=reference, n_resamples=resamples)
        for run in runs
    ]
    commit = current_commit(Path.cwd())
    for run, analysis in zip(runs, analyses, strict=True):
        folder = out if len(runs) == 1 else out / run.config.name
        write_report(folder, run, analysis, rubric, header=dict(header) | wall)
        results = json.loads((folder / "results.json").read_text())
        (folder / "manifest.json").write_text(
            json.dumps(manifest(results, commit=commit), indent=1) + "\n"
        )
    result: dict[str, Any] = {
        "runs": {r.config.name: a for r, a in zip(runs, analyses, strict=True)}
    }
    if len(runs) > 1:
        graded = [pairs(run, labels, rubric, root, reference) for run in runs]
        differences = [compare(graded[0], other, n_resamples=resamples) for other in graded[1:]]
        result["differences"] = {runs[i + 1].config.name: d for i, d in enumerate(differences)}
        out.mkdir(parents=True, exist_ok=True)
        (out / "comparison.md").write_text(
            comparison_markdown(
                list(zip(runs, analyses, strict=True)), differences, rubric, dict(header)
            )
        )
        (out / "comparison.json").write_text(json.dumps(result, indent=1) + "\n")
    return result
