"""HTML reports: structure and escaping, then a real headless Chromium.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: the
browser reads JSON commands on fd 3 and writes replies and events on fd 4, each message
ending in a NUL byte), so no extra package or port is needed. Console errors, uncaught
exceptions, browser log errors (e.g. a resource that failed or was blocked) and any request
that is not the page itself or a ``data:`` URI all count as failures.

Set GRADER_SCREENSHOTS=DIR to also save screenshots of the reports committed under
evals/reports/ into DIR (that is how evals/reports/*.png are made).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import subprocess
import tempfile
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from grader.audit.analysis import audit
from grader.backends.fake import FakeBackend
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.grading.scorecard import Scorecard
from grader.grading.second_opinion import compare
from grader.ratings.files import Rating, Ratings, load_ratings
from grader.reports.audit_html import audit_html
from grader.reports.scorecard_html import scorecard_html
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import Transcript, parse

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
REPORTS = ROOT / "evals" / "reports"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium is not installed (/usr/bin/chromium, Debian package "
    "'chromium'); .ci/run installs it, so CI runs these tests",
)
HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> </mark> &amp; http://evil.example/a.png'


def answer(level: str, *quotes: tuple[str, str]) -> str:
    evidence = [{"turn_id": t, "quote": q} for t, q in quotes]
    return json.dumps(
        {"evidence": evidence, "rationale": f"Because <b>{level}</b>.", "level": level}
    )


# One answer per dimension, in rubric order: distinct, overlapping and shared spans, one
# quote that is not in the transcript, and quotes over text that looks like markup.
SCRIPT = [
    answer("strong", ("T4", "compare the traces of the checkout endpoint"),
           ("T4", "that would explain a doubling across all regions")),
    answer("strong", ("T2", "Is it the p95 page load time or the server response time"),
           ("T6", "add an alert on p95 above 400 milliseconds")),
    answer("very_strong", ("T2", "can I ask which metric moved? Is it the p95"),
           ("T8", HOSTILE[:40])),
    answer("strong", ("T6", "An index is simpler but slows writes a little"),
           ("T6", "I love tradeoffs more than anything")),
    answer("neutral", ("T6", "add an alert on p95 above 400 milliseconds")),
    answer("neutral", ("T8", "I would write a short ticket")),
]  # fmt: skip


def hostile_transcript() -> Transcript:
    text = (ROOT / "tests" / "data" / "short_interview.txt").read_text()
    text = text.replace("Candidate: I would write", f"Candidate: {HOSTILE} I would write")
    return parse(text, path="<b>interview</b>.txt", fmt="text")


@pytest.fixture(scope="module")
def graded(rubric: Rubric) -> tuple[Scorecard, Transcript]:
    transcript = hostile_transcript()
    # The script answers one call per dimension, quotes chosen to test the links.
    options = GradeOptions(strategy="per_dimension")
    card = grade(transcript, rubric, FakeBackend(list(SCRIPT)), options=options)
    mine = {"data_literacy": Level.WEAK, "metrics": Level.STRONG, "tradeoffs": Level.VERY_WEAK}
    card.comparison = compare(card, mine, "mine.json")
    return card, transcript


@pytest.fixture(scope="module")
def audit_page(rubric: Rubric) -> str:
    ratings = load_ratings(ROOT / "evals" / "ratings_sample.csv", rubric)
    odd = [Rating(r.interview, "<i>x</i>", r.dimension, r.level) for r in ratings.items[:40]]
    ratings = Ratings(ratings.path, ratings.items + tuple(odd), ratings.dimensions)
    model = [
        Rating(r.interview, "model:fake", r.dimension, r.level)
        for r in ratings.items
        if r.grader == "avery"
    ]
    titles = {d.id: d.title for d in rubric.dimensions}
    return audit_html(audit(ratings, model_ratings=model, model="model:fake", titles=titles))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def assert_self_contained(page: str) -> None:
    found = tags(page)
    assert not [t for t, _ in found if t in ("script", "iframe", "object", "embed", "link")]
    for tag, attrs in found:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/png;base64,")
        if tag == "a":
            assert (attrs.get("href") or "").startswith("#"), attrs
    assert "default-src 'none'" in page
    assert not re.search(r"url\(|@import", page)


def test_scorecard_html_escapes_and_links(graded: tuple[Scorecard, Transcript]) -> None:
    card, transcript = graded
    page = scorecard_html(card, transcript)
    assert_self_contained(page)
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;/script&gt; &quot;&gt;&lt;img src=x" in page and "onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;interview&lt;/b&gt;.txt" in page and "Because &lt;b&gt;" in page
    found = tags(page)
    ids = {a.get("id") for _, a in found if a.get("id")}
    links = [a for t, a in found if t == "a" and "evidence-link" in (a.get("class") or "")]
    shown = sum(len(d.evidence) for d in card.dimensions)
    assert len(links) == shown == 9  # the quote not in the transcript is not shown
    assert all((a["href"] or "")[1:] in ids for a in links)
    # The metrics and implementation quotes are one span: one highlight, two links to it.
    assert len({a["href"] for a in links}) == shown - 1
    assert "yours" in page.lower() and "large disagreement" in page


def test_audit_html_is_self_contained(audit_page: str) -> None:
    assert_self_contained(audit_page)
    assert "&lt;i&gt;x&lt;/i&gt;" in audit_page and "<i>x</i>" not in audit_page
    assert audit_page.count("data:image/png;base64,") == 2
    for heading in ("Reliability", "Graders", "Drift", "Disagreements", "Rules"):
        assert f">{heading}</h2>" in audit_page


class Browser:
    """Headless Chromium controlled over the DevTools protocol on a pipe."""

    def __init__(self) -> None:
        to_browser_r, self._to_browser = (self._high(fd) for fd in os.pipe())
        self._from_browser, from_browser_w = (self._high(fd) for fd in os.pipe())
        self._profile = tempfile.TemporaryDirectory()

        def wire() -> None:
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self._process = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--hide-scrollbars", "--remote-debugging-pipe",
             f"--user-data-dir={self._profile.name}", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=wire,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    @staticmethod
    def _high(fd: int) -> int:
        # Move pipe ends above 3 and 4 so dup2 in the child cannot clobber one with another.
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        return moved

    def _read(self, until: Any, timeout: float) -> dict[str, Any] | None:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if until(message):
                    return dict(message)
                self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                return None
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk

    def call(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        number = self._id
        reply = self._read(lambda m: m.get("id") == number, 30)
        if reply is None or "error" in reply:
            raise RuntimeError(f"{method} failed: {reply}")
        return reply["result"]

    def open(self, path: Path) -> tuple[str, list[str]]:
        """Load a file; return the session and every problem the page reported."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                  session=session)  # fmt: skip
        self.events.clear()
        url = path.resolve().as_uri()
        self.call("Page.navigate", {"url": url}, session=session)
        loaded = self._read(
            lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session,
            30,
        )
        assert loaded is not None, f"{path} did not finish loading"
        self._read(lambda m: False, 0.5)  # late console messages and failed loads
        return session, self.problems(url, session)

    def problems(self, url: str, session: str) -> list[str]:
        found = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(f"console.{params['type']}: {params['args']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent":
                requested = params["request"]["url"]
                if requested.split("#")[0] != url and not requested.startswith("data:"):
                    found.append(f"request: {requested}")
        return found

    def evaluate(self, session: str, expression: str) -> Any:
        reply = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session
        )
        assert "exceptionDetails" not in reply, reply
        return reply["result"]["value"]

    def screenshot(self, session: str, path: Path, max_height: int = 3200) -> None:
        metrics = self.call("Page.getLayoutMetrics", session=session)
        height = min(max_height, int(metrics["cssContentSize"]["height"]))
        shot = self.call("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True,
                          "clip": {"x": 0, "y": 0, "width": 1200, "height": height, "scale": 1}},
                         session=session)  # fmt: skip
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._profile.cleanup()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("headless Chromium is not installed (/usr/bin/chromium)")
    chromium = Browser()
    try:
        yield chromium
    finally:
        chromium.close()


CHECK_LINKS = """(() => {
  const out = {links: 0, bad: [], back: 0, scripts: document.scripts.length,
               images: [...document.images].map(i => i.complete && i.naturalWidth > 0)};
  for (const a of document.querySelectorAll('a.evidence-link')) {
    out.links++;
    const id = a.getAttribute('href').slice(1);
    const target = document.getElementById(id);
    if (!target || target.tagName !== 'MARK') { out.bad.push(id + ': no mark'); continue; }
    const marks = [...document.querySelectorAll('mark[data-q~="' + id + '"]')];
    const text = marks.map(m => m.textContent).join('');
    if (text !== a.dataset.quote) out.bad.push(id + ': ' + text + ' != ' + a.dataset.quote);
    const colour = getComputedStyle(marks[0]).backgroundColor;
    if (colour === 'rgba(0, 0, 0, 0)') out.bad.push(id + ': not highlighted');
  }
  for (const a of document.querySelectorAll('a[href^="#"]:not(.evidence-link)')) {
    out.back++;
    if (!document.getElementById(a.getAttribute('href').slice(1))) out.bad.push(a.href);
  }
  return out;
})()"""


@needs_chromium
def test_harness_reports_real_page_errors(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!doctype html><title>t</title><script>console.error('boom'); missing();</script>"
        '<img src="nothing-here.png">'
    )
    _, problems = browser.open(page)
    kinds = {p.split(":")[0] for p in problems}
    assert {"console.error", "exception", "log", "request"} <= kinds, problems


@needs_chromium
def test_grade_report_in_chromium(
    browser: Browser, graded: tuple[Scorecard, Transcript], tmp_path: Path
) -> None:
    page = tmp_path / "grade.html"
    page.write_text(scorecard_html(*graded), encoding="utf-8")
    session, problems = browser.open(page)
    assert problems == []
    result = browser.evaluate(session, CHECK_LINKS)
    assert result["bad"] == [] and result["scripts"] == 0
    assert result["links"] == 9 and result["back"] > 9
    # Following a link makes its quote the page's target, which is styled to stand out.
    browser.evaluate(session, "location.hash = '#q1'")
    assert browser.evaluate(session, "document.querySelector(':target').id") == "q1"
    browser.screenshot(session, tmp_path / "grade.png")
    assert (tmp_path / "grade.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_chromium
def test_audit_report_in_chromium(browser: Browser, audit_page: str, tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    page.write_text(audit_page, encoding="utf-8")
    session, problems = browser.open(page)
    assert problems == []
    result = browser.evaluate(session, CHECK_LINKS)
    assert result["bad"] == [] and result["scripts"] == 0
    assert result["images"] == [True, True]
    browser.screenshot(session, tmp_path / "audit.png")
    assert (tmp_path / "audit.png").stat().st_size > 20_000


@needs_chromium
@pytest.mark.parametrize("name", ["grade_report.html", "audit_report.html"])
def test_committed_reports_in_chromium(browser: Browser, name: str) -> None:
    page = REPORTS / name
    session, problems = browser.open(page)
    assert problems == []
    result = browser.evaluate(session, CHECK_LINKS)
    assert result["bad"] == [] and all(result["images"])
    if folder := os.environ.get("GRADER_SCREENSHOTS"):
        browser.screenshot(session, Path(folder) / page.with_suffix(".png").name)


def test_committed_reports_are_current(rubric: Rubric) -> None:
    # The committed audit report must be the audit of the committed sample ratings.
    ratings = load_ratings(ROOT / "evals" / "ratings_sample.csv", rubric)
    page = (REPORTS / "audit_report.html").read_text()
    for grader in ratings.graders():
        assert f"<td>{grader}</td>" in page
    assert "lenient: casey" in page and "noisy: finley" in page
    card_page = (REPORTS / "grade_report.html").read_text()
    assert 'class="evidence-link"' in card_page and "Yours" in card_page


def test_cli_grade_writes_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from grader.cli.main import main

    out = tmp_path / "card.html"
    sample = ROOT / "transcripts_samples" / "01_checkout_latency.txt"
    assert main(["grade", str(sample), "--backend", "fake", "-o", str(out)]) == 0
    page = out.read_text()
    assert_self_contained(page)
    assert capsys.readouterr().out == ""
    assert main(["grade", str(sample), "--backend", "fake", "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    quotes = sum(len(d["evidence"]) for d in card["dimensions"])
    assert quotes >= 6 and page.count('class="evidence-link"') == quotes and "<mark" in page


def test_audit_html_without_dates_has_no_drift_section() -> None:
    items = tuple(
        Rating(f"i{n}", g, "metrics", Level.from_rank((n + (g == "c")) % 5))
        for n in range(8)
        for g in "abc"
    )
    page = audit_html(audit(Ratings("r.csv", items, ("metrics",))))
    assert_self_contained(page)
    assert page.count("data:image/png;base64,") == 1 and ">Drift</h2>" not in page
