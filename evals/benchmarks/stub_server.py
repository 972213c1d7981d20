"""A stub of OpenAI's chat-completions endpoint on 127.0.0.1, for benchmarks and fault tests.

It answers every request after a fixed latency with a valid graded answer that quotes the
transcript (the same rule as ``FakeBackend``), and can be told to answer some requests
with faults: 429 with Retry-After, 500, no answer (timeout), or text that is not JSON.
It listens on the loopback address only and stops when its owner stops it.

Run it alone:  python evals/benchmarks/stub_server.py --latency 0.2 [--port 0]
(prints ``port N`` on the first line, then serves until killed).
In a test:     with StubServer(latency=0.01) as stub: ... stub.base_url ...
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grader.backends.fake import FakeBackend

HOST = "127.0.0.1"
INVALID_ANSWER = "Sure! Here is my assessment: the candidate did well."


@dataclass
class Fault:
    """How to answer one request instead of a valid answer.

    kind: "429", "500", "timeout" (wait ``seconds`` then drop the connection),
    "invalid_json" (HTTP 200 with text that is not JSON), or "status" (``status``).
    """

    kind: str
    seconds: float = 0.0
    retry_after: str | None = None
    status: int = 500


@dataclass
class StubServer:
    """The stub endpoint; use as a context manager, or ``run_forever`` in a process.

    Attributes:
        latency: Seconds every answer waits before it is sent.
        faults: Faults for the next requests, in order (one request each).
        rule: Optional function of the request body returning a fault for it, or None.
        record: Keep every request body in ``requests`` (off for long benchmarks).
    """

    latency: float = 0.0
    faults: collections.deque[Fault] = field(default_factory=collections.deque)
    rule: Callable[[dict[str, Any]], Fault | None] | None = None
    record: bool = True
    requests: list[dict[str, Any]] = field(default_factory=list)
    served: int = 0
    inflight: int = 0
    max_inflight: int = 0
    port: int = 0
    _fake: FakeBackend = field(default_factory=FakeBackend)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _server: asyncio.Server | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.faults = collections.deque(self.faults)

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, ending in /v1."""
        return f"http://{HOST}:{self.port}/v1"

    def __enter__(self) -> StubServer:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("stub server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._client, HOST, self.port, backlog=512)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            # Finish open connections before the loop goes away.
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            if pending:
                self._loop.run_until_complete(asyncio.wait(pending))
            self._loop.close()

    async def run_forever(self) -> None:
        """Serve in the current event loop until cancelled (for the subprocess mode)."""
        self._server = await asyncio.start_server(self._client, HOST, self.port, backlog=512)
        self.port = self._server.sockets[0].getsockname()[1]
        print(f"port {self.port}", flush=True)
        async with self._server:
            await self._server.serve_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                arrived = time.monotonic()
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                status, extra, payload = await self._answer(method, path, body, arrived)
                if status == 0:  # a timeout fault: drop the connection unanswered
                    break
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                head_out = [f"HTTP/1.1 {status} X", "content-type: application/json"]
                head_out += [f"{k}: {v}" for k, v in extra.items()]
                head_out.append(f"content-length: {len(data)}")
                writer.write(("\r\n".join(head_out) + "\r\n\r\n").encode() + data)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _answer(
        self, method: str, path: str, raw: bytes, arrived: float
    ) -> tuple[int, dict[str, str], Any]:
        if method != "POST" or not path.endswith("/chat/completions"):
            return 404, {}, {"error": {"message": f"no route {method} {path}"}}
        body = json.loads(raw)
        with self._lock:
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)
        try:
            return await self._reply(body, arrived)
        finally:
            with self._lock:
                self.inflight -= 1

    async def _reply(self, body: dict[str, Any], arrived: float) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            self.served += 1
            if self.record:
                self.requests.append(body)
            fault = self.faults.popleft() if self.faults else None
        if fault is None and self.rule is not None:
            fault = self.rule(body)
        answer = None if fault is not None else self._completion(body, invalid=False)
        # The latency counts from the request's arrival, so the stub's own work is inside it.
        await asyncio.sleep(max(0.0, arrived + self.latency - time.monotonic()))
        if fault is not None:
            if fault.kind == "timeout":
                await asyncio.sleep(fault.seconds)
                return 0, {}, b""
            if fault.kind == "429":
                headers = {"retry-after": fault.retry_after} if fault.retry_after else {}
                error = {"error": {"message": "Rate limit reached", "type": "requests"}}
                return 429, headers, error
            if fault.kind in ("500", "status"):
                status = 500 if fault.kind == "500" else fault.status
                return status, {}, {"error": {"message": "stub fault", "type": "server_error"}}
        return 200, {}, answer or self._completion(body, invalid=True)

    def _completion(self, body: dict[str, Any], invalid: bool) -> dict[str, Any]:
        messages = body["messages"]
        prompt_tokens = sum(len(m["content"]) for m in messages) // 4
        logprobs = None
        if body.get("logprobs"):
            text = "Yes"
            top = [
                {"token": "Yes", "logprob": math.log(0.7)},
                {"token": "No", "logprob": math.log(0.3)},
            ]
            logprobs = {
                "content": [{"token": "Yes", "logprob": math.log(0.7), "top_logprobs": top}]
            }
        elif invalid:
            text = INVALID_ANSWER
        else:
            fmt = body.get("response_format") or {}
            schema = fmt.get("json_schema", {}).get("schema") or fmt.get("schema") or {}
            text = self._fake.default_answer(messages, schema)
        return {
            "id": f"chatcmpl-stub{self.served}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "stub"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                    "logprobs": logprobs,
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": len(text) // 4,
                "total_tokens": prompt_tokens + len(text) // 4,
                "prompt_tokens_details": {"cached_tokens": 0},
            },
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    stub = StubServer(latency=args.latency, port=args.port, record=False)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(stub.run_forever())


if __name__ == "__main__":
    main()
