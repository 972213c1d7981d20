"""What the web app's tests share: settings, a slow fake model, a live server, chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from grader.backends.base import Completion, Message, Settings, YesNo
from grader.backends.fake import FakeBackend
from grader.backends.spec import BackendSpec
from grader.grading.options import GradeOptions
from grader.web import WebSettings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
BASE = "http://127.0.0.1:8000"


class SlowFake(FakeBackend):
    """The fake backend, taking ``delay`` seconds per answer, so progress can be watched."""

    def __init__(self, delay: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.delay = delay

    def complete(
        self, messages: list[Message], schema: dict[str, Any], settings: Settings
    ) -> Completion:
        time.sleep(self.delay)
        return super().complete(messages, schema, settings)

    def yes_probability(self, messages: list[Message]) -> YesNo:
        time.sleep(self.delay)
        return super().yes_probability(messages)


def slow_backend(delay: float, level: str = "neutral") -> Any:
    """Return an ``open_backend`` giving a SlowFake for every spec (its model name kept)."""

    @asynccontextmanager
    async def open_backend(spec: BackendSpec) -> AsyncIterator[SlowFake]:
        yield SlowFake(delay, model=spec.model or "fake-model", level=level)

    return open_backend


def settings(tmp_path: Path, **changes: Any) -> WebSettings:
    """Return settings for a test app: the fake backend, a history in ``tmp_path``."""
    values: dict[str, Any] = {
        "backend": BackendSpec(name="fake"),
        "options": GradeOptions(),
        "history": tmp_path / "history.sqlite",
    }
    values.update(changes)
    return WebSettings(**values)


def make_client(app: FastAPI, base_url: str = BASE) -> TestClient:
    """Return a test client addressed as a browser on this machine would address the app."""
    return TestClient(app, base_url=base_url, raise_server_exceptions=False)


def csrf(client: TestClient) -> str:
    """Return the client's CSRF cookie (fetching a page first if it has none)."""
    if "grader_csrf" not in client.cookies:
        client.get("/")
    return str(client.cookies["grader_csrf"])


def wait_for_job(client: TestClient, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    """Poll a job until it is done or failed, and return its last state."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The app served by uvicorn in a thread on 127.0.0.1, stopped by :meth:`stop`."""

    def __init__(self, app: FastAPI, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        assert not self.thread.is_alive(), "the test server did not stop"


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    sync_playwright = None  # type: ignore[assignment]


def browser_unavailable() -> str | None:
    """Say why the browser tests cannot run here, or None when they can."""
    if sync_playwright is None:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).is_file():
        return "Debian's chromium is not installed (apt-get install chromium)"
    return None
