"""Roles for every turn of a loaded transcript: from labels, diarized speakers, or the words.

* Labels with roles, or ``candidate=``: :func:`~grader.transcripts.roles.assign_roles`.
* Diarized labels only (``SPEAKER_00``, ``Speaker 2``, ...):
  :func:`~grader.transcripts.attribution.diarized.map_speakers`.
* No labels at all: :func:`~grader.transcripts.attribution.infer.attribute_lines`, which
  also splits lines that hold two speakers and groups lines into turns. A transcript of
  fewer than 60 words says too little to tell speakers apart, and keeps unknown roles
  unless a person gives them.

A person's corrections (:class:`~grader.transcripts.attribution.overrides.SpeakerOverrides`)
win over everything inferred; every inference is recorded in an
:class:`~grader.transcripts.attribution.record.Attribution` and said in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.transcripts.attribution.diarized import is_generic, map_speakers
from grader.transcripts.attribution.infer import attribute_lines
from grader.transcripts.attribution.overrides import SpeakerOverrides
from grader.transcripts.attribution.record import LOW_CONFIDENCE, Attribution
from grader.transcripts.labels import RawTurn, Role, role_word, speaker_key
from grader.transcripts.reading import MAX_LISTED
from grader.transcripts.roles import assign_roles

MIN_WORDS = 60
FIX_HINT = "correct it with --candidate-lines or --speakers FILE"


@dataclass
class Resolved:
    """Turns with their roles, each turn's confidence, the record and the warnings."""

    turns: list[RawTurn]
    roles: list[Role]
    confidences: list[float | None]
    attribution: Attribution | None = None
    warnings: list[str] = field(default_factory=list)


def resolve(
    raw: list[RawTurn], path: str, candidate: str | None, overrides: SpeakerOverrides | None
) -> Resolved:
    """Give every turn a role (see the module docstring)."""
    overrides = overrides or SpeakerOverrides()
    labelled = [t for t in raw if t.speaker]
    if not labelled:
        return _unlabelled(raw, path, overrides)
    keys = {speaker_key(t.speaker) for t in labelled}
    diarized = all(is_generic(t.speaker) and role_word(t.speaker) is None for t in labelled)
    if candidate is None and diarized and not any(t.role_hint for t in labelled):
        return _diarized(raw, path, overrides, keys)
    roles, warnings = assign_roles(raw, path, candidate)
    notes = _unmatched(overrides, keys, path)
    for key, role in overrides.speakers.items():
        roles = [
            role if speaker_key(t.speaker) == key else r for t, r in zip(raw, roles, strict=True)
        ]
    roles = [overrides.lines.get(t.line, r) for t, r in zip(raw, roles, strict=True)]
    return Resolved(raw, roles, [None] * len(raw), warnings=[*warnings, *notes])


def _unmatched(overrides: SpeakerOverrides, keys: set[str], path: str) -> list[str]:
    missing = [k for k in overrides.speakers if k not in keys]
    if not missing:
        return []
    return [f"{path}: the speakers given ({', '.join(map(repr, missing))}) match no speaker here"]


def _diarized(
    raw: list[RawTurn], path: str, overrides: SpeakerOverrides, keys: set[str]
) -> Resolved:
    labelled = [t for t in raw if t.speaker]
    fixed = {k: r for k, r in overrides.speakers.items() if k in keys}
    mapping, sure = map_speakers(labelled, fixed)
    roles: list[Role] = [mapping.get(speaker_key(t.speaker), "unknown") for t in raw]
    roles = [overrides.lines.get(t.line, r) for t, r in zip(raw, roles, strict=True)]
    confidences: list[float | None] = [
        1.0 if t.line in overrides.lines else sure.get(speaker_key(t.speaker)) for t in raw
    ]
    names = {speaker_key(t.speaker): t.speaker for t in labelled}
    record = _record("diarized", raw, confidences, overrides)
    record = record.model_copy(update={"speakers": {names[k]: r for k, r in mapping.items()}})
    listed = "; ".join(
        f"{names[k]!r} is the {r} ({sure[k]:.2f})" for k, r in mapping.items() if k not in fixed
    )
    warning = (
        f"{path}: the speakers are diarized without names; roles were inferred from their "
        f"words: {listed}; attribution confidence {record.confidence:.2f}; "
        "pass --candidate LABEL (or --speakers FILE) to choose the candidate instead"
    )
    notes = _unmatched(overrides, keys, path) + ([warning] if listed else [])
    return Resolved(raw, roles, confidences, record, notes)


def _unlabelled(raw: list[RawTurn], path: str, overrides: SpeakerOverrides) -> Resolved:
    words = sum(len(t.text.split()) for t in raw)
    unknown: list[Role] = ["unknown"] * len(raw)
    plain = Resolved(raw, unknown, [None] * len(raw))
    if words < MIN_WORDS and not overrides.lines:
        return plain
    found = attribute_lines(raw, overrides.lines)
    if "candidate" not in found.roles:
        plain.warnings.append(
            f"{path}: speakers could not be told apart (no line reads as the candidate's)"
        )
        return plain
    confidences: list[float | None] = list(found.confidences)
    record = _record("unlabelled", found.turns, confidences, overrides)
    record = record.model_copy(update={"split_lines": found.split_lines})
    low = record.low_confidence_turns
    shown = ", ".join(low[:MAX_LISTED]) + (
        f" and {len(low) - MAX_LISTED} more" if len(low) > MAX_LISTED else ""
    )
    uncertain = (
        f"; {len(low)} of {len(found.turns)} turns below {LOW_CONFIDENCE}: {shown}" if low else ""
    )
    lines = "1 line" if found.split_lines == 1 else f"{found.split_lines} lines"
    split = f"; {lines} held two speakers and were split" if found.split_lines else ""
    warning = (
        f"{path}: the transcript has no speaker labels, so the speakers were inferred from "
        f"the words (who asks, who answers, second-person prompts, turn length): "
        f"{len(found.turns)} turns, attribution confidence {record.confidence:.2f}{split}"
        f"{uncertain}; {FIX_HINT}"
    )
    return Resolved(found.turns, found.roles, confidences, record, [warning])


def _record(
    method: str,
    turns: list[RawTurn],
    confidences: list[float | None],
    overrides: SpeakerOverrides,
) -> Attribution:
    total = weight = 0.0
    low = []
    for i, (turn, sure) in enumerate(zip(turns, confidences, strict=True), 1):
        if sure is None:
            continue
        count = len(turn.text.split())
        total += count * sure
        weight += count
        if sure < LOW_CONFIDENCE:
            low.append(f"T{i}")
    return Attribution.model_validate(
        {
            "method": method,
            "confidence": round(total / weight, 4) if weight else 0.5,
            "low_confidence_turns": low,
            "corrected": list(overrides.described),
        }
    )
