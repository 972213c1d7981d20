"""The Batch API's file side: request files, upload, batch creation, polling, download.

The input-file lines follow OpenAI's documented format
(``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}``), and so do
the output lines it parses (``{"id", "custom_id", "response": {"status_code",
"request_id", "body"}, "error"}``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import openai

from grader.batch.run import BatchRun
from grader.errors import BackendError, GraderError

ENDPOINT: Final = "/v1/chat/completions"
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
# The Batch API takes at most 50,000 requests and 200 MB per input file.
MAX_REQUESTS = 50_000
MAX_BYTES = 190_000_000


class BatchFiles:
    """The Batch API files kept beside the results file, and the state that resumes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state_path = folder / "state.json"

    def state(self) -> dict[str, dict[str, Any]]:
        """Return the batches submitted so far, by the sha256 of their input file."""
        if not self.state_path.exists():
            return {}
        data: dict[str, dict[str, Any]] = json.loads(self.state_path.read_text(encoding="utf-8"))
        return data

    def remember(self, digest: str, entry: dict[str, Any] | None) -> None:
        """Record (or, with None, forget) the batch that runs one input file."""
        state = self.state()
        if entry is None:
            state.pop(digest, None)
        else:
            state[digest] = entry
        self._write(self.state_path, json.dumps(state, indent=2).encode())

    def write_input(self, number: int, digest: str, content: bytes) -> Path:
        """Keep one round's request file and return its path."""
        path = self.folder / f"round{number}-{digest[:12]}.input.jsonl"
        self._write(path, content)
        return path

    def results(self, client: openai.OpenAI, batch: Any) -> list[dict[str, Any]]:
        """Return the lines of the batch's output and error files, downloading them once."""
        lines: list[dict[str, Any]] = []
        for file_id, kind in ((batch.output_file_id, "output"), (batch.error_file_id, "errors")):
            if not file_id:
                continue
            local = self.folder / f"{batch.id}.{kind}.jsonl"
            if not local.exists():
                self._write(local, client.files.content(file_id).read())
            with local.open("rb") as handle:
                lines += [json.loads(raw) for raw in handle if raw.strip()]
        return lines

    def _write(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)


def run_round(
    client: openai.OpenAI,
    files: BatchFiles,
    number: int,
    bodies: dict[str, dict[str, Any]],
    poll_interval: float,
    sleep: Callable[[float], None],
    run: BatchRun,
) -> dict[str, Any]:
    """Run one round of requests as one or more batches; return answers by custom id."""
    answers: dict[str, Any] = {}
    for ids, content in _parts(bodies):
        digest = hashlib.sha256(content).hexdigest()
        try:
            entry = files.state().get(digest)
            if entry is None:
                path = files.write_input(number, digest, content)
                with path.open("rb") as handle:
                    uploaded = client.files.create(file=handle, purpose="batch")
                batch = client.batches.create(
                    input_file_id=uploaded.id,
                    endpoint=ENDPOINT,
                    completion_window="24h",
                    metadata={"purpose": "transcript grading", "round": str(number)},
                )
                entry = {"batch_id": batch.id, "input_file_id": uploaded.id, "requests": len(ids)}
                files.remember(digest, entry)
                message = f"submitted {len(ids)} requests as {batch.id}"
            else:
                message = f"resuming {entry['batch_id']} ({len(ids)} requests)"
            run.report("info", run.stats, f"Batch API round {number}: {message}")
            batch = _wait(client, str(entry["batch_id"]), poll_interval, sleep, run)
            lines = files.results(client, batch)
        except openai.APIError as exc:
            raise BackendError(
                f"Batch API: {exc.message}",
                hint=f"Rerun the same command to resume; submitted batches are kept in "
                f"{files.state_path}",
            ) from None
        for line in lines:
            answers[line.get("custom_id", "")] = _answer(line)
        for cid in ids:
            if cid not in answers:
                answers[cid] = BackendError(
                    f"Batch API: batch {batch.id} ended {batch.status!r} without answering "
                    f"this request{_batch_errors(batch)}"
                )
        if batch.status != "completed":
            # A rerun submits what is still missing instead of finding this batch again.
            files.remember(digest, None)
    return answers


def _wait(
    client: openai.OpenAI, batch_id: str, poll: float, sleep: Callable[[float], None], run: BatchRun
) -> Any:
    while True:
        batch = client.batches.retrieve(batch_id)
        if batch.status in TERMINAL:
            return batch
        counts = batch.request_counts
        done = f"{counts.completed}/{counts.total} done" if counts else "waiting"
        run.report("info", run.stats, f"Batch API {batch_id}: {batch.status}, {done}")
        sleep(poll)


def _answer(line: dict[str, Any]) -> dict[str, Any] | GraderError:
    response = line.get("response") or {}
    if response.get("status_code") == 200 and isinstance(response.get("body"), dict):
        body: dict[str, Any] = response["body"]
        return body
    error = line.get("error") or (response.get("body") or {}).get("error") or {}
    status = response.get("status_code")
    return BackendError(
        f"Batch API: request failed{f' (HTTP {status})' if status else ''}: "
        f"{error.get('code') or 'error'}: {error.get('message') or 'no message'}"
    )


def _batch_errors(batch: Any) -> str:
    errors = getattr(batch, "errors", None)
    data = getattr(errors, "data", None) or []
    messages = [f"{e.code}: {e.message}" for e in data[:3]]
    return f" ({'; '.join(messages)})" if messages else ""


def _parts(bodies: dict[str, dict[str, Any]]) -> list[tuple[list[str], bytes]]:
    """Split requests into input files within the Batch API's limits."""
    parts: list[tuple[list[str], bytes]] = []
    ids: list[str] = []
    lines: list[bytes] = []
    size = 0
    for cid, body in bodies.items():
        line = (
            json.dumps(
                {"custom_id": cid, "method": "POST", "url": ENDPOINT, "body": body},
                ensure_ascii=False,
            ).encode()
            + b"\n"
        )
        if ids and (len(ids) >= MAX_REQUESTS or size + len(line) > MAX_BYTES):
            parts.append((ids, b"".join(lines)))
            ids, lines, size = [], [], 0
        ids.append(cid)
        lines.append(line)
        size += len(line)
    if ids:
        parts.append((ids, b"".join(lines)))
    return parts
