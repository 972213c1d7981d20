"""On-disk cache of valid model answers, keyed by the full request.

Only answers that passed validation are stored, so a failure is never replayed. SQLite in
WAL mode makes the cache safe for several threads and processes writing at once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from grader.backends.base import Message, Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    created REAL NOT NULL,
    model TEXT NOT NULL,
    text TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL
)
"""


def request_key(
    backend: dict[str, Any], messages: list[Message], schema: dict[str, Any], settings: Settings
) -> str:
    """Return the cache key of one request: everything that can change the answer."""
    blob = json.dumps(
        {"backend": backend, "messages": messages, "schema": schema, "settings": asdict(settings)},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


class ResponseCache:
    """A SQLite file of validated answers.

    Attributes:
        path: The database file.
        hits: Lookups answered from the cache since this object was made.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.hits = 0
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)
            self._db.commit()

    def get(self, key: str) -> tuple[str, int, int] | None:
        """Return ``(text, prompt_tokens, completion_tokens)`` stored under ``key``."""
        with self._lock:
            row = self._db.execute(
                "SELECT text, prompt_tokens, completion_tokens FROM responses WHERE key = ?",
                (key,),
            ).fetchone()
        if row is None:
            return None
        self.hits += 1
        return str(row[0]), int(row[1]), int(row[2])

    def put(
        self, key: str, model: str, text: str, prompt_tokens: int, completion_tokens: int
    ) -> None:
        """Store a validated answer."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
                (key, time.time(), model, text, prompt_tokens, completion_tokens),
            )
            self._db.commit()

    def info(self) -> dict[str, Any]:
        """Return the number of entries and the size on disk."""
        with self._lock:
            count = self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
        return {"path": str(self.path), "entries": int(count), "bytes": size}

    def clear(self) -> int:
        """Delete every entry; return how many there were."""
        with self._lock:
            count = self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
            self._db.execute("DELETE FROM responses")
            self._db.commit()
            self._db.execute("VACUUM")
        return int(count)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
