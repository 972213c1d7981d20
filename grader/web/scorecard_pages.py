"""The scorecard page and what it offers: downloads, your levels, regrade, delete."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

import grader.web.forms as forms
from grader.web.security import REPORT_CSP
from grader.web.service import BACKENDS, REPORTS
from grader.web.views import dimension_views, highlighted_turns, level_choices

router = APIRouter(include_in_schema=False)


@router.get("/interviews/{interview}", response_class=HTMLResponse)
async def scorecard_page(request: Request, interview: int) -> HTMLResponse:
    """Show the scorecard: levels, reasons, quotes linked to the highlighted transcript."""
    service = forms.service(request)
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
    return forms.page(
        request,
        "scorecard.html",
        entry=stored.entry,
        card=card,
        dims=dims,
        turns=turns,
        meta=meta,
        regrades=[e for e in service.history.regrades(interview) if e.id != interview],
        # The fake backend is for tests; it is offered only when the server itself uses it.
        backends=[b for b in BACKENDS if b != "fake" or service.settings.backend.chosen == "fake"],
        choices=level_choices(service.rubric),
        rubric_dims=service.rubric.dimensions,
    )


@router.get("/interviews/{interview}/report.{kind}")
async def report_download(request: Request, interview: int, kind: str) -> Response:
    """Send the scorecard as the command line writes it: HTML, Markdown or JSON."""
    content = forms.service(request).report(interview, kind)
    stem = f"scorecard-{interview}"
    headers = {"content-disposition": f'attachment; filename="{stem}.{kind}"'}
    if kind == "html":
        headers["content-security-policy"] = REPORT_CSP
    return Response(content, media_type=REPORTS[kind], headers=headers)


@router.post("/interviews/{interview}/levels")
async def levels_submit(request: Request, interview: int) -> Response:
    """Set the interviewer's own levels and show the disagreements."""
    form = await forms.form(request)
    forms.service(request).set_levels(interview, forms.levels(form))
    return forms.redirect(f"/interviews/{interview}#comparison")


@router.post("/interviews/{interview}/regrade")
async def regrade_submit(request: Request, interview: int) -> Response:
    """Queue a regrade with another backend or model."""
    form = await forms.form(request)
    job = forms.service(request).regrade(
        interview, str(form.get("backend") or ""), str(form.get("model") or "")
    )
    return forms.redirect(f"/jobs/{job.id}")


@router.get("/interviews/{left}/beside/{right}", response_class=HTMLResponse)
async def beside_page(request: Request, left: int, right: int) -> HTMLResponse:
    """Two grades of one interview side by side."""
    a, b, rows = forms.service(request).beside(left, right)
    differ = sum(row["differ"] for row in rows)
    return forms.page(request, "beside.html", left=a.entry, right=b.entry, rows=rows, differ=differ)


@router.post("/interviews/{interview}/delete")
async def delete_submit(request: Request, interview: int) -> Response:
    """Delete an interview with its transcript and scorecard."""
    await forms.form(request)
    service = forms.service(request)
    service.stored(interview)
    service.history.delete(interview)
    return forms.redirect("/history")
