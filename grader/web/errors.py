"""The web app's own errors; everything else is the library's :class:`GraderError`."""

from __future__ import annotations

from grader.errors import GraderError


class NotFound(GraderError):
    """An interview, job or audit that does not exist (any more): answered with 404."""
