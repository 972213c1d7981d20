"""The OpenAI Batch API path, against hand-made fixtures (not recordings).

``tests/fixtures/openai_batch/*_fixture*.json`` follow the documented shapes of the Files
and Batches API objects and of batch output and error lines. A mock transport behind the
real openai SDK serves them: it keeps the request file the grader uploads, moves each
batch from in_progress to completed, and builds the output file from the uploaded lines
(the fixture line with this request's ``custom_id`` and a valid answer for its schema).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from batch_api import FakeBatchAPI
from grader.batch.openai_batch import run_openai_batch
from grader.batch.results import read_results
from grader.errors import BackendError
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import Rubric
from helpers import write_interviews

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
