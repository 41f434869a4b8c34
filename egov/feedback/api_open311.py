"""Open311 GeoReport v2 endpoints under /api/v1/feedback/open311/, so that existing mobile apps
and city dashboards plug in (https://wiki.open311.org/GeoReport_v2):

- ``GET services.json``: the report categories (``service_code`` is the category code);
- ``GET services/{service_code}.json``: a service's definition: its one required attribute,
  ``ward`` (the ward or commune of the place, a list of keys), which routes the report;
- ``GET requests.json``: reports, filtered by ``service_request_id``, ``service_code``,
  ``start_date``, ``end_date`` and ``status`` (``open``, ``closed``), with the ``page`` /
  ``page_size`` extension (default 50, at most 200);
- ``GET requests/{service_request_id}.json``: one report (an array of one, as the spec says);
- ``POST requests.json``: a form-encoded report with the ``api_key`` of a registered client
  (an API token of the project, ``egov api_token``): a citizen's own token files the report
  as theirs; any other client's files it for the person named (``first_name``/``last_name``,
  ``phone``), audited with the client's account.

Departures from the spec, by the project's API conventions: JSON only (no XML), and errors in
the project's one shape (``{"detail", "code", "errors"}``) rather than Open311's error array.
Open reports are listed without their description (not yet checked by an officer); refused and
merged reports not at all.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from decimal import Decimal

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from egov.accounts.models import User
from egov.accounts.services import api_token_resolve, api_token_scope_check
from egov.common.api_body import form_body, form_body_doc
from egov.common.api_errors import api_errors
from egov.common.exceptions import DomainError
from egov.feedback import selectors, services
from egov.feedback.choices import Channel, ReportStatus
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Category, Report
from egov.feedback.schemas import (
    Open311CreatedOut,
    Open311RequestFilter,
    Open311RequestIn,
    Open311RequestOut,
    Open311ServiceDefinitionOut,
    Open311ServiceOut,
)

router = Router(tags=["open311"])
SIX = Decimal("0.000001")


class Open311KeyRefused(DomainError):
    """The ``api_key`` is missing, unknown, expired or revoked."""

    code = "api_key_refused"
    status = 401


@router.get("/services.json", response=list[Open311ServiceOut], auth=None)
def feedback_open311_service_list(request: HttpRequest) -> list[dict]:
    """The report categories in use, as Open311 services."""
    return [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": category.name,
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": "",
        }
        for category in selectors.categories_of_places()
    ]


def _category(code: str) -> Category:
    category = selectors.categories_of_places().filter(code=code).first()
    if category is None:
        message = _("Unknown category.")
        raise FeedbackError(message, code="unknown_service", fields={"service_code": message})
    return category


@router.get("/services/{service_code}.json", response=Open311ServiceDefinitionOut, auth=None)
def feedback_open311_service_get(request: HttpRequest, service_code: str) -> dict:
    """A service's definition: the ward or commune of the place (required)."""
    category = selectors.categories_of_places().filter(code=service_code).first()
    if category is None:
        raise Http404
    wards = [{"key": str(unit.pk), "name": unit.name} for unit in selectors.communes_active()]
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": "ward",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": _("The ward or commune where the problem is"),
                "order": 1,
                "description": _("Ward or commune"),
                "values": wards,
            }
        ],
    }


def _request_out(request: HttpRequest, report: Report) -> dict:
    closed = report.status in selectors.PUBLIC_REPORT_STATES
    photos = list(report.photos.all()) if closed else []
    media = (
        request.build_absolute_uri(reverse("feedback:photo", args=[photos[0].pk]))
        if photos
        else None
    )
    updated = max(filter(None, [report.submitted_at, report.answered_at, report.closed_at]))
    return {
        "service_request_id": report.code,
        "status": "closed" if closed else "open",
        "status_notes": report.answer if closed else str(ReportStatus(report.status).label),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description if closed else None,
        "agency_responsible": report.unit.name,
        "service_notice": None,
        "requested_datetime": report.submitted_at,
        "updated_datetime": updated,
        "expected_datetime": None if closed else report.due_at,
        "address": report.address,
        "address_id": None,
        "zipcode": None,
        "lat": float(report.latitude) if report.latitude is not None else None,
        "long": float(report.longitude) if report.longitude is not None else None,
        "media_url": media,
    }


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@router.get("/requests.json", response=list[Open311RequestOut], auth=None)
def feedback_open311_request_list(
    request: HttpRequest, filters: Query[Open311RequestFilter]
) -> list[dict]:
    """Reports as Open311 service requests, newest first, one page at a time."""
    statuses = _split(filters.status)
    if any(status not in ("open", "closed") for status in statuses):
        message = _("The status is open, closed, or both.")
        raise FeedbackError(message, code="invalid_status", fields={"status": message})
    reports = selectors.report_list_open311(
        codes=_split(filters.service_request_id),
        service_codes=_split(filters.service_code),
        start=filters.start_date,
        end=filters.end_date,
        statuses=statuses,
    )
    first = (filters.page - 1) * filters.page_size
    return [_request_out(request, r) for r in reports[first : first + filters.page_size]]


@router.get("/requests/{service_request_id}.json", response=list[Open311RequestOut], auth=None)
def feedback_open311_request_get(request: HttpRequest, service_request_id: str) -> list[dict]:
    """One report, as an array of one request (404 when it is not listed)."""
    found = list(selectors.report_list_open311(codes=[service_request_id])[:1])
    if not found:
        raise Http404
    return [_request_out(request, found[0])]


def _client(api_key: str) -> User:
    """The account of the registered client holding ``api_key`` (401 / 403 otherwise)."""
    if not api_key:
        raise Open311KeyRefused(_("Send the api_key of a registered client."))
    try:
        token = api_token_resolve(api_key)
    except DomainError as exc:
        raise Open311KeyRefused(exc.message) from exc
    api_token_scope_check(token, method="POST", app="feedback")
    return token.user


@api_errors(401, 403)  # the api_key is in the form, not in the operation's security
@router.post(
    "/requests.json",
    response={201: list[Open311CreatedOut]},
    auth=None,
    openapi_extra=form_body_doc(Open311RequestIn),
)
def feedback_open311_request_create(request: HttpRequest) -> Status:
    """File a report (form-encoded, with the ``api_key`` of a registered client)."""
    client = _client(request.POST.get("api_key", ""))  # who asks, before what they ask
    payload = form_body(request, Open311RequestIn, error=FeedbackError)
    category = _category(payload.service_code)
    area = selectors.communes_active().filter(pk=payload.ward).first()
    if area is None:
        message = _("Unknown ward or commune.")
        raise FeedbackError(message, fields={"attribute[ward]": message})
    description = payload.description.strip()
    name = f"{payload.first_name} {payload.last_name}".strip()
    report = services.report_submit(
        actor=client,
        category=category,
        area=area,
        title=description.split("\n", 1)[0][:200],
        description=description,
        address=payload.address_string or area.name,
        latitude=payload.lat.quantize(SIX) if payload.lat is not None else None,
        longitude=payload.long.quantize(SIX) if payload.long is not None else None,
        channel=Channel.APP,
        contact_name=name,
        contact_phone=payload.phone,
    )
    notice = _("Answered within the working days set for %(category)s.") % {
        "category": category.name
    }
    return Status(
        201,
        [
            {
                "service_request_id": report.code,
                "service_notice": notice,
                "account_id": None,
            }
        ],
    )
