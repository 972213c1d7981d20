"""Benchmark: how fast the web app's pages load with 1,000 interviews in the history.

Usage: python evals/benchmarks/web_pages.py [--interviews 1000] [--repeat 20]

Grades the seven sample transcripts once with the fake backend, copies their scorecards
into a fresh history until it holds ``--interviews`` interviews (names and candidates
varied, times spread over a year), serves the app with uvicorn on 127.0.0.1 and loads
every page ``--repeat`` times over HTTP, one request at a time. Reports per page the
median, 95th percentile and slowest load (the whole response read), and whether every
page's slowest load is under 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from grader.backends.fake import FakeBackend
from grader.backends.spec import BackendSpec
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.rubrics.rubric import load_rubric
from grader.transcripts.transcript import load
from grader.web import WebSettings, create_app
from grader.web.store import History

ROOT = Path(__file__).resolve().parents[2]
BOUND_MS = 200.0


def fill(history: History, count: int) -> list[int]:
    """Put ``count`` interviews into the history, made from the graded sample transcripts."""
    rubric = load_rubric()
    graded = []
    for path in sorted((ROOT / "transcripts_samples").glob("0*")):
        transcript = load(path)
        card = grade(transcript, rubric, FakeBackend())
        graded.append((path.name, transcript.model_dump(mode="json"), card.to_json()))
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    ids = []
    for n in range(count):
        name, transcript, card = graded[n % len(graded)]
        ids.append(
            history.add(
                name=f"{n:04d}_{name}",
                candidate=f"Candidate {n % 97}",
                transcript=transcript,
                scorecard=card,
                levels={"metrics": "strong"} if n % 3 == 0 else None,
                created=(start + dt.timedelta(hours=8 * n)).isoformat(timespec="seconds"),
            )
        )
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="web-bench-"))
    settings = WebSettings(
        backend=BackendSpec(name="fake"),
        options=GradeOptions(),
        history=folder / "history.sqlite",
        port=0,
    )
    app = create_app(settings)
    service = app.state.service
    started = time.perf_counter()
    ids = fill(service.history, args.interviews)
    fill_seconds = time.perf_counter() - started
    newest, middle = ids[-1], ids[len(ids) // 2]
    sample = (ROOT / "evals" / "ratings_sample.csv").read_bytes()
    audit_id = service.audit(sample, "ratings_sample.csv")
    pages = {
        "grade (/)": "/",
        "history, newest 50": "/history",
        "history, page 10": "/history?page=10",
        "history, search": "/history?q=Candidate+42",
        "scorecard, newest": f"/interviews/{newest}",
        "scorecard, middle": f"/interviews/{middle}",
        "scorecard download .html": f"/interviews/{newest}/report.html",
        "API: list interviews": "/api/interviews",
        "API: one interview": f"/api/interviews/{middle}",
        "audit download .md": f"/audits/{audit_id}/report.md",
        "batch status page": "/batch",
        "API docs": "/docs",
    }
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    rows = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for name, path in pages.items():
                assert client.get(path).status_code == 200, path  # warm-up
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    answer = client.get(path)
                    answer.read()
                    times.append((time.perf_counter() - t0) * 1000)
                    assert answer.status_code == 200, (path, answer.status_code)
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                rows.append((name, statistics.median(times), p95, times[-1], len(answer.content)))
    finally:
        server.should_exit = True
        thread.join(10)
    print(
        f"web pages, {args.interviews} interviews in the history, {args.repeat} loads each "
        f"({platform.machine()}, {platform.python_version()}; history filled in "
        f"{fill_seconds:.1f} s)"
    )
    print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'bytes':>8}")
    for name, median, p95, slowest, size in rows:
        print(f"{name:28} {median:10.1f} {p95:8.1f} {slowest:8.1f} {size:8d}")
    worst = max(row[3] for row in rows)
    verdict = "under" if worst < BOUND_MS else "OVER"
    print(f"slowest load {worst:.1f} ms: every page {verdict} {BOUND_MS:.0f} ms")
    print(json.dumps({"slowest_ms": round(worst, 1), "bound_ms": BOUND_MS}))
    return 0 if worst < BOUND_MS else 1


if __name__ == "__main__":
    sys.exit(main())
