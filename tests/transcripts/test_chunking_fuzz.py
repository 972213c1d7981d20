"""Property tests for grader.transcripts.chunking.plan over arbitrary turns and budgets."""

from __future__ import annotations

import itertools
import re

from hypothesis import assume, example, given, reject, settings
from hypothesis import strategies as st

from grader.errors import GraderError, TranscriptError
from grader.transcripts.chunking import MIN_BUDGET, Chunk, plan
from grader.transcripts.render import format_turns
from grader.transcripts.transcript import Turn, parse

_TOKEN = re.compile(r"\w+|[^\w\s]")


def count(text: str) -> int:
    """Words plus punctuation marks: deterministic, fast and additive over whitespace."""
    return len(_TOKEN.findall(text))


def cost(turn: Turn) -> int:
    """What plan charges for one turn or part (the line in the prompt, plus its newline)."""
    return count(format_turns([turn])) + 1


# --- strategies ------------------------------------------------------------------------------

_WORD = st.one_of(
    st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10),
    st.sampled_from([".", "!", "?", ",", "—", "e.g.", "3.11.2", "p95", "</transcript>", "{{x}}"]),
)
_GAP = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\r", ". ", "? ", "!\n", ".\r\n", "\n\n"])
_PROSE = st.lists(st.tuples(_WORD, _GAP), max_size=60).map(lambda ws: "".join(a + b for a, b in ws))
# One sentence repeated on a single very long line, to force splitting at words.
_HUGE_LINE = st.builds(lambda w, n: " ".join([w] * n), _WORD, st.integers(200, 3000))
# A run without whitespace that a real tokenizer also counts as many tokens (a URL, CJK text).
_BLOB = st.builds(
    lambda unit, n: unit * n, st.sampled_from(["a.", "!", "数据"]), st.integers(1, 400)
)
_TEXT = st.one_of(_PROSE, _PROSE, _HUGE_LINE, _BLOB, st.text(max_size=200))
_SPEAKER = st.sampled_from(["", "Interviewer", "Candidate", "Dana Whitfield", "A. N. Other Person"])


@st.composite
def constructed_turns(draw: st.DrawFn) -> list[Turn]:
    texts = draw(st.lists(_TEXT, max_size=12))
    return [
        Turn(
            id=f"T{i}",
            speaker=draw(_SPEAKER),
            role=draw(st.sampled_from(["interviewer", "candidate", "unknown"])),
            text=text,
            line=i,
        )
        for i, text in enumerate(texts, 1)
    ]


@st.composite
def parsed_turns(draw: st.DrawFn) -> list[Turn]:
    texts = draw(st.lists(_TEXT, min_size=1, max_size=12))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    labels = ["Interviewer", "Candidate"]
    body = (newline * 2).join(f"{labels[i % 2]}: {text}" for i, text in enumerate(texts))
    try:
        return parse(body, path="fuzz.txt", fmt="text").turns
    except TranscriptError:
        reject()  # parse() refused the text; plan() is what is under test


TURNS = st.one_of(constructed_turns(), parsed_turns())
BUDGETS = st.integers(min_value=1, max_value=900)


# --- checks ----------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def _in_domain(turns: list[Turn], budget: int) -> bool:
    """True when every turn's label alone fits in half the budget.

    plan() splits a long turn at sentences, then at whitespace, then inside a word, so only
    a label longer than half the budget (possible only near the minimum budget) can make a
    plan miss it.
    """
    return budget >= MIN_BUDGET and all(
        cost(turn.model_copy(update={"text": ""})) < budget // 2 for turn in turns
    )


def _check_plan(turns: list[Turn], budget: int, chunks: list[Chunk]) -> None:
    assert chunks, "a plan always has at least one chunk"
    assert [c.index for c in chunks] == list(range(1, len(chunks) + 1))
    for chunk in chunks:
        assert chunk.tokens == sum(cost(part) for part in chunk.turns)
        assert chunk.tokens <= budget
        assert count(format_turns(chunk.turns)) <= budget
    # Neighbouring chunks share exactly their boundary turn (or part); drop that overlap.
    pieces = list(chunks[0].turns)
    for before, after in itertools.pairwise(chunks):
        assert after.turns[0] == before.turns[-1]
        assert len(after.turns) > 1, "a chunk holds more than the overlap"
        pieces.extend(after.turns[1:])
    grouped = [(key, list(group)) for key, group in itertools.groupby(pieces, lambda t: t.id)]
    assert [key for key, _ in grouped] == [turn.id for turn in turns], "dropped or duplicated"
    for turn, (_, parts) in zip(turns, grouped, strict=True):
        if len(parts) == 1 and parts[0] == turn:
            continue
        assert all(
            (p.speaker, p.role, p.line) == (turn.speaker, turn.role, turn.line) for p in parts
        )
        assert _squash("".join(p.text for p in parts)) == _squash(turn.text)


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(turns=TURNS, budget=BUDGETS)
def test_plan_raises_only_for_a_budget_too_small(turns: list[Turn], budget: int) -> None:
    try:
        plan(turns, budget, count)
    except ValueError:
        assert budget < MIN_BUDGET
    except GraderError:
        pass


@settings(max_examples=200, deadline=None)
@given(turns=TURNS, budget=st.integers(min_value=MIN_BUDGET, max_value=900))
@example(turns=[], budget=MIN_BUDGET)
def test_chunks_fit_the_budget_and_cover_every_turn_once(turns: list[Turn], budget: int) -> None:
    assume(_in_domain(turns, budget))
    _check_plan(turns, budget, plan(turns, budget, count))


# --- cases the properties above once found ----------------------------------------------


def _one(text: str, speaker: str = "Candidate") -> list[Turn]:
    return [
        Turn(id="T1", speaker="Interviewer", role="interviewer", text="Go on.", line=1),
        Turn(id="T2", speaker=speaker, role="candidate", text=text, line=3),
    ]


def test_a_long_run_without_spaces_is_split_within_the_budget() -> None:
    turns = _one("!" * 400)
    _check_plan(turns, MIN_BUDGET, plan(turns, MIN_BUDGET, count))


def test_a_turn_with_a_long_label_and_no_text_is_kept() -> None:
    turns = _one("", speaker="A. N. Other Person")
    _check_plan(turns, MIN_BUDGET, plan(turns, MIN_BUDGET, count))
