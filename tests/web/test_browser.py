"""End-to-end: the pages in a real headless Chromium (Debian's), driven by Playwright.

Nothing is downloaded: Playwright is told where Debian's ``chromium`` is. Without it these
tests are skipped on a developer's machine, and fail in CI (``CI=true``), where
``.ci/run`` installs it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_app import IN_CI, ROOT, SAMPLE, LiveServer, free_port, settings, slow_backend

if not IN_CI:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
from playwright.sync_api import Page, expect

from grader.rubrics.rubric import load_rubric
from grader.web import create_app


def serve(tmp_path: Path, delay: float) -> LiveServer:
    port = free_port()
    app = create_app(settings(tmp_path, port=port), open_backend=slow_backend(delay))
    return LiveServer(app, port).start()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """A server whose fake model answers in 0.05 s (110 calls for the sample: about 6 s)."""
    found = serve(tmp_path, 0.05)
    try:
        yield found
    finally:
        found.stop()


def progress(page: Page) -> dict[str, Any]:
    value: dict[str, Any] = page.evaluate(
        "() => ({done: Number(document.getElementById('job-done').textContent),"
        " total: Number(document.getElementById('job-total').textContent),"
        " status: document.getElementById('job-status').textContent})"
    )
    return value


def wait_for_done(page: Page, least: int, timeout: float = 30.0) -> dict[str, Any]:
    """Wait until the progress shows at least ``least`` calls done (polled from here: the
    page's policy forbids the evaluated strings Playwright's own waiting would use)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = progress(page)
        if seen["done"] >= least:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"progress stayed below {least}: {progress(page)}")


def test_paste_watch_progress_open_scorecard_and_follow_a_quote(
    page: Page, server: LiveServer
) -> None:
    page.goto(server.url + "/")
    page.fill("#text", SAMPLE.read_text())
    page.click("details.own-levels summary")
    page.select_option("#level-metrics", "very_weak")
    page.click("#grade-button")
    page.wait_for_url("**/jobs/*")
    seen = wait_for_done(page, 1)
    # The default method asks 11 questions of each of the sample's 10 passages.
    assert seen["status"] == "running" and 0 < seen["done"] < seen["total"] == 110
    titles = [re.escape(dim.title) for dim in load_rubric().dimensions]
    expect(page.locator("#job-dimension")).to_have_text(re.compile("^(" + "|".join(titles) + ")$"))
    page.wait_for_url("**/interviews/*", timeout=30_000)
    expect(page.locator("h1")).to_have_text("Scorecard: pasted")
    # Your level beside the model's, the disagreement marked and listed first.
    first = page.locator("article.dim").first
    expect(first).to_have_class("dim disagree")
    expect(first.locator(".yours")).to_contain_text("Very Weak or Missing")
    expect(first.locator(".yours .badge")).to_have_text(
        "model 2 levels higher (large disagreement)"
    )
    # A quote leads to its highlighted words in the transcript, and back.
    link = first.locator("a.evidence-link").first
    anchor = link.get_attribute("href")
    assert anchor and anchor.startswith("#q")
    link.click()
    assert page.url.endswith(anchor)
    mark = page.locator(f"mark{anchor}")
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class("flash")
    assert link.inner_text().strip("[]T0123456789 “”") in mark.inner_text() + "”"
    back = page.locator(f"mark{anchor} ~ sup.back a, mark:has({anchor}) ~ sup.back a").first
    target = back.get_attribute("href")
    back.click()
    expect(page.locator(str(target))).to_be_in_viewport()
    # The details are folded away until asked for.
    details = first.locator("details.more")
    expect(details.locator("table")).not_to_be_visible()
    details.locator("summary").click()
    expect(details.locator("table")).to_contain_text("prompt sha256")


def test_reload_mid_job_and_see_it_continue(page: Page, tmp_path: Path) -> None:
    slow = serve(tmp_path, 0.15)
    try:
        page.goto(slow.url + "/")
        page.fill("#text", SAMPLE.read_text())
        page.click("#grade-button")
        page.wait_for_url("**/jobs/*")
        before = wait_for_done(page, 4)
        job_url = page.url
        page.reload()
        assert page.url == job_url
        after = progress(page)
        assert after["status"] == "running" and after["done"] >= before["done"]
        wait_for_done(page, after["done"] + 1)
        page.wait_for_url("**/interviews/*", timeout=30_000)
        expect(page.locator("article.dim")).to_have_count(6)
    finally:
        slow.stop()


def test_own_levels_entered_on_the_scorecard(page: Page, server: LiveServer) -> None:
    page.goto(server.url + "/")
    page.set_input_files("#file", str(ROOT / "transcripts_samples" / "02_url_shortener.vtt"))
    page.click("#grade-button")
    page.wait_for_url("**/interviews/*", timeout=30_000)
    expect(page.locator("#comparison")).to_have_count(0)
    page.select_option("#yours-clarifying_questions", "very_strong")
    page.click("#levels-button")
    expect(page.locator("#comparison")).to_contain_text("1 disagree")
    expect(page.locator("article.dim").first).to_contain_text("Clarifying Questions")


def test_upload_a_ratings_csv_and_see_the_audit(page: Page, server: LiveServer) -> None:
    page.goto(server.url + "/audit")
    page.set_input_files("#ratings", str(ROOT / "evals" / "ratings_sample.csv"))
    page.click("#audit-button")
    result = page.locator("#audit-result")
    expect(result).to_contain_text("6 graders")
    expect(result.locator("ul.findings")).to_contain_text("lenient")
    expect(result.locator("table.graders tr")).to_have_count(7)


def test_upload_a_binary_file_and_see_the_clear_error(page: Page, server: LiveServer) -> None:
    page.goto(server.url + "/")
    payload = {"name": "recording.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 8}
    page.set_input_files("#file", files=[payload])
    page.click("#grade-button")
    error = page.locator("#error")
    expect(error).to_contain_text("recording.txt: looks like a binary file")
    expect(error).to_contain_text("save the transcript as UTF-8 text")
    assert "Traceback" not in page.content()
