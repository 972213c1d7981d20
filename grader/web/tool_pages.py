"""The Audit, Batch and API documentation pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

import grader.web.forms as forms
from grader.errors import GraderError
from grader.reports import audit_text
from grader.web.security import REPORT_CSP

router = APIRouter(include_in_schema=False)


@router.get("/audit", response_class=HTMLResponse)
async def audit_form(request: Request) -> HTMLResponse:
    """Show the Audit page: upload a ratings file."""
    return forms.page(
        request, "audit.html", active="audit", result=None, error="", with_model=False
    )


@router.post("/audit", response_class=HTMLResponse)
async def audit_submit(request: Request) -> HTMLResponse:
    """Audit the uploaded ratings and show the report."""
    form = await forms.form(request)
    with_model = bool(form.get("with_model"))
    service = forms.service(request)
    try:
        upload = await forms.upload(form, "ratings")
        if upload is None:
            raise GraderError("no ratings file", hint="Choose a ratings file (CSV or JSONL)")
        audit_id = service.audit(*upload, with_model=with_model)
    except GraderError as exc:
        return forms.page(
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
    return forms.page(
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
    result = forms.service(request).audited(audit_id).result
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
    service = forms.service(request)
    status, error = None, ""
    if results:
        try:
            status = service.batch_status(results)
        except GraderError as exc:
            error = str(exc)
    jobs = service.batch_jobs(batch) if batch else []
    return forms.page(
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
    form = await forms.form(request)
    uploads = [
        (await item.read(), item.filename)
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and item.filename
    ]
    service = forms.service(request)
    try:
        batch_id = service.submit_batch(uploads)
    except GraderError as exc:
        return forms.page(
            request,
            "batch.html",
            400,
            active="batch",
            results="",
            status=None,
            error=str(exc),
            jobs=[],
        )
    return forms.redirect(f"/batch?batch={batch_id}")


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
    settings = forms.service(request).settings
    return forms.page(
        request,
        "docs.html",
        active="docs",
        operations=operations,
        base=settings.url.split("?")[0].rstrip("/"),
        token_required=bool(settings.token),
    )
