"""Redaction in the grading pipeline: what a remote backend receives."""

from __future__ import annotations

import json
from typing import Any

import httpx2 as httpx
import openai

from grader.backends.fake import FakeBackend
from grader.backends.openai_backend import OpenAIBackend
from grader.engine import grade
from grader.grading.options import GradeOptions, leaves_machine, resolve_options
from grader.grading.prompts import PromptSet
from grader.rubrics.rubric import Rubric
from helpers import make_transcript

T = make_transcript(
    ("Dana Whitfield", "Hi Marco, thanks for joining. How would you size the cache?"),
    (
        "Marco Silva",
        "I'd start from traffic. You can reach me at marco.silva@example.com or "
        "+1 (415) 555-0132, and my notes are at https://marco.example.com/cache-notes. "
        "I would size the cache for the p95 working set, about 40 GB.",
    ),
    ("Dana Whitfield", "Good. What about eviction?"),
    ("Marco Silva", "LRU first, then measure the hit rate per key prefix before tuning."),
)
PERSONAL = ["marco", "silva", "dana", "whitfield", "example.com", "555", "415"]


def remote_backend(bodies: list[dict[str, Any]]) -> OpenAIBackend:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        user = body["messages"][-1]["content"]
        quote = "size the cache for the p95 working set" if "JSON" in user else ""
        content = (
            json.dumps(
                {
                    "evidence": [{"turn_id": "T2", "quote": quote}] if quote else [],
                    "rationale": "r",
                    "level": "strong",
                }
            )
            if body.get("response_format")
            else "Yes"
        )
        return httpx.Response(
            200,
            json={
                "id": "x",
                "object": "chat.completion",
                "created": 0,
                "model": "m",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            },
        )

    def client() -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            api_key="sk-test",
            base_url="https://grader.invalid/v1",
            max_retries=0,
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        )

    return OpenAIBackend(client, "m", mode="json_schema")


def test_remote_requests_carry_no_personal_data(rubric: Rubric) -> None:
    bodies: list[dict[str, Any]] = []
    backend = remote_backend(bodies)
    assert leaves_machine(backend)
    # Redaction is left to the library, which turns it on for a remote endpoint.
    options = GradeOptions(strategy="per_dimension")
    assert resolve_options(options, backend, rubric, PromptSet().sha256).redact is True
    card = grade(T, rubric, backend, options=options)
    assert bodies, "the backend was called"
    sent = json.dumps(bodies).lower()
    for item in PERSONAL:
        assert item not in sent, item
    assert "[email_1]" in sent and "[name_1]" in sent
    assert card.redaction is not None and card.redaction["email"]["values"] == 1
    # Quotes are shown in the transcript's own words.
    quotes = [e.quote for d in card.dimensions for e in d.evidence]
    assert quotes and all("[" not in q for q in quotes)


def test_indicator_questions_are_redacted_too(rubric: Rubric) -> None:
    bodies: list[dict[str, Any]] = []
    backend = remote_backend(bodies)
    grade(T, rubric, backend, options=GradeOptions(strategy="indicators", redact=True))
    sent = json.dumps(bodies).lower()
    assert not any(item in sent for item in PERSONAL)


def test_local_backends_are_not_redacted_by_default(rubric: Rubric) -> None:
    options = GradeOptions(strategy="per_dimension")
    assert resolve_options(options, FakeBackend(), rubric, PromptSet().sha256).redact is False
    fake = FakeBackend()
    grade(T, rubric, fake, options=GradeOptions(strategy="per_dimension", redact=True))
    assert "marco" not in json.dumps(fake.requests).lower()
