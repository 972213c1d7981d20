"""The passage method: narrow yes/no questions about each short passage of the interview.

The interview is cut into passages of about a hundred of the candidate's words
(:mod:`grader.transcripts.passages`). Each dimension's passage questions are asked of every
passage, and the model's probability of "yes" is read from its token probabilities. Every
question about one passage shares that passage as its prompt prefix, so each costs only its
own few tokens. A question's answers are then summed up over the passages (the best two,
the best one, the mean, the share of passages answered yes), and the level follows from
them by a calibration fitted on labelled transcripts, or by the rubric's cuts.

The passages answered "yes" are the evidence: the quotes shown are taken from the passages
that the method itself judged to show the dimension, and the reasons name what held.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from grader.calibration.model import PASSAGE_AGGREGATES
from grader.errors import OutputError
from grader.grading.context import GradingContext, calibrated, failed
from grader.grading.indicators import ask_yes_no
from grader.grading.schema import MAX_QUOTE_CHARS, MAX_QUOTES, DimensionAnswer, Quote
from grader.grading.scorecard import DimensionResult
from grader.grading.structured import Parallel, Steps
from grader.rubrics.levels import level_for
from grader.rubrics.rubric import Dimension, PassageQuestion
from grader.transcripts.chunking import Chunk
from grader.transcripts.passages import Passage, passages

# A passage counts as showing what a question asks when P(yes) is at least this.
SHOWN = 0.5
# (dimension id, question id) -> P(yes) in one passage.
Answers = dict[tuple[str, str], float]


@dataclass(frozen=True)
class Summary:
    """One question's answers over the passages.

    Attributes:
        question: The question.
        answers: P(yes) per passage, in passage order.
    """

    question: PassageQuestion
    answers: list[float]

    @property
    def headline(self) -> float:
        """The mean of the two highest answers (of the one, with a single passage)."""
        top = sorted(self.answers, reverse=True)[:2]
        return statistics.fmean(top)

    def aggregates(self) -> dict[str, float]:
        """Return the other summaries a calibration may use."""
        shown = sum(p >= SHOWN for p in self.answers)
        found = {
            "max": max(self.answers),
            "mean": statistics.fmean(self.answers),
            # Smoothed, so that none or all is not read as certainty.
            "share": (shown + 0.5) / (len(self.answers) + 1),
        }
        # The names a calibration file may use (checked when it is read).
        return {name: found[name] for name in PASSAGE_AGGREGATES}

    def shown_in(self) -> int:
        """Return how many passages were judged to show it."""
        return sum(p >= SHOWN for p in self.answers)


class PassageMethod:
    """Ask every dimension's passage questions of every passage, then decide the levels."""

    def grade(
        self, ctx: GradingContext, chunks: Sequence[Chunk]
    ) -> Steps[tuple[list[DimensionResult], str]]:
        """Yield the questions, passage by passage; return the results and method name."""
        dims = ctx.rubric.dimensions
        found = passages([turn for chunk in chunks for turn in chunk.turns])
        if not found:
            error = OutputError("no words of the candidate to judge", attempts=0, reasons=[])
            return [failed(dim, error, "") for dim in dims], "passages"
        asked: list[Answers | OutputError] = yield Parallel([_ask(ctx, p) for p in found])
        errors = [item for item in asked if isinstance(item, OutputError)]
        answers = [item for item in asked if not isinstance(item, OutputError)]
        results = []
        for dim in dims:
            if errors:
                results.append(failed(dim, errors[0], ""))
            elif not dim.passage_questions:
                error = OutputError(
                    f"dimension {dim.id!r} has no passage questions", attempts=0, reasons=[]
                )
                results.append(failed(dim, error, ""))
            else:
                results.append(_decide(ctx, dim, found, answers))
        return results, "passages"


def _ask(ctx: GradingContext, passage: Passage) -> Steps[Answers | OutputError]:
    """Ask every passage question of one passage, one after another (a shared prefix)."""
    answers: Answers = {}
    excerpt = passage.render()
    for dim in ctx.rubric.dimensions:
        for question in dim.passage_questions:
            prompt = ctx.prompts.messages("passage.j2", excerpt=excerpt, question=question.question)
            label = f"passage {passage.index}: {dim.id}.{question.id}"
            try:
                answer = yield from ask_yes_no(
                    ctx.model,
                    prompt.messages,
                    ctx.usage,
                    ctx.cache,
                    label,
                    ctx.options.max_attempts,
                )
            except OutputError as exc:
                return exc
            answers[dim.id, question.id] = answer.p_yes
    return answers


def summaries(dim: Dimension, answers: Sequence[Answers]) -> list[Summary]:
    """Return each of the dimension's questions summed up over the passages."""
    return [
        Summary(question, [found[dim.id, question.id] for found in answers])
        for question in dim.passage_questions
    ]


def answer_names(dim: Dimension, summed: Sequence[Summary]) -> dict[str, float]:
    """Return the answers a calibration reads: ``<dim>.<question>`` and its aggregates."""
    names = {}
    for item in summed:
        names[f"{dim.id}.{item.question.id}"] = item.headline
        for name, value in item.aggregates().items():
            names[f"{dim.id}.{item.question.id}_{name}"] = value
    return names


def uncalibrated_score(summed: Sequence[Summary]) -> float:
    """Return the mean headline answer, read the other way for a negative question."""
    values = [
        s.headline if s.question.polarity == "positive" else 1.0 - statistics.fmean(s.answers)
        for s in summed
    ]
    return statistics.fmean(values)


def _decide(
    ctx: GradingContext, dim: Dimension, found: Sequence[Passage], answers: Sequence[Answers]
) -> DimensionResult:
    summed = summaries(dim, answers)
    decided = calibrated(ctx, dim, answer_names(dim, summed))
    value = decided.score if decided else uncalibrated_score(summed)
    level = decided.level if decided else level_for(value, dim.cuts)
    quotes = _quotes(dim, found, summed)
    result = ctx.result(dim, DimensionAnswer(evidence=quotes, rationale="", level=level), 1, "")
    result.rationale = reasons(summed, found)
    if decided and decided.counts:
        result.rationale += f" Counts from the text: {decided.counts}."
    result.score = round(value, 4)
    result.indicators = [
        {
            "id": s.question.id,
            "p_yes": round(s.headline, 4),
            "polarity": s.question.polarity,
            "method": "passages",
            "aggregates": {k: round(v, 4) for k, v in s.aggregates().items()},
            "passages": [round(p, 4) for p in s.answers],
        }
        for s in summed
    ]
    if decided and decided.probabilities is not None:
        result.level_probabilities = decided.probabilities
    return result


def _quotes(dim: Dimension, found: Sequence[Passage], summed: Sequence[Summary]) -> list[Quote]:
    """Quote the passages judged most clearly to show the dimension (positive questions)."""
    positive = [s for s in summed if s.question.polarity == "positive"]
    best = [max((s.answers[i] for s in positive), default=0.0) for i in range(len(found))]
    order = sorted(range(len(found)), key=lambda i: -best[i])
    quotes = []
    for i in order[:MAX_QUOTES]:
        if best[i] < SHOWN:
            break
        lines = found[i].judged_lines()
        if lines:
            quotes.append(Quote(turn_id=lines[0].turn_id, quote=_clip(lines[0].text)))
    return quotes


def _clip(text: str) -> str:
    """Return the start of ``text`` that fits a quote, cut at a word boundary."""
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    cut = text[:MAX_QUOTE_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def reasons(summed: Sequence[Summary], found: Sequence[Passage]) -> str:
    """Say in plain words what held, in how many passages, and what was not seen."""
    held = []
    missing = []
    for s in summed:
        count = s.shown_in()
        if count:
            turn = _turn_of(found[max(range(len(found)), key=lambda i: s.answers[i])])
            where = f" (clearest in {turn})" if turn else ""
            held.append(f"{s.question.shows}: {count} of {len(found)} passages{where}")
        else:
            missing.append(s.question.shows)
    parts = []
    if held:
        parts.append("Seen: " + "; ".join(held) + ".")
    if missing:
        parts.append("Not seen: " + "; ".join(missing) + ".")
    return " ".join(parts)


def _turn_of(passage: Passage) -> str:
    lines = passage.judged_lines()
    return lines[0].turn_id if lines else ""
