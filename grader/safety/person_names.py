"""Find the names of people in a transcript, so that every mention of them can be redacted.

Names come from four places:

- speaker labels: each part of 3 letters or more of a label that is not a role word
  ("Dana Whitfield", not "Interviewer 2");
- names the caller adds (``--redact-name``), as written and by their parts;
- running text: a known given name (:mod:`grader.safety.given_names`) written with a
  capital, alone ("as Priya said") or before a capitalised surname ("Marco Silva"); a
  capitalised name after a title ("Dr Okafor"), after an introduction ("my name is
  Ngata", "call me Beto") or after a greeting or thanks ("Thanks, Dana."). "A vendor
  called Portika" names a company, so "called" and "named" introduce no one;
- every name found is then matched everywhere in the transcript, by each of its parts of 3
  letters or more, as a whole word and ignoring case, so a name found in one turn is
  redacted in every other turn and in the labels as well.

A name that is also a common word ("Mark") is replaced wherever the word appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from grader.safety.given_names import GIVEN_NAMES
from grader.transcripts.labels import role_word

__all__ = ["name_pattern", "names_in_text", "parts"]

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
# Capitalised words a greeting or a title may precede that are not names.
_NOT_AFTER_GREETING: Final = frozenset(
    [
        "all",
        "everyone",
        "everybody",
        "team",
        "folks",
        "guys",
        "there",
        "world",
        "again",
        "both",
        "sir",
        "madam",
        "you",
        "so",
        "ok",
        "okay",
        "yes",
        "no",
        "well",
        "great",
        "sure",
        "good",
    ]
)
_CAPITALISED = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?![\w'’-])"
# Surname shapes: "Silva", "O'Neill", "McDonald", "Smith-Jones", "van Dijk", "da Silva".
_SURNAME = rf"(?:(?:van|von|de|da|di|del|der|du|le|la|dos|bin|al)[ -])?(?:Mc|Mac|O')?{_CAPITALISED}"
_GIVEN_WORD: Final = re.compile(rf"(?<![\w'’-]){_CAPITALISED}")
_FULL_NAME_TAIL: Final = re.compile(rf"\s+({_SURNAME})")
_TITLED: Final = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Professor)\.?\s+({_CAPITALISED}(?:\s+{_SURNAME})?)"
)
_INTRODUCED: Final = re.compile(
    rf"\b(?i:my\s+name\s+is|my\s+name's|name's|call\s+me)\s+"
    rf"({_CAPITALISED}(?:\s+{_SURNAME})?)"
)
_GREETED: Final = re.compile(
    r"\b(?i:hi|hello|hey|dear|thanks|thank\s+you|welcome|bye|goodbye|cheers|sorry"
    r"|good\s+(?:morning|afternoon|evening)|nice\s+to\s+meet\s+you|great\s+to\s+meet\s+you)"
    rf"[,!]?\s+({_CAPITALISED})(?=\s*(?:[,.!?;:]|$|\s(?:and|for|to|from)\b))"
)


def parts(name: str) -> list[str]:
    """Return the words of ``name`` with 3 letters or more, without edge punctuation."""
    words = (_EDGE_PUNCTUATION.sub("", word) for word in name.split())
    return [w for w in words if sum(c.isalpha() for c in w) >= 3]


def names_in_text(text: str) -> list[str]:
    """Return the people's names that running text shows, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in _GIVEN_WORD.finditer(text):
        if m.group(0) in GIVEN_NAMES:
            tail = _FULL_NAME_TAIL.match(text, m.end())
            surname = tail.group(1) if tail and _surname_ok(tail.group(1)) else ""
            found.append((m.start(), f"{m.group(0)} {surname}".strip()))
    for pattern in (_TITLED, _INTRODUCED, _GREETED):
        for m in pattern.finditer(text):
            name = m.group(1)
            if name.split()[0].casefold() not in _NOT_AFTER_GREETING | _NOT_NAMES:
                found.append((m.start(1), name))
    return [name for _, name in sorted(found)]


def _surname_ok(word: str) -> bool:
    return word.casefold() not in _NOT_NAMES and role_word(word) is None


def name_pattern(labels: Iterable[str], names: Iterable[str]) -> re.Pattern[str] | None:
    """Build one pattern for the people in speaker labels and for the given names.

    A speaker label contributes its name parts (not role words like "Interviewer"); a given
    name contributes itself as written (any spacing) and its parts.
    """
    terms: set[str] = set()
    for label in labels:
        if role_word(label) is None:
            terms.update(re.escape(p) for p in parts(label) if p.casefold() not in _NOT_NAMES)
    for name in names:
        if name.split():
            terms.add(r"\s+".join(re.escape(w) for w in name.split()))
            terms.update(re.escape(p) for p in parts(name))
    if not terms:
        return None
    # Longest first, so "Marco Silva" wins over "Marco" at the same position.
    alternation = "|".join(sorted(terms, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
