"""One real grade through the page with the embedded model (slow; real-model group).

Pastes a short interview into the Grade page of a server that uses the command line's
default backend (the embedded model, in process), waits for the scorecard and checks it
shows six graded dimensions whose quotes lead to the transcript.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from web_app import IN_CI, ROOT, LiveServer, free_port, settings

from grader.backends.spec import BackendSpec

if not IN_CI:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
from playwright.sync_api import Page, expect

from grader.web import create_app

pytestmark = pytest.mark.real_model
SHORT = ROOT / "tests" / "data" / "short_interview.txt"


@pytest.fixture
def embedded_server(tmp_path: Path) -> Iterator[LiveServer]:
    pytest.importorskip("llama_cpp", reason="needs the 'local' extra")
    port = free_port()
    # The command line's default: no backend named and no endpoint set is the local model.
    app = create_app(settings(tmp_path, port=port, backend=BackendSpec(name="local")))
    server = LiveServer(app, port).start()
    try:
        yield server
    finally:
        server.stop()


def test_one_real_grade_through_the_page(page: Page, embedded_server: LiveServer) -> None:
    page.goto(embedded_server.url + "/")
    expect(page.locator(".note").first).to_contain_text("local backend")
    page.fill("#text", SHORT.read_text())
    page.click("#grade-button")
    page.wait_for_url("**/jobs/*")
    page.wait_for_url("**/interviews/*", timeout=20 * 60_000)
    expect(page.locator(".meta")).to_contain_text("qwen2.5-coder-1.5b-instruct-q4_k_m")
    dims = page.locator("article.dim")
    expect(dims).to_have_count(6)
    failed = page.locator("article.dim h3", has_text=": failed")
    assert failed.count() <= 1
    links = page.locator("a.evidence-link")
    assert links.count() >= 1, "the model should cite at least one quote found in the transcript"
    anchor = links.first.get_attribute("href")
    links.first.click()
    expect(page.locator(f"mark{anchor}")).to_be_in_viewport()
