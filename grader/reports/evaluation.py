"""Eval reports: Markdown summary, results.json and confusion-matrix heatmaps (PNG)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.evaluation.level_probability import calibration_plot
from grader.evaluation.level_probability import markdown_lines as probability_lines
from grader.evaluation.records import EvalRun
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric

_COLUMNS = ("n", "exact", "within_one", "kappa_qw", "spearman", "mae", "mean_signed_error")


def write_report(
    out: Path,
    run: EvalRun,
    analysis: dict[str, Any],
    rubric: Rubric,
    *,
    header: dict[str, str],
) -> list[Path]:
    """Write ``report.md``, ``results.json``, ``predictions.json`` and heatmaps into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "report.md", out / "results.json", out / "predictions.json"]
    (out / "predictions.json").write_text(json.dumps(run.to_dict(), indent=1) + "\n")
    (out / "results.json").write_text(
        json.dumps({"header": header, "config": run.to_dict()["config"], **analysis}, indent=1)
        + "\n"
    )
    images = heatmaps(out, analysis, rubric)
    if analysis.get("level_probabilities"):
        written.append(calibration_plot(out, analysis["level_probabilities"]))
    written += images
    (out / "report.md").write_text(markdown(run, analysis, rubric, header, images))
    return written


def markdown(
    run: EvalRun,
    analysis: dict[str, Any],
    rubric: Rubric,
    header: dict[str, str],
    images: Sequence[Path] = (),
) -> str:
    """Return the Markdown summary of one eval run."""
    config = run.config
    lines = [f"# Eval: {config.name}", ""]
    lines += [f"- {key}: {value}" for key, value in header.items()]
    lines += [
        f"- Model: `{run.model.get('model')}` ({run.model.get('backend')}); strategy "
        f"`{config.strategy}`; samples {config.samples}; temperature {config.temperature}",
        f"- Prompts sha256 `{run.prompts_sha256[:12]}`; rubric sha256 `{run.rubric_sha256[:12]}`",
        f"- Transcripts: {analysis['transcripts']}; model calls: {analysis['calls']} "
        f"(cache hits: {analysis['cache_hits']}); grading wall time {run.wall_seconds:.0f} s",
        "",
        "## Agreement with the labels",
        "",
        "| Dimension | n | Exact (95% CI) | Within one | QWK (95% CI) | Spearman | MAE | "
        "Signed error |",
        "|---|---|---|---|---|---|---|---|",
    ]
    titles = {dim.id: dim.title for dim in rubric.dimensions} | {"overall": "**Overall**"}
    for key, summary in analysis["per_dimension"].items():
        lines.append(_row(titles[key], summary))
    lines += [
        "",
        "Signed error > 0 means the grader is more lenient than the labels. QWK is quadratic-"
        "weighted Cohen's kappa; CIs are percentile bootstraps over graded items (seeded).",
        "",
        "## Level distribution",
        "",
        "| | " + " | ".join(level.value for level in Level) + " |",
        "|---|" + "---|" * len(Level),
        "| predicted | "
        + " | ".join(str(analysis["level_distribution"][lv.value]) for lv in Level)
        + " |",
        "| labels | "
        + " | ".join(str(analysis["label_distribution"][lv.value]) for lv in Level)
        + " |",
        "",
        "## Checks",
        "",
        _evidence_line(analysis),
        f"- Failed dimension grades: {analysis['failures']['dimension_grades']} of "
        f"{analysis['failures']['of']}",
        _length_line(analysis),
        _retest_line(analysis),
        _ceiling_line(analysis),
    ]
    lines += _altered_lines(analysis, rubric)
    lines += probability_lines(analysis.get("level_probabilities"))
    if images:
        lines += ["", "## Confusion matrices (rows: labels, columns: predicted)", ""]
        lines += [f"![{p.stem}]({p.name})" for p in images]
    return "\n".join(lines) + "\n"


def comparison_markdown(
    runs: Sequence[tuple[EvalRun, dict[str, Any]]],
    differences: Sequence[dict[str, Any]],
    rubric: Rubric,
    header: dict[str, str],
) -> str:
    """Return a side-by-side Markdown comparison of several configurations."""
    names = [run.config.name for run, _ in runs]
    lines = ["# Eval comparison", ""] + [f"- {k}: {v}" for k, v in header.items()]
    lines += ["", f"Configurations: {', '.join(f'`{n}`' for n in names)}", ""]
    titles = {dim.id: dim.title for dim in rubric.dimensions} | {"overall": "**Overall**"}
    for metric, label in (("kappa_qw", "QWK"), ("exact", "Exact agreement")):
        lines += [f"## {label}", ""]
        head = "| Dimension | " + " | ".join(names)
        head += "".join(f" | {n} - {names[0]} (95% CI)" for n in names[1:]) + " |"
        lines += [head, "|---" * (1 + len(names) + len(names) - 1) + "|"]
        for key in titles:
            cells = [
                _fmt((analysis["per_dimension"].get(key) or {}).get(metric)) for _, analysis in runs
            ]
            for diff in differences:
                entry = (diff.get(key) or {}).get(metric)
                if entry is None:
                    cells.append("n/a")
                    continue
                ci = entry["ci"]
                mark = " *" if entry["ci_excludes_zero"] else ""
                span = f" ({ci[0]:+.2f}, {ci[1]:+.2f})" if ci else ""
                cells.append(f"{_signed(entry['difference'])}{span}{mark}")
            lines.append(f"| {titles[key]} | " + " | ".join(cells) + " |")
        lines += [""]
    lines += [
        "`*`: the 95% bootstrap CI of the difference excludes zero (paired over the same "
        "graded items).",
        "",
        "| Configuration | within one | signed error | calls | wall time |",
        "|---|---|---|---|---|",
    ]
    for run, analysis in runs:
        overall = analysis["per_dimension"]["overall"] or {}
        lines.append(
            f"| {run.config.name} | {_fmt(overall.get('within_one'))} | "
            f"{_fmt(overall.get('mean_signed_error'))} | {analysis['calls']} | "
            f"{run.wall_seconds:.0f} s |"
        )
    return "\n".join(lines) + "\n"


def heatmaps(out: Path, analysis: dict[str, Any], rubric: Rubric) -> list[Path]:
    """Draw one confusion-matrix heatmap per dimension and one pooled; return the files."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    titles = {dim.id: dim.title for dim in rubric.dimensions} | {"overall": "All dimensions"}
    ticks = [level.value.replace("_", "\n") for level in Level]
    files = []
    for key, summary in analysis["per_dimension"].items():
        if not summary:
            continue
        matrix = summary["confusion"]
        fig, ax = plt.subplots(figsize=(4.2, 3.8), dpi=100)
        ax.imshow(matrix, cmap="Blues")
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                ax.text(j, i, str(value), ha="center", va="center", fontsize=9)
        ax.set_xticks(range(len(ticks)), ticks, fontsize=7)
        ax.set_yticks(range(len(ticks)), ticks, fontsize=7)
        ax.set_xlabel("predicted")
        ax.set_ylabel("label")
        ax.set_title(titles[key], fontsize=9)
        fig.tight_layout()
        path = out / f"confusion_{key}.png"
        fig.savefig(path)
        plt.close(fig)
        files.append(path)
    return files


def _row(title: str, summary: dict[str, Any] | None) -> str:
    if not summary:
        return f"| {title} | 0 | n/a | n/a | n/a | n/a | n/a | n/a |"
    return (
        f"| {title} | {summary['n']} | {_fmt(summary['exact'])}{_ci(summary['exact_ci'])} | "
        f"{_fmt(summary['within_one'])} | {_fmt(summary['kappa_qw'])}"
        f"{_ci(summary['kappa_qw_ci'])} | {_fmt(summary['spearman'])} | "
        f"{_fmt(summary['mae'])} | {_signed(summary['mean_signed_error'])} |"
    )


def _evidence_line(analysis: dict[str, Any]) -> str:
    ev = analysis["evidence"]
    rate = ev["verification_rate"]
    return (
        f"- Evidence verification: {ev['shown']} quotes shown, {ev['rejected']} rejected "
        f"(rate {_fmt(rate)})"
    )


def _length_line(analysis: dict[str, Any]) -> str:
    bias = analysis["length_bias"]
    if not bias:
        return "- Length bias: n/a (fewer than 3 transcripts)"
    return (
        f"- Length bias: Spearman of transcript words vs mean signed error "
        f"{_fmt(bias['spearman_words_vs_signed_error'])} over {bias['transcripts']} transcripts"
    )


def _retest_line(analysis: dict[str, Any]) -> str:
    retest = analysis["test_retest"]
    if not retest:
        return "- Test-retest: n/a (one sample per transcript)"
    return (
        f"- Test-retest over {retest['samples']} samples: mean pairwise exact agreement "
        f"{_fmt(retest['mean_pairwise_exact'])}, "
        f"Krippendorff's alpha {_fmt(retest['alpha_ordinal'])}"
    )


def _ceiling_line(analysis: dict[str, Any]) -> str:
    ceiling = analysis["human_ceiling"]
    if not ceiling:
        return "- Labeller-labeller agreement: n/a (one label set per transcript)"
    pairs = "; ".join(
        f"{name}: exact {_fmt(v['exact'])}, QWK {_fmt(v['kappa_qw'])} (n={v['n']})"
        for name, v in ceiling["pairs"].items()
    )
    return (
        f"- Labeller-labeller agreement on {ceiling['transcripts']} transcripts: {pairs}; "
        f"alpha {_fmt(ceiling['alpha_ordinal'])}"
    )


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _signed(value: Any) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


def _ci(ci: Any) -> str:
    return f" ({ci[0]:.2f}-{ci[1]:.2f})" if ci else ""


def _altered_lines(analysis: dict[str, Any], rubric: Rubric) -> list[str]:
    altered = analysis.get("altered_copies")
    if not altered:
        return []
    lines = [
        "",
        "## Altered copies against their originals",
        "",
        f"{altered['copies']} altered copies; {altered['raised_any_dimension']} graded higher "
        f"than their original on some dimension (largest rise {altered['max_rise']:+d} levels); "
        f"injection flag on {altered['flagged']} of {altered['copies']} copies and on "
        f"{altered['originals_flagged']} originals.",
        "",
        "| Copy | Attack | " + " | ".join(d.id for d in rubric.dimensions) + " | Flagged |",
        "|---|---|" + "---|" * len(rubric.dimensions) + "---|",
    ]
    for row in altered["rows"]:
        cells = [f"{row['changes'].get(d.id, 0):+d}" for d in rubric.dimensions]
        lines.append(
            f"| {Path(row['transcript']).name} | {row['note']} | "
            + " | ".join(cells)
            + f" | {'yes' if row['flagged'] else 'no'} |"
        )
    return lines
