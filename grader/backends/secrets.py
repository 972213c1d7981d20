"""Keep secrets out of every string that leaves the process.

An endpoint may echo the request's ``Authorization`` header in an error body, and a user
may put a key in the base URL (``http://user:KEY@host/v1``, ``?api-key=KEY``). Error
messages, result fields and the model's description pass through :func:`scrub` and
:func:`public_url` before they are printed or written.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SECRET_PATTERNS = (
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"),
    re.compile(r"(?i)\b((?:api[-_]?key|access[-_]?token|token|key|secret|password)=)[^&\s'\"]+"),
    re.compile(r"(?i)(://)[^/@\s:]+:[^/@\s]+@"),
)
_SECRET_QUERY = re.compile(r"(?i)^(api[-_]?key|access[-_]?token|token|key|secret|password|sig)$")
HIDDEN = "[hidden]"


def scrub(text: str) -> str:
    """Return ``text`` with API keys, bearer tokens and URL credentials hidden."""
    key = os.environ.get("OPENAI_API_KEY")
    if key and len(key) >= 4:
        text = text.replace(key, HIDDEN)
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_hide, text)
    return text


def _hide(match: re.Match[str]) -> str:
    whole = match.group(0)
    if whole.startswith("://"):
        return "://" + HIDDEN + "@"
    if match.lastindex and match.group(1) and whole.startswith(match.group(1)):
        prefix = match.group(1)
        return prefix + (" " if prefix.lower() in ("bearer", "basic") else "") + HIDDEN
    return HIDDEN


def public_url(url: str) -> str:
    """Return ``url`` without user, password or secret query parameters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return scrub(url)
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, HIDDEN if _SECRET_QUERY.match(k) else v) for k, v in parse_qsl(parts.query)]
    )
    return scrub(urlunsplit((parts.scheme, host, parts.path, query, parts.fragment)))
