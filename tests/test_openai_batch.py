"""The OpenAI Batch API path, against hand-made fixtures (not recordings).

``tests/fixtures/openai_batch/*_fixture*.json`` follow the documented shapes of the Files
and Batches API objects and of batch output and error lines. A mock transport behind the
real openai SDK serves them: it keeps the request file the grader uploads, moves each
batch from in_progress to completed, and builds the output file from the uploaded lines
(the fixture line with this request's ``custom_id`` and a valid answer for its schema).
"""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from typing import Any

import openai
import pytest
from test_batch import write_interviews

from grader.backends.fake import FakeBackend
from grader.batch.openai_batch import run_openai_batch
from grader.batch.results import read_results
from grader.errors import BackendError
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import Rubric

try:
    import httpx2 as httpx
except ImportError:  # the SDK's HTTP client under its usual name
    import httpx  # type: ignore[no-redef]

FIXTURES = Path(__file__).parent / "fixtures" / "openai_batch"


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


# These tests follow the structured-output rounds of one call per dimension.
PER_DIMENSION = GradeOptions(strategy="per_dimension")


def customer(line: dict[str, Any]) -> int:
    found = re.search(r"customer (\d+)", line["body"]["messages"][1]["content"])
    assert found is not None
    return int(found.group(1))


def test_batch_api_rounds_retries_errors_and_cost(tmp_path: Path, rubric: Rubric) -> None:
    write_interviews(tmp_path / "in", 2)
    api = FakeBatchAPI()
    original = api.handle

    def choose_faults(request: Any) -> Any:
        # Once the first request file is uploaded, pick which requests go wrong.
        response = original(request)
        if request.url.path == "/v1/files" and len(api.uploads) == 1:
            first = api.uploads[0]
            api.invalid.add(next(x["custom_id"] for x in first if customer(x) == 0))
            api.expired.add(next(x["custom_id"] for x in first if customer(x) == 1))
        return response

    api.handle = choose_faults  # type: ignore[method-assign]
    out = tmp_path / "results.jsonl"
    stats = run_openai_batch(
        [str(tmp_path / "in")],
        out,
        rubric,
        api.client(),
        "gpt-4o-mini",
        sleep=lambda s: None,
        options=PER_DIMENSION,
    )
    assert (stats.graded, stats.failed, stats.exit_code) == (1, 1, 1)
    # Round one: every dimension of both transcripts; round two: the one retry.
    assert [len(u) for u in api.uploads] == [12, 1]
    assert len(api.uploads[1][0]["body"]["messages"]) == 4
    for line in api.uploads[0]:
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        assert line["body"]["response_format"]["json_schema"]["strict"] is True
    assert all(c["endpoint"] == "/v1/chat/completions" for c in api.created)
    assert all(c["completion_window"] == "24h" for c in api.created)
    records = {Path(r["input"]).name: r for _, r in read_results(out)}
    graded, failed = records["interview_000.txt"], records["interview_001.txt"]
    assert failed["status"] == "failed" and "batch_expired" in failed["error"]
    assert graded["status"] == "graded"
    assert [d["attempts"] for d in graded["dimensions"]].count(2) == 1
    # 7 calls of 1,000 prompt and 100 completion tokens, at half of gpt-4o-mini's price.
    assert graded["usage"]["calls"] == 7
    assert graded["cost"]["discount"] == 0.5
    assert graded["cost"]["usd"] == pytest.approx((7000 * 0.15 + 700 * 0.60) / 1e6 / 2)
    state = json.loads((tmp_path / "results.batch" / "state.json").read_text())
    assert sorted(e["batch_id"] for e in state.values()) == ["batch_1", "batch_2"]
    assert (tmp_path / "results.batch" / "batch_1.output.jsonl").exists()


def test_a_crash_while_polling_resumes_the_same_batch_without_paying_twice(
    tmp_path: Path, rubric: Rubric
) -> None:
    write_interviews(tmp_path / "in", 2)
    out = tmp_path / "results.jsonl"
    api = FakeBatchAPI(broken_polls=1)
    with pytest.raises(BackendError, match="Rerun the same command to resume"):
        run_openai_batch(
            [str(tmp_path / "in")],
            out,
            rubric,
            api.client(),
            "gpt-4o-mini",
            sleep=lambda s: None,
            options=PER_DIMENSION,
        )
    assert len(api.uploads) == 1 and len(api.created) == 1
    stats = run_openai_batch(
        [str(tmp_path / "in")],
        out,
        rubric,
        api.client(),
        "gpt-4o-mini",
        sleep=lambda s: None,
        options=PER_DIMENSION,
    )
    assert stats.graded == 2 and stats.exit_code == 0
    assert len(api.uploads) == 1 and len(api.created) == 1
    again = run_openai_batch(
        [str(tmp_path / "in")],
        out,
        rubric,
        api.client(),
        "gpt-4o-mini",
        sleep=lambda s: None,
        options=PER_DIMENSION,
    )
    assert again.skipped == 2 and len(api.created) == 1
