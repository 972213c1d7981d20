"""What the scorecard page shows, worked out from a scorecard, its transcript and rubric.

Every cited quote gets one anchor in the transcript (``q1``, ``q2``, ...); a dimension's
quote links to it, and the highlighted words link back to each dimension citing them. The
transcript's text is escaped piece by piece before the marks are put around it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from grader.grading.comparison import describe
from grader.grading.scorecard import FLAG_HELP, DimensionResult, Scorecard
from grader.grading.second_opinion import ordered_dimensions
from grader.rubrics.levels import LEVEL_ORDER, Level
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript, Turn


@dataclass
class QuoteView:
    """One quote a dimension cites."""

    cite: str
    anchor: str | None
    turn_id: str
    quote: str
    status: str


@dataclass
class DimensionView:
    """One dimension as the page shows it."""

    id: str
    number: int
    title: str
    level: str | None
    level_name: str
    rank: int
    descriptor: str
    sure: str
    reasons: list[str]
    quotes: list[QuoteView]
    flags: list[tuple[str, str]]
    error: str | None
    yours: str | None = None
    disagreement: str | None = None
    size: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Span:
    anchor: str
    start: int
    end: int
    cites: list[tuple[DimensionView, str]] = field(default_factory=list)


def how_sure(dim: DimensionResult) -> str:
    """Say in plain words how sure the grader is of a dimension's level."""
    if dim.level is None:
        return "no level: grading this dimension failed"
    probabilities = dim.level_probabilities or {}
    p = probabilities.get(dim.level.value)
    if p is None:
        return "this method gives no measure of how sure it is; check the quotes"
    others = sorted(
        ((q, lv) for lv, q in probabilities.items() if lv != dim.level.value), reverse=True
    )
    runner = f"; next most likely: {others[0][1].replace('_', ' ')} ({others[0][0]:.0%})"
    runner = runner if others else ""
    if p >= 0.7:
        words = "fairly sure"
    elif p >= 0.45:
        words = "leaning this way; a neighbouring level is quite possible"
    else:
        words = "unsure: other levels are nearly as likely"
    return f"{words} ({p:.0%} for this level{runner})"


def sentences(text: str) -> list[str]:
    """Split a rationale into sentences."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def dimension_views(card: Scorecard, rubric: Rubric) -> list[DimensionView]:
    """Return the dimensions in the order the page shows them (disagreements first)."""
    views = []
    for number, dim in enumerate(ordered_dimensions(card), start=1):
        descriptor = ""
        if dim.level is not None and dim.id in {d.id for d in rubric.dimensions}:
            descriptor = rubric.dimension(dim.id).descriptor(dim.level)
        view = DimensionView(
            id=dim.id,
            number=number,
            title=dim.title,
            level=dim.level.value if dim.level else None,
            level_name=dim.level_name or "failed",
            rank=dim.level.rank + 1 if dim.level else 0,
            descriptor=descriptor,
            sure=how_sure(dim),
            reasons=sentences(dim.rationale),
            quotes=[],
            flags=[(flag, FLAG_HELP.get(flag, "")) for flag in dim.flags],
            error=dim.error,
            details=_details(dim, _questions(rubric, dim.id)),
        )
        item = card.comparison.item(dim.id) if card.comparison else None
        if item is not None and item.yours is not None:
            view.yours = rubric.level_name(item.yours)
            view.disagreement = describe(item)
            view.size = item.size.replace(" ", "-")
        views.append(view)
    return views


def _questions(rubric: Rubric, dimension: str) -> dict[str, str]:
    if dimension not in {d.id for d in rubric.dimensions}:
        return {}
    return {item.id: item.question for item in rubric.dimension(dimension).indicators}


def _details(dim: DimensionResult, questions: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {"model calls": dim.attempts}
    if dim.level_probabilities:
        found["probability per level"] = ", ".join(
            f"{lv} {p:.2f}" for lv, p in dim.level_probabilities.items()
        )
    if dim.score is not None:
        found["score"] = f"{dim.score:.3f}"
    for item in dim.indicators:
        name = str(item.get("id", "indicator"))
        question = questions.get(name, name)
        p = item.get("p_yes")
        found[f"P(yes): {question}"] = f"{p:.2f}" if isinstance(p, float) else p
    if dim.rejected_evidence:
        found["quotes not shown"] = "; ".join(
            f"{e.status}: {e.quote[:80]}" for e in dim.rejected_evidence
        )
    found["prompt sha256"] = dim.prompt_sha256[:16]
    return found


def highlighted_turns(
    transcript: Transcript, dims: list[DimensionView], card: Scorecard
) -> list[Markup]:
    """Return each turn as HTML, every cited quote marked and linked back to its dimensions.

    Also fills in each dimension's quotes with the anchor they link to.
    """
    results = {dim.id: dim for dim in card.dimensions}
    spans: dict[tuple[str, int, int], _Span] = {}
    for view in dims:
        for k, ev in enumerate(results[view.id].evidence, start=1):
            cite = f"cite-{view.id}-{k}"
            anchor = None
            if ev.start is not None and ev.end is not None and ev.end > ev.start:
                key = (ev.turn_id, ev.start, ev.end)
                if key not in spans:
                    spans[key] = _Span(f"q{len(spans) + 1}", ev.start, ev.end)
                spans[key].cites.append((view, cite))
                anchor = spans[key].anchor
            view.quotes.append(QuoteView(cite, anchor, ev.turn_id, ev.quote, ev.status))
    by_turn: dict[str, list[_Span]] = {}
    for (turn_id, _, _), span in spans.items():
        by_turn.setdefault(turn_id, []).append(span)
    return [_turn(turn, by_turn.get(turn.id, [])) for turn in transcript.turns]


def _turn(turn: Turn, spans: list[_Span]) -> Markup:
    text = turn.text
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    pieces: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = str(escape(text[a:b]))
        covering = [s for s in spans if s.start <= a and b <= s.end]
        for span in (s for s in covering if s.start == a):
            titles = ", ".join(dict.fromkeys(v.title for v, _ in span.cites))
            piece = f'<mark id="{span.anchor}" title="{escape(titles)}">{piece}</mark>'
        if covering:
            piece = f'<mark class="quote">{piece}</mark>'
        for span in (s for s in spans if s.end == b):
            first: dict[str, tuple[DimensionView, str]] = {}
            for view, cite in span.cites:
                first.setdefault(view.id, (view, cite))
            piece += "".join(
                f'<sup class="back"><a href="#{cite}" title="{escape(view.title)}">'
                f"{view.number}</a></sup>"
                for view, cite in first.values()
            )
        pieces.append(piece)
    role = turn.role if turn.role in ("candidate", "interviewer") else "unknown"
    who = f"[{escape(turn.id)}] {escape(turn.speaker or turn.role)}"
    return Markup(
        f'<div class="turn {role}" id="turn-{escape(turn.id)}">'
        f'<span class="who">{who}</span> {"".join(pieces)}</div>'
    )


def level_choices(rubric: Rubric) -> list[tuple[str, str]]:
    """Return (level id, display name) for the own-levels form, lowest first."""
    return [(level.value, rubric.level_name(level)) for level in LEVEL_ORDER]


def summary_levels(card: Scorecard) -> dict[str, Level | None]:
    """Return each dimension's level."""
    return {dim.id: dim.level for dim in card.dimensions}
