"""The pages a person uses: Grade, the job's progress, the scorecard, History, Audit, Batch."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from grader.errors import GraderError
from grader.reports import audit_text
from grader.rubrics.levels import LEVEL_ORDER
from grader.web.render import render
from grader.web.security import REPORT_CSP, check_form_token
from grader.web.service import BACKENDS, REPORTS, Service
from grader.web.views import dimension_views, highlighted_turns, level_choices

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
RANKS = {level.value: level.rank + 1 for level in LEVEL_ORDER}


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _page(request: Request, template: str, code: int = 200, **values: Any) -> HTMLResponse:
    values["csrf"] = request.scope.get("state", {}).get("csrf", "")
    return HTMLResponse(render(template, **values), status_code=code)


async def _form(request: Request) -> FormData:
    limit = _service(request).settings.max_upload_bytes
    form = await request.form(max_files=200, max_fields=100, max_part_size=limit)
    check_form_token(request.scope.get("state", {}), form)
    return form


def _levels(form: FormData) -> dict[str, str]:
    return {
        key.removeprefix("level_"): str(value)
        for key, value in form.items()
        if key.startswith("level_") and isinstance(value, str)
    }


async def _upload(form: FormData, field: str) -> tuple[bytes, str] | None:
    item = form.get(field)
    if isinstance(item, UploadFile) and item.filename:
        return await item.read(), item.filename
    return None


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _grade_page(request: Request, code: int = 200, **values: Any) -> HTMLResponse:
    service = _service(request)
    values.setdefault("text", "")
    values.setdefault("candidate", "")
    values.setdefault("levels", {})
    values.setdefault("error", "")
    spec = service.settings.backend
    return _page(
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
    form = await _form(request)
    text = str(form.get("text") or "")
    candidate = str(form.get("candidate") or "")
    levels = _levels(form)
    upload = await _upload(form, "file")
    try:
        if upload is not None:
            data, name = upload
        elif text.strip():
            data, name = text.encode("utf-8"), None
        else:
            raise GraderError("nothing to grade", hint="Paste a transcript or choose a file")
        job = _service(request).submit(data, name, candidate=candidate, levels=levels)
    except GraderError as exc:
        kept = text if len(text) < 200_000 else ""
        return _grade_page(
            request, 400, error=str(exc), text=kept, candidate=candidate, levels=levels
        )
    return _redirect(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(request: Request, job_id: str) -> Response:
    """Show a job's live progress; the result's page once it is graded."""
    service = _service(request)
    job = service.job(job_id)
    if job.status == "done" and job.result_url:
        return _redirect(job.result_url)
    state = job.to_dict(service.jobs.position(job))
    return _page(request, "job.html", job=job, state=state, position=state["queue_position"])


@router.get("/interviews/{interview}", response_class=HTMLResponse)
async def scorecard_page(request: Request, interview: int) -> HTMLResponse:
    """Show the scorecard: levels, reasons, quotes linked to the highlighted transcript."""
    service = _service(request)
    stored, card, transcript = service.scorecard(interview)
    dims = dimension_views(card, service.rubric)
    turns = highlighted_turns(transcript, dims, card)
    meta = {
        "model": f"{card.model.get('model')} ({card.model.get('backend')})",
        "method": card.strategy,
        "calibration": (card.calibration or {}).get("id")
        or (card.calibration or {}).get("path")
        or "none (the rubric's cuts)",
        "rubric": f"{card.rubric.get('id')} v{card.rubric.get('version')}",
        "prompts sha256": str(card.prompts.get("sha256", ""))[:16],
        "transcript sha256": stored.entry.transcript_sha256,
        "model calls": card.usage.get("calls", 0),
        "tokens": f"{card.usage.get('prompt_tokens', 0)} in, "
        f"{card.usage.get('completion_tokens', 0)} out",
        "seconds": f"{card.elapsed_seconds:.1f}",
        **{f"count: {k.removeprefix('text.')}": v for k, v in card.text_features.items()},
    }
    return _page(
        request,
        "scorecard.html",
        entry=stored.entry,
        card=card,
        dims=dims,
        turns=turns,
        meta=meta,
        regrades=[e for e in service.history.regrades(interview) if e.id != interview],
        backends=BACKENDS,
        choices=level_choices(service.rubric),
        rubric_dims=service.rubric.dimensions,
    )


@router.get("/interviews/{interview}/report.{kind}")
async def report_download(request: Request, interview: int, kind: str) -> Response:
    """Send the scorecard as the command line writes it: HTML, Markdown or JSON."""
    content = _service(request).report(interview, kind)
    stem = f"scorecard-{interview}"
    headers = {"content-disposition": f'attachment; filename="{stem}.{kind}"'}
    if kind == "html":
        headers["content-security-policy"] = REPORT_CSP
    return Response(content, media_type=REPORTS[kind], headers=headers)


@router.post("/interviews/{interview}/levels")
async def levels_submit(request: Request, interview: int) -> Response:
    """Set the interviewer's own levels and show the disagreements."""
    form = await _form(request)
    _service(request).set_levels(interview, _levels(form))
    return _redirect(f"/interviews/{interview}#comparison")


@router.post("/interviews/{interview}/regrade")
async def regrade_submit(request: Request, interview: int) -> Response:
    """Queue a regrade with another backend or model."""
    form = await _form(request)
    job = _service(request).regrade(
        interview, str(form.get("backend") or ""), str(form.get("model") or "")
    )
    return _redirect(f"/jobs/{job.id}")


@router.get("/interviews/{left}/beside/{right}", response_class=HTMLResponse)
async def beside_page(request: Request, left: int, right: int) -> HTMLResponse:
    """Two grades of one interview side by side."""
    a, b, rows = _service(request).beside(left, right)
    differ = sum(row["differ"] for row in rows)
    return _page(request, "beside.html", left=a.entry, right=b.entry, rows=rows, differ=differ)


@router.post("/interviews/{interview}/delete")
async def delete_submit(request: Request, interview: int) -> Response:
    """Delete an interview with its transcript and scorecard."""
    await _form(request)
    service = _service(request)
    service.stored(interview)
    service.history.delete(interview)
    return _redirect("/history")


@router.get("/history", response_class=HTMLResponse)
async def history_page(request: Request, q: str = "", page: int = 0) -> HTMLResponse:
    """Every graded interview, newest first, searchable by file or candidate name."""
    page = max(page, 0)
    entries, total = _service(request).history.search(q, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
    return _page(
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


@router.get("/audit", response_class=HTMLResponse)
async def audit_form(request: Request) -> HTMLResponse:
    """Show the Audit page: upload a ratings file."""
    return _page(request, "audit.html", active="audit", result=None, error="", with_model=False)


@router.post("/audit", response_class=HTMLResponse)
async def audit_submit(request: Request) -> HTMLResponse:
    """Audit the uploaded ratings and show the report."""
    form = await _form(request)
    with_model = bool(form.get("with_model"))
    service = _service(request)
    try:
        upload = await _upload(form, "ratings")
        if upload is None:
            raise GraderError("no ratings file", hint="Choose a ratings file (CSV or JSONL)")
        audit_id = service.audit(*upload, with_model=with_model)
    except GraderError as exc:
        return _page(
            request,
            "audit.html",
            400,
            active="audit",
            result=None,
            error=str(exc),
            with_model=with_model,
        )
    audited = service.audited(audit_id)
    result = audited.result
    columns = audit_text.grader_columns(result)
    return _page(
        request,
        "audit.html",
        active="audit",
        audit_id=audit_id,
        result=result,
        error="",
        with_model=with_model,
        model_note=audited.model_note,
        findings=audit_text.findings(result),
        rel_head=audit_text.reliability_head(result),
        rel_rows=[audit_text.reliability_row(result, rel) for rel in result.reliability],
        grader_head=[name for name, _ in columns],
        grader_rows=[[cell(s) for _, cell in columns] for s in result.grader_stats],
        disputed=[
            (result.titles[d], [audit_text.disagreement_text(i) for i in items])
            for d, items in result.disagreements.items()
            if items
        ],
        rules=result.rules.describe(),
    )


@router.get("/audits/{audit_id}/report.{kind}")
async def audit_download(request: Request, audit_id: str, kind: str) -> Response:
    """Send an audit as ``grader audit -o`` writes it: HTML, Markdown or JSON."""
    result = _service(request).audited(audit_id).result
    headers = {"content-disposition": f'attachment; filename="audit.{kind}"'}
    if kind == "html":
        from grader.reports.audit_html import audit_html  # draws plots: loaded only here

        headers["content-security-policy"] = REPORT_CSP
        return Response(audit_html(result), media_type="text/html", headers=headers)
    if kind == "md":
        return Response(audit_text.to_markdown(result), media_type="text/markdown", headers=headers)
    if kind == "json":
        return Response(audit_text.to_json(result), media_type="application/json", headers=headers)
    raise GraderError(f"no {kind!r} report", hint="Use report.html, report.md or report.json")


@router.get("/batch", response_class=HTMLResponse)
async def batch_page(request: Request, results: str = "", batch: str = "") -> HTMLResponse:
    """Show a batch's progress: a ``grader batch`` results file, or files uploaded here."""
    service = _service(request)
    status, error = None, ""
    if results:
        try:
            status = service.batch_status(results)
        except GraderError as exc:
            error = str(exc)
    jobs = service.batch_jobs(batch) if batch else []
    return _page(
        request,
        "batch.html",
        400 if error else 200,
        active="batch",
        results=results,
        status=status,
        error=error,
        jobs=jobs,
    )


@router.post("/batch")
async def batch_submit(request: Request) -> Response:
    """Queue every uploaded file; a file that cannot be read is listed with its reason."""
    form = await _form(request)
    uploads = [
        (await item.read(), item.filename)
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and item.filename
    ]
    service = _service(request)
    try:
        batch_id = service.submit_batch(uploads)
    except GraderError as exc:
        return _page(
            request,
            "batch.html",
            400,
            active="batch",
            results="",
            status=None,
            error=str(exc),
            jobs=[],
        )
    return _redirect(f"/batch?batch={batch_id}")


@router.get("/docs", response_class=HTMLResponse)
async def docs_page(request: Request) -> HTMLResponse:
    """List the JSON API's endpoints, from its OpenAPI description."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [p["name"] for p in op.get("parameters", [])],
                    "body": ", ".join(body),
                }
            )
    settings = _service(request).settings
    return _page(
        request,
        "docs.html",
        active="docs",
        operations=operations,
        base=settings.url.split("?")[0].rstrip("/"),
        token_required=bool(settings.token),
    )
