"""The web app: pages, the JSON API and the background job queue, in one FastAPI app."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from grader import __version__
from grader.errors import ConfigError, GraderError
from grader.web.api import router as api_router
from grader.web.errors import NotFound
from grader.web.jobs import OpenBackend
from grader.web.pages import router as pages_router
from grader.web.render import error_page, static_folder
from grader.web.scorecard_pages import router as scorecard_router
from grader.web.security import Guard, RequestRefused
from grader.web.service import Service
from grader.web.settings import WebSettings
from grader.web.tool_pages import router as tool_router

__all__ = ["create_app", "serve"]
log = logging.getLogger("grader.web")


def create_app(settings: WebSettings, *, open_backend: OpenBackend | None = None) -> FastAPI:
    """Build the app; its job queue starts and stops with it.

    Args:
        settings: Where it listens, which model it grades with, limits.
        open_backend: Opens the backend for a model (default: the spec's own ``open``);
            tests pass a slow fake here.

    Raises:
        GraderError: The rubric, prompts or history file cannot be used.
    """
    service = Service(settings, open_backend)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.jobs.start()
        try:
            yield
        finally:
            service.jobs.stop()

    app = FastAPI(
        title="transcript-grader",
        version=__version__,
        description="Grade interview transcripts against an anchored rubric, with the quotes "
        "behind every level. Pages for people, and this JSON API for scripts.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(Guard, settings=settings)
    app.mount("/static", StaticFiles(directory=static_folder()), name="static")
    for router in (api_router, pages_router, scorecard_router, tool_router):
        app.include_router(router)
    app.add_exception_handler(GraderError, _grader_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
    return app


def _answer(request: Request, message: str, status: int) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(error_page(message, status), status_code=status)


async def _grader_error(request: Request, exc: Exception) -> Response:
    status = 400
    if isinstance(exc, RequestRefused):
        status = exc.status
    elif isinstance(exc, NotFound):
        status = 404
    return _answer(request, str(exc), status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    refused = request.scope.get("state", {}).get("refused")
    if isinstance(refused, RequestRefused):
        return _answer(request, str(refused), refused.status)
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return _answer(request, message, exc.status_code)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        problems.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    status = 404 if all(e.get("loc", ("",))[0] == "path" for e in exc.errors()) else 422
    message = "no such page" if status == 404 else "; ".join(problems)
    return _answer(request, message, status)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    return _answer(request, "unexpected error; the server's log has the details", 500)


def serve(settings: WebSettings, *, on_ready: Any = None) -> None:
    """Serve the app until interrupted (Ctrl-C).

    The address is bound before anything else, so a port in use is one clear error.

    Raises:
        ConfigError: The address cannot be listened on.
    """
    import uvicorn

    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((settings.host.strip("[]"), settings.port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"{settings.host}:{settings.port}: cannot listen ({exc.strerror})",
            hint="Choose another --port, or stop what uses this one",
        ) from None
    app = create_app(settings)
    if on_ready is not None:
        on_ready(settings.url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
