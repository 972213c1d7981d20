"""A model is identified by what it is, not by how it is served or named."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from grader.backends.fake import FakeBackend
from grader.backends.identity import identity_from, served_identity
from grader.calibration.files import SHIPPED, find_calibration, load_calibration, model_key
from grader.calibration.model import Calibration
from grader.grading.options import GradeOptions, resolve_options
from grader.grading.prompts import PromptSet
from grader.rubrics.rubric import Rubric

SHIPPED_FILE = SHIPPED / "pm-technical.qwen2.5-coder-1.5b.json"
# The shipped calibration of the default (passage) method.
SHIPPED_DEFAULT = SHIPPED / "pm-technical.qwen2.5-coder-1.5b.passages.json"
META = {"n_params": 1777088000, "size": 1111370240, "n_vocab": 151936, "n_embd": 1536}
IDENTITY = "gguf:n_params=1777088000;size=1111370240;n_vocab=151936;n_embd=1536"


class _Models(BaseHTTPRequestHandler):
    body: Any = None

    def do_GET(self) -> None:
        if self.path != "/v1/models" or self.body is None:
            self.send_error(404)
            return
        data = json.dumps(self.body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Models]]]:
    handler = type("Handler", (_Models,), {"body": None})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_identity_needs_every_figure() -> None:
    assert identity_from(META) == IDENTITY
    assert identity_from({**META, "size": None}) is None
    assert identity_from({**META, "n_embd": True}) is None
    assert identity_from({k: v for k, v in META.items() if k != "n_vocab"}) is None


def test_llama_cpp_server_figures_give_the_identity(server: tuple[str, type[_Models]]) -> None:
    url, handler = server
    handler.body = {
        "object": "list",
        "data": [
            {"id": "other.gguf", "meta": {**META, "size": 5}},
            {"id": "/models/q.gguf", "object": "model", "meta": META},
        ],
    }
    assert served_identity(url, "/models/q.gguf") == IDENTITY
    # Two entries and none named: no guess.
    assert served_identity(url, "unknown") is None
    handler.body = {"data": [{"id": "any", "meta": META}]}
    assert served_identity(url, "unknown") == IDENTITY  # the only model served


def test_a_server_without_figures_has_no_identity(server: tuple[str, type[_Models]]) -> None:
    url, handler = server
    handler.body = {"data": [{"id": "/models/q.gguf", "object": "model", "owned_by": "me"}]}
    assert served_identity(url, "/models/q.gguf") is None
    handler.body = None  # 404
    assert served_identity(url, "/models/q.gguf") is None
    handler.body = ["not", "an", "object"]
    assert served_identity(url, "x") is None
    assert served_identity("file:///etc/passwd", "x") is None


def test_the_shipped_calibrations_record_the_embedded_models_identity() -> None:
    assert load_calibration(SHIPPED_FILE).model_identity == IDENTITY
    assert load_calibration(SHIPPED_DEFAULT).model_identity == IDENTITY


def test_a_gguf_path_is_compared_by_its_stem() -> None:
    assert model_key("/srv/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf") == (
        "qwen2.5-coder-1.5b-instruct-q4_k_m"
    )
    assert model_key("C:\\models\\q.GGUF") == "q"
    assert model_key("gpt-4o-mini") == "gpt-4o-mini"


def _resolve(model: FakeBackend, rubric: Rubric) -> object:
    return resolve_options(GradeOptions(), model, rubric, PromptSet().sha256).calibration


def test_served_under_a_path_or_an_alias_the_shipped_calibration_is_found(
    rubric: Rubric,
) -> None:
    shipped = load_calibration(SHIPPED_DEFAULT)
    by_path = FakeBackend(model="/root/.cache/x/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    assert _resolve(by_path, rubric) == shipped
    by_identity = FakeBackend(model="my-alias", gguf_identity=IDENTITY)
    assert _resolve(by_identity, rubric) == shipped
    # Another model: no calibration, whatever its name looks like.
    other = FakeBackend(model="my-alias", gguf_identity=IDENTITY.replace("1536", "2048"))
    assert _resolve(other, rubric) == "rubric_cuts"


def test_the_users_own_calibration_is_found_first(rubric: Rubric) -> None:
    shipped = load_calibration(SHIPPED_FILE)
    folder = Path(os.environ["GRADER_CALIBRATION_DIR"])
    (folder / "broken.json").write_text("{not json")
    # A broken file of the user's does not stop the search: the shipped one is found.
    assert find_calibration(shipped.model, rubric, PromptSet().sha256) == shipped
    own = shipped.model_copy(update={"id": "mine"})
    (folder / "mine.json").write_text(own.model_dump_json())
    found = find_calibration(shipped.model, rubric, PromptSet().sha256)
    assert isinstance(found, Calibration) and found.id == "mine"


def test_the_identity_is_asked_for_only_when_no_name_matches(rubric: Rubric) -> None:
    asked: list[int] = []

    def identity() -> str | None:
        asked.append(1)
        return IDENTITY

    prompts = PromptSet().sha256
    shipped = load_calibration(SHIPPED_FILE)
    assert find_calibration(shipped.model, rubric, prompts, "indicators", identity) == shipped
    assert not asked  # found by its name
    assert find_calibration("alias", rubric, prompts, "per_dimension", identity) is None
    assert not asked  # no calibration for that method: nothing to match an identity against
    assert find_calibration("alias", rubric, prompts, "indicators", identity) == shipped
    assert asked == [1]
