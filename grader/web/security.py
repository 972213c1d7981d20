"""What every request passes through: host, size, token, CSRF and the response's headers.

* **Host**: a server on loopback answers only requests addressed to a loopback name (or
  one the user allowed), so a web page cannot reach it by rebinding its own domain name.
* **Size**: a request body over the limit is refused before it is read (``Content-Length``)
  or as soon as it passes the limit (a body sent in chunks).
* **Token**: when one is set (always when bound beyond loopback), every request needs it:
  ``Authorization: Bearer TOKEN``, or the cookie a browser gets by opening the printed
  address once (``/?token=TOKEN``; the token is then dropped from the address).
* **CSRF**: a request that changes anything must not come from another site: an ``Origin``
  that is not this server is refused; forms carry a token that must match their cookie;
  API calls must be JSON, carry the ``X-Grader-Client`` header, or a bearer token (all
  three are out of reach of a plain cross-site form).
* **Headers**: a strict Content-Security-Policy (scripts, styles and images from this
  server only, nothing inline), no framing, no referrer, no content-type sniffing.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, Mapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from grader.errors import GraderError
from grader.web.settings import WebSettings, is_loopback

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The downloaded HTML report carries its own inline styles and plots, and no script at all.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
TOKEN_COOKIE = "grader_token"
CSRF_COOKIE = "grader_csrf"
CLIENT_HEADER = "x-grader-client"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class RequestRefused(GraderError):
    """A request this server does not serve: too large, from another site, or no token.

    Attributes:
        status: The HTTP status to answer with.
    """

    def __init__(self, status: int, message: str, *, hint: str | None = None) -> None:
        self.status = status
        super().__init__(message, hint=hint)


def cookies(scope: Scope) -> dict[str, str]:
    """Return the request's cookies."""
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, as browsers do
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


class Guard:
    """ASGI middleware applying the rules in this module's description."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings
        self.hosts = {"localhost", "127.0.0.1", "::1", *settings.allowed_hosts}
        self.hosts.add(settings.host.strip("[]").lower())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on with the security headers added."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        jar = cookies(scope)
        csrf = jar.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf"] = csrf
        extra: list[tuple[bytes, bytes]] = []
        if CSRF_COOKIE not in jar:
            extra.append(_cookie(CSRF_COOKIE, csrf))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                added = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                if b"content-security-policy" not in present:
                    added.append((b"content-security-policy", CSP.encode()))
                message["headers"] = [*message.get("headers", []), *added, *extra]
            await send(message)

        try:
            self._check(scope, headers, jar)
        except RequestRefused as refused:
            await _refuse(scope, send_with_headers, refused)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if self.settings.token and "token" in query and scope["method"] == "GET":
            # The token leaves the address bar (and the history) for a cookie.
            query.pop("token")
            location = scope["path"] + (f"?{urlencode(query)}" if query else "")
            extra.append(_cookie(TOKEN_COOKIE, self.settings.token))
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", location.encode()), (b"content-length", b"0")],
                }
            )
            await send_with_headers({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, self._limited(scope, receive), send_with_headers)

    def _check(self, scope: Scope, headers: Mapping[str, str], jar: Mapping[str, str]) -> None:
        host = urlsplit("//" + headers.get("host", "")).hostname or ""
        if is_loopback(self.settings.host) and host.lower() not in self.hosts:
            raise RequestRefused(
                421, f"this server answers on {self.settings.host} only, not {host!r}"
            )
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.settings.max_upload_bytes:
            raise _too_large(self.settings.max_upload_bytes)
        if self.settings.token:
            given = jar.get(TOKEN_COOKIE, "")
            auth = headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                given = auth[7:].strip()
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token", given)
            if not secrets.compare_digest(given.encode(), self.settings.token.encode()):
                raise RequestRefused(
                    401,
                    "this server needs its token",
                    hint="Open the address printed when it started (it ends in ?token=...), "
                    "or send Authorization: Bearer TOKEN",
                )
        if scope["method"] in UNSAFE:
            origin = headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != headers.get("host"):
                raise RequestRefused(403, "a request from another site was refused (CSRF)")
            if headers.get("sec-fetch-site") == "cross-site":
                raise RequestRefused(403, "a request from another site was refused (CSRF)")

    def _limited(self, scope: Scope, receive: Receive) -> Receive:
        limit = self.settings.max_upload_bytes
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                # A body parser may turn this error into its own; the flag keeps the reason.
                scope["state"]["refused"] = _too_large(limit)
                raise scope["state"]["refused"]
            return message

        return counted


def _too_large(limit: int) -> RequestRefused:
    return RequestRefused(
        413,
        f"the upload is larger than the {limit:,}-byte limit",
        hint="Trim the transcript, or start grader serve with a larger --max-bytes",
    )


def _cookie(name: str, value: str) -> tuple[bytes, bytes]:
    return b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Strict".encode()


async def _refuse(scope: Scope, send: Send, refused: RequestRefused) -> None:
    if scope["path"].startswith("/api/"):
        body = json.dumps({"error": str(refused)}).encode()
        kind = b"application/json"
    else:
        from grader.web.render import error_page

        body = error_page(str(refused), refused.status).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": refused.status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def check_form_token(scope_state: Mapping[str, Any], form: Mapping[str, Any]) -> None:
    """Refuse a form post whose CSRF field does not match this browser's cookie.

    Raises:
        RequestRefused: The field is missing or does not match.
    """
    expected = str(scope_state.get("csrf", ""))
    given = str(form.get("csrf", ""))
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise RequestRefused(
            403,
            "the form's security token did not match (CSRF)",
            hint="Reload the page and send the form again",
        )


def check_api_client(headers: Mapping[str, str], has_token: bool) -> None:
    """Refuse an API request that changes something unless no cross-site form could send it.

    Raises:
        RequestRefused: Not JSON, no ``X-Grader-Client`` header and no bearer token.
    """
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    bearer = has_token and headers.get("authorization", "").lower().startswith("bearer ")
    if kind != "application/json" and CLIENT_HEADER not in headers and not bearer:
        raise RequestRefused(
            403,
            "an API request that is not JSON needs the X-Grader-Client header (CSRF)",
            hint="Add the header X-Grader-Client: any-name to the request",
        )
