"""The openai backend, replayed from a cassette recorded against llama.cpp's real server.

The cassettes were recorded by ``python tests/record_cassettes.py``, which starts
``python -m llama_cpp.server`` with the embedded model on 127.0.0.1 and grades a sample:
once with one call per dimension, once with the default method (yes/no questions read from
log-probabilities).
Requests are matched on their body too, so a change to the prompts or the request shape
makes this test fail until the cassette is recorded again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grader.calibration.files import load_calibration
from grader.cli.main import main
from grader.rubrics.rubric import load_rubric
from record_cassettes import CASSETTE, DEFAULT_ARGS, DEFAULT_CASSETTE, GRADE_ARGS, recorder

CALIBRATION = (
    Path(__file__).parents[2]
    / "grader/data/rubric/calibration/pm-technical.qwen2.5-coder-1.5b.json"
)


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


@pytest.mark.parametrize("cassette", [CASSETTE, DEFAULT_CASSETTE], ids=lambda p: p.stem)
def test_cassette_holds_no_secret(cassette: Path) -> None:
    import yaml

    data = yaml.safe_load(cassette.read_text())
    for interaction in data["interactions"]:
        headers = {name.lower() for name in interaction["request"]["headers"]}
        assert not headers & {"authorization", "api-key", "x-api-key"}
    assert "no-key-needed" not in cassette.read_text()


def test_indicator_method_replays_llama_server_with_log_probabilities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The indicator method through the openai backend: 30 yes/no questions answered with
    log-probabilities by llama.cpp's server, then one quote request per dimension."""
    recorded = json.loads(DEFAULT_CASSETTE.with_suffix(".result.json").read_text())
    with recorder().use_cassette(str(DEFAULT_CASSETTE), record_mode="none") as cassette:
        code = main(DEFAULT_ARGS)
        data = json.loads(capsys.readouterr().out)
        played = cassette.play_count
    assert code in (0, 1)
    assert played == len(cassette.responses) == 37
    assert data["strategy"] == "indicators"
    indicators = [i for d in data["dimensions"] for i in d["indicators"]]
    assert len(indicators) == 30 and {i["method"] for i in indicators} == {"logprobs"}
    assert all(0.0 < i["p_yes"] < 1.0 and i["mass"] > 0.5 for i in indicators)
    # Replayed answers are the answers recorded, and the levels are what the shipped
    # calibration makes of them and of the counts (it may have been refitted since).
    assert _answers(data) == _answers(recorded)
    calibration = load_calibration(CALIBRATION, load_rubric())
    read = {**_answers(data), **data["text_features"]}
    for dim in data["dimensions"]:
        level = calibration.level(dim["id"], read)
        assert level is not None and dim["level"] == level.value


def _answers(card: dict[str, Any]) -> dict[str, float]:
    return {f"{d['id']}.{i['id']}": i["p_yes"] for d in card["dimensions"] for i in d["indicators"]}
