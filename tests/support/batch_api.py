"""A fixture OpenAI Batch API for tests: the Files and Batches endpoints behind a mock transport.

``tests/fixtures/openai_batch/*_fixture*.json`` follow the documented shapes of the Files
and Batches API objects and of batch output and error lines (hand-made, not recordings).
"""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from typing import Any

import openai

from grader.backends.fake import FakeBackend

try:
    import httpx2 as httpx
except ImportError:  # the SDK's HTTP client under its usual name
    import httpx  # type: ignore[no-redef]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "openai_batch"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}_fixture.json").read_text())
    return data


class FakeBatchAPI:
    """Serves the Files and Batches endpoints from the fixtures."""

    def __init__(self, *, broken_polls: int = 0) -> None:
        self.uploads: list[list[dict[str, Any]]] = []
        self.created: list[dict[str, Any]] = []
        self.polls: dict[str, int] = {}
        self.broken_polls = broken_polls
        self.invalid: set[str] = set()  # custom ids answered with text that is not JSON
        self.expired: set[str] = set()  # custom ids put in the error file
        self.first_request_of: dict[int, str] = {}
        # P(yes) for a yes/no question (a request without response_format), from its messages.
        self.yes: Any = lambda messages: 0.5

    def client(self) -> openai.OpenAI:
        return openai.OpenAI(
            api_key="test-key",
            base_url="https://batch.fixture.test/v1",
            max_retries=0,
            http_client=httpx.Client(transport=httpx.MockTransport(self.handle)),
        )

    def handle(self, request: Any) -> Any:
        path, method = request.url.path, request.method
        if method == "POST" and path == "/v1/files":
            lines = re.findall(rb'^\{"custom_id".*$', request.read(), re.M)
            self.uploads.append([json.loads(line) for line in lines])
            body = fixture("file_create") | {"id": f"file-input-{len(self.uploads)}"}
            return httpx.Response(200, json=body)
        if method == "POST" and path == "/v1/batches":
            sent = json.loads(request.read())
            self.created.append(sent)
            number = len(self.created)
            body = fixture("batch_validating") | {
                "id": f"batch_{number}",
                "input_file_id": sent["input_file_id"],
            }
            return httpx.Response(200, json=body)
        if method == "GET" and path.startswith("/v1/batches/"):
            batch_id = path.rsplit("/", 1)[1]
            self.polls[batch_id] = self.polls.get(batch_id, 0) + 1
            if self.broken_polls:
                self.broken_polls -= 1
                return httpx.Response(500, json={"error": {"message": "fixture outage"}})
            number = batch_id.split("_")[1]
            if self.polls[batch_id] == 1:
                return httpx.Response(200, json=fixture("batch_in_progress") | {"id": batch_id})
            body = fixture("batch_completed") | {
                "id": batch_id,
                "output_file_id": f"file-output-{number}",
                "error_file_id": f"file-errors-{number}",
            }
            return httpx.Response(200, json=body)
        if method == "GET" and path.endswith("/content"):
            kind, number = path.split("/")[-2].split("-")[1:]
            return httpx.Response(200, content=self.results(int(number), kind))
        return httpx.Response(404, json={"error": {"message": f"no route {method} {path}"}})

    def results(self, number: int, kind: str) -> bytes:
        out = []
        for line in self.uploads[number - 1]:
            cid = line["custom_id"]
            if (cid in self.expired) != (kind == "errors"):
                continue
            if kind == "errors":
                out.append(fixture("batch_error_line") | {"custom_id": cid})
                continue
            answer = copy.deepcopy(fixture("batch_output_line"))
            answer["custom_id"] = cid
            body = line["body"]
            choice = answer["response"]["body"]["choices"][0]
            if "response_format" not in body:
                # A yes/no question: one token with its log-probabilities.
                p_yes = min(max(self.yes(body["messages"]), 1e-6), 1 - 1e-6)
                top = [
                    {"token": "yes", "logprob": math.log(p_yes), "bytes": None},
                    {"token": "no", "logprob": math.log(1 - p_yes), "bytes": None},
                ]
                choice["message"]["content"] = "yes" if p_yes >= 0.5 else "no"
                choice["logprobs"] = {"content": [{**top[0], "top_logprobs": top}]}
                out.append(answer)
                continue
            schema = body["response_format"]["json_schema"]["schema"]
            text = FakeBackend().default_answer(body["messages"], schema)
            message = choice["message"]
            message["content"] = "not JSON at all" if cid in self.invalid else text
            out.append(answer)
        return b"".join(json.dumps(item).encode() + b"\n" for item in out)
