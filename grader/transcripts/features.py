"""Observable counts read from the candidate's own words, with no model involved.

Some behaviours the rubric rewards leave plain traces in the text: a candidate who asks
clarifying questions writes question marks, one who reasons with the interviewer's data
repeats its numbers. A small model answering "did the candidate ask a question?" can miss
what a count sees exactly. These counts are offered to a calibration next to the indicator
answers (keys ``text.<name>``); the calibration decides from labelled data how much, if at
all, each one counts for each dimension.

The candidate counts read only candidate turns, after any passage addressed to a grader has
been set aside. A transcript with no speaker labels has no counts: its questions and numbers
cannot be told apart by speaker, and a calibration scores a missing count at its mean, as
no evidence either way. One count reads the interviewer instead: how many questions they
had to ask. It is evidence about the candidate only where the rubric says so (technical
communication: "needed significant clarification"), so a dimension is offered it only when
its rubric entry lists it under ``counts``; the candidate counts are offered to every
dimension that lists no ``counts``.
A rubric may also list, per dimension, words whose uses by the candidate are counted
(``terms``: for comfort with metrics, "rate", "median", "dashboard", ...): the count
``<dimension>_terms`` is offered to that dimension only. Like every count, it can be raised
by saying the words; the indicator answers and verified quotes beside it are what a reader
checks. How much a candidate talks is deliberately not among the counts: the rubric does
not reward length, and a grader that did could be gamed by talking more (on the labelled
sets, word and turn counts would have raised agreement, only because the better synthetic
candidates also say more).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from text_to_num import alpha2digit

from grader.transcripts.transcript import Transcript

__all__ = ["CANDIDATE_COUNTS", "COUNTS", "PREFIX", "terms_count", "text_features"]

PREFIX: Final = "text."
# Counts of the candidate's own words, offered to every dimension by default.
CANDIDATE_COUNTS: Final = ("questions", "early_questions", "numbers")
# Every count; the others are offered only to dimensions whose rubric entry lists them.
COUNTS: Final = (*CANDIDATE_COUNTS, "interviewer_questions")
_NUMBER: Final = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")
_SPOKEN_PERCENT: Final = re.compile(r"\b[a-z]+\s+percent\b", re.IGNORECASE)
_QUESTION: Final = re.compile(r"\?(?=\s|$|[\"'”’)])")


def spoken_numbers(text: str) -> str:
    """Return ``text`` with figures spoken as words written in digits.

    Numbers above ten become digits ("sixty" -> "60", "two thousand three hundred" ->
    "2300"); a smaller one only as a percentage ("five percent" -> "5 percent"), so that
    "two options" or "one idea" is not taken for a figure.
    """
    try:
        text = str(alpha2digit(text, "en", threshold=10))
        return _SPOKEN_PERCENT.sub(lambda m: str(alpha2digit(m.group(0), "en", threshold=0)), text)
    except (ValueError, IndexError, KeyError):
        return text


def terms_count(dimension: str) -> str:
    """Return the name of the count of a dimension's rubric terms (without the prefix)."""
    return f"{dimension}_terms"


def terms_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """Return a case-insensitive pattern matching any of ``terms`` as whole words.

    A term is a word or phrase; a trailing ``*`` matches any ending of its last word, and
    spaces match any run of whitespace.
    """
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        stem = term.removesuffix("*")
        body = r"\s+".join(re.escape(word) for word in stem.split())
        parts.append(body + (r"\w*" if term.endswith("*") else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def text_features(
    transcript: Transcript, terms: Mapping[str, Sequence[str]] | None = None
) -> dict[str, float]:
    """Return counts over the candidate's turns, keyed ``text.<name>``.

    - ``questions``: question marks that end a sentence.
    - ``early_questions``: those in the candidate's first three turns, before most answers
      have begun.
    - ``numbers``: numbers (``12``, ``3.5``, ``40%``, ``1,200``), spoken ones included:
      "fifteen percent", "five percent" and "two thousand three hundred" count as numbers,
      read by the ``text2num`` parser, but "two options" does not (see
      :func:`spoken_numbers`).
    - ``interviewer_questions``: question marks ending a sentence in the interviewers'
      turns (absent when no turn is known to be an interviewer's).
    - ``<dimension>_terms``: uses of the dimension's rubric terms (``terms``: dimension id
      to its words), for each dimension that has some.

    Returns no counts when no turn has a known speaker role.
    """
    if all(turn.role == "unknown" for turn in transcript.turns):
        return {}
    turns = transcript.candidate_turns()
    texts = [turn.text for turn in turns]
    interviewer = [turn.text for turn in transcript.turns if turn.role == "interviewer"]
    counts = {
        "questions": sum(len(_QUESTION.findall(text)) for text in texts),
        "early_questions": sum(len(_QUESTION.findall(text)) for text in texts[:3]),
        "numbers": sum(len(_NUMBER.findall(spoken_numbers(text))) for text in texts),
    }
    if interviewer:
        counts["interviewer_questions"] = sum(len(_QUESTION.findall(t)) for t in interviewer)
    for dimension, words in (terms or {}).items():
        if words:
            pattern = terms_pattern(words)
            counts[terms_count(dimension)] = sum(len(pattern.findall(t)) for t in texts)
    return {PREFIX + name: float(value) for name, value in counts.items()}
