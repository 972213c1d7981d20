"""The bad-input and fault suite: every hostile file, output and endpoint answer, end to end.

Each case runs the command line in process (``grader.cli.main.main``), against the fake
backend or a scripted OpenAI-compatible server on 127.0.0.1 (``tests/fault_server.py``),
with ``OPENAI_API_KEY`` set to a sentinel, and checks:

* the exit code the case expects, and the reason on standard error;
* no traceback (standard output, standard error, or an error logged on the way);
* no hang: the command ends within the case's bound (an alarm stops it otherwise);
* no leak: the sentinel key is in no output and no file the command wrote;
* nothing lost: every input a batch took on has a result line, and every file that was
  there before is unchanged (results files only grow).

The tally is printed at the end of the run as one line (see ``tests/conftest.py``):
``cases=N clean=N tracebacks=0 hangs=0 leaks=0 lost=0``.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import json
import logging
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import grader.backends.ratelimit
from fault_server import FaultServer, Step
from grader.backends.ratelimit import RetryPolicy
from grader.batch.inputs import expand
from grader.batch.results import read_results
from grader.cli.main import main
from helpers import write_interviews

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
SECRET = "sk-fault-suite-sentinel-0123456789abcdef"
DIMENSIONS = 6
TALLY = {"cases": 0, "clean": 0, "tracebacks": 0, "hangs": 0, "leaks": 0, "lost": 0}


# --- the scripted endpoint --------------------------------------------------------------


def is_yes_no(body: dict[str, Any]) -> bool:
    """A yes/no question: no response format, one token (or a few without logprobs)."""
    return "response_format" not in body and int(body.get("max_tokens") or 0) <= 3


def logprob_choice(*top: tuple[str, float]) -> dict[str, Any]:
    first = {"token": top[0][0], "logprob": top[0][1]}
    return {
        "index": 0,
        "message": {"role": "assistant", "content": top[0][0]},
        "logprobs": {"content": [{**first, "top_logprobs": [
            {"token": token, "logprob": logprob} for token, logprob in top
        ]}]},
        "finish_reason": "length",
    }  # fmt: skip


YES_NO_OK = logprob_choice(("Yes", math.log(0.7)), ("No", math.log(0.3)))
# Bodies an endpoint or a proxy has answered yes/no questions with, each with HTTP 200.
HOSTILE_YES_NO: dict[str, Any] = {
    "json_array": [1, 2, 3],
    "no_choices": {"choices": []},
    "null_message": {"choices": [{"message": None, "finish_reason": "stop"}]},
    "prose_no_logprobs": {"choices": [{"message": {"content": "The candidate asks."}}]},
    "nan_logprobs": {"choices": [logprob_choice(("Yes", math.nan), ("No", -0.1))]},
    "logprob_above_zero": {"choices": [logprob_choice(("Yes", 5.0), ("No", -0.1))]},
    "no_yes_or_no_token": {"choices": [logprob_choice(("The", -0.01), ("A", -4.0))]},
    # Fields of the wrong type (these crashed grade and the whole batch with a traceback).
    "token_not_text": {"choices": [logprob_choice((7, -0.1), (None, -2.0))]},  # type: ignore[arg-type]
    "token_missing": {
        "choices": [{"message": {"content": "Yes"}, "logprobs": {"content": [{"logprob": -0.1}]}}]
    },
    "logprob_text": {"choices": [logprob_choice(("Yes", "high"), ("No", "low"))]},  # type: ignore[arg-type]
    "logprob_huge": {"choices": [logprob_choice(("Yes", 1000.0), ("No", -0.1))]},
    "choices_not_a_list": {"choices": "nope"},
}


class YesNoServer(FaultServer):
    """The fault server, answering yes/no questions with log-probabilities.

    ``yes_no`` replaces the body of every yes/no answer (a hostile one); structured
    requests are answered as the fault server does.
    """

    yes_no: Any = None

    def completion(self, body: dict[str, Any], content: str | None, **kwargs: Any) -> Any:
        if not is_yes_no(body):
            return super().completion(body, content, **kwargs)
        if self.yes_no is not None:
            return self.yes_no
        answer = super().completion(body, "Yes", **kwargs)
        answer["choices"] = [YES_NO_OK if body.get("logprobs") else answer["choices"][0]]
        return answer


# --- cases ------------------------------------------------------------------------------


@dataclass
class Env:
    """One case's world: its folder, the server, and what a batch was asked to do."""

    tmp: Path
    server: YesNoServer | None = None
    inputs: list[str] = field(default_factory=list)
    output: Path | None = None
    grows: set[Path] = field(default_factory=set)

    def file(self, name: str, content: str | bytes) -> str:
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        return str(path)

    def endpoint(self) -> list[str]:
        assert self.server is not None
        return [
            "--base-url", self.server.base_url, "--model", "fault-model", "--timeout", "0.5",
            "--retries", "2", "--max-attempts", "2",
        ]  # fmt: skip

    def grade(self, path: str, *extra: str) -> list[str]:
        backend = self.endpoint() if self.server else ["--backend", "fake"]
        return ["grade", path, *backend, "-q", *extra]

    def batch(self, inputs: list[str], *extra: str, output: str = "results.jsonl") -> list[str]:
        self.inputs, self.output = inputs, self.tmp / output
        self.grows.add(self.output)
        backend = self.endpoint() if self.server else ["--backend", "fake"]
        return ["batch", *inputs, "-o", str(self.output), *backend, "-q", "--json", *extra]

    def interviews(self, count: int = 2) -> list[str]:
        return [str(p) for p in write_interviews(self.tmp / "in", count)]


@dataclass
class Case:
    """One hostile input or fault and what the command must make of it.

    Attributes:
        id: The case's name.
        argv: Builds the command line (and its files) in the case's world.
        code: The exit code expected.
        says: Words standard error must contain.
        bound: Seconds the command may take.
        server: Run against the scripted endpoint instead of the fake backend.
        then: Further checks (and commands) after the first.
    """

    id: str
    argv: Callable[[Env], list[str]]
    code: int
    says: str = ""
    bound: float = 20.0
    server: bool = False
    then: Callable[[Env, Run], None] | None = None


@dataclass
class Run:
    """What one command did."""

    code: int
    out: str
    err: str
    seconds: float


TEXT = "Interviewer: How would you measure it?\n\nCandidate: I would track conversion.\n"
DEEP_JSON = "[" * 100_000 + "]" * 100_000
DEEP_YAML = "[" * 5_000 + "]" * 5_000


def _fifo(env: Env, name: str = "pipe.txt") -> str:
    path = env.tmp / name
    os.mkfifo(path)
    return str(path)


def _prompts(env: Env, name: str, source: str | bytes) -> str:
    env.file(f"prompts/{name}", source)
    return str(env.tmp / "prompts")


def _cache(env: Env, content: bytes | None) -> None:
    path = env.tmp / "cache" / "responses.sqlite"
    path.parent.mkdir(exist_ok=True)
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)


def _damaged_cache(env: Env) -> None:
    from grader.backends.cache import ResponseCache

    path = env.tmp / "cache" / "responses.sqlite"
    path.parent.mkdir(exist_ok=True)
    cache = ResponseCache(path)
    for i in range(300):
        cache.put(f"k{i}", "m", "answer " * 40, 1, 1)
    cache.close()
    data = bytearray(path.read_bytes())
    data[8192:-4096] = b"\xa5" * (len(data) - 12288)
    path.write_bytes(bytes(data))


def _stdout_full(env: Env) -> None:
    """Standard output refuses every byte, as /dev/full does."""

    class Full:
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self) -> None:
            pass

    env.tmp.joinpath(".stdout-full").write_text("")
    _FULL_STDOUT.append(Full())


_FULL_STDOUT: list[Any] = []


def _all_dimensions_failed(reason: str) -> Callable[[Env, Run], None]:
    def check(env: Env, run: Run) -> None:
        card = json.loads(run.out)
        assert [d["level"] for d in card["dimensions"]] == [None] * DIMENSIONS
        assert all("failed" in d["flags"] and reason in d["error"] for d in card["dimensions"])

    return check


def _rerun_after_recovery(env: Env, run: Run) -> None:
    """Every dimension failed; once the endpoint answers properly a rerun grades them."""
    assert env.server is not None and env.output is not None
    records = [r for _, r in read_results(env.output)]
    # Nothing was graded: the transcript failed, each dimension's reason kept.
    assert records and all(r["status"] == "failed" for r in records)
    assert all(d["level"] is None for r in records for d in r["dimensions"])
    assert json.loads(run.out)["failed"] == len(records)
    env.server.yes_no = None
    env.server.rule = None
    again = _main(env, env.batch(env.inputs, "--cache", str(env.tmp / "c.sqlite")))
    assert again.code == 0, again.err
    summary = json.loads(again.out)
    assert (summary["graded"], summary["skipped"]) == (len(records), 0)
    latest = {r["input"]: r for _, r in read_results(env.output)}
    assert all(d["level"] is not None for r in latest.values() for d in r["dimensions"])


def _unchanged(name: str, content: str) -> Callable[[Env, Run], None]:
    def check(env: Env, run: Run) -> None:
        assert (env.tmp / name).read_text() == content

    return check


def _all_results_written(env: Env, run: Run) -> None:
    """The summary could not be printed, but every result is in the results file."""
    assert env.output is not None
    graded = {r["input"] for _, r in read_results(env.output) if r["status"] == "graded"}
    assert graded == set(env.inputs)


def _csv_neutralised(env: Env, run: Run) -> None:
    with (env.tmp / "results.csv").open(newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["input"] == "'" + env.inputs[0] and row["status"] == "graded"


def _yes_no_batch(name: str) -> Case:
    def argv(env: Env) -> list[str]:
        assert env.server is not None
        env.server.yes_no = HOSTILE_YES_NO[name]
        return env.batch(env.interviews(1), "--cache", str(env.tmp / "c.sqlite"))

    return Case(f"yes_no_{name}", argv, 1, server=True, then=_rerun_after_recovery)


def _step_batch(step: Step, code: int, says: str = "", bound: float = 20.0) -> Case:
    def argv(env: Env) -> list[str]:
        assert env.server is not None
        env.server.rule = lambda body: step
        return env.batch(env.interviews(1), "--no-cache")

    return Case(f"batch_{step.kind}_{step.status}", argv, code, says, bound, server=True)


def _yes_no_html(env: Env) -> list[str]:
    assert env.server is not None
    env.server.rule = lambda body: (
        Step("non_json", content_type="text/html") if is_yes_no(body) else None
    )
    return env.batch(env.interviews(1), "--cache", str(env.tmp / "c.sqlite"))


def _yes_no_cut_off(env: Env) -> list[str]:
    assert env.server is not None
    env.server.rule = lambda body: Step("truncated") if is_yes_no(body) else None
    return env.batch(env.interviews(1), "--no-cache")


def _grade_yes_no_html(env: Env) -> list[str]:
    assert env.server is not None
    env.server.rule = lambda body: Step("non_json") if is_yes_no(body) else None
    return env.grade(str(SAMPLE), "--json")


def _interrupted(env: Env) -> list[str]:
    import grader.batch.runner

    async def interrupt(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    _PATCHES.append((grader.batch.runner, "arun_batch", interrupt))
    return env.batch(env.interviews(1))


_PATCHES: list[tuple[Any, str, Any]] = []

# A case's argv builder makes its files first; "(setup, argv)[1]" does both in a lambda.
CASES = [
    # Transcript files given to grade.
    Case("empty", lambda e: e.grade(e.file("t.txt", "")), 2, "transcript is empty"),
    Case("whitespace", lambda e: e.grade(e.file("t.txt", " \n\t\n")), 2, "is empty"),
    Case("only_bom", lambda e: e.grade(e.file("t.txt", b"\xef\xbb\xbf")), 2, "is empty"),
    Case("binary_png", lambda e: e.grade(e.file("t.txt", b"\x89PNG\r\n\x1a\n\x00\x00" * 50)), 2,
         "binary"),
    Case("binary_noise", lambda e: e.grade(e.file("t.txt", bytes(range(1, 32)) * 200)), 2,
         "binary"),
    Case("huge", lambda e: e.grade(e.file("t.txt", "Candidate: " + "word " * 420_000)), 2,
         "larger than"),
    Case("huge_tokens", lambda e: e.grade(e.file("t.txt", TEXT * 10), "--max-transcript-tokens",
         "50"), 2, "over the 50-token limit"),
    Case("json_object_without_turns", lambda e: e.grade(e.file("t.json", '{"a": 1}')), 2,
         '"turns" list'),
    Case("json_syntax", lambda e: e.grade(e.file("t.json", '[{"speaker": "A",')), 2,
         "invalid JSON"),
    Case("json_nested_100k", lambda e: e.grade(e.file("t.json", DEEP_JSON)), 2, "t.json"),
    Case("json_not_objects", lambda e: e.grade(e.file("t.json", "[1, 2, 3]")), 2, "not an object"),
    Case("json_infinite_start", lambda e: e.grade(e.file("t.json",
         '[{"speaker": "Candidate", "text": "hi", "start": 1e999}]')), 2, "finite"),
    Case("json_lone_surrogate", lambda e: e.grade(e.file("t.json",
         '[{"speaker": "Candidate", "text": "bad \\ud800 surrogate"}]')), 0, "surrogate"),
    Case("bad_utf8", lambda e: e.grade(e.file("t.txt", TEXT.encode() + b"\xff\xfe\xfa oops\n")),
         0, "not valid UTF-8"),
    Case("utf16_bom", lambda e: e.grade(e.file("t.txt", TEXT.encode("utf-16"))), 0),
    Case("crlf_and_cr", lambda e: e.grade(e.file("t.txt", TEXT.replace("\n", "\r"))), 0),
    Case("escapes_and_bidi", lambda e: e.grade(e.file("t.txt",
         TEXT + "Candidate: \x1b[31mred\x1b[0m \u202etxet\u202c \x07\n")), 0),
    Case("no_candidate", lambda e: e.grade(e.file("t.txt", "Interviewer: Hi?\n\nInterviewer: "
         "Well?\n")), 2, "no candidate"),
    Case("no_speaker_labels", lambda e: e.grade(e.file("t.txt", "we talked about metrics\n")), 0,
         "no speaker labels"),
    Case("unknown_candidate", lambda e: e.grade(e.file("t.txt", TEXT), "--candidate", "Zed"), 2,
         "matches no speaker"),
    Case("vtt_garbage_timings", lambda e: e.grade(e.file("t.vtt", "WEBVTT\n\n99:99 --> xx\n<v "
         "Candidate>hello\n")), 2, "t.vtt"),
    Case("srt_garbage", lambda e: e.grade(e.file("t.srt", "1\n00:00:01,000 --> \n\n\n2\n")), 2,
         "t.srt"),
    Case("missing_file", lambda e: e.grade(str(e.tmp / "nope.txt")), 2, "file not found"),
    Case("folder_as_transcript", lambda e: e.grade(str(e.tmp)), 2, "is a directory"),
    Case("fifo_as_transcript", lambda e: e.grade(_fifo(e)), 2, "not a regular file", bound=5),
    Case("dev_zero", lambda e: e.grade("/dev/zero"), 2, "not a regular file", bound=5),
    Case("one_long_unpunctuated_turn", lambda e: e.grade(e.file("t.txt", "Candidate: " +
         "word " * 60_000), "--strategy", "all_at_once"), 0, bound=60),
    # Scores for --compare, ratings for audit.
    Case("scores_json_nested_100k", lambda e: e.grade(str(SAMPLE), "--compare", e.file("s.json",
         DEEP_JSON)), 2, "nested deeper"),
    Case("scores_yaml_nested_5k", lambda e: e.grade(str(SAMPLE), "--compare", e.file("s.yaml",
         DEEP_YAML)), 2, "nested deeper"),
    Case("scores_binary", lambda e: e.grade(str(SAMPLE), "--compare", e.file("s.json",
         b"\xff\xfe\x00\x01" * 10)), 2, "not UTF-8"),
    Case("scores_unknown_dimension", lambda e: e.grade(str(SAMPLE), "--compare", e.file(
         "s.json", '{"charisma": "strong"}')), 2, "unknown dimension"),
    Case("scores_empty", lambda e: e.grade(str(SAMPLE), "--compare", e.file("s.yaml", "")), 2,
         "s.yaml"),
    Case("ratings_jsonl_nested_100k", lambda e: ["audit", e.file("r.jsonl", DEEP_JSON + "\n")],
         2, "nested too deeply"),
    Case("ratings_jsonl_huge_number", lambda e: ["audit", e.file("r.jsonl", '{"level": ' +
         "9" * 5000 + "}\n")], 2, "r.jsonl:1"),
    Case("ratings_empty", lambda e: ["audit", e.file("r.csv", "")], 2, "r.csv"),
    Case("ratings_binary", lambda e: ["audit", e.file("r.csv", b"\x00\xff" * 100)], 2, "r.csv"),
    # Prompt templates the user supplies.
    Case("template_huge_range", lambda e: e.grade(str(SAMPLE), "--prompts", _prompts(e,
         "passage.j2", "{% for i in range(10**9) %}x{% endfor %}")), 2, "passage.j2"),
    Case("template_gigabyte_string", lambda e: e.grade(str(SAMPLE), "--prompts", _prompts(e,
         "passage.j2", "{{ 'x' * 1000000000 }}")), 2, "repeated string"),
    Case("template_binary_system", lambda e: e.grade(str(SAMPLE), "--prompts", _prompts(e,
         "system.j2", b"\x89PNG\r\n\x1a\n\x00\xff\xfe")), 2, "system.j2"),
    Case("template_recursive_macro", lambda e: e.grade(str(SAMPLE), "--prompts", _prompts(e,
         "passage.j2", "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}")), 2, "calls"),
    Case("template_missing_folder", lambda e: e.grade(str(SAMPLE), "--prompts",
         str(e.tmp / "nope")), 2, "prompts folder not found"),
    # Where results go.
    Case("grade_output_folder", lambda e: e.grade(str(SAMPLE), "-o", str(e.tmp)), 2,
         "cannot write"),
    Case("grade_output_dev_full", lambda e: e.grade(str(SAMPLE), "-o", "/dev/full"), 2,
         "/dev/full"),
    Case("grade_output_link_to_dev_full", lambda e: (os.symlink("/dev/full", e.tmp / "r.html"),
         e.grade(str(SAMPLE), "-o", str(e.tmp / "r.html")))[1], 2, "not a regular file"),
    Case("grade_stdout_full", lambda e: (_stdout_full(e), e.grade(str(SAMPLE), "--json"))[1], 2,
         "standard output: No space left"),
    Case("batch_output_folder", lambda e: e.batch(e.interviews(), output="."), 2, "must end in"),
    Case("batch_output_jsonl_folder", lambda e: ((e.tmp / "r.jsonl").mkdir(), e.batch(
         e.interviews(), output="r.jsonl"))[1], 2, "is a folder"),
    Case("batch_output_dev_full", lambda e: e.batch(e.interviews(), output="/dev/full"), 2,
         "must end in .jsonl"),
    Case("batch_output_fifo", lambda e: (_fifo(e, "r.jsonl"), e.batch(e.interviews(),
         output="r.jsonl"))[1], 2, "not a regular file", bound=5),
    Case("batch_output_is_a_transcript", lambda e: (e.file("interview.txt", TEXT), e.batch(
         e.interviews(), output="interview.txt"))[1], 2, "must end in .jsonl",
         then=_unchanged("interview.txt", TEXT)),
    Case("batch_output_beside_ratings_csv", lambda e: (e.file("ratings.csv", "a,b\n1,2\n"),
         e.batch(e.interviews(), output="ratings.jsonl"))[1], 2, "not a summary this tool wrote",
         then=_unchanged("ratings.csv", "a,b\n1,2\n")),
    Case("batch_output_foreign_jsonl", lambda e: (e.file("mine.jsonl", '{"x": 1}\n'), e.batch(
         e.interviews(), output="mine.jsonl"))[1], 2, "not a grader batch results file",
         then=_unchanged("mine.jsonl", '{"x": 1}\n')),
    Case("batch_csv_foreign", lambda e: (e.file("sheet.csv", "q,r\n"), e.batch(e.interviews(),
         "--csv", str(e.tmp / "sheet.csv")))[1], 2, "not a summary",
         then=_unchanged("sheet.csv", "q,r\n")),
    Case("batch_csv_injection_names", lambda e: (e.file('=HYPERLINK("x").txt', TEXT), e.batch(
         ['=HYPERLINK("x").txt']))[1], 0, then=_csv_neutralised),
    Case("batch_stdout_full", lambda e: (_stdout_full(e), e.batch(e.interviews()))[1], 2,
         "standard output", then=_all_results_written),
    # What a batch reads.
    Case("batch_fifo_input", lambda e: e.batch([_fifo(e), *e.interviews(1)]), 1,
         bound=5),
    Case("batch_dev_zero_input", lambda e: e.batch(["/dev/zero", *e.interviews(1)]), 1,
         bound=5),
    Case("batch_folder_of_bad_files", lambda e: (e.file("in/empty.txt", ""), e.file(
         "in/binary.txt", b"\x00" * 99), e.file("in/deep.json", DEEP_JSON), e.batch(
         [str(e.tmp / "in"), *e.interviews(1)]))[-1], 1),
    Case("batch_lone_surrogate", lambda e: e.batch([*e.interviews(5), e.file("s.json",
         '[{"speaker": "Candidate", "text": "bad \\ud800 surrogate"}]')]), 0),
    Case("batch_glob_matches_nothing", lambda e: e.batch([str(e.tmp / "*.vtt")]), 2,
         "matches no file"),
    Case("batch_missing_input", lambda e: e.batch([str(e.tmp / "nope")]), 2, "no such file"),
    Case("batch_bad_price_file", lambda e: e.batch(e.interviews(1), "--prices", e.file(
         "p.yaml", DEEP_YAML)), 2, "nested too deeply"),
    # The response cache.
    Case("cache_random_bytes", lambda e: (_cache(e, os.urandom(100_000)), e.batch(
         e.interviews(1)))[1], 2, "cache cannot be used"),
    Case("cache_damaged_pages", lambda e: (_damaged_cache(e), e.batch(e.interviews(1)))[1], 2,
         "damaged"),
    Case("cache_is_a_folder", lambda e: (_cache(e, None), e.batch(e.interviews(1)))[1], 2,
         "it is a folder"),
    Case("cache_info_random_bytes", lambda e: (_cache(e, os.urandom(5000)), ["cache", "info"])[1],
         2, "rm "),
    Case("cache_clear_random_bytes", lambda e: (_cache(e, os.urandom(5000)), ["cache", "clear"])
         [1], 0, "making a new one"),
    # The endpoint: yes/no answers that cannot be read never become grades.
    *[_yes_no_batch(name) for name in sorted(HOSTILE_YES_NO)],
    Case("yes_no_html_page", _yes_no_html, 1, server=True, then=_rerun_after_recovery),
    Case("yes_no_cut_off_body", _yes_no_cut_off, 1, server=True, bound=20),
    Case("grade_yes_no_html_page", _grade_yes_no_html, 1, server=True,
         then=_all_dimensions_failed("not a chat completion")),
    # The endpoint: faults.
    _step_batch(Step("500"), 1),
    _step_batch(Step("status", status=401), 2, "API key was rejected"),
    _step_batch(Step("status", status=404), 2, "not found"),
    _step_batch(Step("hang"), 1, "no answer", bound=20),
    Case("batch_rate_limited_once", lambda e: (e.server.push(Step("429", retry_after="0.2"))
         if e.server else None, e.batch(e.interviews(1), "--no-cache"))[1], 0, server=True),
    # Ctrl-C.
    Case("interrupted", _interrupted, 130, "grader: interrupted"),
]  # fmt: skip


# --- running a case ---------------------------------------------------------------------


class _Hung(BaseException):
    """Raised by the alarm when a command passes its case's bound."""


def _main(env: Env, argv: list[str]) -> Run:
    """Run the command in process; return what it did."""
    started = time.monotonic()
    capture = _CAPTURE[-1]
    code = main(argv)
    out, err = capture.readouterr()
    return Run(code, out, err, time.monotonic() - started)


_CAPTURE: list[pytest.CaptureFixture[str]] = []


def _snapshot(folder: Path) -> dict[Path, bytes]:
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and "cache" not in path.parts:
            found[path] = path.read_bytes()
    return found


def _lost(env: Env, before: dict[Path, bytes], run: Run) -> list[str]:
    """Return what the command lost: inputs without a result, files changed or gone."""
    problems = []
    for path, content in before.items():
        if not path.exists():
            problems.append(f"{path} was deleted")
        elif path in env.grows:
            if not path.read_bytes().startswith(content):
                problems.append(f"{path} was not only appended to")
        elif path.read_bytes() != content:
            problems.append(f"{path} was changed")
    if env.output is not None and run.code in (0, 1, 3) and env.inputs:
        written = {r.get("input") for _, r in read_results(env.output)}
        problems += [f"{p} has no result" for p in map(str, expand(env.inputs)) if p not in written]
    return problems


@pytest.fixture(scope="module", autouse=True)
def tally(request: pytest.FixtureRequest) -> Iterator[None]:
    """Hand the suite's one-line tally to the terminal summary (tests/conftest.py)."""
    yield
    if TALLY["cases"]:
        line = " ".join(f"{key}={value}" for key, value in TALLY.items())
        request.config.fault_suite_tally = line  # type: ignore[attr-defined]


@pytest.fixture
def world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Env]:
    for name in ("OPENAI_BASE_URL", "GRADER_BACKEND", "GRADER_MODEL", "GRADER_STRATEGY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    fast = functools.partial(RetryPolicy, base_delay=0.02, max_delay=0.05)
    monkeypatch.setattr(grader.backends.ratelimit, "RetryPolicy", fast)
    _CAPTURE.append(capsys)
    yield Env(tmp_path)
    _CAPTURE.clear()
    _FULL_STDOUT.clear()
    _PATCHES.clear()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(
    case: Case, world: Env, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    TALLY["cases"] += 1
    with contextlib.ExitStack() as stack:
        if case.server:
            world.server = stack.enter_context(YesNoServer())
        argv = case.argv(world)
        for owner, name, value in _PATCHES:
            monkeypatch.setattr(owner, name, value)
        before = _snapshot(world.tmp)
        hung = False

        def alarm(signum: int, frame: object) -> None:
            raise _Hung

        previous = signal.signal(signal.SIGALRM, alarm)
        # main() ignores a second Ctrl-C once interrupted; this process must not.
        interrupts = signal.getsignal(signal.SIGINT)
        stdout = sys.stdout
        signal.setitimer(signal.ITIMER_REAL, case.bound)
        caplog.set_level(logging.WARNING)
        try:
            if _FULL_STDOUT:
                sys.stdout = _FULL_STDOUT[0]
            run = _main(world, argv)
        except _Hung:
            hung, run = True, Run(-1, "", "", case.bound)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            signal.signal(signal.SIGINT, interrupts)
            sys.stdout = stdout
        logged = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
        seen = run.out + run.err + "".join(r.getMessage() for r in logged)
        traceback = "Traceback" in seen or "Exception ignored" in seen or bool(logged)
        files = b"".join(p.read_bytes() for p in world.tmp.rglob("*") if p.is_file())
        leak = SECRET in seen or SECRET.encode() in files
        lost = [] if hung else _lost(world, before, run)
        TALLY["hangs"] += hung
        TALLY["tracebacks"] += traceback
        TALLY["leaks"] += leak
        TALLY["lost"] += bool(lost)
        assert not hung, f"still running after {case.bound} s"
        assert not traceback, seen
        assert not leak
        assert not lost, lost
        assert run.code == case.code, run.err + run.out[-2000:]
        assert case.says in run.err + run.out, run.err
        if case.then is not None:
            case.then(world, run)
    TALLY["clean"] += 1


def test_ctrl_c_during_a_batch_ends_with_interrupted_and_130(tmp_path: Path) -> None:
    """A real SIGINT to a running batch: one line, exit 130, whole result lines only."""
    TALLY["cases"] += 1
    write_interviews(tmp_path / "in", 12)
    results = tmp_path / "results.jsonl"
    env = {**os.environ, "OPENAI_API_KEY": SECRET, "GRADER_CACHE_DIR": str(tmp_path / "c")}
    with YesNoServer() as server:
        server.rule = lambda body: None
        slow = server.next_step

        def next_step(body: dict[str, Any], path: str, headers: dict[str, str]) -> Step:
            time.sleep(0.05)  # requests are in flight when the signal comes
            return slow(body, path, headers)

        server.next_step = next_step  # type: ignore[method-assign]
        proc = subprocess.Popen(
            [sys.executable, "-m", "grader", "batch", str(tmp_path / "in"), "-o", str(results),
             "--base-url", server.base_url, "--model", "fault-model", "--concurrency", "4"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (results.exists() and results.stat().st_size):
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            TALLY["hangs"] += 1
            raise
    traceback = "Traceback" in out + err or "Exception ignored" in out + err
    TALLY["tracebacks"] += traceback
    TALLY["leaks"] += SECRET in out + err
    assert not traceback, err
    assert proc.returncode == 130 and err.rstrip().endswith("grader: interrupted"), err
    lines = results.read_bytes().splitlines(keepends=True)
    assert lines and all(line.endswith(b"\n") and json.loads(line) for line in lines)
    TALLY["clean"] += 1


def test_standard_output_on_a_full_device_is_one_line_and_exit_2() -> None:
    """The real thing, not a stand-in: the process's own standard output is /dev/full."""
    TALLY["cases"] += 1
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "grader", "rubric", "show"],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )  # fmt: skip
    traceback = "Traceback" in done.stderr or "Exception ignored" in done.stderr
    TALLY["tracebacks"] += traceback
    assert not traceback, done.stderr
    assert done.returncode == 2
    assert done.stderr == (
        "grader: error: standard output: No space left on device. Send the output where "
        "there is room, or use -o\n"
    )
    TALLY["clean"] += 1


def test_the_suite_is_large_enough() -> None:
    assert len(CASES) + 2 >= 60
