"""Observable counts read from the candidate's own words, with no model involved.

Some behaviours the rubric rewards leave plain traces in the text: a candidate who asks
clarifying questions asks them, one who reasons with the interviewer's data repeats its
numbers. Every count reads the words only, not how they are written: punctuation, case,
numbers in digits or in words and how the speech is cut into turns change no count, since
speech-to-text output differs from typed notes in exactly these ways (the counts were
chosen by leaving one writing style out, evals/reports/counts/). A small model asked "did
the candidate ask a question?" can miss what a count sees exactly. These counts are offered
to a calibration next to the model's answers (keys ``text.<name>``); the calibration
decides from labelled data how much, if at all, each one counts for each dimension.

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

import contextlib
import re
from collections.abc import Mapping, Sequence
from typing import Final

from text_to_num import alpha2digit

from grader.transcripts.transcript import Transcript

__all__ = [
    "CANDIDATE_COUNTS",
    "COUNTS",
    "PREFIX",
    "figures",
    "plain_words",
    "questions",
    "terms_count",
    "text_features",
]

PREFIX: Final = "text."
# Counts of the candidate's own words, offered to every dimension by default.
CANDIDATE_COUNTS: Final = ("questions", "early_questions", "numbers")
# Every count; the others are offered only to dimensions whose rubric entry lists them.
COUNTS: Final = (*CANDIDATE_COUNTS, "interviewer_questions")
# Questions asked early are those within the candidate's first this many words.
EARLY_WORDS: Final = 300
_FIGURE: Final = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(\s*(?:%|percent\b))?", re.IGNORECASE)
_AUXILIARY: Final = r"(?:do|does|did|are|is|was|were|can|could|would|should|will|have|has|am)"
_SUBJECT: Final = r"(?:you|we|i|they|it|this|that|there|these|those|the|users?|people|our|your)"
_ASKING: Final = r"(?:what|how|who|which|when|where|why|whats|hows)"
_ASKS: Final = r"(?:kind|sort|type|many|much|long|often|happens|counts|exactly|percent|share)"
# The opening words of a question, read without punctuation: an auxiliary before a pronoun
# or "there", "it", "this" ("do we know", "is there"), or a question word before a quantity
# ("how many", "what kind") or before an auxiliary and its subject ("what is the", "how do
# you"). Chosen among a few such patterns as the one whose count followed the question marks
# of typed transcripts best; on the 147 house-style transcripts (evals/question_counts.py)
# its count correlates 0.58 with theirs, a third of the sentences it fires on are statements
# (such as "that is it") and it finds about half of the sentences ending in a question mark.
# It reads as many questions whether or not the text has punctuation.
_QUESTION: Final = re.compile(
    rf"(?<!\S){_AUXILIARY}\s+(?:you|we|i|they|there|it|this)\b"
    rf"|(?<!\S){_ASKING}\s+(?:{_ASKS}\b|{_AUXILIARY}\s+{_SUBJECT}\b)"
)


# A question opening this close (in words) to a question's first opening belongs to it.
_SAME_QUESTION: Final = 3


def plain_words(text: str) -> str:
    """Return ``text`` lower-cased without punctuation, as speech-to-text output often is.

    Counts read this form, so a transcript with and without punctuation counts alike.
    """
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower())
    text = re.sub(r"[^\w\s'%.]|(?<!\w)'|'(?!\w)|\.(?!\d)", " ", text)
    return " ".join(text.split())


def questions(text: str) -> int:
    """Count the questions in ``text`` by their opening words, not by question marks.

    Speech-to-text output often has no question marks; "do we know the baseline" is a
    question with or without one. An opening within three words of the question's first
    one belongs to it ("how many users do we have" is one question).
    """
    text = plain_words(text)
    found, start, word, read = 0, -_SAME_QUESTION - 1, 0, 0
    for match in _QUESTION.finditer(text):
        word += text.count(" ", read, match.start())  # words before the match, read once
        read = match.start()
        if word - start > _SAME_QUESTION:
            found, start = found + 1, word
    return found


def figures(text: str) -> int:
    """Count the figures in ``text``, written in digits or spoken as words.

    A figure is a percentage ("15%", "fifteen percent"), a decimal ("3.5") or a number
    above ten ("1,200", "sixty"); "two options" or "3 steps" is not one, whichever way it
    is written. Spoken numbers are read by the ``text2num`` parser.
    """
    with contextlib.suppress(ValueError, IndexError, KeyError):
        text = str(alpha2digit(text, "en", threshold=0))
    found = 0
    for match in _FIGURE.finditer(text):
        digits = match.group(1).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        found += bool(match.group(2) or "." in digits or value > 10)
    return found


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

    - ``questions``: questions, found by their opening words (see :func:`questions`), so
      that a transcript without punctuation counts like one with it.
    - ``early_questions``: those within the candidate's first 300 words, before most
      answers have begun (by words, not turns, so cutting turns shorter changes nothing).
    - ``numbers``: figures (``40%``, ``3.5``, ``1,200``, "fifteen percent", "sixty"),
      written in digits or spoken as words alike (see :func:`figures`).
    - ``interviewer_questions``: questions in the interviewers' turns (absent when no turn
      is known to be an interviewer's).
    - ``<dimension>_terms``: uses of the dimension's rubric terms (``terms``: dimension id
      to its words), for each dimension that has some.

    Returns no counts when no turn has a known speaker role.
    """
    if all(turn.role == "unknown" for turn in transcript.turns):
        return {}
    texts = [turn.text for turn in transcript.candidate_turns()]
    interviewer = [turn.text for turn in transcript.turns if turn.role == "interviewer"]
    early = " ".join(" ".join(texts).split()[:EARLY_WORDS])
    counts = {
        "questions": sum(questions(text) for text in texts),
        "early_questions": questions(early),
        "numbers": sum(figures(text) for text in texts),
    }
    if interviewer:
        counts["interviewer_questions"] = sum(questions(text) for text in interviewer)
    for dimension, words in (terms or {}).items():
        if words:
            pattern = terms_pattern(words)
            counts[terms_count(dimension)] = sum(len(pattern.findall(t)) for t in texts)
    return {PREFIX + name: float(value) for name, value in counts.items()}
