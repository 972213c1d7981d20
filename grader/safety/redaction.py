"""Replace personal data in a transcript with stable placeholders before it leaves the machine.

:func:`redact` returns a copy of a transcript in which personal data is replaced by
``[EMAIL_1]``, ``[PHONE_1]``, ``[NAME_1]`` and so on, in turn texts, speaker labels and
warnings: URLs and bare domains, e-mail addresses (also written as ``marco [at] example
[dot] com``), card numbers, US social security numbers, dates of birth, phone numbers,
street addresses and postcodes (:mod:`grader.safety.personal_data` says which shapes), and
people's names: the speakers', any the caller adds, and those running text shows
(:mod:`grader.safety.person_names`). The same original always gets the same placeholder
within one transcript, so a model can still tell that two turns mention the same person.
The returned :class:`Redaction` maps placeholders back to the originals, so a quote taken
from the redacted text can be shown in the transcript's own words with
:meth:`Redaction.restore`.

Everything here is a pure function of its inputs: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from grader.safety.person_names import name_pattern, names_in_text
from grader.safety.personal_data import KINDS, Kind, Match, structured_data
from grader.transcripts.transcript import Transcript

__all__ = ["KINDS", "PLACEHOLDER", "Kind", "Match", "Redaction", "find_personal_data", "redact"]

PLACEHOLDER: Final = re.compile(rf"\[({'|'.join(KINDS)})_([1-9][0-9]*)\]")


@dataclass(frozen=True)
class Redaction:
    """What :func:`redact` replaced, so it can be put back.

    Attributes:
        mapping: Placeholder (``[NAME_1]``) to the original text it replaced.
        occurrences: Placeholder to how many times it was put in.
    """

    mapping: dict[str, str] = field(default_factory=dict)
    occurrences: dict[str, int] = field(default_factory=dict)

    def restore(self, text: str) -> str:
        """Put the original words back into text taken from the redacted transcript.

        Args:
            text: Redacted text, or any part of it (a quote, a rationale).

        Returns:
            The text with every known placeholder replaced by its original; anything
            that only looks like a placeholder is left as it is.
        """
        return PLACEHOLDER.sub(lambda m: self.mapping.get(m.group(0), m.group(0)), text)

    def to_summary(self) -> dict[str, dict[str, int]]:
        """Count what was replaced, per kind, without any original text.

        Returns:
            ``{"email": {"values": 2, "occurrences": 5}, "url": ..., ...}``: distinct
            originals and replacements made, for every kind in :data:`KINDS`.
        """
        summary = {kind.lower(): {"values": 0, "occurrences": 0} for kind in KINDS}
        for placeholder, count in self.occurrences.items():
            entry = summary[placeholder[1:].rsplit("_", 1)[0].lower()]
            entry["values"] += 1
            entry["occurrences"] += count
        return summary


def _find(text: str, names: re.Pattern[str] | None) -> list[Match]:
    """Find personal data in ``text``; overlaps go to the kind listed first in KINDS."""
    candidates = list(structured_data(text))
    if names is not None:
        candidates += [Match("NAME", m.start(), m.end(), m.group(0)) for m in names.finditer(text)]
    rank = {kind: index for index, kind in enumerate(KINDS)}
    found: list[Match] = []
    # Kind by kind (stable within a kind), so an earlier kind claims its text first.
    for m in sorted(candidates, key=lambda c: rank[c.kind]):
        if m.start >= m.end:
            continue
        # ``found`` is sorted and non-overlapping: only the neighbours can collide.
        at = bisect_left(found, m.start, key=lambda f: f.start)
        before_ok = at == 0 or found[at - 1].end <= m.start
        after_ok = at == len(found) or m.end <= found[at].start
        if before_ok and after_ok:
            found.insert(at, m)
    return found


def find_personal_data(text: str, names: Sequence[str] = ()) -> list[Match]:
    """Find personal data in ``text``: every kind in :data:`KINDS`.

    Args:
        text: Any text.
        names: More people's names; each, and each of its parts of 3 letters or more, is
            matched as a whole word, ignoring case, as are the names the text itself shows.

    Returns:
        Non-overlapping matches in order of position.
    """
    return _find(text, name_pattern((), [*names, *names_in_text(text)]))


class _Replacer:
    """Hands out placeholders: one per distinct original, numbered per kind."""

    def __init__(self, reserved: set[str]) -> None:
        self.reserved = reserved
        self.by_value: dict[tuple[Kind, str], str] = {}
        self.next_number = dict.fromkeys(KINDS, 1)
        self.mapping: dict[str, str] = {}
        self.occurrences: dict[str, int] = {}

    def placeholder(self, kind: Kind, value: str) -> str:
        token = self.by_value.get((kind, value), "")
        if not token:
            # Skip numbers the text already uses, so restore() cannot turn a literal
            # "[NAME_1]" in the original into somebody's name.
            token = f"[{kind}_{self.next_number[kind]}]"
            while token in self.reserved:
                self.next_number[kind] += 1
                token = f"[{kind}_{self.next_number[kind]}]"
            self.next_number[kind] += 1
            self.by_value[(kind, value)] = token
            self.mapping[token] = value
        self.occurrences[token] = self.occurrences.get(token, 0) + 1
        return token

    def apply(self, text: str, names: re.Pattern[str] | None) -> str:
        parts: list[str] = []
        last = 0
        for m in _find(text, names):
            parts += [text[last : m.start], self.placeholder(m.kind, m.value)]
            last = m.end
        return "".join([*parts, text[last:]])


def redact(transcript: Transcript, extra_names: Sequence[str] = ()) -> tuple[Transcript, Redaction]:
    """Return a copy of ``transcript`` with personal data replaced by placeholders.

    Turn texts, speaker labels and warnings are redacted; turn ids, roles, lines and start
    times are unchanged, and so are the transcript's path and hash (which identify the
    source file). Placeholders are numbered per kind in order of first appearance.

    Args:
        transcript: The transcript to redact; it is not changed.
        extra_names: More names to remove (a company, a person mentioned in passing);
            matched like speaker names, and also as the full name given.

    Returns:
        The redacted transcript, and the :class:`Redaction` that can restore quotes.
    """
    shown = [name for turn in transcript.turns for name in names_in_text(turn.text)]
    names = name_pattern((t.speaker for t in transcript.turns), [*extra_names, *shown])
    texts = [s for t in transcript.turns for s in (t.speaker, t.text)] + transcript.warnings
    reserved = {m.group(0) for text in texts for m in PLACEHOLDER.finditer(text)}
    replacer = _Replacer(reserved)
    turns = [
        turn.model_copy(
            update={
                "speaker": replacer.apply(turn.speaker, names),
                "text": replacer.apply(turn.text, names),
            }
        )
        for turn in transcript.turns
    ]
    warnings = [replacer.apply(w, names) for w in transcript.warnings]
    copy = transcript.model_copy(update={"turns": turns, "warnings": warnings})
    return copy, Redaction(replacer.mapping, replacer.occurrences)
