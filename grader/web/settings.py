"""What a running web app needs to know: where it listens, which model it grades with, limits."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from grader.backends.spec import BackendSpec
from grader.grading.options import GradeOptions

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Room for the form fields around an uploaded file.
FORM_OVERHEAD_BYTES = 64_000


def is_loopback(host: str) -> bool:
    """Return True when ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebSettings:
    """How the web app runs.

    Attributes:
        backend: The model to grade with (the same choice as the command line's options).
        options: How to grade (the library decides what they leave open).
        rubric: A rubric file, or None for the built-in rubric.
        prompts: A prompt templates folder, or None for the built-in templates.
        concurrency: Model requests in flight at most for one grade.
        history: The SQLite file that keeps every graded interview.
        host: Address to listen on; 127.0.0.1 unless the user asks for another.
        port: Port to listen on.
        token: Required on every request when set. Always set when ``host`` is not
            loopback (a random one when the user gave none).
        max_upload_bytes: Largest request body accepted; larger requests are refused
            before they are read.
        allowed_hosts: Host names accepted in the Host header besides the loopback names
            and ``host`` itself (a browser reaching a loopback server through another name
            is a DNS-rebinding attempt).
    """

    backend: BackendSpec
    options: GradeOptions
    history: Path
    rubric: str | None = None
    prompts: str | None = None
    concurrency: int = 8
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    max_upload_bytes: int = 0
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.max_upload_bytes:
            object.__setattr__(
                self, "max_upload_bytes", self.options.max_bytes + FORM_OVERHEAD_BYTES
            )
        if self.token is None and not is_loopback(self.host):
            object.__setattr__(self, "token", secrets.token_urlsafe(24))

    @property
    def url(self) -> str:
        """The address to open, with the token when one is required."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"?token={self.token}" if self.token else ""
        return f"http://{host}:{self.port}/{query}"
