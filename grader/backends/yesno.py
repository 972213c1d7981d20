"""Reading a yes/no answer from token probabilities, and telling whether it can be used.

The backends turn what a model returned into a :class:`~grader.backends.base.YesNo`; the
grading logic asks :func:`problem` whether that answer can be used before it becomes a
probability, and asks again (within its attempt bound) when it cannot. An answer is
usable when its probabilities are finite numbers between 0 and 1 and the model put at
least :data:`MIN_MASS` of its probability on answering yes or no at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from grader.backends.base import YesNo

YES_WORDS = ("yes", "Yes", "YES", " yes", " Yes")
NO_WORDS = ("no", "No", "NO", " no", " No")

# Least probability the model must put on answering yes or no at all. Below a half the
# model was more likely to say something else, and P(yes) would be the ratio of two
# small tail probabilities: a number that looks like an answer but reflects noise. A
# sampled answer has mass 1 when its text starts with yes or no, else 0.
MIN_MASS = 0.5
# The method of an answer whose HTTP body was not a chat completion at all (an error page,
# a JSON array, no choices): the endpoint failed, not the model.
UNREADABLE = "unreadable"
# Rounding in a server may give a logprob a hair above 0, or a sum of probabilities a hair
# above 1; more than this is a malformed answer.
_SLACK = 1e-6


def from_logprobs(candidates: Iterable[tuple[object, object]]) -> tuple[float, float]:
    """Return ``(p_yes, mass)`` from (token text, logprob) pairs of the first answer token.

    ``mass`` is the total probability of yes/no tokens; ``p_yes`` is yes's share of it
    (0.5 when neither appears, with mass 0). Pairs that are not text and a number are
    ignored; a yes or no token whose logprob is not a finite number at most 0 makes both
    values NaN, so :func:`problem` rejects the answer instead of reading half of it.
    """
    yes = no = 0.0
    for token, logprob in candidates:
        if not isinstance(token, str):
            continue
        word = token.strip().lower()
        if word not in ("yes", "no"):
            continue
        value = _logprob(logprob)
        if value is None:
            return math.nan, math.nan
        if word == "yes":
            yes += math.exp(value)
        else:
            no += math.exp(value)
    mass = yes + no
    return (yes / mass if mass > 0 else 0.5), mass


def from_text(text: object) -> float | None:
    """Return 1.0 for an answer starting with yes, 0.0 for no, None otherwise."""
    words = text.split() if isinstance(text, str) else []
    word = words[0].strip(".,!:;\"'*").lower() if words else ""
    if word == "yes":
        return 1.0
    if word == "no":
        return 0.0
    return None


def first_token_candidates(choice: object) -> list[tuple[object, object]] | None:
    """Return (token, logprob) pairs for the first answer token of a chat-completion choice.

    Reads ``choice.logprobs.content[0]``: its ``top_logprobs`` when there are any, else the
    token itself. None when the choice carries no log-probabilities (the endpoint does not
    give them); anything that is not the documented shape counts as none.
    """
    logprobs = choice.get("logprobs") if isinstance(choice, dict) else None
    content = logprobs.get("content") if isinstance(logprobs, dict) else None
    if not isinstance(content, list) or not content or not isinstance(content[0], dict):
        return None
    first = content[0]
    top = first.get("top_logprobs")
    pairs = [
        (item.get("token"), item.get("logprob"))
        for item in (top if isinstance(top, list) else [])
        if isinstance(item, dict)
    ]
    return pairs or [(first.get("token"), first.get("logprob"))]


def problem(answer: YesNo) -> str | None:
    """Return why ``answer`` cannot be used as a probability, or None when it can."""
    if answer.method == UNREADABLE:
        return "the endpoint's answer was not a chat completion"
    p_yes, mass = _number(answer.p_yes), _number(answer.mass)
    if p_yes is None or mass is None or not 0.0 <= p_yes <= 1.0 or not 0.0 <= mass <= 1 + _SLACK:
        return (
            f"the answer's probabilities are not valid (P(yes) {answer.p_yes!r}, "
            f"mass {answer.mass!r})"
        )
    if mass < MIN_MASS:
        if answer.method == "sampled":
            return "the answer did not start with yes or no"
        return (
            f"the model put only {mass:.2f} of its probability on yes or no "
            f"(at least {MIN_MASS} is needed)"
        )
    return None


def _logprob(value: object) -> float | None:
    """Return a log-probability as a float at most 0, or None when it is not one."""
    number = _float(value)
    if number is None or math.isnan(number) or number > _SLACK:
        return None
    return min(number, 0.0)


def _number(value: object) -> float | None:
    number = _float(value)
    return number if number is not None and math.isfinite(number) else None


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        # An integer beyond any float: as good as infinite.
        return math.inf if value > 0 else -math.inf
