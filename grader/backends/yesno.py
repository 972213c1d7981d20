"""Reading a yes/no answer from token probabilities, shared by the backends."""

from __future__ import annotations

import math
from collections.abc import Iterable

YES_WORDS = ("yes", "Yes", "YES", " yes", " Yes")
NO_WORDS = ("no", "No", "NO", " no", " No")


def from_logprobs(candidates: Iterable[tuple[str, float]]) -> tuple[float, float]:
    """Return ``(p_yes, mass)`` from (token text, logprob) pairs of the first answer token.

    ``mass`` is the total probability of yes/no tokens; ``p_yes`` is yes's share of it
    (0.5 when neither appears).
    """
    yes = no = 0.0
    for token, logprob in candidates:
        word = token.strip().lower()
        if word == "yes":
            yes += math.exp(logprob)
        elif word == "no":
            no += math.exp(logprob)
    mass = yes + no
    return (yes / mass if mass > 0 else 0.5), mass


def from_text(text: str) -> float | None:
    """Return 1.0 for an answer starting with yes, 0.0 for no, None otherwise."""
    words = text.split()
    word = words[0].strip(".,!:;\"'").lower() if words else ""
    if word == "yes":
        return 1.0
    if word == "no":
        return 0.0
    return None
