"""The JSON API and the form posts, through FastAPI's test client with the fake backend."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_app import BASE, ROOT, SAMPLE, csrf, make_client, settings, slow_backend, wait_for_job

from grader.web import create_app

CLIENT = {"X-Grader-Client": "tests"}
HOSTILE = json.dumps(
    [
        {
            "speaker": "<script>alert('speaker')</script>",
            "text": "Tell me how you'd measure checkout latency.",
        },
        {
            "speaker": "Candidate",
            "text": "I'd ask <img src=x onerror=alert(1)> first, then compare the p99 before "
            "and after </div><script>alert('text')</script> the release.",
        },
    ]
)


def grade_text(client: TestClient, text: str, **fields: object) -> dict[str, object]:
    answer = client.post("/api/grade", json={"text": text, **fields})
    assert answer.status_code == 202, answer.text
    return wait_for_job(client, answer.json()["id"])


def test_grade_json_then_fetch_the_scorecard_and_reports(client: TestClient) -> None:
    state = grade_text(client, SAMPLE.read_text(), name="01_checkout_latency.txt")
    assert state["status"] == "done" and state["done"] == state["total"] > 0
    interview = state["interview"]
    found = client.get(f"/api/interviews/{interview}").json()
    assert found["name"] == "01_checkout_latency.txt"
    assert len(found["scorecard"]["dimensions"]) == 6
    assert found["scorecard"]["transcript"]["path"] == "01_checkout_latency.txt"
    md = client.get(f"/api/interviews/{interview}/report.md")
    assert md.status_code == 200 and "Data Literacy" in md.text
    data = client.get(f"/interviews/{interview}/report.json").json()
    assert data["dimensions"][0]["id"] == found["scorecard"]["dimensions"][0]["id"]
    page = client.get(f"/interviews/{interview}/report.html")
    assert "attachment" in page.headers["content-disposition"]
    assert "script-src" not in page.headers["content-security-policy"]
    assert client.get(f"/api/interviews/{interview}/report.pdf").status_code == 404


def test_upload_with_levels_shows_the_disagreement(client: TestClient) -> None:
    levels = json.dumps({"metrics": "very_weak", "Data Literacy": 5})
    answer = client.post(
        "/api/grade/upload",
        files={
            "file": ("talk.vtt", (ROOT / "transcripts_samples/02_url_shortener.vtt").read_bytes())
        },
        data={"levels": levels},
        headers=CLIENT,
    )
    assert answer.status_code == 202, answer.text
    state = wait_for_job(client, answer.json()["id"])
    card = client.get(f"/api/interviews/{state['interview']}").json()["scorecard"]
    assert card["transcript"]["format"] == "vtt"
    items = {i["dimension"]: i for i in card["comparison"]["items"]}
    assert items["metrics"]["yours"] == "very_weak" and items["metrics"]["difference"] == 2
    assert items["data_literacy"]["difference"] == -2
    page = client.get(f"/interviews/{state['interview']}")
    assert "2 disagree" in re.sub(r"<[^>]+>", "", page.text)
    assert "model 2 levels higher" in page.text


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty.txt: transcript is empty"),
        ("blank.txt", b"   \n\n  ", "blank.txt: transcript is empty"),
        ("photo.txt", bytes(range(256)) * 40, "photo.txt: looks like a binary file"),
        ("notes.pdf", b"%PDF-1.4 just some words without speakers", "notes.pdf"),
        ("broken.json", b'{"turns": [', "broken.json"),
    ],
)
def test_bad_uploads_are_refused_in_words(
    client: TestClient, name: str, content: bytes, expected: str
) -> None:
    answer = client.post("/api/grade/upload", files={"file": (name, content)}, headers=CLIENT)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error.startswith(expected), error
    assert "grader-web-" not in error and "Traceback" not in error


def test_a_file_over_the_transcript_limit_gets_the_command_lines_error(tmp_path: Path) -> None:
    from grader.grading.options import GradeOptions

    app = create_app(settings(tmp_path, options=GradeOptions(max_bytes=1000)))
    with make_client(app) as client:
        answer = client.post(
            "/api/grade/upload", files={"file": ("long.txt", b"A: hi\n" * 200)}, headers=CLIENT
        )
        assert answer.status_code == 400
        assert answer.json()["error"].startswith("long.txt: file is larger than the 1000-byte")
        huge = client.post(
            "/api/grade/upload", files={"file": ("huge.txt", b"x" * 200_000)}, headers=CLIENT
        )
        assert huge.status_code == 413
        assert "larger than the 65,000-byte limit" in huge.json()["error"]


def test_a_request_body_over_the_limit_is_refused_before_reading(client: TestClient) -> None:
    answer = client.post(
        "/api/grade", content=b"{}", headers={"content-length": "999999999", **CLIENT}
    )
    assert answer.status_code == 413


def test_a_body_sent_in_chunks_is_cut_off_at_the_limit(tmp_path: Path) -> None:
    from grader.grading.options import GradeOptions

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 10_000

    app = create_app(settings(tmp_path, options=GradeOptions(max_bytes=1000)))
    with make_client(app) as client:
        kinds = {"/api/grade": "application/json", "/grade": "application/x-www-form-urlencoded"}
        for path, kind in kinds.items():
            answer = client.post(path, content=chunks(), headers={"content-type": kind})
            assert answer.status_code == 413, path
            assert "larger than the 65,000-byte limit" in answer.text


def test_hostile_html_in_speakers_and_text_is_escaped(client: TestClient) -> None:
    state = grade_text(client, HOSTILE, name="x<b>.json")
    assert state["status"] == "done", state
    for path in (f"/interviews/{state['interview']}", "/history", f"/jobs/{state['id']}"):
        page = client.get(path, follow_redirects=True)
        assert page.status_code == 200
        scripts = re.findall(r"<script[^>]*>", page.text)
        assert scripts == ['<script src="/static/app.js" defer>'], (path, scripts)
        assert "<img src=x" not in page.text and "onerror=alert" not in page.text.replace(
            "onerror=alert(1)&gt;", ""
        )
    page = client.get(f"/interviews/{state['interview']}").text
    assert "&lt;script&gt;alert(&#39;speaker&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    report = client.get(f"/interviews/{state['interview']}/report.html").text
    assert "<script>alert" not in report
    form = client.post(
        "/grade", data={"csrf": csrf(client), "text": HOSTILE, "candidate": "<script>x</script>"}
    )
    assert form.status_code == 400
    assert "candidate &#39;&lt;script&gt;x&lt;/script&gt;&#39; matches no speaker" in form.text
    assert "<script>x</script>" not in form.text


def test_form_posts_need_the_csrf_token(client: TestClient) -> None:
    text = SAMPLE.read_text()
    refused = client.post("/grade", data={"text": text}, follow_redirects=False)
    assert refused.status_code == 403 and "CSRF" in refused.text
    wrong = client.post("/grade", data={"text": text, "csrf": "guess"}, follow_redirects=False)
    assert wrong.status_code == 403
    ok = client.post("/grade", data={"text": text, "csrf": csrf(client)}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")
    other_site = client.post(
        "/grade",
        data={"text": text, "csrf": csrf(client)},
        headers={"origin": "http://evil.example"},
    )
    assert other_site.status_code == 403


def test_api_posts_that_a_plain_form_could_send_are_refused(client: TestClient) -> None:
    answer = client.post("/api/grade/upload", files={"file": ("a.txt", SAMPLE.read_bytes())})
    assert answer.status_code == 403 and "X-Grader-Client" in answer.json()["error"]


def test_the_grade_form_shows_errors_on_the_page(client: TestClient) -> None:
    token = csrf(client)
    empty = client.post("/grade", data={"text": "  ", "csrf": token})
    assert empty.status_code == 400 and "nothing to grade" in empty.text
    binary = client.post(
        "/grade",
        data={"csrf": token, "candidate": "Ann"},
        files={"file": ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")},
    )
    assert binary.status_code == 400
    assert "scan.png: looks like a binary file" in binary.text
    assert 'value="Ann"' in binary.text  # what was typed is kept
    level = client.post("/grade", data={"csrf": token, "text": "A: b", "level_metrics": "huge"})
    assert level.status_code == 400 and "unknown level" in level.text


def test_validation_errors_are_one_line_of_json(client: TestClient) -> None:
    answer = client.post("/api/grade", json={"name": "x.txt"})
    assert answer.status_code == 422
    assert answer.json() == {"error": "text: Field required"}
    assert client.get("/api/interviews/abc").status_code == 404
    assert client.get("/api/jobs/nope").json()["error"].startswith("no grading job")
    assert client.get("/no/such/page").status_code == 404


def test_an_unexpected_failure_shows_no_traceback(client: TestClient) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    client.app.state.service.history.search = broken  # type: ignore[attr-defined]
    page = client.get("/history")
    assert page.status_code == 500
    assert "secret internals" not in page.text and "Traceback" not in page.text
    assert "unexpected error" in page.text


def test_history_search_levels_regrade_and_delete(tmp_path: Path) -> None:
    app = create_app(settings(tmp_path), open_backend=slow_backend(0))
    with make_client(app) as client:
        text = SAMPLE.read_text()
        first = grade_text(
            client, text.replace("Candidate:", "Ana Diaz:"), name="alpha.txt", candidate="Ana Diaz"
        )
        grade_text(client, text.replace("Candidate:", "Bo Li:"), name="beta.txt", candidate="Bo Li")
        listed = client.get("/api/interviews", params={"q": "diaz"}).json()
        assert listed["total"] == 1 and listed["interviews"][0]["name"] == "alpha.txt"
        assert client.get("/api/interviews", params={"q": "a"}).json()["total"] == 2
        assert client.get("/api/interviews", params={"q": "%"}).json()["total"] == 0
        page = client.get("/history", params={"q": "beta"})
        assert "beta.txt" in page.text and "alpha.txt" not in page.text
        interview = first["interview"]
        compared = client.put(
            f"/api/interviews/{interview}/levels", json={"levels": {"metrics": "very_weak"}}
        ).json()["comparison"]
        assert {i["dimension"]: i["difference"] for i in compared["items"]}["metrics"] == 2
        again = client.post(
            f"/api/interviews/{interview}/regrade", json={"backend": "fake", "model": "other"}
        )
        assert again.status_code == 202
        regraded = wait_for_job(client, again.json()["id"])
        assert regraded["result_url"] == f"/interviews/{interview}/beside/{regraded['interview']}"
        beside = client.get(regraded["result_url"])
        assert beside.status_code == 200 and "fake other" in beside.text
        bad = client.post(f"/api/interviews/{interview}/regrade", json={"backend": "gpt"})
        assert bad.status_code == 400 and "unknown backend" in bad.json()["error"]
        assert client.delete(f"/api/interviews/{interview}").json() == {"deleted": interview}
        assert client.get(f"/api/interviews/{interview}").status_code == 404
        assert client.delete(f"/api/interviews/{interview}").status_code == 404
        token = csrf(client)
        gone = client.post(
            f"/interviews/{regraded['interview']}/delete",
            data={"csrf": token},
            follow_redirects=False,
        )
        assert gone.status_code == 303
        assert client.get("/api/interviews").json()["total"] == 1


def test_a_deleted_transcript_leaves_no_copy_on_disk(client: TestClient, tmp_path: Path) -> None:
    marker = "zebra-quartz-marker"
    text = SAMPLE.read_text().replace("Candidate: Sure.", f"Candidate: Sure, {marker}.")
    state = grade_text(client, text, name="secret.txt")
    files = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite")]
    assert any(marker.encode() in p.read_bytes() for p in files)
    assert client.delete(f"/api/interviews/{state['interview']}").status_code == 200
    files = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite")]
    assert files and not any(marker.encode() in p.read_bytes() for p in files)


def test_concurrent_submissions_are_all_graded(tmp_path: Path) -> None:
    app = create_app(settings(tmp_path), open_backend=slow_backend(0.001))
    with make_client(app) as client:
        ids: list[str] = []
        lock = threading.Lock()

        def submit(n: int) -> None:
            answer = client.post(
                "/api/grade", json={"text": SAMPLE.read_text(), "name": f"{n}.txt"}
            )
            assert answer.status_code == 202
            with lock:
                ids.append(answer.json()["id"])

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        states = [wait_for_job(client, job_id, timeout=60) for job_id in ids]
        assert [s["status"] for s in states] == ["done"] * 8
        assert len({s["interview"] for s in states}) == 8
        listed = client.get("/api/interviews", params={"limit": 100}).json()
        assert sorted(i["name"] for i in listed["interviews"]) == sorted(
            f"{n}.txt" for n in range(8)
        )
        assert len(client.get("/api/jobs").json()) == 8


def test_audit_of_the_sample_ratings(client: TestClient) -> None:
    sample = (ROOT / "evals" / "ratings_sample.csv").read_bytes()
    answer = client.post("/api/audit", files={"ratings": ("ratings.csv", sample)}, headers=CLIENT)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert len(found["audit"]["graders"]) == 6
    assert any("lenient" in line or "harsh" in line for line in found["findings"])
    bad = client.post(
        "/api/audit", files={"ratings": ("r.csv", b"interview,grader\nx,y\n")}, headers=CLIENT
    )
    assert bad.status_code == 400 and bad.json()["error"].startswith("r.csv")
    report = client.get(f"/audits/{found['id']}/report.md")
    assert report.status_code == 200 and "alpha" in report.text.lower()


def test_audit_ranks_the_model_from_the_history(client: TestClient) -> None:
    rows = ["interview,grader,dimension,level"]
    for grader, level in (("ann", "strong"), ("bob", "weak")):
        rows += [f"i1,{grader},metrics,{level}", f"i2,{grader},metrics,neutral"]
    grade_text(client, SAMPLE.read_text(), name="i1.txt")
    grade_text(client, SAMPLE.read_text(), name="i2.txt")
    answer = client.post(
        "/api/audit",
        files={"ratings": ("r.csv", "\n".join(rows).encode())},
        data={"with_model": "true"},
        headers=CLIENT,
    )
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["audit"]["model"] == "model"
    assert "2 of 2 interviews" in found["model_note"]


def test_batch_status_of_a_results_file(client: TestClient, tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    lines = [
        {"input": "a.txt", "status": "graded", "cost": {"usd": 0.25}},
        {"input": "b.txt", "status": "failed", "error": "b.txt: looks like a binary file"},
        {"input": "b.txt", "status": "failed", "error": "b.txt: still binary"},
    ]
    results.write_text("\n".join(json.dumps(line) for line in lines) + "\n{torn")
    status = client.get("/api/batch", params={"results": str(results)}).json()
    assert (status["transcripts"], status["graded"], status["failed"]) == (2, 1, 1)
    assert status["cost_usd"] == 0.25 and status["failures"][0]["error"] == "b.txt: still binary"
    page = client.get("/batch", params={"results": str(results)})
    assert "b.txt: still binary" in page.text
    wrong = client.get("/api/batch", params={"results": str(tmp_path / "x.csv")})
    assert wrong.status_code == 400 and "not a results file" in wrong.json()["error"]


def test_batch_of_uploaded_files(client: TestClient) -> None:
    answer = client.post(
        "/batch",
        data={"csrf": csrf(client)},
        files=[
            ("files", ("one.txt", SAMPLE.read_bytes())),
            ("files", ("two.bin", b"\x00\x01")),
        ],
        follow_redirects=False,
    )
    assert answer.status_code == 303
    batch = answer.headers["location"]
    for job in client.get("/api/jobs").json():
        wait_for_job(client, job["id"])
    page = client.get(batch).text
    assert "one.txt" in page and "two.bin: looks like a binary file" in page
    assert "/interviews/" in page


def test_rubric_openapi_and_docs(client: TestClient) -> None:
    rubric = client.get("/api/rubric").json()
    assert len(rubric["dimensions"]) == 6
    spec = client.get("/openapi.json").json()
    assert "/api/grade" in spec["paths"] and "/api/interviews/{interview}" in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "POST /api/grade" in docs.text


def test_pages_carry_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/history", "/audit", "/batch", "/docs", "/static/app.js"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert answer.headers["x-frame-options"] == "DENY"
        if path != "/static/app.js":
            assert not re.search(r"<script(?![^>]*\bsrc=)", answer.text), path
            assert " style=" not in answer.text and "<style" not in answer.text, path


def test_a_loopback_server_refuses_other_host_names(client: TestClient) -> None:
    answer = client.get("/", headers={"host": "rebound.example:8000"})
    assert answer.status_code == 421


def test_off_loopback_every_request_needs_the_token(tmp_path: Path) -> None:
    app = create_app(settings(tmp_path, host="0.0.0.0", token="s3cret-token"))
    with make_client(app, base_url="http://192.0.2.10:8000") as client:
        assert app.state.service.settings.url == "http://0.0.0.0:8000/?token=s3cret-token"
        for path in ("/", "/api/interviews", "/static/app.js", "/docs"):
            refused = client.get(path)
            assert refused.status_code == 401, path
        assert "token" in client.get("/api/interviews").json()["error"]
        wrong = client.get("/api/interviews", headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        bearer = client.get("/api/interviews", headers={"authorization": "Bearer s3cret-token"})
        assert bearer.status_code == 200
        opened = client.get("/?token=s3cret-token", follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/"
        assert client.get("/").status_code == 200  # the cookie carries it now
        posted = client.post(
            "/api/grade/upload",
            files={"file": ("a.txt", SAMPLE.read_bytes())},
            headers={"authorization": "Bearer s3cret-token"},
        )
        assert posted.status_code == 202


def test_a_random_token_is_made_when_bound_beyond_loopback(tmp_path: Path) -> None:
    made = settings(tmp_path, host="0.0.0.0")
    assert made.token and len(made.token) >= 24
    assert settings(tmp_path).token is None
    assert settings(tmp_path, host="::1").token is None


def test_cli_serve_refuses_a_port_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    from grader.cli.main import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(
            ["serve", "--backend", "fake", "--port", str(port), "--history", str(tmp_path / "h")]
        )
    assert code == 2
    assert f"127.0.0.1:{port}: cannot listen" in capsys.readouterr().err
    assert BASE.startswith("http://127.0.0.1")
