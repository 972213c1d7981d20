"""Faulty endpoints: every fault a server or proxy produces, through the real openai SDK.

A scripted server on 127.0.0.1 (``tests/fault_server.py``) answers ``grader grade`` and
``grader batch`` with one fault at a time. Each test checks the outcome (a bounded retry
and then success, or a failure recorded with a reason that names the fault), that no
level is ever invented (a failed dimension has ``level: null``), that a batch goes on to
the next transcript, and that the command ends within the time its configuration allows:
the request timeout for each hung attempt, plus the longest waits the retry settings
permit, plus one second.

The synchronous path (``grader grade``) retries transport faults through the SDK (two
retries, waiting at most 0.5 s and then 1 s, or as long as ``Retry-After`` says); the
batch path retries with its own policy, made fast here (waits of 0.05 s and 0.1 s).
Unusable answers are retried at once, up to ``--max-attempts``.
"""

from __future__ import annotations

import csv
import functools
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import grader.backends.ratelimit
from fault_server import REFUSAL, FaultServer, Step
from grader.backends.ratelimit import RetryPolicy
from grader.cli.main import main
from helpers import write_interviews

SAMPLE = Path(__file__).resolve().parents[2] / "transcripts_samples" / "01_checkout_latency.txt"
DIMENSIONS = 6
TIMEOUT = 0.5  # --timeout: seconds per request attempt
MAX_ATTEMPTS = 2  # --max-attempts: calls per answer when the answer is unusable
RETRIES = 3  # --retries: attempts per request on rate limits, 5xx and timeouts
RETRY_AFTER = 0.4
# The first request of ``grader grade`` probes whether the server takes json_schema, with
# the SDK's retries off; after a rate limit or 5xx it waits this long at most (or as long as
# Retry-After says, plus a jitter of at most a tenth of it and 0.01 s).
PROBE_WAIT = 0.5
# The retry policy (grade and batch alike) in these tests: 0.05 s doubling, at most 0.2 s.
FAST = {"base_delay": 0.05, "max_delay": 0.2}
SLACK = 1.0


@dataclass(frozen=True)
class Case:
    """One fault and what the grader must make of it.

    Attributes:
        step: The server's answer.
        kind: ``status`` (an HTTP error status), ``connection`` (the exchange breaks), or
            ``answer`` (HTTP 200 whose content cannot be used).
        reason: Words the recorded failure must contain.
    """

    step: Step
    kind: str
    reason: str

    @property
    def id(self) -> str:
        if self.step.kind == "429":
            return f"429-retry-after-{self.step.retry_after}" if self.step.retry_after else "429"
        if self.step.kind == "non_json":
            return f"non_json-{self.step.content_type.split('/')[1]}"
        return self.step.kind

    @property
    def retry_after(self) -> float:
        return float(self.step.retry_after) if self.step.retry_after else 0.0

    @property
    def hangs(self) -> bool:
        return self.step.kind == "hang"

    def probe_wait(self) -> float:
        """Longest wait after this fault on the probing first request of ``grader grade``."""
        if self.kind != "status" or self.step.kind == "500":
            # A 500 there means "json_schema refused"; connection faults retry at once.
            return 0.0
        if self.retry_after:
            return self.retry_after + min(PROBE_WAIT, self.retry_after * 0.1 + 0.01)
        return PROBE_WAIT

    def batch_wait(self, retry: int) -> float:
        """Longest wait of the batch policy before its retry number ``retry`` (1-based)."""
        if self.retry_after:
            return self.retry_after + min(FAST["base_delay"], self.retry_after * 0.1 + 0.01)
        return min(FAST["max_delay"], FAST["base_delay"] * 2 ** (retry - 1))


CASES = [
    Case(Step("429", retry_after=str(RETRY_AFTER)), "status", "HTTP 429"),
    Case(Step("429"), "status", "HTTP 429"),
    Case(Step("500"), "status", "HTTP 500"),
    Case(Step("503"), "status", "HTTP 503"),
    Case(Step("hang"), "connection", "no answer"),
    Case(Step("truncated"), "connection", "without sending complete message body"),
    Case(Step("non_json"), "answer", "not a chat completion"),
    Case(Step("non_json", content_type="text/html"), "answer", "not a chat completion"),
    Case(Step("invalid_content"), "answer", "not valid JSON"),
    Case(Step("schema_invalid"), "answer", "does not match the required shape"),
    Case(Step("refusal"), "answer", f"the model refused: {REFUSAL[:30]}"),
    Case(Step("length"), "answer", "cut off at the token limit"),
]
IDS = [case.id for case in CASES]
TRANSPORT = [case for case in CASES if case.kind != "answer"]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the caller's settings out, and make the batch's backoff fast."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GRADER_BACKEND", "GRADER_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(
        grader.backends.ratelimit, "RetryPolicy", functools.partial(RetryPolicy, **FAST)
    )


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


def grade(server: FaultServer, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any, str, float]:
    """Run ``grader grade --json`` against the server; return code, JSON, stderr, seconds."""
    started = time.monotonic()
    code = main(
        [
            "grade",
            str(SAMPLE),
            "--base-url",
            server.base_url,
            "--model",
            "fault-model",
            "--timeout",
            str(TIMEOUT),
            "--max-attempts",
            str(MAX_ATTEMPTS),
            "--retries",
            str(RETRIES),
            # The structured-output path; these cases count its one call per dimension.
            "--strategy",
            "per_dimension",
            "--json",
            "-q",
        ]
    )
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err, elapsed


def batch(
    server: FaultServer, inputs: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], float]:
    """Run ``grader batch --json`` against the server; return code, summary, seconds."""
    started = time.monotonic()
    code = main(
        [
            "batch",
            str(inputs),
            "-o",
            str(out),
            "--base-url",
            server.base_url,
            "--model",
            "fault-model",
            "--timeout",
            str(TIMEOUT),
            "--retries",
            str(RETRIES),
            "--max-attempts",
            str(MAX_ATTEMPTS),
            "--concurrency",
            "1",
            "--strategy",
            "per_dimension",
            "--no-cache",
            "--json",
            "-q",
        ]
    )
    elapsed = time.monotonic() - started
    summary = json.loads(capsys.readouterr().out)
    return code, summary, elapsed


def within(elapsed: float, bound: float, record_property: Any) -> None:
    """Assert the command ended in time; keep both numbers in the test report."""
    record_property("elapsed_seconds", round(elapsed, 2))
    record_property("bound_seconds", round(bound, 2))
    assert elapsed < bound, f"{elapsed:.2f} s, allowed {bound:.2f} s"


def assert_no_invented_level(card: dict[str, Any], reason: str) -> None:
    """Every dimension failed, without a level, with the fault named."""
    assert len(card["dimensions"]) == DIMENSIONS
    for dim in card["dimensions"]:
        assert dim["level"] is None and dim["level_name"] is None
        assert "failed" in dim["flags"] and dim["evidence"] == []
        assert reason in dim["error"] and dim["attempts"] == MAX_ATTEMPTS


def assert_all_graded(card: dict[str, Any]) -> None:
    assert [dim["level"] for dim in card["dimensions"]] == ["neutral"] * DIMENSIONS
    assert not any(dim["error"] for dim in card["dimensions"])


# --- grader grade -----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_grade_retries_one_fault_then_succeeds(
    case: Case,
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    # The fault answers the second request: the first has settled the output format.
    server.push(Step("ok"), case.step)
    code, card, err, elapsed = grade(server, capsys)
    assert code == 0, err
    assert_all_graded(card)
    assert server.count == DIMENSIONS + 1
    # Requests after the first go out together; the retry is the later request that
    # repeats the faulted one's messages (with the model's mistake explained, for answers).
    fault = server.seen[1]
    asked = fault.body["messages"]
    [retry] = [
        seen
        for seen in server.seen[2:]
        if seen.body["messages"][: len(asked)] == asked and seen.at >= fault.at
    ]
    assert fault.step == case.step.kind and retry.step == "ok"
    if case.kind == "answer":
        # Retried at once; a model's mistake is shown to it with the reason, an endpoint's
        # unreadable body is not (the same request is sent again).
        echoed = len(retry.body["messages"]) > len(fault.body["messages"])
        assert echoed == (case.step.kind != "non_json")
        if echoed:
            assert case.reason in retry.body["messages"][-1]["content"]
        assert len([d for d in card["dimensions"] if "retried" in d["flags"]]) == 1
        bound = SLACK
    else:
        # The retry policy waited before its retry, as for a batch: as Retry-After says,
        # else at least half its first backoff, after the timeout of a hung attempt.
        least = case.retry_after or FAST["base_delay"] / 2
        assert retry.at - fault.at >= least + (TIMEOUT if case.hangs else 0.0)
        bound = (TIMEOUT if case.hangs else 0.0) + case.batch_wait(1) + SLACK
    within(elapsed, bound, record_property)


@pytest.mark.parametrize("case", TRANSPORT, ids=[c.id for c in TRANSPORT])
def test_grade_fault_on_the_first_request_is_retried_not_fatal(
    case: Case,
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    # The first request also probes the server's output format, with the SDK's retries off.
    server.push(case.step)
    code, card, err, elapsed = grade(server, capsys)
    assert code == 0, err
    assert_all_graded(card)
    assert server.count == DIMENSIONS + 1
    # Only a 500 (llama.cpp's refusal of json_schema) switches to json_object.
    expected = "json_object" if case.step.kind == "500" else "json_schema"
    assert card["model"]["structured_output"] == expected
    assert server.seen[1].at - server.seen[0].at >= case.retry_after
    bound = (TIMEOUT if case.hangs else 0.0) + case.probe_wait() + SLACK
    within(elapsed, bound, record_property)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_grade_fault_that_persists_is_reported_with_its_reason(
    case: Case,
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    server.rule = lambda body: case.step
    code, card, err, elapsed = grade(server, capsys)
    assert "Traceback" not in err
    if case.kind == "answer":
        # Every dimension is reported failed; none is given a level.
        assert code == 1, err
        assert_no_invented_level(card, case.reason)
        assert server.count == DIMENSIONS * MAX_ATTEMPTS
        bound = SLACK
    else:
        # The endpoint keeps failing: no scorecard, one line naming the fault.
        assert code == 2 and card is None
        [line] = [line for line in err.splitlines() if line.startswith("grader: error:")]
        # --retries bounds the attempts, the probing first request included, as in a batch;
        # after a 500 on the probe (llama.cpp's refusal of json_schema) they go as json_object.
        probe = 1 if case.step.kind == "500" else 0
        assert case.reason in line and f"after {RETRIES} attempts" in line, line
        assert server.count == probe + RETRIES
        hangs = (RETRIES + 1) * TIMEOUT if case.hangs else 0.0
        bound = hangs + sum(case.batch_wait(n) for n in range(1, RETRIES)) + SLACK
    within(elapsed, bound, record_property)


# --- grader batch -----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_batch_records_the_fault_and_goes_on(
    case: Case,
    server: FaultServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    """Transcript 0 always meets the fault, transcript 1 meets it once, transcript 2 never."""
    write_interviews(tmp_path / "in", 3)
    seen_once: list[bool] = []

    def rule(body: dict[str, Any]) -> Step | None:
        text = json.dumps(body["messages"])
        if "customer 0," in text:
            return case.step
        if "customer 1," in text and not seen_once:
            seen_once.append(True)
            return case.step
        return None

    server.rule = rule
    out = tmp_path / "results.jsonl"
    code, summary, elapsed = batch(server, tmp_path / "in", out, capsys)
    rows = {Path(r["input"]).stem: r for r in map(json.loads, out.read_text().splitlines())}
    always, once, never = (rows[f"interview_00{n}"] for n in range(3))
    assert code == 1 and summary["total"] == 3
    for record in (once, never):
        assert record["status"] == "graded" and record["error"] is None
        assert_all_graded(record)
    if case.kind == "answer":
        # Every dimension failed, so nothing was graded: the transcript failed, with each
        # dimension's reason kept.
        assert always["status"] == "failed" and case.reason in always["error"]
        assert_no_invented_level(always, case.reason)
        assert summary["graded"] == 2 and summary["failed"] == 1
        # Transcript 0: every answer tried twice; 1: one retry; 2: none.
        assert server.count == DIMENSIONS * MAX_ATTEMPTS + (DIMENSIONS + 1) + DIMENSIONS
        waits = 0.0
        hung_attempts = 0
    else:
        assert always["status"] == "failed" and "dimensions" not in always
        assert case.reason in always["error"] and f"after {RETRIES} attempts" in always["error"]
        assert summary["graded"] == 2 and summary["failed"] == 1
        # --retries bounds the attempts, the first (probing) request included; after a 500
        # on it (llama.cpp's refusal of json_schema) the attempts go out as json_object.
        probe = 1 if case.step.kind == "500" else 0
        assert server.count == probe + RETRIES + (DIMENSIONS + 1) + DIMENSIONS
        # Transcript 0 waits before each retry, transcript 1 before its one retry; after a
        # 429 every request waits, so the last 429 of transcript 0 holds transcript 1 too.
        waits = sum(case.batch_wait(n) for n in range(1, RETRIES)) + case.batch_wait(1)
        waits += case.batch_wait(RETRIES) if case.step.kind == "429" else 0.0
        hung_attempts = RETRIES + 1 if case.hangs else 0
    with (tmp_path / "results.csv").open(newline="") as handle:
        table = {Path(row["input"]).stem: row for row in csv.DictReader(handle)}
    row = table["interview_000"]
    assert row["status"] == always["status"]
    assert all(row[dim["id"]] == "" for dim in once["dimensions"])
    assert case.reason in row["error"]
    assert table["interview_001"]["status"] == table["interview_002"]["status"] == "graded"
    bound = hung_attempts * TIMEOUT + waits + SLACK
    within(elapsed, bound, record_property)


def test_a_hung_request_is_released_when_the_server_stops() -> None:
    """The hung connection leaves no handler thread behind once its server stops."""
    before = {thread.ident for thread in threading.enumerate()}
    with FaultServer() as server:
        server.push(Step("hang"))
        with socket.create_connection(("127.0.0.1", server.port), timeout=0.2) as conn:
            conn.sendall(
                b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
            )
            started = time.monotonic()
            with pytest.raises(TimeoutError):
                conn.recv(1)
            assert time.monotonic() - started < 0.2 + SLACK
        assert server.count == 1 and server.seen[0].step == "hang"
        stopping = time.monotonic()
    assert time.monotonic() - stopping < SLACK
    left = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert left == []


def test_an_endpoint_that_refuses_logprobs_is_asked_for_sampled_answers(
    server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """llama.cpp's server started without --logits_all refuses logprobs with HTTP 500."""
    refusal = "logprobs is not supported for models created with logits_all=False"
    server.rule = lambda body: Step("500", message=refusal) if body.get("logprobs") else None
    started = time.monotonic()
    code = main(
        [
            *("grade", str(SAMPLE), "--base-url", server.base_url, "--model", "m", "--json"),
            *("-q", "--strategy", "indicators"),
        ]
    )
    card = json.loads(capsys.readouterr().out)
    assert code == 0 and time.monotonic() - started < 10 * SLACK
    indicators = [i for d in card["dimensions"] for i in d["indicators"]]
    assert len(indicators) == 30 and {i["method"] for i in indicators} == {"sampled"}
    assert all("sampled_answers" in d["flags"] for d in card["dimensions"])
    # One refusal is enough: the other questions go out without logprobs at once.
    assert sum(1 for seen in server.seen if seen.body.get("logprobs")) <= 8


def test_a_hung_endpoint_or_a_long_retry_after_is_never_a_silent_wait(
    server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.push(Step("ok"), Step("hang"), Step("429", retry_after="5.5"))
    code, _, err, _ = grade(server, capsys)
    assert code == 0, err
    lines = [line for line in err.splitlines() if "trying again" in line]
    assert any("no answer in time (attempt 1 of 3)" in line for line in lines), err
    assert any("HTTP 429 (attempt 1 of 3); trying again in 6 s" in line for line in lines), err
