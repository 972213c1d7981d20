"""The indicator method: narrow yes/no questions per dimension, read as probabilities.

Each dimension's indicators are asked one by one about the transcript; the model's
probability of "yes" (from token probabilities where the backend has them) is averaged
into a score in [0, 1], and the level follows from the score by the dimension's cuts or a
calibration fitted on labels. Every question shares the transcript as its prompt prefix.

An answer is used only when it is a probability the model actually gave (see
:func:`grader.backends.yesno.problem`); otherwise the question is asked again, up to the
attempt bound, and then the dimension fails with the reason. Only usable answers are
cached, and a cached answer that is not usable is asked again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from grader.backends.base import Message, ModelInfo, Settings, Usage, YesNo
from grader.backends.cache import ResponseCache, request_key
from grader.backends.yesno import problem
from grader.errors import OutputError
from grader.grading.prompts import PromptSet, base_context
from grader.grading.structured import Steps, YesNoRequest
from grader.rubrics.rubric import Dimension, Indicator
from grader.transcripts.transcript import Turn

_YES_NO_SCHEMA = {"answer": "yes_no_probability"}


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's answer.

    Attributes:
        id: Indicator id.
        p_yes: Probability of yes.
        mass: Probability put on yes or no at all.
        method: "logprobs" or "sampled".
        polarity: As in the rubric.
    """

    id: str
    p_yes: float
    mass: float
    method: str
    polarity: str

    def to_dict(self) -> dict[str, object]:
        """Return the answer as JSON data."""
        return {
            "id": self.id,
            "p_yes": round(self.p_yes, 4),
            "mass": round(self.mass, 4),
            "method": self.method,
            "polarity": self.polarity,
        }


def ask_indicators(
    model: ModelInfo,
    prompts: PromptSet,
    turns: Sequence[Turn],
    dimension: Dimension,
    usage: Usage,
    cache: ResponseCache | None = None,
    max_attempts: int = 3,
) -> Steps[list[IndicatorResult]]:
    """Yield the dimension's indicator questions about the transcript; return the answers.

    Raises:
        OutputError: A question got no usable answer in ``max_attempts`` calls; the
            message names the question and the reason.
    """
    results = []
    context = base_context(turns)
    for indicator in dimension.indicators:
        prompt = prompts.messages("indicator.j2", **context, question=indicator.question)
        label = f"{dimension.id}: {indicator.id}"
        answer = yield from ask_yes_no(model, prompt.messages, usage, cache, label, max_attempts)
        results.append(
            IndicatorResult(
                indicator.id, answer.p_yes, answer.mass, answer.method, indicator.polarity
            )
        )
    return results


def score(indicators: Sequence[Indicator], results: Sequence[IndicatorResult]) -> float:
    """Return the weighted mean of the indicators' evidence for a higher level, in [0, 1]."""
    by_id = {result.id: result for result in results}
    total = weight = 0.0
    for indicator in indicators:
        result = by_id[indicator.id]
        value = result.p_yes if indicator.polarity == "positive" else 1.0 - result.p_yes
        total += indicator.weight * value
        weight += indicator.weight
    return total / weight if weight else 0.0


def ask_yes_no(
    model: ModelInfo,
    messages: list[Message],
    usage: Usage,
    cache: ResponseCache | None,
    label: str,
    max_attempts: int,
) -> Steps[YesNo]:
    """Yield one yes/no question until a usable answer (or the cache) gives it; return it.

    Raises:
        OutputError: No usable answer in ``max_attempts`` calls; the message names
            ``label`` and the last reason.
    """
    key = ""
    if cache is not None:
        identity = {k: v for k, v in model.describe().items() if k != "structured_output"}
        key = request_key(identity, messages, _YES_NO_SCHEMA, Settings(max_tokens=1))
        hit = cache.get(key)
        cached = _cached(hit[0]) if hit is not None else None
        if cached is not None:
            usage.cache_hits += 1
            return cached
    reasons: list[str] = []
    for _ in range(max(1, max_attempts)):
        answer: YesNo = yield YesNoRequest(messages, label)
        usage.add(answer.usage)
        reason = problem(answer)
        if reason is None:
            if cache is not None:
                text = json.dumps(
                    {"p_yes": answer.p_yes, "mass": answer.mass, "method": answer.method}
                )
                cache.put(key, model.model, text, answer.usage.prompt_tokens, 0)
            return answer
        reasons.append(reason)
    raise OutputError(
        f"{label}: no usable yes/no answer after {len(reasons)} attempts: {reasons[-1]}",
        attempts=len(reasons),
        reasons=reasons,
    )


def _cached(text: str) -> YesNo | None:
    """Return a cached answer, or None when the entry is not a usable one (ask again)."""
    try:
        data = json.loads(text)
        answer = YesNo(float(data["p_yes"]), float(data["mass"]), str(data["method"]))
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError):
        return None
    return answer if problem(answer) is None else None
