"""Renderers for a scorecard: terminal text, Markdown and JSON."""

from __future__ import annotations

from collections.abc import Iterable

from grader.grading.comparison import Comparison, describe
from grader.grading.scorecard import FLAG_HELP, DimensionResult, Scorecard
from grader.grading.second_opinion import ordered_dimensions
from grader.reports.markdown import md_code, md_text
from grader.reports.strict_json import strict_dumps
from grader.reports.terminal import terminal_text

_BAR = {"very_weak": 1, "weak": 2, "neutral": 3, "strong": 4, "very_strong": 5}


def to_json(card: Scorecard) -> str:
    """Return the scorecard as indented, strict JSON (no bare NaN or Infinity)."""
    return strict_dumps(card.to_json(), indent=2)


def to_text(card: Scorecard) -> str:
    """Return a readable scorecard for a terminal (no control or bidi character acts)."""
    lines = [
        f"Transcript: {card.transcript['path']} ({card.transcript['words']} words, "
        f"{card.transcript['turns']} turns, {card.transcript['format']})",
        f"Rubric: {card.rubric['id']} v{card.rubric['version']}   "
        f"Model: {card.model.get('model')} ({card.model.get('backend')})   "
        f"Strategy: {card.strategy}",
        "",
    ]
    lines += [f"warning: {w}" for w in card.warnings]
    lines += [f"flag: {f}" for f in card.flags]
    if card.warnings or card.flags:
        lines.append("")
    if card.comparison:
        lines += [_comparison_summary(card.comparison), ""]
    for dim in ordered_dimensions(card):
        lines += _dimension_text(dim, card.comparison)
    usage = card.usage
    lines.append(
        f"Used {usage['calls']} model calls, {usage['prompt_tokens']} prompt tokens "
        f"({usage['cached_tokens']} cached), {usage['completion_tokens']} completion tokens, "
        f"{card.elapsed_seconds:.1f} s."
    )
    return terminal_text("\n".join(lines))


def to_markdown(card: Scorecard) -> str:
    """Return the scorecard as Markdown; every string from input is escaped (md_text)."""
    lines = [
        f"# Scorecard: {md_text(card.transcript['path'])}",
        "",
        f"- Rubric: {md_code(card.rubric['id'])} v{md_text(card.rubric['version'])} "
        f"(sha256 {md_code(card.rubric['sha256'][:12])})",
        f"- Model: {md_code(card.model.get('model'))} ({md_text(card.model.get('backend'))}), "
        f"strategy {md_code(card.strategy)}, prompts {md_code(card.prompts['sha256'][:12])}",
        f"- Transcript: {card.transcript['words']} words, {card.transcript['turns']} turns, "
        f"sha256 {md_code(card.transcript['sha256'][:12])}",
        "",
    ]
    comparison = card.comparison
    if comparison:
        lines += [md_text(_comparison_summary(comparison)), ""]
        lines += ["| Dimension | Model | Yours | Disagreement | Quotes | Flags |"]
        lines += ["|---|---|---|---|---|---|"]
    else:
        lines += ["| Dimension | Level | Quotes | Flags |", "|---|---|---|---|"]
    for dim in ordered_dimensions(card):
        level = md_text(dim.level_name + _confidence(dim)) if dim.level_name else "**failed**"
        mine = ""
        if comparison and (item := comparison.item(dim.id)):
            yours = item.yours.value if item.yours else "-"
            mine = f" {md_text(yours)} | {_md_size(describe(item))} |"
        flags = md_text(", ".join(dim.flags))
        lines.append(f"| {md_text(dim.title)} | {level} |{mine} {len(dim.evidence)} | {flags} |")
    for dim in ordered_dimensions(card):
        lines += ["", f"## {md_text(dim.title)}: {md_text(dim.level_name or 'failed')}", ""]
        if comparison and (item := comparison.item(dim.id)) and item.yours:
            lines += [md_text(f"Yours: {item.yours.value}; {describe(item)}."), ""]
        if dim.error:
            lines.append(f"Failed: {md_text(dim.error)}")
        if dim.rationale:
            lines.append(md_text(dim.rationale))
        lines += [""] + [f"> \\[{md_text(e.turn_id)}\\] {md_text(e.quote)}\n" for e in dim.evidence]
    notes = sorted({flag for dim in card.dimensions for flag in dim.flags if flag in FLAG_HELP})
    if notes or card.warnings:
        lines += ["", "## Notes", ""]
        lines += [f"- {md_code(flag)}: {md_text(FLAG_HELP[flag])}" for flag in notes]
        lines += [f"- warning: {md_text(w)}" for w in card.warnings]
    return "\n".join(lines).rstrip() + "\n"


def _confidence(dim: DimensionResult) -> str:
    """Return " (p 0.62)": the probability of the level given, where the method has one."""
    found = dim.confidence()
    return "" if found is None else f" (p {found:.2f})"


def _comparison_summary(comparison: Comparison) -> str:
    gap = comparison.largest_gap
    largest = f" (largest gap {gap} level{'s' if gap > 1 else ''}); disagreements first"
    return (
        f"Your scores ({comparison.source}): {comparison.compared} compared, "
        f"{comparison.agreements} agree, {comparison.disagreements} disagree"
        f"{largest if gap else ''}."
    )


def _md_size(text: str) -> str:
    return md_text(text) if text in ("agree", "not compared") else f"**{md_text(text)}**"


def _dimension_text(dim: DimensionResult, comparison: Comparison | None) -> Iterable[str]:
    side = comparison.item(dim.id) if comparison else None
    mine = ""
    if side is not None and side.yours is not None:
        mine = f"   yours: {side.yours.value}, {describe(side)}"
    elif side is not None:
        mine = "   yours: not given"
    if dim.level is None:
        yield f"{dim.title}: FAILED{mine}"
        yield f"    {dim.error}"
        yield ""
        return
    filled = _BAR[dim.level.value]
    yield (
        f"{dim.title}: {dim.level_name}  [{'#' * filled}{'.' * (5 - filled)}]"
        f"{_confidence(dim)}{mine}"
    )
    for item in dim.evidence:
        mark = "" if item.status == "verified" else f" ({item.status})"
        yield f'    [{item.turn_id}] "{item.quote}"{mark}'
    if not dim.evidence:
        yield "    (no verified quote)"
    if dim.rationale:
        yield f"    why: {dim.rationale}"
    for flag in dim.flags:
        yield f"    flag: {flag}: {FLAG_HELP.get(flag, '')}".rstrip(": ")
    yield ""
