"""The JSON API under ``/api/``: everything the pages do, for scripts and other systems."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from grader.errors import GraderError
from grader.reports import audit_text
from grader.web.security import CLIENT_HEADER, check_api_client
from grader.web.service import REPORTS, Service

__all__ = ["router"]


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _guard(request: Request) -> None:
    """Refuse a POST that a plain cross-site form could have sent.

    PUT and DELETE cannot come from a form, and another site's script needs this server's
    permission (which it never gives) to send them.
    """
    if request.method == "POST":
        headers = {k.lower(): v for k, v in request.headers.items()}
        check_api_client(headers, bool(_service(request).settings.token))


router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(_guard)])


class GradeRequest(BaseModel):
    """A transcript to grade, as text."""

    text: str = Field(description="The transcript in any supported format")
    name: str | None = Field(
        None, description="File name; its extension chooses the format (.vtt, .srt, .json)"
    )
    candidate: str = Field("", description="The candidate's speaker name, when speakers are people")
    levels: dict[str, str | int] = Field(
        default_factory=dict,
        description="Your own levels per dimension (id or title -> level id, name or 1-5)",
    )


class RegradeRequest(BaseModel):
    """Another backend or model to grade a kept interview with."""

    backend: str = Field(description="local, openai or fake")
    model: str = Field("", description="Model name for the openai backend")


class LevelsRequest(BaseModel):
    """The interviewer's own levels; an empty mapping clears them."""

    levels: dict[str, str | int]


def _accepted(service: Service, job_id: str) -> JSONResponse:
    job = service.job(job_id)
    body = {**job.to_dict(service.jobs.position(job)), "status_url": f"/api/jobs/{job.id}"}
    return JSONResponse(body, status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.post("/grade", status_code=202, summary="Grade a transcript sent as JSON text")
async def grade(request: Request, body: GradeRequest) -> JSONResponse:
    """Queue a grade; poll the job's ``status_url`` until ``status`` is done or failed."""
    service = _service(request)
    job = service.submit(
        body.text.encode("utf-8"), body.name, candidate=body.candidate, levels=body.levels
    )
    return _accepted(service, job.id)


@router.post(
    "/grade/upload",
    status_code=202,
    summary=f"Grade an uploaded transcript file (multipart; send {CLIENT_HEADER})",
)
async def grade_upload(
    request: Request,
    file: UploadFile = File(description="The transcript file"),  # noqa: B008
    candidate: str = Form(""),
    levels: str = Form("", description='Your own levels as JSON: {"metrics": "strong"}'),
) -> JSONResponse:
    """Queue a grade of an uploaded file."""
    import json

    try:
        own = json.loads(levels) if levels.strip() else {}
    except ValueError:
        raise GraderError("levels: not JSON", hint='Send {"dimension": "level"}') from None
    if not isinstance(own, dict):
        raise GraderError("levels: not a JSON object", hint='Send {"dimension": "level"}')
    service = _service(request)
    job = service.submit(await file.read(), file.filename, candidate=candidate, levels=own)
    return _accepted(service, job.id)


@router.get("/jobs", summary="Jobs still known, newest first")
async def jobs(request: Request) -> list[dict[str, Any]]:
    """Every job the server still knows, with its progress."""
    service = _service(request)
    return [job.to_dict(service.jobs.position(job)) for job in service.jobs.jobs()]


@router.get("/jobs/{job_id}", summary="A job's progress and, once graded, its interview id")
async def job(request: Request, job_id: str) -> dict[str, Any]:
    """Status, the dimension being asked, calls done of planned, elapsed and remaining time."""
    service = _service(request)
    found = service.job(job_id)
    return found.to_dict(service.jobs.position(found))


@router.get("/interviews", summary="Graded interviews, newest first; q searches names")
async def interviews(
    request: Request, q: str = "", limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """List the history (file or candidate name holding ``q``)."""
    limit = min(max(limit, 1), 500)
    entries, total = _service(request).history.search(q, limit=limit, offset=max(offset, 0))
    return {"total": total, "interviews": [e.to_dict() for e in entries]}


@router.get("/interviews/{interview}", summary="One interview: its scorecard and your levels")
async def interview(request: Request, interview: int) -> dict[str, Any]:
    """Return the scorecard as ``grader grade --json`` prints it, with the history's fields."""
    stored = _service(request).stored(interview)
    return {**stored.entry.to_dict(), "scorecard": stored.scorecard}


@router.get("/interviews/{interview}/report.{kind}", summary="The scorecard as HTML, md or JSON")
async def report(request: Request, interview: int, kind: str) -> Response:
    """Return the same file ``grader grade -o`` writes."""
    content = _service(request).report(interview, kind)
    return Response(content, media_type=REPORTS[kind])


@router.put("/interviews/{interview}/levels", summary="Set your own levels; see disagreements")
async def levels(request: Request, interview: int, body: LevelsRequest) -> dict[str, Any]:
    """Compare the scorecard with your levels (an empty mapping clears them)."""
    card = _service(request).set_levels(interview, body.levels)
    return {"comparison": card.comparison.model_dump(mode="json") if card.comparison else None}


@router.post("/interviews/{interview}/regrade", status_code=202, summary="Regrade with a model")
async def regrade(request: Request, interview: int, body: RegradeRequest) -> JSONResponse:
    """Queue a new grade of a kept interview; the result points back at this one."""
    service = _service(request)
    return _accepted(service, service.regrade(interview, body.backend, body.model).id)


@router.delete("/interviews/{interview}", summary="Delete an interview and its transcript")
async def delete(request: Request, interview: int) -> dict[str, Any]:
    """Delete the interview's transcript, scorecard and levels."""
    service = _service(request)
    service.stored(interview)
    service.history.delete(interview)
    return {"deleted": interview}


@router.post("/audit", summary=f"Audit a ratings file (multipart; send {CLIENT_HEADER})")
async def audit(
    request: Request,
    ratings: UploadFile = File(description="Long or wide CSV, or JSONL"),  # noqa: B008
    with_model: bool = Form(False, description="Rank the model by the history's grades"),
) -> dict[str, Any]:
    """Audit the ratings; the result as ``grader audit --json`` prints it."""
    import json

    service = _service(request)
    audit_id = service.audit(await ratings.read(), ratings.filename, with_model=with_model)
    audited = service.audited(audit_id)
    return {
        "id": audit_id,
        "model_note": audited.model_note,
        "findings": audit_text.findings(audited.result),
        "audit": json.loads(audit_text.to_json(audited.result)),
    }


@router.get("/batch", summary="Progress of a grader batch results file")
async def batch(request: Request, results: str) -> dict[str, Any]:
    """Graded, failed, cost and failures of a results file (.jsonl)."""
    return _service(request).batch_status(results)


@router.get("/rubric", summary="The rubric: dimensions and level descriptors")
async def rubric(request: Request) -> dict[str, Any]:
    """Return the rubric as ``grader rubric show --json`` prints it."""
    found = _service(request).rubric
    return {**found.public_dict(), "sha256": found.sha256}
