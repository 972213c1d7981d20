"""A scripted fault-injection server speaking OpenAI's chat-completions protocol.

It listens on 127.0.0.1 on a port the system picks, answers each request with the next
step of its script (then by its rule, then with a valid graded answer) and records every
request it saw. The steps are the faults a real endpoint or a proxy in front of it
produces: rate limits with and without ``Retry-After``, server errors, a connection that
never answers, a body cut short, a body that is not JSON, and answers the model got
wrong (content that is not JSON, JSON of the wrong shape, a refusal, an answer cut off at
the token limit).

Every response closes its connection, so no handler thread waits on an idle keep-alive
connection, and :meth:`FaultServer.stop` releases hung requests before it joins the
handler threads: nothing outlives the test that started the server.

Use::

    with FaultServer() as server:
        server.push(Step("429", retry_after="0.2"), Step("500"))
        ... server.base_url ...
"""

from __future__ import annotations

import collections
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from grader.backends.fake import FakeBackend

HOST = "127.0.0.1"
# A hung request is released when the server stops; this only bounds a test that forgets.
HANG_LIMIT = 30.0
KINDS = frozenset(
    {
        "ok",
        "429",
        "500",
        "503",
        "status",
        "hang",
        "truncated",
        "non_json",
        "invalid_content",
        "schema_invalid",
        "refusal",
        "length",
    }
)
NOT_JSON_CONTENT = "Sure! The candidate did well overall, I would say strong."
SCHEMA_INVALID_CONTENT = json.dumps(
    {"evidence": [], "rationale": "Looks fine.", "level": "excellent"}
)
CUT_OFF_CONTENT = '{"evidence": [{"turn_id": "T2", "quote": "We could start by'
REFUSAL = "I'm sorry, but I can't help with grading this interview."
NON_JSON_BODY = "<html><body><h1>502 Bad Gateway</h1>upstream went away</body></html>"


@dataclass(frozen=True)
class Step:
    """How to answer one request.

    Attributes:
        kind: One of :data:`KINDS`: ``ok`` (a valid answer), ``429``, ``500``, ``503``,
            ``status`` (the given ``status`` with an error body), ``hang`` (read the
            request, never answer), ``truncated`` (a Content-Length larger than the body
            sent, then close), ``non_json`` (HTTP 200 whose body is not JSON),
            ``invalid_content`` / ``schema_invalid`` (a chat completion whose message is not
            JSON / is JSON of the wrong shape), ``refusal`` (``message.refusal`` set,
            content null), ``length`` (``finish_reason: "length"`` with a cut-off answer).
        retry_after: The ``Retry-After`` header of a 429, or None for none.
        status: The HTTP status of a ``status`` step.
        content_type: Content-Type of a ``non_json`` body.
        message: The error message of a ``500``, ``503`` or ``status`` body.
    """

    kind: str
    retry_after: str | None = None
    status: int = 500
    content_type: str = "application/json"
    message: str = "injected fault"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown step {self.kind!r}; use one of {sorted(KINDS)}")


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    step: str
    at: float


@dataclass
class FaultServer:
    """The scripted endpoint; use as a context manager (or ``start``/``stop``).

    Attributes:
        script: Steps for the next requests, one request each, in order.
        rule: Asked for a step when the script is empty (None: answer ``ok``).
        seen: Every request received, in arrival order.
    """

    script: collections.deque[Step] = field(default_factory=collections.deque)
    rule: Callable[[dict[str, Any]], Step | None] | None = None
    seen: list[Seen] = field(default_factory=list)
    _fake: FakeBackend = field(default_factory=FakeBackend)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _release: threading.Event = field(default_factory=threading.Event)
    _httpd: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port the server listens on."""
        assert self._httpd is not None, "the server is not running"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, ending in /v1."""
        return f"http://{HOST}:{self.port}/v1"

    @property
    def count(self) -> int:
        """How many requests arrived."""
        with self._lock:
            return len(self.seen)

    def push(self, *steps: Step) -> None:
        """Append steps to the script."""
        with self._lock:
            self.script.extend(steps)

    def start(self) -> FaultServer:
        """Start serving in a background thread."""
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._release.clear()
        self._httpd = ThreadingHTTPServer((HOST, 0), Handler)
        # Handler threads are joined by server_close(), so none can block interpreter exit.
        self._httpd.daemon_threads = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hung requests, stop serving and wait for every handler thread."""
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def next_step(self, body: dict[str, Any], path: str, headers: dict[str, str]) -> Step:
        """Record the request and return the step that answers it."""
        with self._lock:
            step = self.script.popleft() if self.script else None
        if step is None and self.rule is not None:
            step = self.rule(body)
        step = step or Step("ok")
        with self._lock:
            self.seen.append(Seen(path, headers, body, step.kind, time.monotonic()))
        return step

    def hang(self) -> None:
        """Block until the server stops (or the hang limit passes)."""
        self._release.wait(HANG_LIMIT)

    def completion(
        self,
        body: dict[str, Any],
        content: str | None,
        *,
        finish_reason: str = "stop",
        refusal: str | None = None,
    ) -> dict[str, Any]:
        """Return a chat-completions response body with ``content`` as the message.

        A yes/no question (a request without ``response_format`` that asks for logprobs) is
        answered "yes" with its first token's log-probabilities, as llama.cpp's server does.
        """
        text = content or ""
        prompt_tokens = sum(len(m.get("content") or "") for m in body.get("messages", [])) // 4
        logprobs = None
        if body.get("logprobs") and content is not None and "response_format" not in body:
            top = [{"token": "yes", "logprob": -0.2}, {"token": "no", "logprob": -1.8}]
            logprobs = {"content": [{**top[0], "top_logprobs": top}]}
        return {
            "id": f"chatcmpl-fault{self.count}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fault-model"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": refusal},
                    "logprobs": logprobs,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": len(text) // 4,
                "total_tokens": prompt_tokens + len(text) // 4,
                "prompt_tokens_details": {"cached_tokens": 0},
            },
        }

    def valid_content(self, body: dict[str, Any]) -> str:
        """Return a valid answer for the request's schema, quoting its transcript."""
        if "response_format" not in body:
            return "yes"
        fmt = body.get("response_format") or {}
        schema = (fmt.get("json_schema") or {}).get("schema") or fmt.get("schema") or {}
        return self._fake.default_answer(body["messages"], schema)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_owner: FaultServer
    # A backstop: no handler waits longer than this for a request's bytes.
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {}
        headers = {key.lower(): value for key, value in self.headers.items()}
        owner = self.server_owner
        step = owner.next_step(body if isinstance(body, dict) else {}, self.path, headers)
        self.close_connection = True
        if step.kind == "hang":
            owner.hang()
            return
        if step.kind == "429":
            extra = {"retry-after": step.retry_after} if step.retry_after is not None else {}
            self._json(429, {"error": {"message": "Rate limit reached", "type": "requests"}}, extra)
        elif step.kind in ("500", "503", "status"):
            status = step.status if step.kind == "status" else int(step.kind)
            self._json(status, {"error": {"message": step.message, "type": "server_error"}})
        elif step.kind == "truncated":
            data = json.dumps(owner.completion(body, owner.valid_content(body))).encode()
            self._head(200, "application/json", len(data) + 500)
            self.wfile.write(data[: len(data) // 2])
        elif step.kind == "non_json":
            data = NON_JSON_BODY.encode()
            self._head(200, step.content_type, len(data))
            self.wfile.write(data)
        elif step.kind == "invalid_content":
            self._json(200, owner.completion(body, NOT_JSON_CONTENT))
        elif step.kind == "schema_invalid":
            self._json(200, owner.completion(body, SCHEMA_INVALID_CONTENT))
        elif step.kind == "refusal":
            self._json(200, owner.completion(body, None, refusal=REFUSAL))
        elif step.kind == "length":
            self._json(200, owner.completion(body, CUT_OFF_CONTENT, finish_reason="length"))
        else:
            self._json(200, owner.completion(body, owner.valid_content(body)))

    def do_GET(self) -> None:
        self.close_connection = True
        self._json(404, {"error": {"message": f"no route GET {self.path}"}})

    def _head(
        self, status: int, content_type: str, length: int, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Connection", "close")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()

    def _json(self, status: int, payload: Any, extra: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self._head(status, "application/json", len(data), extra)
        self.wfile.write(data)
