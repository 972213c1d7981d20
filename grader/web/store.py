"""The history of graded interviews: one SQLite file in the cache folder.

Each row keeps what is needed to show the scorecard again without the model: the parsed
transcript, the scorecard JSON, the interviewer's own levels, the model and the time. A
regrade points at the interview it regrades. Deleting an interview deletes its row, and
with it the transcript (the app keeps no other copy and no cached model answers).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import ConfigError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS interviews (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    name TEXT NOT NULL,
    candidate TEXT NOT NULL DEFAULT '',
    transcript_sha256 TEXT NOT NULL,
    transcript TEXT NOT NULL,
    scorecard TEXT NOT NULL,
    levels TEXT,
    summary TEXT NOT NULL,
    model TEXT NOT NULL,
    regrade_of INTEGER
);
CREATE INDEX IF NOT EXISTS interviews_created ON interviews (created DESC, id DESC);
CREATE INDEX IF NOT EXISTS interviews_regrade ON interviews (regrade_of);
"""
_LISTED = "id, created, name, candidate, transcript_sha256, summary, model, regrade_of, levels"


@dataclass(frozen=True)
class Entry:
    """One graded interview as the history list shows it.

    Attributes:
        id: Row id.
        created: When it was graded (UTC, ISO 8601).
        name: The file name, or "pasted" for pasted text.
        candidate: The candidate's name as entered ("" when none).
        transcript_sha256: Hash of the transcript bytes.
        summary: Level id (or None) per dimension id.
        model: The model that graded it ("backend model").
        regrade_of: The interview this one regrades, if any.
        levels: The interviewer's own levels per dimension id, if entered.
    """

    id: int
    created: str
    name: str
    candidate: str
    transcript_sha256: str
    summary: dict[str, str | None]
    model: str
    regrade_of: int | None
    levels: dict[str, str] | None

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        return {
            "id": self.id,
            "created": self.created,
            "name": self.name,
            "candidate": self.candidate,
            "transcript_sha256": self.transcript_sha256,
            "levels": self.summary,
            "your_levels": self.levels,
            "model": self.model,
            "regrade_of": self.regrade_of,
        }


@dataclass(frozen=True)
class Stored:
    """One graded interview with its transcript and scorecard (JSON data)."""

    entry: Entry
    transcript: dict[str, Any]
    scorecard: dict[str, Any]


class History:
    """The interviews graded by the web app, in an SQLite file.

    Raises:
        ConfigError: The file cannot be created or is not a history file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"{self.path}: cannot open the web app's history ({exc})",
                hint="Delete the file, or set GRADER_CACHE_DIR to a writable folder",
            ) from None

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # A deleted interview's text is overwritten, not left in free pages.
            db.execute("PRAGMA secure_delete=ON")
            with db:
                yield db
        finally:
            db.close()

    def add(
        self,
        *,
        name: str,
        candidate: str,
        transcript: dict[str, Any],
        scorecard: dict[str, Any],
        levels: dict[str, str] | None,
        regrade_of: int | None = None,
        created: str | None = None,
    ) -> int:
        """Keep one graded interview and return its id."""
        summary = {d["id"]: d.get("level") for d in scorecard.get("dimensions", [])}
        model = scorecard.get("model", {})
        row = (
            created or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            name,
            candidate,
            transcript.get("sha256", ""),
            json.dumps(transcript),
            json.dumps(scorecard),
            json.dumps(levels) if levels else None,
            json.dumps(summary),
            f"{model.get('backend', '')} {model.get('model', '')}".strip(),
            regrade_of,
        )
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO interviews (created, name, candidate, transcript_sha256, "
                "transcript, scorecard, levels, summary, model, regrade_of) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid or 0)

    def search(
        self, query: str = "", *, limit: int = 50, offset: int = 0
    ) -> tuple[list[Entry], int]:
        """Return the newest interviews whose file or candidate name holds ``query``.

        Returns:
            One page of entries, and how many match in all.
        """
        where, args = "", []
        if query.strip():
            pattern = "%" + _like_escaped(query.strip()) + "%"
            where = "WHERE name LIKE ? ESCAPE '\\' OR candidate LIKE ? ESCAPE '\\'"
            args = [pattern, pattern]
        with self._connect() as db:
            total = db.execute(f"SELECT COUNT(*) FROM interviews {where}", args).fetchone()[0]
            rows = db.execute(
                f"SELECT {_LISTED} FROM interviews {where} "
                "ORDER BY created DESC, id DESC LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return [_entry(row) for row in rows], int(total)

    def get(self, interview: int) -> Stored | None:
        """Return one interview with its transcript and scorecard, or None."""
        with self._connect() as db:
            row = db.execute(
                f"SELECT {_LISTED}, transcript, scorecard FROM interviews WHERE id = ?",
                (interview,),
            ).fetchone()
        if row is None:
            return None
        return Stored(_entry(row[:9]), json.loads(row[9]), json.loads(row[10]))

    def regrades(self, interview: int) -> list[Entry]:
        """Return the interviews that regrade ``interview`` or that it regrades."""
        with self._connect() as db:
            rows = db.execute(
                f"SELECT {_LISTED} FROM interviews WHERE regrade_of = ? OR id = "
                "(SELECT regrade_of FROM interviews WHERE id = ?) ORDER BY id",
                (interview, interview),
            ).fetchall()
        return [_entry(row) for row in rows]

    def update_levels(
        self, interview: int, levels: dict[str, str] | None, scorecard: dict[str, Any]
    ) -> None:
        """Replace the interviewer's levels and the scorecard that compares with them."""
        with self._connect() as db:
            db.execute(
                "UPDATE interviews SET levels = ?, scorecard = ? WHERE id = ?",
                (json.dumps(levels) if levels else None, json.dumps(scorecard), interview),
            )

    def delete(self, interview: int) -> bool:
        """Delete one interview (its transcript and scorecard); True if it existed.

        The deleted text is overwritten in the file and the write-ahead log is emptied, so
        no copy of the transcript stays on disk.
        """
        with self._connect() as db:
            gone = db.execute("DELETE FROM interviews WHERE id = ?", (interview,)).rowcount
            db.execute("UPDATE interviews SET regrade_of = NULL WHERE regrade_of = ?", (interview,))
        with self._connect() as db:
            # The write-ahead log still holds the old pages until they are copied back.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return bool(gone)

    def by_name(self) -> dict[str, int]:
        """Return the newest interview id per file name without its extension."""
        with self._connect() as db:
            rows = db.execute("SELECT id, name FROM interviews ORDER BY id").fetchall()
        return {Path(name).stem: int(row_id) for row_id, name in rows}


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        id=int(row[0]),
        created=row[1],
        name=row[2],
        candidate=row[3],
        transcript_sha256=row[4],
        summary=json.loads(row[5]),
        model=row[6],
        regrade_of=row[7],
        levels=json.loads(row[8]) if row[8] else None,
    )


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
