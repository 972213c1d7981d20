"""Who is the interviewer and who the candidate: roles from labels, names and guessing."""

from __future__ import annotations

from grader.errors import TranscriptError
from grader.transcripts.labels import RawTurn, Role, role_word, speaker_key
from grader.transcripts.reading import MAX_LISTED


def assign_roles(
    turns: list[RawTurn], path: str, candidate: str | None
) -> tuple[list[Role], list[str]]:
    """Give every turn a role (see the module docstring for the rules)."""
    names: dict[str, str] = {}
    hints: dict[str, Role] = {}
    for t in turns:
        if t.speaker:
            key = speaker_key(t.speaker)
            names.setdefault(key, t.speaker)
            if t.role_hint is not None:
                hints.setdefault(key, t.role_hint)
    shown = [repr(n) for n in list(names.values())[:MAX_LISTED]]
    if len(names) > MAX_LISTED:
        shown.append(f"and {len(names) - MAX_LISTED} more")
    found = ", ".join(shown) or "none"
    role_of: dict[str, Role] = {}
    warnings: list[str] = []
    if candidate is not None:
        wanted = speaker_key(candidate)
        if wanted not in names:
            raise TranscriptError(
                path,
                f"candidate {candidate!r} matches no speaker; speakers found: {found}",
                hint="pass one of those names as --candidate NAME",
            )
        role_of = {k: "candidate" if k == wanted else "interviewer" for k in names}
    else:
        for key, name in names.items():
            known = role_word(name) or hints.get(key)
            if known is not None and known != "unknown":
                role_of[key] = known
        rest = [k for k in names if k not in role_of]
        if rest:
            warnings.append(_guess_roles(turns, rest, role_of, names, path))
    if names and "candidate" not in role_of.values():
        raise TranscriptError(
            path,
            f"no candidate turns; speakers found: {found}",
            hint="pass --candidate NAME with the candidate's speaker label",
        )
    return [role_of.get(speaker_key(t.speaker), "unknown") for t in turns], warnings


def _guess_roles(
    turns: list[RawTurn],
    rest: list[str],
    role_of: dict[str, Role],
    names: dict[str, str],
    path: str,
) -> str:
    """Assign roles to speakers in ``rest`` (keys, in order of appearance) and explain."""
    words = {k: 0 for k in rest}
    asked = {k: 0 for k in rest}
    count = {k: 0 for k in rest}
    for t in turns:
        key = speaker_key(t.speaker)
        if key in words:
            words[key] += len(t.text.split())
            count[key] += 1
            asked[key] += t.text.rstrip(" \"'’”)]").endswith("?")
    asker = None
    if "candidate" in role_of.values():
        chosen = None
    elif len(rest) == 1 or "interviewer" in role_of.values():
        chosen = max(rest, key=lambda k: words[k])
    else:
        asker = max(rest, key=lambda k: asked[k] / count[k])
        chosen = max((k for k in rest if k != asker), key=lambda k: words[k])
    for key in rest:
        role_of[key] = "candidate" if key == chosen else "interviewer"
    parts = [f"{names[chosen]!r} is the candidate (most words)"] if chosen else []
    others = [k for k in rest if k != chosen]
    if others:
        why = "a candidate is already marked" if chosen is None else "the other speakers"
        if asker is not None:
            why = f"{names[asker]!r} ends the largest share of turns with '?'"
        listed = ", ".join(repr(names[k]) for k in others)
        parts.append(
            f"{listed} {'is an interviewer' if len(others) == 1 else 'are interviewers'} ({why})"
        )
    return (
        f"{path}: speaker roles were guessed: {'; '.join(parts)}; "
        "pass --candidate NAME to choose the candidate instead"
    )
