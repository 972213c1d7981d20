"""Fuzzing what the grader reads from outside: transcript files and model answers.

Whatever the bytes of a transcript file or the body of an endpoint's answer, only a
:class:`~grader.errors.GraderError` may escape, and what comes out can be written as UTF-8
text (a lone surrogate once crashed ``grade`` and vanished from a batch).
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.backends.base import Settings, Usage
from grader.backends.fake import FakeBackend
from grader.backends.openai_protocol import completion_from_body, yes_no_from_body
from grader.backends.yesno import problem
from grader.engine import grade
from grader.errors import GraderError, OutputError
from grader.grading.prompts import PromptSet
from grader.grading.schema import DimensionAnswer
from grader.grading.structured import Request, ask_steps
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript, load, parse

# --- lone surrogates ---------------------------------------------------------------------

SURROGATE_JSON = '[\n  {"speaker": "Interviewer", "text": "Go on."},\n  ' + (
    '{"speaker": "Candidate", "text": "bad \\ud800 surrogate"}\n]\n'
)


def _encodable(transcript: Transcript) -> None:
    blob = json.dumps(transcript.model_dump(), ensure_ascii=False)
    blob.encode("utf-8")  # raises UnicodeEncodeError on a lone surrogate


def test_a_lone_surrogate_in_json_is_replaced_with_a_warning_naming_the_line(
    tmp_path: Path, rubric: Rubric
) -> None:
    path = tmp_path / "t.json"
    path.write_text(SURROGATE_JSON)
    transcript = load(path)
    assert transcript.turns[1].text == "bad \ufffd surrogate"
    [warning] = [w for w in transcript.warnings if "surrogate" in w]
    assert warning.startswith(f"{path}:3: 1 lone UTF-16 surrogate (\\ud800)")
    _encodable(transcript)
    # Graded end to end, and the scorecard is written as UTF-8.
    card = grade(transcript, rubric, FakeBackend(yes=0.7))
    json.dumps(card.to_json(), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("text", "Interviewer: Go on.\n\nCandidate: bad \ud800 surrogate\n"),
        ("timestamped", "[00:01] Interviewer: Go on.\n[00:05] Candidate: bad \udfff one\n"),
        ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Candidate>bad \udc80 one\n"),
        ("srt", "1\n00:00:01,000 --> 00:00:02,000\nCandidate: bad \ud83d one\n"),
        ("json", '[{"speaker": "Candidate\\udc00", "text": "bad \ud800 one"}]'),
    ],
)
def test_lone_surrogates_are_replaced_in_every_format(fmt: Any, text: str) -> None:
    transcript = parse(text, path="t", fmt=fmt)
    assert any("surrogate" in w and w.startswith("t:") for w in transcript.warnings)
    assert "\ufffd" in "".join(t.text + t.speaker for t in transcript.turns)
    _encodable(transcript)


# --- transcript files --------------------------------------------------------------------

_CHARS = st.characters(codec=None) | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
_TEXT = st.text(_CHARS, max_size=40)
_TURN = st.fixed_dictionaries(
    {"speaker": st.sampled_from(["Interviewer", "Candidate", ""]) | _TEXT, "text": _TEXT},
    optional={"start": st.floats(allow_nan=True) | st.integers(), "role": _TEXT},
)
_JSON_FILE = st.lists(_TURN, max_size=4).map(json.dumps)
_TEXT_FILE = st.lists(
    st.tuples(st.sampled_from(["Interviewer", "Candidate", "[00:01]", "00:00:01.000 -->"]), _TEXT),
    max_size=5,
).map(lambda turns: "\n\n".join(f"{label}: {body}" for label, body in turns))
_BYTES = (
    st.binary(max_size=400)
    | _JSON_FILE.map(lambda s: s.encode("utf-8", "surrogatepass"))
    | _TEXT_FILE.map(lambda s: s.encode("utf-8", "surrogatepass"))
    | _TEXT_FILE.map(lambda s: s.encode("utf-16", "surrogatepass"))
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_BYTES, suffix=st.sampled_from([".txt", ".vtt", ".srt", ".json", ".dat"]))
def test_load_on_arbitrary_bytes_gives_text_or_a_grader_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        try:
            transcript = load(path)
        except GraderError:
            return
    _encodable(transcript)
    assert all(t.text.strip() for t in transcript.turns)


# --- endpoint answers --------------------------------------------------------------------

_KEYS = "choices message content logprobs top_logprobs token logprob usage prompt_tokens"
_KEYS += " finish_reason refusal model x"
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.integers(min_value=10**300, max_value=10**400)
    | _TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(_KEYS.split()),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@st.composite
def _chat_body(draw: st.DrawFn) -> Any:
    """A body that is close to a chat completion, with any part replaced by anything."""
    token = draw(st.sampled_from(["Yes", "No", " yes", "NO", "The", ""]) | _JSON)
    logprob = draw(
        st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.1]) | _JSON
    )
    top = draw(
        st.lists(st.fixed_dictionaries({"token": st.just(token), "logprob": _JSON}), max_size=3)
        | _JSON
    )
    first = {"token": token, "logprob": logprob, "top_logprobs": top}
    choice = {
        "message": draw(st.fixed_dictionaries({"content": _JSON | _TEXT}) | _JSON),
        "logprobs": draw(st.just({"content": [first]}) | _JSON),
        "finish_reason": draw(st.sampled_from(["stop", "length", "error"]) | _JSON),
    }
    body = {"choices": draw(st.just([choice]) | _JSON), "usage": draw(_JSON)}
    return draw(st.just(body) | _JSON | _TEXT)


@settings(max_examples=500, deadline=None)
@given(body=_chat_body())
def test_yes_no_parsing_never_raises_and_never_reads_a_bad_answer_as_a_probability(
    body: Any,
) -> None:
    answer = yes_no_from_body(body)
    if problem(answer) is None:
        assert 0.0 <= answer.p_yes <= 1.0 and 0.5 <= answer.mass <= 1.0 + 1e-6
        assert math.isfinite(answer.p_yes) and math.isfinite(answer.mass)
    completion = completion_from_body(body, "m")
    assert isinstance(completion.text, str) and isinstance(completion.finish_reason, str)
    assert isinstance(completion.model, str) and completion.usage.prompt_tokens >= 0


_PROMPTS = PromptSet()


@settings(max_examples=300, deadline=None)
@given(body=_chat_body(), content=_TEXT | _JSON.map(json.dumps))
def test_chat_completion_parsing_gives_an_answer_or_an_output_error(
    body: Any, content: str
) -> None:
    completion = completion_from_body(body, "m")
    if completion.text == "" and completion.finish_reason == "stop":
        completion.text = content
    prompt = _PROMPTS.messages("retry.j2", reason="x")
    steps = ask_steps(FakeBackend(), _PROMPTS, prompt, DimensionAnswer, Settings(), usage=Usage())
    # Every request of the retry loop gets the same answer.
    try:
        effect = next(steps)
        while True:
            assert isinstance(effect, Request)
            effect = steps.send(completion)
    except StopIteration as stop:
        assert isinstance(stop.value.value, DimensionAnswer)
    except OutputError as exc:
        assert exc.attempts == 3 and len(exc.reasons) == 3
