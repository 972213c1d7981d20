"""The Grade page, a job's progress page and the History page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

import grader.web.forms as forms
from grader.errors import GraderError
from grader.rubrics.levels import LEVEL_ORDER
from grader.web.views import level_choices

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
RANKS = {level.value: level.rank + 1 for level in LEVEL_ORDER}


def _grade_page(request: Request, code: int = 200, **values: Any) -> HTMLResponse:
    service = forms.service(request)
    values.setdefault("text", "")
    values.setdefault("candidate", "")
    values.setdefault("levels", {})
    values.setdefault("error", "")
    spec = service.settings.backend
    return forms.page(
        request,
        "grade.html",
        code,
        active="grade",
        dimensions=service.rubric.dimensions,
        choices=level_choices(service.rubric),
        jobs=service.jobs.jobs()[:10],
        model=f"the {spec.chosen} backend" + (f" ({spec.model})" if spec.model else ""),
        remote=spec.chosen == "openai",
        max_bytes=f"{service.settings.options.max_bytes:,}",
        **values,
    )


@router.get("/", response_class=HTMLResponse)
async def grade_form(request: Request) -> HTMLResponse:
    """Show the Grade page: paste or upload a transcript."""
    return _grade_page(request)


@router.post("/grade")
async def grade_submit(request: Request) -> Response:
    """Queue a grade and go to its progress page; bad input is shown on the form."""
    form = await forms.form(request)
    text = str(form.get("text") or "")
    candidate = str(form.get("candidate") or "")
    levels = forms.levels(form)
    upload = await forms.upload(form, "file")
    try:
        if upload is not None:
            data, name = upload
        elif text.strip():
            data, name = text.encode("utf-8"), None
        else:
            raise GraderError("nothing to grade", hint="Paste a transcript or choose a file")
        job = forms.service(request).submit(data, name, candidate=candidate, levels=levels)
    except GraderError as exc:
        kept = text if len(text) < 200_000 else ""
        return _grade_page(
            request, 400, error=str(exc), text=kept, candidate=candidate, levels=levels
        )
    return forms.redirect(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(request: Request, job_id: str) -> Response:
    """Show a job's live progress; the result's page once it is graded."""
    service = forms.service(request)
    job = service.job(job_id)
    if job.status == "done" and job.result_url:
        return forms.redirect(job.result_url)
    state = job.to_dict(service.jobs.position(job))
    return forms.page(request, "job.html", job=job, state=state, position=state["queue_position"])


@router.get("/history", response_class=HTMLResponse)
async def history_page(request: Request, q: str = "", page: int = 0) -> HTMLResponse:
    """Every graded interview, newest first, searchable by file or candidate name."""
    page = max(page, 0)
    entries, total = forms.service(request).history.search(
        q, limit=PAGE_SIZE, offset=page * PAGE_SIZE
    )
    return forms.page(
        request,
        "history.html",
        active="history",
        entries=entries,
        total=total,
        q=q,
        ranks=RANKS,
        prev=page - 1 if page > 0 else None,
        next=page + 1 if (page + 1) * PAGE_SIZE < total else None,
    )
