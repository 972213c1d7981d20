"""Replace personal data in a transcript with stable placeholders before it leaves the machine.

:func:`redact` returns a copy of a transcript in which emails, phone numbers, URLs and the
speakers' names (plus any names the caller adds) are replaced by ``[EMAIL_1]``,
``[PHONE_1]``, ``[URL_1]``, ``[NAME_1]`` and so on, in turn texts, speaker labels and
warnings. The same original always gets the same placeholder within one transcript, so a
model can still tell that two turns mention the same person. The returned
:class:`Redaction` maps placeholders back to the originals, so a quote taken from the
redacted text can be shown in the transcript's own words with :meth:`Redaction.restore`.

What counts as a phone number is deliberately narrow: an international number (``+`` and
8 to 15 digits), a number with an area code in parentheses, a national number with a
leading ``0`` (9 to 12 digits), or the North American ``415-555-0132`` shape. Latencies,
percentages, years, versions, times and large counts are left alone. A speaker's name is
matched by each part of 3 letters or more as a whole word, case-insensitively, so a name
that is also a common word ("Mark") is replaced wherever the word appears.

Everything here is a pure function of its inputs: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from grader.transcripts.formats import role_word
from grader.transcripts.transcript import Transcript

__all__ = ["KINDS", "PLACEHOLDER", "Kind", "Match", "Redaction", "find_personal_data", "redact"]

Kind = Literal["EMAIL", "URL", "PHONE", "NAME"]
# Earlier kinds win where matches overlap: a URL holding an email stays one URL, and a name
# inside an address stays part of the address.
KINDS: Final[tuple[Kind, ...]] = ("URL", "EMAIL", "PHONE", "NAME")
PLACEHOLDER: Final = re.compile(r"\[(EMAIL|URL|PHONE|NAME)_([1-9][0-9]*)\]")

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL: Final = re.compile(
    rf"(?<![\w.+%-])[\w.+%-]{{1,64}}@(?:{_LABEL}\.){{1,8}}[a-z]{{2,24}}\b", re.IGNORECASE
)
_TLDS = (
    "com|org|net|io|dev|app|ai|co|edu|gov|info|biz|me|tech|cloud|xyz|us|uk|de|fr|es|it|nl|br"
    "|in|jp|cn|ca|au|ch|se|no|pt|pl|ru|eu|ly|gl|be|at|dk|fi|ie|nz|sg|hk|kr|mx|ar|za|tv|fm|gg"
)
_URL: Final = re.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"']+"
    rf"|(?<![\w@.-])(?:{_LABEL}\.){{1,8}}(?:{_TLDS})/[^\s<>\"']*",
    re.IGNORECASE,
)
# Trailing punctuation belongs to the sentence, not to the address.
_URL_TAIL = ".,;:!?)]}'\""
_PHONE: Final = re.compile(
    r"(?<![\w+.])(?:"
    r"\+[0-9]{1,3}+(?:[ .-]?\([0-9]{1,4}+\))?(?:[ .-]?[0-9]{1,5}+){1,5}+"
    r"|\([0-9]{2,5}+\)[ .-]?[0-9]{2,4}+(?:[ .-]?[0-9]{2,4}+){1,3}+"
    r"|0[0-9]{1,4}+(?:[ .-][0-9]{2,8}+){1,4}+"
    r"|0[0-9]{8,10}+"
    r"|(?:1[ .-])?[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{4}"
    r")(?!\w|[.,][0-9])"
)
_DATE: Final = re.compile(
    r"[0-9]{1,2}([./-])[0-9]{1,2}\1[0-9]{2,4}|[0-9]{4}([./-])[0-9]{1,2}\2[0-9]{1,2}"
)
_EDGE_PUNCTUATION: Final = re.compile(r"^\W+|\W+$")
# Words in speaker labels that name a role or a slot, not a person.
_NOT_NAMES: Final = frozenset(
    [
        "speaker",
        "interviewer",
        "candidate",
        "interviewee",
        "applicant",
        "unknown",
        "host",
        "panel",
        "panelist",
        "moderator",
        "recruiter",
        "participant",
        "person",
        "guest",
        "hiring",
        "manager",
        "question",
        "answer",
        "voice",
    ]
)


@dataclass(frozen=True)
class Match:
    """One piece of personal data found in a text.

    Attributes:
        kind: ``EMAIL``, ``URL``, ``PHONE`` or ``NAME``.
        start: Offset of the first character.
        end: Offset just past the last character.
        value: The matched text.
    """

    kind: Kind
    start: int
    end: int
    value: str


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
            ``{"email": {"values": 2, "occurrences": 5}, "url": ..., "phone": ...,
            "name": ...}``: distinct originals and replacements made, per kind.
        """
        summary = {kind.lower(): {"values": 0, "occurrences": 0} for kind in KINDS}
        for placeholder, count in self.occurrences.items():
            entry = summary[placeholder[1:].split("_", 1)[0].lower()]
            entry["values"] += 1
            entry["occurrences"] += count
        return summary


def _is_phone(candidate: str) -> bool:
    # The shape matched; the digit count tells a phone number from a list of figures.
    digits = sum(c.isdigit() for c in candidate)
    if candidate[0] == "+":
        return 8 <= digits <= 15
    if candidate[0] == "(":
        return 9 <= digits <= 12
    if candidate[0] == "0":
        return 9 <= digits <= 12 and _DATE.fullmatch(candidate) is None
    return digits in (10, 11)


def _parts(name: str) -> list[str]:
    """Return the words of ``name`` with 3 letters or more, without edge punctuation."""
    words = (_EDGE_PUNCTUATION.sub("", word) for word in name.split())
    return [w for w in words if sum(c.isalpha() for c in w) >= 3]


def _name_pattern(labels: Iterable[str], names: Iterable[str]) -> re.Pattern[str] | None:
    """Build one pattern for the people in speaker labels and for the given names.

    A speaker label contributes its name parts (not role words like "Interviewer"); a given
    name contributes itself as written (any spacing) and its parts.
    """
    terms: set[str] = set()
    for label in labels:
        if role_word(label) is None:
            terms.update(re.escape(p) for p in _parts(label) if p.casefold() not in _NOT_NAMES)
    for name in names:
        if name.split():
            terms.add(r"\s+".join(re.escape(w) for w in name.split()))
            terms.update(re.escape(p) for p in _parts(name))
    if not terms:
        return None
    # Longest first, so "Marco Silva" wins over "Marco" at the same position.
    alternation = "|".join(sorted(terms, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _find(text: str, names: re.Pattern[str] | None) -> list[Match]:
    """Find personal data in ``text``; overlaps go to the kind listed first in KINDS."""
    found: list[Match] = []
    for kind in KINDS:
        for m in _candidates(kind, text, names):
            # ``found`` is sorted and non-overlapping: only the neighbours can collide.
            at = bisect_left(found, m.start, key=lambda f: f.start)
            before_ok = at == 0 or found[at - 1].end <= m.start
            after_ok = at == len(found) or m.end <= found[at].start
            if before_ok and after_ok:
                found.insert(at, m)
    return found


def _candidates(kind: Kind, text: str, names: re.Pattern[str] | None) -> Iterable[Match]:
    if kind == "URL":
        for m in _URL.finditer(text):
            value = m.group(0).rstrip(_URL_TAIL)
            if not value.endswith(("://", "www.")):
                yield Match(kind, m.start(), m.start() + len(value), value)
    elif kind == "EMAIL":
        yield from (Match(kind, m.start(), m.end(), m.group(0)) for m in _EMAIL.finditer(text))
    elif kind == "PHONE":
        for m in _PHONE.finditer(text):
            if _is_phone(m.group(0)):
                yield Match(kind, m.start(), m.end(), m.group(0))
    elif names is not None:
        yield from (Match(kind, m.start(), m.end(), m.group(0)) for m in names.finditer(text))


def find_personal_data(text: str, names: Sequence[str] = ()) -> list[Match]:
    """Find emails, URLs, phone numbers and the given names in ``text``.

    Args:
        text: Any text.
        names: People's names; each, and each of its parts of 3 letters or more, is
            matched as a whole word, ignoring case.

    Returns:
        Non-overlapping matches in order of position.
    """
    return _find(text, _name_pattern((), names))


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
    names = _name_pattern((t.speaker for t in transcript.turns), extra_names)
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
