"""The openai backend, replayed from a cassette recorded against llama.cpp's real server.

The cassette was recorded by ``python tests/record_cassettes.py``, which starts
``python -m llama_cpp.server`` with the embedded model on 127.0.0.1 and grades a sample.
Requests are matched on their body too, so a change to the prompts or the request shape
makes this test fail until the cassette is recorded again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.cli.main import main
from record_cassettes import CASSETTE, GRADE_ARGS, recorder


def test_grade_through_openai_sdk_replays_llama_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with recorder().use_cassette(str(CASSETTE), record_mode="none") as cassette:
        code = main(GRADE_ARGS)
        out = capsys.readouterr().out
        played = cassette.play_count
    data = json.loads(out)
    assert code in (0, 1)
    # The server refused json_schema (HTTP 500) once; the backend switched to json_object.
    first = cassette.responses[0]
    assert first["status"]["code"] == 500
    assert data["model"]["structured_output"] == "json_object"
    assert played == len(cassette.responses)
    graded = [d for d in data["dimensions"] if d["level"] is not None]
    assert len(graded) >= 5
    assert any(d["evidence"] for d in graded)
    for dim in graded:
        for item in dim["evidence"]:
            assert item["status"] in ("verified", "relocated")
    assert data["usage"]["calls"] >= 6


def test_cassette_holds_no_secret() -> None:
    import yaml

    data = yaml.safe_load(CASSETTE.read_text())
    for interaction in data["interactions"]:
        headers = {name.lower() for name in interaction["request"]["headers"]}
        assert not headers & {"authorization", "api-key", "x-api-key"}
    assert "no-key-needed" not in CASSETTE.read_text()
