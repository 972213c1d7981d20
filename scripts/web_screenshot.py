"""Take the README's screenshot of the web app's scorecard page with headless chromium.

Usage: python scripts/web_screenshot.py [docs/scorecard_page.png]

The scorecard is a real one: the embedded model's grade of the first sample transcript as
recorded in tests/cassettes/ (the default method), with an interviewer's own levels set
beside it. It is put into a fresh history, served on 127.0.0.1 and photographed after a
click on its first quote, so the highlighted words in the transcript show.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from grader.backends.spec import BackendSpec
from grader.grading.options import GradeOptions
from grader.grading.scorecard import Scorecard
from grader.transcripts.transcript import load
from grader.web import WebSettings, create_app

ROOT = Path(__file__).resolve().parents[1]
CARD = ROOT / "tests" / "cassettes" / "llama_server_grade_default.result.json"
SAMPLE = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
OWN_LEVELS = {"tradeoffs": "strong", "metrics": "strong", "clarifying_questions": "very_strong"}


def main() -> int:
    """Write the screenshot of a recorded grade's scorecard page."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "scorecard_page.png")
    folder = Path(tempfile.mkdtemp(prefix="web-shot-"))
    settings = WebSettings(
        backend=BackendSpec(name="local"), options=GradeOptions(), history=folder / "h.sqlite"
    )
    app = create_app(settings)
    service = app.state.service
    data = json.loads(CARD.read_text())
    data["transcript"]["path"] = SAMPLE.name
    card = Scorecard.model_validate(data)
    transcript = load(SAMPLE).model_copy(update={"path": SAMPLE.name})
    interview = service.history.add(
        name=SAMPLE.name,
        candidate="Dana Reyes",
        transcript=transcript.model_dump(mode="json"),
        scorecard=card.to_json(),
        levels=None,
    )
    service.set_levels(interview, OWN_LEVELS)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(f"http://127.0.0.1:{port}/interviews/{interview}")
            page.locator("a.evidence-link").first.click()
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
