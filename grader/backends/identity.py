"""What a model is, whatever serves it: an identity read from the GGUF file's own figures.

A calibration is fitted for one model. The same GGUF file may be loaded in process (named
after the package's model) or served by llama.cpp's server (named by whatever path or alias
the server was started with), so a model name alone does not say which model answers. The
figures llama.cpp reports for a loaded model (parameter count, tensor bytes, vocabulary and
embedding sizes) do: they are the same for the same file however it is served. llama.cpp's
server lists them under ``meta`` in ``GET /v1/models``; in process they come from the model.
Other endpoints (OpenAI, or a server that lists no figures) have no identity: a calibration
is then found by the model's name, or given with ``--calibration``.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

# The figures that make up an identity, in the order they are written.
FIELDS = ("n_params", "size", "n_vocab", "n_embd")
LOOKUP_SECONDS = 5.0


def identity_from(meta: Mapping[str, Any]) -> str | None:
    """Return ``gguf:n_params=..;size=..;n_vocab=..;n_embd=..``, or None if a figure is missing."""
    values = []
    for name in FIELDS:
        value = meta.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            return None
        values.append(f"{name}={value}")
    return "gguf:" + ";".join(values)


def served_identity(
    base_url: str, model: str, api_key: str | None = None, timeout: float = LOOKUP_SECONDS
) -> str | None:
    """Ask an OpenAI-compatible server which model it serves; None when it does not say.

    Reads ``GET {base_url}/models`` and the ``meta`` figures of the entry named ``model``
    (or of the only entry). Any failure (no such route, no figures, a timeout) gives None:
    the identity is a help to find a calibration, never a reason to stop.
    """
    if not base_url.startswith(("http://", "https://")):
        return None
    request = urllib.request.Request(base_url.rstrip("/") + "/models")
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read(1_000_000))
    except (OSError, ValueError, urllib.error.URLError, http.client.HTTPException):
        return None
    entries = body.get("data") if isinstance(body, dict) else None
    if not isinstance(entries, list):
        return None
    entries = [e for e in entries if isinstance(e, dict)]
    named = [e for e in entries if e.get("id") == model]
    chosen = named[0] if named else entries[0] if len(entries) == 1 else None
    meta = chosen.get("meta") if chosen else None
    return identity_from(meta) if isinstance(meta, dict) else None
