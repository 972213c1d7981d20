"""Speaker labels and raw turns: the rules every transcript format shares.

Speaker-label rule (text, timestamped, SRT and VTT formats):
    A line starts with a *label candidate* when it begins with a short name followed by a
    colon and then whitespace or the end of the line (``Jane Doe: ...``). Markdown emphasis
    (``**Jane:**``), a list bullet (``- ``) or a quote marker (``> ``) before the name is
    allowed. The name is 1-4 words of letters and ``.'’-`` (the last word may be a number
    up to 3 digits, as in ``Speaker 2``), at most 40 characters, or a diarization tool's
    name (``SPEAKER_00``, ``spk-1``). A label candidate is
    accepted as a speaker when any of these holds:

    * it is a role word (``Interviewer``, ``Q``, ``Candidate``, ``A``, ...) written with a
      capital or occurring as a label at least twice;
    * it equals the ``candidate`` name given by the caller (case-insensitive);
    * it is not a common heading word (``Note``, ``Step``, ``Example``, ``Situation``,
      ``Result``, ...) and it occurs as a label at least twice in the file;
    * in the cue formats and the timestamped format only: it is the first text of a cue or
      timestamped line, every word is capitalised, and it is not a common heading word.

    So ``Note: the API...`` or ``Step 1: ...`` inside a turn stays part of that turn.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["interviewer", "candidate", "unknown"]
Format = Literal["text", "vtt", "srt", "json", "timestamped"]

SUPPORTED = (
    "supported formats: .txt/.md with 'Speaker: text' or '[mm:ss] text' lines, "
    ".vtt (WebVTT), .srt (SubRip) and .json (a list of "
    '{"speaker": ..., "text": ..., "start": ...} objects)'
)

INTERVIEWER_WORDS = frozenset(
    {"interviewer", "host", "q", "question", "panel", "panelist", "hiring manager"}
)
CANDIDATE_WORDS = frozenset({"candidate", "interviewee", "applicant", "a", "answer"})

# Words that often start a line followed by a colon inside an answer or a header; a label
# whose full text or first word is one of these is never taken as a speaker by recurrence.
_HEADINGS = """
    note notes nb ps p.s fyi tip tips warning important update edit re subject summary
    todo step steps phase part stage example examples e.g i.e eg ie goal goals problem
    solution option options pros cons pro con result results outcome situation task
    action context background assumption assumptions hypothesis metric metrics kpi
    takeaway takeaways first second third finally next then also so ok okay well yes no
    date time title location duration round topic agenda link url email phone source
    total score feedback follow-up bonus caveat reason why how what who when where which
"""
_HEADING_WORDS = frozenset(_HEADINGS.split())

_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_LABEL_RE = re.compile(r"^[ \t]*+(?:[-*>][ \t]++)?(?P<lab>[^:\s][^:\n]{0,47}?):(?P<rest>.*)$")
_CLOCK = r"(?:[0-9]{1,3}:)?[0-9]{1,3}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
TIMING_RE = re.compile(rf"^[ \t]*({_CLOCK})[ \t]*-->[ \t]*({_CLOCK})(?:[ \t].*)?$")
# ``[01:02] text``, or ``[01:02.000 --> 01:05.000] text`` as Whisper writes it.
TS_LINE_RE = re.compile(rf"^[ \t]*\[({_CLOCK})(?:[ \t]*-->[ \t]*{_CLOCK})?\][ \t]*(.*)$")
# Diarization tools' speaker names: SPEAKER_00, SPK_1, speaker-2.
_DIARIZED_RE = re.compile(r"^(?:speaker|spk)[_-][0-9]{1,3}$", re.IGNORECASE)
VTT_HEADER_RE = re.compile(r"^WEBVTT(?:[ \t].*)?$")
VOICE_RE = re.compile(r"<v(?:\.[^\s<>]*+)?(?:[ \t]++([^<>]*+))?>")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
TAG_RE = re.compile(r"</?[A-Za-z][^<>]*+>|<[0-9:.]++>|\{\\[^{}]*+\}")


@dataclass
class RawTurn:
    """A turn as read from the file, before roles and ids are assigned."""

    speaker: str
    text: str
    line: int
    start: float | None = None
    role_hint: Role | None = None


@dataclass
class Parsed:
    """What a format parser returns: turns in file order and warnings."""

    turns: list[RawTurn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def strip_controls(text: str) -> str:
    """Remove control characters other than newline and tab, and zero-width characters."""
    return _CONTROL_RE.sub("", text)


def replace_surrogates(text: str, path: str, line: int | None = None) -> tuple[str, list[str]]:
    """Replace lone UTF-16 surrogates with U+FFFD; return the text and a warning if any.

    A surrogate code point (from a JSON escape for U+D800, say, or a string decoded
    with ``surrogateescape``) is not text: it cannot be encoded, so it would fail every
    later write. The warning names ``line``, or when that is None the line of ``text``
    (a whole file) where the first one is.
    """
    found = _SURROGATE_RE.search(text)
    if found is None:
        return text, []
    count = len(_SURROGATE_RE.findall(text))
    where = line if line is not None else 1 + text.count("\n", 0, found.start())
    return _SURROGATE_RE.sub("\ufffd", text), [
        f"{path}:{where}: {count} lone UTF-16 surrogate{'s' if count > 1 else ''} "
        f"({ascii(found.group())[1:-1]}) replaced with '\ufffd'; save the transcript as "
        "valid UTF-8 text"
    ]


def clean_text(text: str) -> str:
    """Remove control characters and collapse all whitespace runs to single spaces."""
    return " ".join(strip_controls(text).split())


def speaker_key(label: str) -> str:
    """Return the comparison key of a speaker label (case- and whitespace-insensitive)."""
    return " ".join(label.casefold().split())


def _bare_key(label: str) -> str:
    """Return the key without a trailing period or trailing number (``Q.`` -> ``q``)."""
    key = speaker_key(label).rstrip(".").strip()
    words = key.split()
    if len(words) > 1 and words[-1].isdigit():
        key = " ".join(words[:-1])
    return key


def role_word(label: str) -> Role | None:
    """Return the role a label names by itself (``Interviewer 2`` -> interviewer), if any."""
    key = _bare_key(label)
    if key in INTERVIEWER_WORDS:
        return "interviewer"
    if key in CANDIDATE_WORDS:
        return "candidate"
    return None


def _valid_name(label: str) -> bool:
    """Tell whether a label looks like a speaker name (see the module docstring)."""
    if _DIARIZED_RE.match(label):
        return True
    words = label.split()
    if not 1 <= len(words) <= 4 or len(label) > 40:
        return False
    for i, word in enumerate(words):
        if 0 < i == len(words) - 1 and word.isascii() and word.isdigit() and len(word) <= 3:
            continue
        if not any(c.isalpha() for c in word):
            return False
        if not all(c.isalpha() or c in ".'’-" for c in word):
            return False
    return True


def split_label(line: str) -> tuple[str, str] | None:
    """Split ``Name: rest`` into ``(Name, rest)`` when the line starts with a label candidate."""
    match = _LABEL_RE.match(line)
    if match is None:
        return None
    label = " ".join(match["lab"].strip().strip("*_").split())
    rest = match["rest"]
    if rest.startswith(("**", "__")):
        rest = rest.lstrip("*_")
    if rest and not rest[0].isspace():
        return None
    if not _valid_name(label):
        return None
    return label, rest


def _is_heading(label: str) -> bool:
    key = _bare_key(label)
    return key in _HEADING_WORDS or key.split()[0] in _HEADING_WORDS


def _capitalised(label: str) -> bool:
    return all(w[0].isupper() or w.isdigit() for w in label.split())


def accepted_labels(found: Iterable[tuple[str, bool]], candidate: str | None) -> set[str]:
    """Return the keys of label candidates accepted as speakers.

    Args:
        found: ``(label, relaxed)`` pairs for every label candidate in the file; ``relaxed``
            is true where the label opens a cue or a timestamped line.
        candidate: The candidate name given by the caller, if any.

    Returns:
        The accepted labels' keys (see :func:`speaker_key`).
    """
    counts: Counter[str] = Counter()
    capitalised: set[str] = set()
    upper: set[str] = set()
    for label, relaxed in found:
        key = speaker_key(label)
        counts[key] += 1
        if label[:1].isupper():
            upper.add(key)
        if relaxed and key not in capitalised and _capitalised(label):
            capitalised.add(key)
    wanted = speaker_key(candidate) if candidate else None
    # A lower-case role word said once ("... the real question: how ...", cut by a
    # speech-to-text line break) is part of a sentence, not a label.
    roles = {key for key in counts if role_word(key) and (key in upper or counts[key] >= 2)}
    named = roles | ({wanted} & set(counts) if wanted else set())
    repeated = {key for key, count in counts.items() if count >= 2} | capitalised
    return named | {key for key in repeated if not _is_heading(key)}


def without_stray_labels(
    accepted: set[str], labels: list[str], lines: int, candidate: str | None
) -> set[str]:
    """Drop accepted labels that open too few lines of a long file to be speakers.

    Speech-to-text tools cut lines by time, so a line of a file without speakers can
    start "Server-side: ..." mid-sentence. In a file of 20 lines or more, labels that open
    fewer than one line in twenty are taken as such text (a name given as ``candidate``
    stays a speaker).

    Args:
        accepted: The keys :func:`accepted_labels` returned.
        labels: Every label candidate that opens a line or cue.
        lines: How many lines (or cue lines) the file has.
        candidate: The candidate name given by the caller, if any.
    """
    hits = sum(1 for label in labels if speaker_key(label) in accepted)
    if lines < 20 or hits * 20 >= lines:
        return accepted
    wanted = speaker_key(candidate) if candidate else None
    return {key for key in accepted if key == wanted}


def parse_clock(value: str) -> float | None:
    """Parse ``[hh:]mm:ss[.mmm]`` (``,`` also accepted) into seconds; None if out of range."""
    whole, _, frac = value.replace(",", ".").partition(".")
    parts = [int(p) for p in whole.split(":")]
    if parts[-1] >= 60 or (len(parts) == 3 and parts[1] >= 60):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds + (int(frac) / 10 ** len(frac) if frac else 0.0)
