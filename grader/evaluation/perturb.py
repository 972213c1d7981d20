"""Copies of a transcript that must not change its grade: the invariance checks.

Each perturbation rewrites how an interview is written, not what the candidate does:
numbers as words or as digits, speech-to-text style (lower case, no punctuation), fillers
and false starts, other speaker names, neutral follow-ups from the interviewer, and the same
turns split into shorter ones. A grading method whose levels move under these is measuring
the writing style, not the candidate. Every function is deterministic (a seed where random).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from num2words import num2words
from text_to_num import alpha2digit

from grader.transcripts.features import plain_words
from grader.transcripts.transcript import Transcript

# A number as people write it: 1,200 / 2.4 / 15 (a trailing % stays beside it).
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_FILLERS = ("uh", "um", "you know", "I mean", "like", "so")
_FOLLOW_UPS = (
    "Okay. Can you say a bit more about that?",
    "Mm-hm, go on.",
    "Right. And then?",
    "Okay, keep going.",
)


@dataclass(frozen=True)
class Written:
    """A transcript written out as plain ``Speaker: text`` turns.

    Attributes:
        text: The file's content.
        candidate: The candidate's speaker label, when the speakers are people's names.
    """

    text: str
    candidate: str | None = None


Turns = list[tuple[str, str]]
Perturbation = Callable[[Turns, int], tuple[Turns, str | None]]


def turns_of(transcript: Transcript) -> Turns:
    """Return (speaker label, text) per turn, labels written as roles where known."""
    found = []
    for turn in transcript.turns:
        label = {"interviewer": "Interviewer", "candidate": "Candidate"}.get(turn.role, "")
        found.append((label or turn.speaker or "Speaker", turn.text))
    return found


def write(turns: Turns, candidate: str | None = None) -> Written:
    """Render turns as a plain-text transcript."""
    return Written("\n\n".join(f"{speaker}: {text}" for speaker, text in turns) + "\n", candidate)


def digits_to_words(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Write every number in words ("2.4" -> "two point four", "15%" -> "fifteen percent")."""

    def spell(match: re.Match[str]) -> str:
        whole, fraction = match.group(1).replace(",", ""), match.group(2)
        value = float(whole + fraction) if fraction else int(whole)
        return str(num2words(value))

    def convert(text: str) -> str:
        return _NUMBER.sub(spell, text.replace("%", " percent"))

    return [(speaker, convert(text)) for speaker, text in turns], None


def words_to_digits(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Write numbers spoken as words in digits, with the ``text2num`` parser."""
    return [(speaker, str(alpha2digit(text, "en"))) for speaker, text in turns], None


def speech_to_text(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Lower-case everything and drop punctuation, as raw speech-to-text output looks."""
    return [(speaker, plain_words(text)) for speaker, text in turns], None


def fillers(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Add fillers and false starts ("uh", "I mean", a repeated word) to the candidate."""
    rng = random.Random(seed)

    def disfluent(text: str) -> str:
        sentences = _SENTENCE.split(text)
        out = []
        for sentence in sentences:
            words = sentence.split()
            if words and rng.random() < 0.5:
                if words[0] not in ("I", "I'm", "I'd", "I'll", "I've"):
                    words[0] = words[0][:1].lower() + words[0][1:]
                words.insert(0, rng.choice(_FILLERS).capitalize() + ",")
            if len(words) > 3 and rng.random() < 0.3:
                at = rng.randrange(1, len(words) - 1)
                words.insert(at, words[at])
            out.append(" ".join(words))
        return " ".join(out)

    return [(s, disfluent(t) if s == "Candidate" else t) for s, t in turns], None


def renamed_speakers(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Name the speakers as people instead of by their roles; the label says who is who."""
    names = {"Interviewer": "Dana", "Candidate": "Robin"}
    return [(names.get(s, s), t) for s, t in turns], names["Candidate"]


def interviewer_follow_ups(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Split some long candidate answers with a neutral follow-up from the interviewer."""
    rng = random.Random(seed)
    out: Turns = []
    for speaker, text in turns:
        sentences = _SENTENCE.split(text)
        if speaker == "Candidate" and len(sentences) >= 4 and rng.random() < 0.5:
            half = len(sentences) // 2
            out.append((speaker, " ".join(sentences[:half])))
            out.append(("Interviewer", rng.choice(_FOLLOW_UPS)))
            out.append((speaker, " ".join(sentences[half:])))
        else:
            out.append((speaker, text))
    return out, None


def shorter_turns(turns: Turns, seed: int = 0) -> tuple[Turns, str | None]:
    """Split every turn of three sentences or more into turns of at most two sentences."""
    out: Turns = []
    for speaker, text in turns:
        sentences = _SENTENCE.split(text)
        for start in range(0, len(sentences), 2):
            out.append((speaker, " ".join(sentences[start : start + 2])))
    return out, None


PERTURBATIONS: dict[str, Perturbation] = {
    "digits_to_words": digits_to_words,
    "words_to_digits": words_to_digits,
    "speech_to_text": speech_to_text,
    "fillers": fillers,
    "renamed_speakers": renamed_speakers,
    "interviewer_follow_ups": interviewer_follow_ups,
    "shorter_turns": shorter_turns,
}


def perturb(transcript: Transcript, names: Sequence[str], seed: int = 0) -> dict[str, Written]:
    """Return one written copy of ``transcript`` per perturbation named."""
    turns = turns_of(transcript)
    copies = {}
    for name in names:
        changed, candidate = PERTURBATIONS[name](turns, seed)
        copies[name] = write(changed, candidate)
    return copies
