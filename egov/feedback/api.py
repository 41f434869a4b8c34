"""The feedback API under /api/v1/feedback/: send a report, one's own reports, and the search
of published answers (public). Photos are sent through the page (multipart), not here.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from egov.common.api_body import json_body, json_body_doc
from egov.common.exceptions import PermissionDenied
from egov.common.pagination import BoundedPageNumberPagination
from egov.feedback import selectors, services
from egov.feedback.api_open311 import router as open311_router
from egov.feedback.choices import ReportStatus
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Question, Report
from egov.feedback.schemas import (
    FeedbackReportFilter,
    FeedbackReportIn,
    FeedbackReportOut,
    PublishedAnswerFilter,
    PublishedAnswerOut,
    RegulationFeedbackIn,
)
from egov.orgs.models import OrgUnit

router = Router(tags=["feedback"])
router.add_router("/open311", open311_router)


def _review_out(report: Report) -> dict | None:
    if not report.regulation:
        return None
    review = report.review
    return {
        "receiving_unit_name": review.receiving_unit.name,
        "classification": review.classification,
        "forward_due_at": review.forward_due_at,
        "forwarded_at": review.forwarded_at,
        "basis": review.basis,
        "findings": review.findings,
        "outcome": review.outcome,
        "publish_due_at": review.publish_due_at,
        "published_at": report.published_at,
    }


def _report_out(report: Report) -> dict:
    return {
        "id": report.pk,
        "code": report.code,
        "status": report.status,
        "category": report.category.code,
        "unit_name": report.unit.name,
        "title": report.title,
        "description": report.description,
        "address": report.address,
        "submitted_at": report.submitted_at,
        "due_at": report.due_at,
        "answer": report.answer,
        "answered_at": report.answered_at,
        "rating": report.rating,
        "regulation": report.regulation,
        "regulation_content": report.regulation_content,
        "review": _review_out(report),
    }


def _require_public(request: HttpRequest) -> None:
    if not request.user.is_public:
        raise PermissionDenied(_("Log in with a citizen or business account."))


@router.post(
    "/reports",
    response={201: FeedbackReportOut},
    openapi_extra=json_body_doc(FeedbackReportIn),
)
def feedback_report_submit(request: HttpRequest) -> Status:
    """Send a report on a local problem; it goes to the responsible unit at once."""
    _require_public(request)
    payload = json_body(request, FeedbackReportIn, error=FeedbackError)
    category = selectors.categories_of_places().filter(code=payload.category).first()
    area = OrgUnit.objects.active().filter(pk=payload.area_id).first()
    if category is None:
        message = _("Unknown category.")
        raise FeedbackError(message, fields={"category": message})
    if area is None:
        message = _("Unknown ward or commune.")
        raise FeedbackError(message, fields={"area_id": message})
    report = services.report_submit(
        actor=request.user,
        category=category,
        area=area,
        title=payload.title,
        description=payload.description,
        address=payload.address,
        latitude=payload.latitude,
        longitude=payload.longitude,
        request_key=payload.request_key,
    )
    return Status(201, _report_out(report))


@router.post(
    "/regulation-feedback",
    response={201: FeedbackReportOut},
    openapi_extra=json_body_doc(RegulationFeedbackIn),
)
def feedback_regulation_submit(request: HttpRequest) -> Status:
    """Send feedback on an administrative regulation (Decree 20/2008/NĐ-CP): it goes to the
    receiving unit, or to the unit that issued the regulation."""
    _require_public(request)
    payload = json_body(request, RegulationFeedbackIn, error=FeedbackError)
    category = selectors.categories_of_regulations().filter(code=payload.category).first()
    issuer = OrgUnit.objects.active().filter(pk=payload.issuer_id).first()
    if category is None:
        message = _("Unknown category.")
        raise FeedbackError(message, fields={"category": message})
    if issuer is None:
        message = _("Unknown unit.")
        raise FeedbackError(message, fields={"issuer_id": message})
    report = services.report_submit(
        actor=request.user,
        category=category,
        area=issuer,
        title=payload.title,
        description=payload.description,
        regulation=payload.regulation,
        regulation_content=payload.regulation_content,
        request_key=payload.request_key,
    )
    return Status(201, _report_out(report))


@router.get("/reports", response=list[FeedbackReportOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def feedback_report_list(request: HttpRequest, filters: Query[FeedbackReportFilter]) -> list:
    """Reports as the caller may see them in full: an officer's, those with the units within
    their reach; a citizen's, their own. Oldest time limit first for officers."""
    status = filters.status
    if status and status not in ReportStatus.values:
        message = _("Unknown status.")
        raise FeedbackError(message, fields={"status": message})
    if request.user.is_officer:
        reports = selectors.report_list_for_officer(request.user, status=status)
    else:
        _require_public(request)
        reports = selectors.report_list_for_reporter(request.user).order_by("-submitted_at")
        reports = reports.filter(status=status) if status else reports
    return [_report_out(r) for r in reports.select_related("review__receiving_unit")[:1000]]


@router.get("/reports/mine", response=list[FeedbackReportOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def feedback_report_list_mine(request: HttpRequest) -> list[dict]:
    """The caller's own reports, newest first."""
    _require_public(request)
    return [_report_out(r) for r in selectors.report_list_for_reporter(request.user)[:1000]]


def _answer_out(question: Question) -> dict:
    return {
        "id": question.pk,
        "code": question.code,
        "unit_name": question.unit.name,
        "procedure_code": question.procedure_code,
        "procedure_name": question.procedure_name,
        "title": question.public_title,
        "question": question.public_body,
        "answer": question.answer,
        "published_at": question.published_at,
    }


@router.get("/answers", response=list[PublishedAnswerOut], auth=None)
@paginate(BoundedPageNumberPagination, page_size=50)
def feedback_answer_search(
    request: HttpRequest, filters: Query[PublishedAnswerFilter]
) -> list[dict]:
    """Published answers, searched accent-insensitively (every word must match)."""
    unit = None
    if filters.unit_id is not None:
        unit = OrgUnit.objects.filter(pk=filters.unit_id).first()
        if unit is None:
            return []
    return [_answer_out(q) for q in selectors.answer_search(text=filters.q, unit=unit)[:1000]]
