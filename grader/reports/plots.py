"""Audit charts as PNG ``data:`` URIs, so an HTML report needs no file beside it.

matplotlib is imported only here and only when a chart is drawn; figures are drawn with the
Agg canvas directly, which needs no display and touches no global pyplot state.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

from grader.audit.analysis import AuditResult
from grader.reports.audit_text import months

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["bias_plot", "drift_plot"]

_FLAG_COLOURS = {
    "lenient": "#d9822b",
    "harsh": "#2f6fca",
    "drifting": "#8a3fb8",
    "noisy": "#c0392b",
}
_PLAIN = "#4d5566"


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    fig.set_layout_engine("constrained")
    return fig


def _data_uri(fig: Figure) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _colour(flags: tuple[str, ...]) -> str:
    return next((_FLAG_COLOURS[f] for f in flags if f in _FLAG_COLOURS), _PLAIN)


def bias_plot(result: AuditResult) -> str:
    """Draw each grader's mean deviation from the consensus with its interval.

    Returns:
        A ``data:image/png;base64,...`` URI.
    """
    stats = list(result.grader_stats)
    fig = _figure(7.8, 0.45 * len(stats) + 1.2)
    ax = fig.add_subplot()
    for row, s in enumerate(reversed(stats)):
        colour = _colour(s.flags)
        if s.bias_ci is not None:
            ax.plot(s.bias_ci, [row, row], color=colour, linewidth=2.5, solid_capstyle="butt")
        ax.plot([s.bias], [row], "o", color=colour, markersize=7)
    names = [s.grader + (" (model)" if s.is_model else "") for s in reversed(stats)]
    ax.set_yticks(range(len(stats)), labels=names)
    ax.axvline(0.0, color="#222", linewidth=1)
    for edge in (-result.rules.min_bias, result.rules.min_bias):
        ax.axvline(edge, color="#999", linewidth=1, linestyle="--")
    ax.set_xlabel("mean deviation from the other graders (level steps); right = lenient")
    ax.set_title("Bias with 95% interval", fontsize=11)
    ax.grid(axis="x", color="#eee")
    shown = sorted({f for s in stats for f in s.flags if f in _FLAG_COLOURS})
    if shown:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=_FLAG_COLOURS[f], marker="o", label=f) for f in shown]
        ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _data_uri(fig)


def drift_plot(result: AuditResult) -> str | None:
    """Draw each grader's mean deviation per month; None when no rating has a date.

    Returns:
        A ``data:image/png;base64,...`` URI, or None.
    """
    cols = months(result)
    if len(cols) < 2:
        return None
    fig = _figure(7.8, 3.6)
    ax = fig.add_subplot()
    for s in result.grader_stats:
        if not s.months:
            continue
        xs = [cols.index(p.month) for p in s.months]
        flagged = "drifting" in s.flags
        ax.plot(
            xs,
            [p.mean for p in s.months],
            marker="o",
            markersize=4,
            linewidth=2.6 if flagged else 1.2,
            color=_colour(s.flags) if flagged else None,
            alpha=1.0 if flagged else 0.55,
            label=s.grader,
        )
    ax.axhline(0.0, color="#222", linewidth=1)
    ax.set_xticks(range(len(cols)), labels=cols)
    ax.set_ylabel("mean deviation (level steps)")
    ax.set_title("Deviation from the consensus by month", fontsize=11)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="y", color="#eee")
    return _data_uri(fig)
