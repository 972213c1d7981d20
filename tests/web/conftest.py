"""Fixtures of the web app's tests (helpers in tests/support/web_app.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_app import (
    CHROMIUM,
    IN_CI,
    LiveServer,
    browser_unavailable,
    free_port,
    make_client,
    settings,
    slow_backend,
    sync_playwright,
)

from grader.web import create_app

if sync_playwright is not None:
    from playwright.sync_api import Browser, Page


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(create_app(settings(tmp_path))) as test_client:
        yield test_client


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A live server grading with a fake model that takes 0.1 s per answer."""
    port = free_port()
    app = create_app(settings(tmp_path, port=port), open_backend=slow_backend(0.1))
    server = LiveServer(app, port).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = browser_unavailable()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield found
        finally:
            found.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    found = context.new_page()
    errors: list[str] = []
    # A script or style the Content-Security-Policy blocked, or a script error, shows here
    # (a page answered with status 400 on purpose logs a line too; that one is expected).
    found.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "status of 400" not in m.text else None
        ),
    )
    found.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield found
        assert errors == []
    finally:
        context.close()
