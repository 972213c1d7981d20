"""The comparison of calibration fitting methods as a Markdown table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def methods_markdown(rows: Sequence[dict[str, Any]], dimensions: Sequence[str]) -> str:
    """Render :func:`grader.evaluation.calibrate.compare_methods` rows, one table per scheme."""
    short = " / ".join("".join(w[0].upper() for w in d.split("_")) for d in dimensions)
    lines: list[str] = []
    scheme = None
    for row in rows:
        if row["scheme"] != scheme:
            scheme = row["scheme"]
            if lines:
                lines.append("")
            lines += [
                f"{row['transcripts']} labelled transcripts in {row['files']} files; {scheme}",
                "",
                "| variant | QWK | exact | within one | signed error | lowest dimension QWK "
                f"| per dimension ({short}) |",
                "|---|---|---|---|---|---|---|",
            ]
        overall = row["overall"]
        per_dim = [row["per_dimension"][d] for d in dimensions]
        lines.append(
            f"| {row['variant']} | {overall['kappa_qw']:.2f} | {overall['exact']:.2f} | "
            f"{overall['within_one']:.2f} | {overall['mean_signed_error']:+.2f} | "
            f"{min(per_dim):.2f} | {' / '.join(f'{k:.2f}' for k in per_dim)} |"
        )
    return "\n".join(lines) + "\n"
