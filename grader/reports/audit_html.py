"""The calibration audit as one self-contained HTML page: tables, heatmaps and charts."""

from __future__ import annotations

from grader.audit.analysis import AuditResult
from grader.reports.audit_text import (
    disagreement_text,
    findings,
    fmt,
    grader_columns,
    months,
    reliability_head,
    reliability_row,
)
from grader.reports.plots import bias_plot, drift_plot
from grader.reports.scorecard_html import badge, esc, page

__all__ = ["audit_html"]

_LENIENT_RGB = (217, 130, 43)
_HARSH_RGB = (47, 111, 202)
_SPREAD_RGB = (192, 57, 43)


def _shade(rgb: tuple[int, int, int], share: float) -> str:
    share = max(0.0, min(1.0, share))
    r, g, b = (round(255 + (c - 255) * share) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _deviation_cell(value: float | None) -> str:
    if value is None:
        return "<td></td>"
    rgb = _LENIENT_RGB if value > 0 else _HARSH_RGB
    colour = _shade(rgb, abs(value) / 1.25)
    return f'<td class="num" style="background:{colour}">{fmt(value, True)}</td>'


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><tr>{header}</tr>{body}</table>'


def audit_html(result: AuditResult) -> str:
    """Render an audit as a complete HTML page.

    Args:
        result: The audit.

    Returns:
        The page; charts are inline PNG ``data:`` URIs.
    """
    parts = [
        "<h1>Calibration audit</h1>",
        f'<p class="meta">{esc(result.source)} · {len(result.graders)} graders'
        f"{' + model ' + esc(result.model) if result.model else ''} · "
        f"{result.interviews} interviews · {result.ratings} ratings · "
        f"{len(result.dimensions)} dimensions</p>",
        "<h2>Findings</h2>",
        "<ul>" + "".join(f"<li>{esc(f)}</li>" for f in findings(result)) + "</ul>",
        '<h2 id="reliability">Reliability</h2>',
        "<p>Krippendorff's alpha (ordinal) across the human graders, with a bootstrap "
        "interval over interviews. Above 0.8 is usually taken as reliable, 0.67-0.8 as "
        "tentative.</p>",
        _table(
            reliability_head(result),
            [[esc(c) for c in reliability_row(result, r)] for r in result.reliability],
        ),
        '<h2 id="graders">Graders</h2>',
        "<p>Ranked by quadratic-weighted kappa with the consensus of the other graders. "
        "Bias is the mean deviation from that consensus in level steps (positive: "
        "lenient); spread is what is left after removing bias and trend.</p>",
        _graders(result),
        f'<img class="plot" alt="Bias of each grader" src="{bias_plot(result)}">',
        "<h3>Mean deviation by dimension</h3>",
        _by_dimension(result),
    ]
    drift = drift_plot(result)
    if drift:
        parts += [
            '<h2 id="drift">Drift</h2>',
            f'<img class="plot" alt="Deviation by month" src="{drift}">',
            _by_month(result),
        ]
    parts += [
        '<h2 id="disagreements">Disagreements</h2>',
        "<p>Spread (highest minus lowest level) of the human graders on each interview and "
        "dimension; the largest ones per dimension are listed below for a calibration "
        "session.</p>",
        _spread_heatmap(result),
    ]
    for dim in result.dimensions:
        items = result.disagreements[dim]
        parts.append(f"<h3>{esc(result.titles[dim])}</h3>")
        rows = [f"<li>{esc(disagreement_text(i))}</li>" for i in items] or ["<li>none</li>"]
        parts.append("<ul>" + "".join(rows) + "</ul>")
    parts += ['<h2 id="rules">Rules</h2>', "<ul>"]
    parts += [f"<li>{esc(rule)}</li>" for rule in result.rules.describe()]
    parts += ["</ul>"] + [f'<p class="note">{esc(n)}</p>' for n in result.notes]
    return page(f"Calibration audit: {result.source}", "\n".join(parts))


def _graders(result: AuditResult) -> str:
    cols = grader_columns(result)
    rows = []
    for stats in result.grader_stats:
        row = [esc(f(stats)) for name, f in cols if name != "flags"]
        row.append(" ".join(badge(flag, flag) for flag in stats.flags))
        rows.append(row)
    return _table([c[0] for c in cols], rows)


def _by_dimension(result: AuditResult) -> str:
    head = ["grader", *(result.titles[d] for d in result.dimensions)]
    rows = []
    for stats in result.grader_stats:
        means = dict(stats.by_dimension)
        cells = "".join(_deviation_cell(means.get(d)) for d in result.dimensions)
        rows.append(f"<tr><td>{esc(stats.grader)}</td>{cells}</tr>")
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f'<table class="heat"><tr>{header}</tr>{"".join(rows)}</table>'


def _by_month(result: AuditResult) -> str:
    cols = months(result)
    rows = []
    for stats in result.grader_stats:
        if not stats.months:
            continue
        by_month = {p.month: p.mean for p in stats.months}
        cells = "".join(_deviation_cell(by_month.get(m)) for m in cols)
        rows.append(f"<tr><td>{esc(stats.grader)}</td>{cells}</tr>")
    header = "".join(f"<th>{esc(h)}</th>" for h in ["grader", *cols])
    return f'<table class="heat"><tr>{header}</tr>{"".join(rows)}</table>'


def _spread_heatmap(result: AuditResult) -> str:
    spread = {(i, d): s for i, d, s in result.spreads}
    interviews = sorted({i for i, _, _ in result.spreads})
    header = "".join(
        f"<th>{esc(h)}</th>" for h in ["interview", *(result.titles[d] for d in result.dimensions)]
    )
    rows = []
    for interview in interviews:
        cells = []
        for dim in result.dimensions:
            value = spread.get((interview, dim))
            if value is None:
                cells.append("<td></td>")
                continue
            colour = _shade(_SPREAD_RGB, value / 4)
            cells.append(f'<td class="num" style="background:{colour}">{value}</td>')
        rows.append(f"<tr><td>{esc(interview)}</td>{''.join(cells)}</tr>")
    return f'<table class="heat"><tr>{header}</tr>{"".join(rows)}</table>'
