"""Self-contained HTML reports: one file, no network, no external assets.

Every page carries a Content-Security-Policy that allows nothing but its own inline styles
and ``data:`` images, and runs no script, so a transcript cannot make the page fetch or run
anything. All text that comes from files (transcripts, ids, the model's words) goes through
:func:`esc`. The audit page is built in :mod:`grader.reports.audit_html` on the same shell.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass

from grader.grading.comparison import describe
from grader.grading.evidence import Evidence
from grader.grading.scorecard import FLAG_HELP, DimensionResult, Scorecard
from grader.grading.second_opinion import ordered_dimensions
from grader.transcripts.transcript import Transcript, Turn

__all__ = ["esc", "page", "scorecard_html"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_RANK = {"very_weak": 1, "weak": 2, "neutral": 3, "strong": 4, "very_strong": 5}
CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 color:#1d2330;background:#f6f7f9;margin:0}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff;min-height:100vh}
h1{font-size:1.5em;margin:.2em 0 .4em}h2{font-size:1.2em;margin:1.6em 0 .5em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
.meta{color:#5a6272;font-size:.9em;margin:0 0 1em;padding:0;list-style:none}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
th,td{border-bottom:1px solid #e3e6ec;padding:5px 9px;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;letter-spacing:1px;color:#3b6fd8;font-family:monospace}
.badge{display:inline-block;border-radius:9px;padding:0 8px;margin:1px 2px;font-size:.82em;
 background:#e8ebf0;color:#333}
.badge.warn,.badge.lenient,.badge.harsh,.badge.drifting,.badge.noisy{background:#fde3c8;color:#7a3b00}
.badge.agree{background:#d9f2df;color:#1e5a2c}.badge.small{background:#fff1b8;color:#6b5200}
.badge.large{background:#fdd6b5;color:#7a3b00}.badge.very-large{background:#f7c1c1;color:#7d1313}
.dim{border-left:4px solid #c9d3e6;padding:2px 0 2px 14px;margin:1.2em 0}
.dim.disagree{border-left-color:#e08a3c}.why{color:#3a4150}
ol.quotes li{margin:.25em 0}a{color:#2553b0}
.turn{margin:.5em 0;padding:6px 10px;border-radius:6px}
.turn.candidate{background:#f7f9fc}.turn.interviewer{color:#4a5160}
.who{font-weight:600;font-size:.85em;color:#5a6272;margin-right:.5em}
mark{background:#ffe58a;padding:0 1px;border-radius:2px}mark mark{background:transparent}
mark:target,mark:target mark{background:#ffb347;outline:2px solid #d9822b}
sup.back a{font-size:.75em;text-decoration:none;margin-left:2px}
.note{color:#5a6272;font-size:.88em}
.heat td{text-align:center;min-width:48px}
img.plot{max-width:100%;height:auto;border:1px solid #e3e6ec;margin:.5em 0}
"""


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


def page(title: str, body: str) -> str:
    """Wrap ``body`` in a complete page with the shared styles and the strict CSP."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def badge(text: str, kind: str = "") -> str:
    """Return a small coloured label."""
    return f'<span class="badge {esc(kind)}">{esc(text)}</span>'


# (turn id, start, end): one highlight per distinct span, shared by every dimension citing it.
_SpanKey = tuple[str, int, int]


@dataclass
class _Span:
    anchor: str
    turn_id: str
    start: int
    end: int
    dims: list[DimensionResult]


def scorecard_html(card: Scorecard, transcript: Transcript) -> str:
    """Render a scorecard and its transcript, every cited quote highlighted and linked.

    Args:
        card: The scorecard.
        transcript: The transcript it grades (the turns' text is needed for highlighting).

    Returns:
        A complete HTML page.
    """
    dims = ordered_dimensions(card)
    spans: dict[_SpanKey, _Span] = {}
    anchors: dict[_SpanKey, str] = {}
    for dim in dims:
        for item in dim.evidence:
            key = _key(item)
            if key is None:
                continue
            if key not in spans:
                anchors[key] = f"q{len(spans) + 1}"
                spans[key] = _Span(anchors[key], *key, [])
            spans[key].dims.append(dim)
    parts = [f"<h1>Scorecard: {esc(card.transcript['path'])}</h1>", _meta(card)]
    parts += [f"<p>{badge('warning', 'warn')} {esc(w)}</p>" for w in card.warnings]
    parts += [f"<p>{badge(f, 'warn')}</p>" for f in card.flags]
    parts.append(_summary_table(card, dims))
    parts.append("<h2>Dimensions</h2>")
    number = {dim.id: n for n, dim in enumerate(dims, start=1)}
    parts += [_dimension(card, dim, anchors, number[dim.id]) for dim in dims]
    parts.append('<h2 id="transcript">Transcript</h2>')
    parts.append(
        '<p class="note">Highlighted: quotes the model cited that were found in the '
        "transcript. The small numbers after a quote link back to the dimensions citing it.</p>"
    )
    by_turn: dict[str, list[_Span]] = {}
    for span in spans.values():
        by_turn.setdefault(span.turn_id, []).append(span)
    parts += [_turn(turn, by_turn.get(turn.id, []), number) for turn in transcript.turns]
    return page(f"Scorecard: {card.transcript['path']}", "\n".join(parts))


def _key(item: Evidence) -> _SpanKey | None:
    if item.start is None or item.end is None or item.end <= item.start:
        return None
    return item.turn_id, item.start, item.end


def _meta(card: Scorecard) -> str:
    usage = card.usage
    rows = [
        f"Rubric {card.rubric['id']} v{card.rubric['version']}",
        f"model {card.model.get('model')} ({card.model.get('backend')}), {card.strategy}",
        f"{card.transcript['words']} words, {card.transcript['turns']} turns",
        f"{usage.get('calls', 0)} model calls, {card.elapsed_seconds:.1f} s",
    ]
    return f'<p class="meta">{" · ".join(esc(r) for r in rows)}</p>'


def _bar(level: str | None) -> str:
    filled = _RANK.get(level or "", 0)
    return f'<span class="bar" aria-hidden="true">{"■" * filled}{"□" * (5 - filled)}</span>'


def _summary_table(card: Scorecard, dims: list[DimensionResult]) -> str:
    comparison = card.comparison
    head = ["Dimension", "Model's level"]
    if comparison:
        head += ["Yours", "Disagreement"]
    head += ["Quotes", "Flags"]
    rows = []
    for dim in dims:
        level = dim.level.value if dim.level else None
        cells = [
            f'<a href="#dim-{esc(dim.id)}">{esc(dim.title)}</a>',
            f"{_bar(level)} {esc(dim.level_name or 'failed')}{_probability(dim)}",
        ]
        if comparison and (item := comparison.item(dim.id)):
            cells.append(esc(item.yours.value if item.yours else "-"))
            cells.append(badge(describe(item), item.size.replace(" ", "-")))
        cells.append(f'<span class="num">{len(dim.evidence)}</span>')
        cells.append(" ".join(badge(f, "warn") for f in dim.flags))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    summary = ""
    if comparison:
        summary = (
            f"<p>Your scores from <code>{esc(comparison.source)}</code>: "
            f"{comparison.compared} compared, {comparison.agreements} agree, "
            f"{comparison.disagreements} disagree. Disagreements are listed first.</p>"
        )
    header = "".join(f"<th>{h}</th>" for h in head)
    return f"{summary}<table><tr>{header}</tr>{''.join(rows)}</table>"


def _probability(dim: DimensionResult) -> str:
    found = dim.confidence()
    return "" if found is None else f' <span class="num">(p {found:.2f})</span>'


def _dimension(
    card: Scorecard, dim: DimensionResult, anchors: dict[_SpanKey, str], number: int
) -> str:
    item = card.comparison.item(dim.id) if card.comparison else None
    disagree = item is not None and bool(item.difference)
    out = [
        f'<section class="dim{" disagree" if disagree else ""}" id="dim-{esc(dim.id)}">',
        f"<h3>{number}. {esc(dim.title)}: {esc(dim.level_name or 'failed')}</h3>",
    ]
    if item is not None and item.yours is not None:
        out.append(
            f"<p>Yours: <b>{esc(item.yours.value)}</b> "
            f"{badge(describe(item), item.size.replace(' ', '-'))}</p>"
        )
    if dim.error:
        out.append(f"<p>{badge('failed', 'warn')} {esc(dim.error)}</p>")
    if dim.rationale:
        out.append(f'<p class="why">{esc(dim.rationale)}</p>')
    quotes = []
    for ev in dim.evidence:
        key = _key(ev)
        text = f"[{esc(ev.turn_id)}] “{esc(ev.quote)}”"
        if ev.status != "verified":
            text += f" <span class='note'>({esc(ev.status)})</span>"
        if key is not None:
            link = f'class="evidence-link" href="#{anchors[key]}" data-quote="{esc(ev.quote)}"'
            text = f"<a {link}>{text}</a>"
        quotes.append(f"<li>{text}</li>")
    if quotes:
        out.append(f'<ol class="quotes">{"".join(quotes)}</ol>')
    elif dim.level is not None:
        out.append('<p class="note">No verified quote.</p>')
    for flag in dim.flags:
        out.append(f"<p>{badge(flag, 'warn')} {esc(FLAG_HELP.get(flag, ''))}</p>")
    out.append(_details(dim))
    out.append("</section>")
    return "\n".join(out)


def _details(dim: DimensionResult) -> str:
    """Return the numbers behind the level, folded away: level probabilities, each answer."""
    rows = []
    if dim.level_probabilities:
        shares = " · ".join(
            f"<b>{esc(lv)} {p:.2f}</b>"
            if dim.level and lv == dim.level.value
            else f"{esc(lv)} {p:.2f}"
            for lv, p in dim.level_probabilities.items()
        )
        rows.append(f'<p class="why">Probability per level: {shares}</p>')
    for answer in dim.indicators:
        text = f"{esc(str(answer.get('id')))}: P(yes) {float(answer.get('p_yes', 0.0)):.2f}"
        per_passage = answer.get("passages")
        if isinstance(per_passage, list):
            text += " (per passage: " + ", ".join(f"{float(p):.2f}" for p in per_passage) + ")"
        rows.append(f"<li>{text}</li>")
    if not rows:
        return ""
    items = [r for r in rows if r.startswith("<li>")]
    others = [r for r in rows if not r.startswith("<li>")]
    answers = f"<ul>{''.join(items)}</ul>" if items else ""
    return f"<details><summary>Details</summary>{''.join(others)}{answers}</details>"


def _turn(turn: Turn, spans: list[_Span], number: dict[str, int]) -> str:
    text = turn.text
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        piece = esc(text[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if covering:
            # One nested mark per quote that starts here, so each quote has its own anchor.
            for span in (s for s in covering if s.start == a):
                titles = ", ".join(d.title for d in span.dims)
                piece = f'<mark id="{span.anchor}" title="{esc(titles)}">{piece}</mark>'
            refs = " ".join(s.anchor for s in covering)
            piece = f'<mark data-q="{refs}">{piece}</mark>'
        for span in (s for s in spans if s.end == b):
            piece += "".join(
                f'<sup class="back"><a href="#dim-{esc(d.id)}" title="{esc(d.title)}">'
                f"{number[d.id]}</a></sup>"
                for d in {d.id: d for d in span.dims}.values()
            )
        pieces.append(piece)
    role = turn.role if turn.role in ("candidate", "interviewer") else "unknown"
    who = f"[{esc(turn.id)}] {esc(turn.speaker or turn.role)}"
    return (
        f'<div class="turn {role}" id="turn-{esc(turn.id)}">'
        f'<span class="who">{who}</span>{"".join(pieces)}</div>'
    )
