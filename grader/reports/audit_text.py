"""Renderers for a calibration audit: terminal text, Markdown and JSON (HTML: html_audit)."""

from __future__ import annotations

from collections.abc import Callable

from grader.audit.analysis import AuditResult, Disagreement, GraderStats, Reliability
from grader.audit.rater_effects import DRIFTING, HARSH, LENIENT, NOISY
from grader.reports.markdown import md_text
from grader.reports.strict_json import strict_dumps
from grader.reports.terminal import terminal_text

__all__ = ["findings", "fmt", "fmt_ci", "months", "to_json", "to_markdown", "to_text"]

Cell = Callable[[GraderStats], str]


def fmt(value: float | None, signed: bool = False) -> str:
    """Format a statistic to two decimals; ``n/a`` when undefined."""
    if value is None:
        return "n/a"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def fmt_ci(ci: tuple[float, float] | None, signed: bool = False) -> str:
    """Format an interval as ``[low, high]``; ``n/a`` when undefined."""
    return "n/a" if ci is None else f"[{fmt(ci[0], signed)}, {fmt(ci[1], signed)}]"


def _bias(s: GraderStats) -> str:
    return f"mean deviation {fmt(s.bias, True)} {fmt_ci(s.bias_ci, True)}"


def _drift(s: GraderStats) -> str:
    return (
        f"deviation moved {fmt(s.drift, True)} levels over the months, "
        f"{fmt(s.slope, True)} a month {fmt_ci(s.slope_ci, True)}"
    )


def _noise(s: GraderStats) -> str:
    return f"spread {fmt(s.spread)} level steps, kappa {fmt(s.kappa)}"


_EXPLAIN: dict[str, Cell] = {LENIENT: _bias, HARSH: _bias, DRIFTING: _drift, NOISY: _noise}


def findings(result: AuditResult) -> list[str]:
    """Return one plain sentence per flagged grader (and the model), most important first."""
    out = []
    by_name = {s.grader: s for s in result.grader_stats}
    for flag, explain in _EXPLAIN.items():
        for name in result.flagged(flag):
            who = "the model" if by_name[name].is_model else name
            out.append(f"{flag}: {who} ({explain(by_name[name])})")
    if not out:
        out.append("no grader is lenient, harsh, drifting or noisy by the rules below")
    if result.model_summary:
        out.append(result.model_summary)
    return out


def months(result: AuditResult) -> list[str]:
    """Return every month with a dated rating, in order."""
    return sorted({p.month for s in result.grader_stats for p in s.months})


_GRADER_COLUMNS: list[tuple[str, Cell]] = [
    ("rank", lambda s: str(s.rank)),
    ("grader", lambda s: s.grader + (" (model)" if s.is_model else "")),
    ("interviews", lambda s: str(s.interviews)),
    ("ratings", lambda s: str(s.ratings)),
    ("bias", lambda s: fmt(s.bias, True)),
    ("bias 95% CI", lambda s: fmt_ci(s.bias_ci, True)),
    ("spread", lambda s: fmt(s.spread)),
    ("kappa", lambda s: fmt(s.kappa)),
    ("exact", lambda s: f"{s.exact:.0%}"),
    ("kappa vs model", lambda s: "" if s.is_model else fmt(s.kappa_model)),
    ("drift", lambda s: fmt(s.drift, True)),
    ("flags", lambda s: ", ".join(s.flags)),
]


def grader_columns(result: AuditResult) -> list[tuple[str, Cell]]:
    """Return the grader table's columns (the model column only when there is a model)."""
    return [c for c in _GRADER_COLUMNS if result.model or c[0] != "kappa vs model"]


def reliability_row(result: AuditResult, rel: Reliability) -> list[str]:
    """Return one row of the reliability table."""
    name = "all dimensions" if rel.dimension == "all" else result.titles[rel.dimension]
    row = [name, str(rel.interviews), str(rel.graders), fmt(rel.alpha), fmt_ci(rel.alpha_ci)]
    return row + ([fmt(rel.alpha_with_model)] if result.model else [])


def reliability_head(result: AuditResult) -> list[str]:
    """Return the reliability table's header."""
    head = ["dimension", "interviews", "graders", "alpha", "95% CI"]
    return head + (["alpha with model"] if result.model else [])


def disagreement_text(item: Disagreement) -> str:
    """Describe one disagreement: every grader's level, and the model's."""
    levels = ", ".join(f"{g} {level.value}" for g, level in item.levels)
    model = f"; model {item.model_level.value}" if item.model_level else ""
    return f"{item.interview} (spread {item.spread}): {levels}{model}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [head, *rows]
    ]


def _month_rows(result: AuditResult) -> tuple[list[str], list[list[str]]]:
    cols = months(result)
    rows = []
    for stats in result.grader_stats:
        if stats.months:
            by_month = {p.month: fmt(p.mean, True) for p in stats.months}
            rows.append([stats.grader, *(by_month.get(m, "") for m in cols)])
    return ["grader", *cols], rows


def to_text(result: AuditResult) -> str:
    """Return the audit as text for a terminal (no control or bidi character acts)."""
    lines = [_title(result), "", "Findings"]
    lines += [f"  - {f}" for f in findings(result)]
    lines += ["", "Reliability: Krippendorff's alpha (ordinal) across the human graders"]
    lines += _table(
        reliability_head(result), [reliability_row(result, r) for r in result.reliability]
    )
    lines += ["", "Graders, ranked by kappa with the consensus of the others"]
    cols = grader_columns(result)
    lines += _table([c[0] for c in cols], [[f(s) for _, f in cols] for s in result.grader_stats])
    head, rows = _month_rows(result)
    if rows:
        lines += ["", "Drift: mean deviation from the consensus per month"]
        lines += _table(head, rows)
    lines += ["", "Largest disagreements, for a calibration session"]
    for dim in result.dimensions:
        items = result.disagreements[dim]
        lines.append(f"  {result.titles[dim]}:" + ("" if items else " none"))
        lines += [f"    {disagreement_text(item)}" for item in items]
    lines += ["", "Rules"] + [f"  - {rule}" for rule in result.rules.describe()]
    lines += [f"note: {n}" for n in result.notes]
    return terminal_text("\n".join(lines))


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md_text(c) for c in head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(md_text(c) for c in r) + " |" for r in rows]


def to_markdown(result: AuditResult) -> str:
    """Return the audit as Markdown; every string from input is escaped (md_text)."""
    lines = [f"# {md_text(_title(result))}", "", "## Findings", ""]
    lines += [f"- {md_text(f)}" for f in findings(result)]
    lines += ["", "## Reliability", "", "Krippendorff's alpha (ordinal) across human graders.", ""]
    lines += _md_table(
        reliability_head(result), [reliability_row(result, r) for r in result.reliability]
    )
    lines += ["", "## Graders", "", "Ranked by kappa with the consensus of the other graders.", ""]
    cols = grader_columns(result)
    lines += _md_table([c[0] for c in cols], [[f(s) for _, f in cols] for s in result.grader_stats])
    head, rows = _month_rows(result)
    if rows:
        lines += ["", "## Drift", "", "Mean deviation from the consensus per month.", ""]
        lines += _md_table(head, rows)
    lines += ["", "## Largest disagreements", ""]
    for dim in result.dimensions:
        lines += [f"### {md_text(result.titles[dim])}", ""]
        items = result.disagreements[dim]
        lines += [f"- {md_text(disagreement_text(item))}" for item in items] or ["- none"]
        lines.append("")
    lines += ["## Rules", ""] + [f"- {md_text(rule)}" for rule in result.rules.describe()]
    lines += [f"- note: {md_text(n)}" for n in result.notes]
    return "\n".join(lines).rstrip() + "\n"


def to_json(result: AuditResult) -> str:
    """Return the audit as indented, strict JSON (no bare NaN or Infinity)."""
    return strict_dumps(result.to_dict(), indent=2)


def _title(result: AuditResult) -> str:
    model = f", plus the model {result.model}" if result.model else ""
    return (
        f"Calibration audit of {result.source}: {len(result.graders)} graders{model}, "
        f"{result.interviews} interviews, {result.ratings} ratings, "
        f"{len(result.dimensions)} dimensions"
    )
