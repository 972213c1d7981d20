"""The words that tell an interviewer's speech from a candidate's, and a piece's score.

A piece of speech (a sentence or part of a line) gets a score: the log-odds that the
candidate says it rather than the interviewer. Interviewers ask in the second person
("how would you", "walk me through", "tell me about"), acknowledge before moving on
("okay", "great", "that's right") and speak in short turns; candidates speak in the
first person ("I'd start with", "my guess is") and at length. The cues work on lower-case
words without punctuation, so they hold for speech-to-text output as well as for
punctuated text; a question mark, where the text has one, adds to them.

The weights were chosen by measurement on the attribution benchmark
(``evals/benchmarks/attribution.py``), tuned on the house-style splits only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_FILLERS = frozenset({"um", "uh", "erm", "hmm", "mm", "ah", "er", "uhm", "mhm"})

SECOND_PERSON = frozenset({"you", "your", "you're", "you'd", "you've", "you'll", "yourself"})
FIRST_PERSON = frozenset({"i", "i'd", "i'm", "i'll", "i've", "me", "my", "mine", "myself"})
# Words that open a question when they open a sentence.
QUESTION_OPENERS = _set(
    "what what's whats how how's why when where which who whom whose can could would "
    "will do does did is are was were should shall have has any anything"
)
# Words an interviewer opens a turn with after an answer.
ACKNOWLEDGEMENTS = _set(
    "okay ok good great right sure thanks perfect nice fair interesting alright "
    "correct exactly yes yeah yep cool understood got excellent awesome"
)
# Second-person prompts: the interviewer asks the candidate to do something.
PROMPTS = (
    "walk me through",
    "talk me through",
    "take me through",
    "tell me about",
    "tell me how",
    "tell me what",
    "how would you",
    "what would you",
    "which would you",
    "why would you",
    "where would you",
    "would you",
    "how do you",
    "what do you",
    "why do you",
    "can you",
    "could you",
    "do you",
    "did you",
    "have you",
    "are you",
    "what's your",
    "what is your",
    "what are your",
    "let's say",
    "let's move",
    "let's talk",
    "let's go",
    "let's switch",
    "let's assume",
    "suppose",
    "imagine",
    "say you",
    "what if",
    "go ahead",
    "how about",
    "anything else",
    "last question",
    "next question",
    "one more question",
    "before we wrap",
    "thanks for your time",
    "how confident are you",
)
# First-person working: the candidate reasons out loud.
WORKING = (
    "i would",
    "i'd",
    "i think",
    "i want to",
    "i'm assuming",
    "i assume",
    "my guess",
    "my first",
    "let me",
    "i'll",
    "i'm going to",
    "i'm not sure",
    "i don't know",
    "i'm guessing",
    "i'd say",
    "i'd probably",
    "i'd want",
    "i'd like to",
    "i'd start",
    "my recommendation",
    "i recommend",
    "i'd recommend",
    "i'd go with",
    "i'd pick",
    "in my experience",
    "at my last",
    "my team",
    "before i",
    "a few questions",
    "a couple of questions",
    "clarifying question",
    "can i ask",
    "may i ask",
    "is that right",
    "does that make sense",
)


def words(text: str) -> list[str]:
    """Return the lower-case words of ``text`` (apostrophes kept, fillers dropped)."""
    found = _WORD_RE.findall(text.lower().replace("’", "'").replace("‘", "'"))
    return [w for w in found if w not in _FILLERS]


def _phrase_hits(joined: str, phrases: tuple[str, ...]) -> int:
    return sum(joined.count(f" {phrase} ") for phrase in phrases)


_WE = frozenset({"we", "we're", "we'd", "we've", "we'll", "our", "us"})
_DATA = _set("here's percent percentage number numbers data table breakdown")


def _ends_with_question_mark(text: str) -> bool:
    return text.rstrip(" \"'’”)]").endswith("?")


def piece_features(text: str) -> dict[str, float]:
    """Return the cues of a piece of speech, by the name of their weight in :class:`Weights`."""
    found = words(text)
    if not found:
        return {}
    joined = f" {' '.join(found)} "
    return {
        "question_mark": float(_ends_with_question_mark(text)),
        "question_opener": float(found[0] in QUESTION_OPENERS),
        "acknowledgement": float(found[0] in ACKNOWLEDGEMENTS),
        "second_person": min(3, sum(w in SECOND_PERSON for w in found)),
        "first_person": min(3, sum(w in FIRST_PERSON for w in found)),
        "we": min(3, sum(w in _WE for w in found)),
        "prompt": min(2, _phrase_hits(joined, PROMPTS)),
        "working": min(2, _phrase_hits(joined, WORKING)),
        "data": min(3, sum(w in _DATA or w[:1].isdigit() for w in found)),
        # Long stretches of speech are the candidate's; a few words say little either way.
        "length": math.log(len(found)) - math.log(12),
    }


@dataclass(frozen=True)
class Weights:
    """How much each cue moves a piece's score (log-odds that the candidate says it).

    Positive weights point to the candidate, negative ones to the interviewer; the names
    are those of :func:`piece_features`.
    """

    bias: float = 0.69
    question_mark: float = -1.62
    question_opener: float = -0.18
    acknowledgement: float = -0.14
    second_person: float = -0.8
    first_person: float = 0.07
    we: float = -0.38
    prompt: float = -1.94
    working: float = 0.94
    data: float = -0.77
    length: float = 0.33


WEIGHTS = Weights()


def piece_score(text: str, weights: Weights = WEIGHTS) -> float:
    """Return the log-odds that the candidate says ``text`` rather than the interviewer."""
    found = piece_features(text)
    if not found:
        return 0.0
    return weights.bias + sum(
        float(getattr(weights, name)) * value for name, value in found.items()
    )


def looks_like_question(text: str) -> bool:
    """Tell whether a piece reads as a question (a question mark, or a question's opening)."""
    found = words(text)
    if _ends_with_question_mark(text):
        return True
    if not found:
        return False
    return found[0] in QUESTION_OPENERS and any(w in SECOND_PERSON for w in found)


def opens_with_acknowledgement(text: str) -> bool:
    """Tell whether a piece opens with a word an interviewer moves on with (``okay``, ``great``)."""
    found = words(text)
    return bool(found) and found[0] in ACKNOWLEDGEMENTS
