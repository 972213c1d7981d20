"""What every page handler shares: the service, rendering a page, reading a form post."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData, UploadFile

from grader.web.render import render
from grader.web.security import check_form_token
from grader.web.service import Service

__all__ = ["form", "levels", "page", "redirect", "service", "upload"]


def service(request: Request) -> Service:
    """Return the app's service."""
    service: Service = request.app.state.service
    return service


def page(request: Request, template: str, code: int = 200, **values: Any) -> HTMLResponse:
    """Render a page with this browser's CSRF token for its forms."""
    values["csrf"] = request.scope.get("state", {}).get("csrf", "")
    return HTMLResponse(render(template, **values), status_code=code)


async def form(request: Request) -> FormData:
    """Read a form post, refusing it unless its CSRF field matches the cookie."""
    limit = service(request).settings.max_upload_bytes
    form = await request.form(max_files=200, max_fields=100, max_part_size=limit)
    check_form_token(request.scope.get("state", {}), form)
    return form


def levels(form: FormData) -> dict[str, str]:
    """Return the own-levels fields (``level_<dimension>``) of a form."""
    return {
        key.removeprefix("level_"): str(value)
        for key, value in form.items()
        if key.startswith("level_") and isinstance(value, str)
    }


async def upload(form: FormData, field: str) -> tuple[bytes, str] | None:
    """Return an uploaded file's bytes and name, or None when no file was chosen."""
    item = form.get(field)
    if isinstance(item, UploadFile) and item.filename:
        return await item.read(), item.filename
    return None


def redirect(url: str) -> RedirectResponse:
    """Send the browser to ``url`` with a GET (after a form post)."""
    return RedirectResponse(url, status_code=303)
