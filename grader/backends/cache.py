"""On-disk cache of valid model answers, keyed by the full request.

Only answers that passed validation are stored, so a failure is never replayed. SQLite in
WAL mode makes the cache safe for several threads and processes writing at once.

A cache file that cannot be used (not a database, damaged pages, another program's
database, a folder) is found when it is opened and reported as a :class:`CacheError` that
names the file to delete; damage found later is reported the same way.
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
from grader.errors import ConfigError

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


COLUMNS = ("key", "created", "model", "text", "prompt_tokens", "completion_tokens")
SQLITE_HEADER = b"SQLite format 3\x00"
# Names a response cache file may have besides a SQLite header: damage under these names
# is the cache's own, so `grader cache clear` may recreate the file.
CACHE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


class CacheError(ConfigError):
    """The response cache file cannot be used.

    Attributes:
        path: The cache file.
        damaged: True when the file is a damaged cache (or not a database at all) that
            can be deleted and made again; False for a folder, another program's
            database, or a file that cannot be opened.
    """

    def __init__(self, path: Path, problem: str, *, damaged: bool) -> None:
        self.path = path
        self.damaged = damaged
        if damaged:
            hint = (
                f"Delete it (rm {path}) or run `grader cache clear --cache {path}` to make a "
                "new one; the answers it held are asked again"
            )
        else:
            hint = "Choose another file with --cache FILE, or run with --no-cache"
        super().__init__(f"{path}: the response cache cannot be used ({problem})", hint=hint)


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
        """Open (or create) the cache file and check it can be used.

        Raises:
            CacheError: The file is not a usable response cache; the message names it.
        """
        self.path = Path(path)
        self.hits = 0
        self._lock = threading.Lock()
        if self.path.is_dir():
            raise CacheError(self.path, "it is a folder", damaged=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(self.path, _reason(exc), damaged=False) from None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise self._error(exc) from None
        except CacheError:
            self._db.close()
            raise

    def _open(self) -> None:
        """Set up the database and check every page and the table's columns."""
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)
            self._db.commit()
            # Reads every page once (about a second per few hundred MB): damage is found
            # here, not half way through a batch.
            [verdict] = self._db.execute("PRAGMA quick_check(1)").fetchone()
            columns = tuple(row[1] for row in self._db.execute("PRAGMA table_info(responses)"))
        if verdict != "ok":
            raise CacheError(self.path, f"damaged: {' '.join(str(verdict).split())}", damaged=True)
        if columns != COLUMNS:
            raise CacheError(
                self.path, "a database, but not a grader response cache", damaged=False
            )

    def _error(self, exc: sqlite3.Error) -> CacheError:
        """Describe a database error on this file as a :class:`CacheError`."""
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.OperationalError
        )
        return CacheError(self.path, _reason(exc), damaged=damaged)

    def get(self, key: str) -> tuple[str, int, int] | None:
        """Return ``(text, prompt_tokens, completion_tokens)`` stored under ``key``."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT text, prompt_tokens, completion_tokens FROM responses WHERE key = ?",
                    (key,),
                ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None
        if row is None:
            return None
        self.hits += 1
        return str(row[0]), int(row[1]), int(row[2])

    def put(
        self, key: str, model: str, text: str, prompt_tokens: int, completion_tokens: int
    ) -> None:
        """Store a validated answer."""
        try:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
                    (key, time.time(), model, text, prompt_tokens, completion_tokens),
                )
                self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None

    def info(self) -> dict[str, Any]:
        """Return the number of entries and the size on disk."""
        try:
            with self._lock:
                count = self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None
        files = [self.path, *(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm"))]
        size = sum(p.stat().st_size for p in files if p.exists())
        return {"path": str(self.path), "entries": int(count), "bytes": size}

    def clear(self) -> int:
        """Delete every entry; return how many there were."""
        try:
            with self._lock:
                count = self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
                self._db.execute("DELETE FROM responses")
                self._db.commit()
                self._db.execute("VACUUM")
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None
        return int(count)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


def recreatable(error: CacheError) -> bool:
    """Tell whether a cache that failed to open may be deleted and made again.

    Only a damaged file that is clearly a cache: a SQLite file, or one named like a cache
    file. Anything else might be a file the user pointed ``--cache`` at by mistake.
    """
    if not error.damaged or not error.path.is_file():
        return False
    try:
        with error.path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return header == SQLITE_HEADER or error.path.suffix.lower() in CACHE_SUFFIXES


def remove_cache_files(path: Path) -> None:
    """Delete a cache file and the write-ahead log files beside it."""
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


def cache_path(explicit: str | Path | None = None) -> Path:
    """Return the response cache file: ``explicit``, else ``responses.sqlite`` in the cache dir."""
    from grader.backends.model_files import cache_dir

    return Path(explicit) if explicit else cache_dir() / "responses.sqlite"
