"""The API key never leaves the environment: not in output, logs, errors, files or cassettes.

``OPENAI_API_KEY`` is set to a sentinel; ``grader grade`` (JSON, HTML and Markdown),
``grader batch`` (results, CSV, response cache) and ``grader eval`` (report folder,
predictions, response cache) run against a scripted endpoint on 127.0.0.1, as do the
errors a key meets (HTTP 401 with OpenAI's masked echo of the key, a port where nothing
listens, a config file holding the key). Then every file the runs wrote and everything
they printed or logged is searched for the key and its fragments. The server's record of
the Authorization header shows the key was really in play.
"""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from fault_server import FaultServer, Step
from grader.backends.pricing import load_prices
from grader.cli.main import main
from grader.errors import ConfigError
from grader.evaluation.config import load_config
from record_cassettes import recorder

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
CASSETTES = ROOT / "tests" / "cassettes"
SENTINEL = "sk-test-SENTINEL-7f3a9c"
# What OpenAI answers a wrong key with: the key, masked but for its last characters.
MASKED = f"Incorrect API key provided: {SENTINEL[:8]}{'*' * 10}{SENTINEL[-6:]}."
LEAKS = [
    re.compile(re.escape(SENTINEL)),
    re.compile("SENTINEL"),
    re.compile(r"\*{3,}" + re.escape(SENTINEL[-6:])),
]
KEY_HEADERS = {"authorization", "api-key", "x-api-key", "openai-organization", "cookie"}
OPENAI_KEY = re.compile(r"sk-[A-Za-z0-9_-]{8,}")


def leaks(data: bytes | str) -> list[str]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return [pattern.pattern for pattern in LEAKS if pattern.search(text)]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache-dir"))
    for name in ("OPENAI_BASE_URL", "GRADER_BACKEND", "GRADER_MODEL", "GRADER_RESPONSE_CACHE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_key_appears_in_no_output_log_or_file(
    env: Path,
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    work = env / "work"
    inputs = work / "in"
    inputs.mkdir(parents=True)
    for n in range(2):
        (inputs / f"interview_{n}.txt").write_text(
            SAMPLE.read_text() + f"\n\nCandidate: One last note, number {n}.\n"
        )
    labels = work / "labels.jsonl"
    levels = {"data_literacy": "strong", "metrics": "neutral", "tradeoffs": "weak"}
    labels.write_text(
        json.dumps({"transcript": str(SAMPLE), "labeller": "lead", "levels": levels}) + "\n"
    )
    url = server.base_url
    common = ["--base-url", url, "--model", "fault-model", "--timeout", "2"]
    batch = ["batch", str(inputs), *common, "--retries", "2", "--concurrency", "2"]
    runs: list[tuple[list[str], int]] = [
        (["grade", str(SAMPLE), *common, "--json"], 0),
        (["grade", str(SAMPLE), *common, "-o", str(work / "report.html")], 0),
        (["grade", str(SAMPLE), *common, "-o", str(work / "report.md")], 0),
        (["grade", str(SAMPLE), *common, "-o", str(work / "card.json")], 0),
        ([*batch, "-o", str(work / "results.jsonl"), "--cache", str(work / "responses.sqlite")], 0),
        (
            [
                "eval",
                str(labels),
                "--backend",
                "openai",
                "--base-url",
                url,
                "--model",
                "fault-model",
                "--cache",
                str(work / "eval-cache.sqlite"),
                "--resamples",
                "20",
                "-o",
                str(work / "eval-report"),
            ],
            0,
        ),
    ]
    streams: list[str] = []
    for args, expected in runs:
        code = main(args)
        out, err = capsys.readouterr()
        streams += [out, err]
        assert code == expected, (args, err)
    sent = [seen.headers.get("authorization") for seen in server.seen]
    assert sent and set(sent) == {f"Bearer {SENTINEL}"}, "the key was not in play"

    # The errors a key meets: the endpoint refuses it (echoing it masked), or is not there.
    server.rule = lambda body: Step("status", status=401, message=MASKED)
    gone = ["--base-url", f"http://127.0.0.1:{dead_port()}/v1", "--model", "m", "--timeout", "1"]
    # A refused key stops a batch (exit 2); an endpoint that is not there fails each
    # transcript with its reason (exit 1).
    failing: list[tuple[list[str], int]] = [
        (["grade", str(SAMPLE), *common, "--json"], 2),
        ([*batch, "-o", str(work / "refused.jsonl"), "--no-cache"], 2),
        (["grade", str(SAMPLE), *gone], 2),
        (["batch", str(inputs), *gone, "--retries", "1", "-o", str(work / "gone.jsonl")], 1),
    ]
    for args, expected in failing:
        code = main(args)
        out, err = capsys.readouterr()
        streams += [out, err]
        assert code == expected, (args, out, err)
        assert "Traceback" not in err
    assert server.seen[-1].step == "status"

    written = sorted(path for path in env.rglob("*") if path.is_file())
    names = {path.relative_to(work).as_posix() for path in written if work in path.parents}
    assert {
        "report.html",
        "report.md",
        "card.json",
        "results.jsonl",
        "results.csv",
        "responses.sqlite",
        "eval-cache.sqlite",
        "eval-report/predictions.json",
        "eval-report/report.md",
        "refused.jsonl",
        "gone.jsonl",
    } <= names
    for path in written:
        assert leaks(path.read_bytes()) == [], path
    for stream in streams:
        assert leaks(stream) == [], stream
    assert caplog.records, "nothing was logged, so the logs were not checked"
    for record in caplog.records:
        assert leaks(record.getMessage()) == [], record.getMessage()
        assert leaks(repr(record.args)) == [], record.args
    assert leaks(caplog.text) == []
    assert "API key was rejected (HTTP 401)" in "".join(streams)


def test_a_config_file_holding_a_key_is_refused_without_repeating_it(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "named.toml": f'name = "x"\napi_key = "{SENTINEL}"\n',
        "upper.toml": 'name = "x"\nOPENAI_API_KEY = "not-a-real-key"\n',
        "value.toml": f'name = "x"\nmodel = "{SENTINEL}"\n',
        "prices.json": json.dumps({"my-model": {"input": 1, "output": 2, "api_key": "x"}}),
        "prices.yaml": yaml.safe_dump({"openai_api_key": SENTINEL, "m": {"input": 1, "output": 1}}),
        "nested.yaml": yaml.safe_dump(
            {"models": {"m": {"input": 1, "output": 1, "note": SENTINEL}}}
        ),
    }
    for name, text in files.items():
        path = env / name
        path.write_text(text)
        loader = load_config if name.endswith(".toml") else load_prices
        with pytest.raises(ConfigError) as caught:
            loader(path)
        message = str(caught.value)
        assert "API key" in message and "OPENAI_API_KEY environment variable" in message
        assert str(path) in message and leaks(message) == [], message
        assert "not-a-real-key" not in message
    # Through the command line: exit 2, one clear line, the key not repeated.
    code = main(["eval", "--config", str(env / "value.toml"), "-o", str(env / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "holds what looks like an API key (at model)" in err
    assert leaks(err) == []
    code = main(
        ["batch", str(SAMPLE), "-o", str(env / "r.jsonl"), "--prices", str(env / "prices.json")]
    )
    err = capsys.readouterr().err
    assert code == 2 and "holds an API key (my-model.api_key)" in err


def test_files_without_keys_still_load(env: Path) -> None:
    """Words that merely resemble a key are not refused."""
    config = env / "fine.toml"
    config.write_text('name = "risk-task-sk-learn"\nmodel = "sk-learn-comparison"\n')
    assert load_config(config).model == "sk-learn-comparison"
    prices = env / "prices.yaml"
    prices.write_text(yaml.safe_dump({"gpt-x": {"input": 1.0, "output": 2.0}}))
    assert load_prices(prices).lookup("openai", "gpt-x") is not None
    looping = env / "looping.yaml"
    looping.write_text("a: &loop\n  - *loop\nm: {input: 1, output: 1}\n")
    with pytest.raises(ConfigError, match="needs 'input' and 'output'"):
        load_prices(looping)


def test_cassettes_hold_no_key_and_no_authorization_header() -> None:
    cassettes = sorted(CASSETTES.glob("*.yaml"))
    assert cassettes, "no cassettes to check"
    for cassette in cassettes:
        text = cassette.read_text(encoding="utf-8")
        assert OPENAI_KEY.search(text) is None, cassette
        assert "Bearer " not in text, cassette
        data = yaml.safe_load(text)
        interactions = data["interactions"]
        assert interactions, cassette
        for interaction in interactions:
            for side in ("request", "response"):
                headers = {key.lower() for key in interaction[side].get("headers") or {}}
                assert not headers & KEY_HEADERS, (cassette, side, headers & KEY_HEADERS)


def test_recording_a_cassette_filters_the_key_out(
    env: Path, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The recorder every cassette is made with drops the Authorization header."""
    cassette = env / "recorded.yaml"
    with recorder().use_cassette(str(cassette), record_mode="all"):
        code = main(
            [
                "grade",
                str(SAMPLE),
                "--base-url",
                server.base_url,
                "--model",
                "m",
                "-q",
                "--strategy",
                "per_dimension",
            ]
        )
    capsys.readouterr()
    assert code == 0 and server.count == 6
    assert {seen.headers.get("authorization") for seen in server.seen} == {f"Bearer {SENTINEL}"}
    text = cassette.read_text(encoding="utf-8")
    assert leaks(text) == [] and OPENAI_KEY.search(text) is None
    interactions = yaml.safe_load(text)["interactions"]
    assert len(interactions) == 6
    for interaction in interactions:
        assert not {key.lower() for key in interaction["request"]["headers"]} & KEY_HEADERS


def files_text(folder: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
    )


def test_an_endpoint_that_echoes_the_authorization_header_leaks_nothing(
    env: Path, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    echo = f"bad gateway; request headers: Authorization: Bearer {SENTINEL}"
    server.rule = lambda body: Step("status", status=502, message=echo)
    common = ["--base-url", server.base_url, "--model", "m", "--retries", "1", "-q"]
    code = main(["grade", str(SAMPLE), *common])
    err = capsys.readouterr().err
    assert code == 2 and "HTTP 502" in err and "[hidden]" in err and leaks(err) == []
    out = env / "out"
    code = main(["batch", str(SAMPLE), "-o", str(out / "r.jsonl"), "--no-cache", *common])
    printed = "".join(capsys.readouterr())
    assert code == 1 and leaks(printed) == [] and leaks(files_text(out)) == []
    assert "[hidden]" in (out / "r.jsonl").read_text()


def test_a_key_in_the_base_url_is_never_shown_or_stored(
    env: Path, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    host = server.base_url.removeprefix("http://")
    url = f"http://user:{SENTINEL}@{host}?api-key={SENTINEL}"
    out = env / "out"
    args = ["batch", str(SAMPLE), "-o", str(out / "r.jsonl"), "--no-cache", "-q"]
    code = main([*args, "--base-url", url, "--model", "m", "--strategy", "per_dimension"])
    printed = "".join(capsys.readouterr())
    assert leaks(printed) == [] and leaks(files_text(out)) == []
    assert code == 0
    [row] = [json.loads(line) for line in (out / "r.jsonl").read_text().splitlines()]
    shown = row["model"]["base_url"]
    assert "@" not in shown and "user" not in shown and "api-key=[hidden]" in shown
