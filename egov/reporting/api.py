"""Reporting API for officers: the regimes they report under or receive, their expected
reports, a report's values, saving values (a draft), sending, and reopening an accepted
report for correction.

The report is looked up before the body is read, so another unit's report is a 404 whatever
is posted; then a malformed body, or a value of the wrong type, is a 422 naming its fields.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from egov.common.api_body import json_body, json_body_doc
from egov.common.exceptions import DomainError
from egov.common.pagination import BoundedPageNumberPagination
from egov.common.validation import TextRequired
from egov.orgs.access import require_officer
from egov.reporting import selectors, services, services_correction, services_national
from egov.reporting.choices import SubmissionStatus
from egov.reporting.models import Regime, Submission
from egov.reporting.schemas import (
    ReportingCorrectIn,
    ReportingRegimeOut,
    ReportingReportDetailOut,
    ReportingReportFilter,
    ReportingReportOut,
    ReportingValuesIn,
    ReportingVersionIn,
)

router = Router(tags=["reporting"])


class InvalidInput(DomainError):
    code = "invalid_input"
    status = 422


def _regime_out(regime: Regime) -> dict:
    return {
        **{
            name: getattr(regime, name)
            for name in (
                "id",
                "code",
                "name",
                "kind",
                "frequency",
                "legal_basis",
                "status",
                "version",
                "reporter_kind",
                "receiving_unit_id",
            )
        },
        "levels": [level.unit_kind for level in regime.levels.all()],
        "indicators": list(regime.indicators.all()),
    }


def _report_out(report: Submission) -> dict:
    return {
        **{
            name: getattr(report, name)
            for name in (
                "id",
                "regime_id",
                "unit_id",
                "receiver_id",
                "level",
                "period_first",
                "period_last",
                "cutoff_first",
                "cutoff_last",
                "due_on",
                "status",
                "return_reason",
                "version",
                "signed_at",
                "stale_since",
            )
        },
        "regime_name": report.regime.name,
        "unit_name": report.unit.name,
        "timeliness": selectors.submission_timeliness(report),
    }


def _detail(report: Submission) -> dict:
    codes = {i.pk: i.code for i in report.regime.indicators.all()}
    return {
        **_report_out(report),
        "narrative": report.narrative,
        "values": [
            {
                "code": codes[v.indicator_id],
                "number": v.number,
                "text": v.text,
                "source": v.source,
                "prefilled": v.prefilled,
                "note": v.note,
            }
            for v in report.values.all()
            if v.indicator_id in codes
        ],
    }


@router.get("/regimes", response=list[ReportingRegimeOut])
def reporting_regime_list(request: HttpRequest) -> list[dict]:
    """The regimes the caller's units report under or receive, with their form."""
    require_officer(request.user)
    reporting = selectors.submissions_for_user(request.user).values("regime_id")
    received = selectors.regimes_for_user(request.user).values("pk")
    regimes = (
        Regime.objects.filter(Q(pk__in=reporting) | Q(pk__in=received))
        .prefetch_related("levels", "indicators")
        .order_by("name", "version")
    )
    return [_regime_out(regime) for regime in regimes]


@router.get("/reports", response=list[ReportingReportOut])
@paginate(BoundedPageNumberPagination, page_size=100)
def reporting_report_list(
    request: HttpRequest, filters: Query[ReportingReportFilter]
) -> list[dict]:
    """The reports of the caller's units and those sent to them, latest period first."""
    require_officer(request.user)
    reports = selectors.submissions_for_user(request.user).select_related("regime", "unit")
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.regime:
        reports = reports.filter(regime_id=filters.regime)
    return [
        _report_out(report)
        for report in reports.order_by("-period_first", "regime__name", "unit__path")[:2000]
    ]


@router.get("/reports/{report_id}", response=ReportingReportDetailOut)
def reporting_report_get(request: HttpRequest, report_id: int) -> dict:
    """One report with its values (by indicator code) and where each came from."""
    require_officer(request.user)
    return _detail(selectors.submission_get_for_user(request.user, report_id))


@router.put(
    "/reports/{report_id}/values",
    response=ReportingReportDetailOut,
    openapi_extra=json_body_doc(ReportingValuesIn),
)
def reporting_report_values(request: HttpRequest, report_id: int) -> dict:
    """Save the values as a draft (the reporting unit). A value of the wrong type, out of its
    bounds, or a computed value changed without a note: 422 naming ``value_<code>`` or
    ``note_<code>``; a stale ``expected_version``: 409."""
    require_officer(request.user)
    report = selectors.submission_get_for_user(request.user, report_id)
    payload = json_body(request, ReportingValuesIn, error=InvalidInput)
    try:
        saved = services.submission_save(
            actor=request.user,
            submission=report,
            values=payload.values,
            notes=payload.notes,
            narrative=payload.narrative,
            expected_version=payload.expected_version,
        )
    except services.ReportError as error:
        raise InvalidInput(error.message, fields=error.fields) from error
    return _detail(selectors.submission_get_for_user(request.user, saved.pk))


@router.post(
    "/reports/{report_id}/submit",
    response=ReportingReportDetailOut,
    openapi_extra=json_body_doc(ReportingVersionIn),
)
def reporting_report_submit(request: HttpRequest, report_id: int) -> dict:
    """Send the report to its receiving unit (every required value present, else 422)."""
    require_officer(request.user)
    report = selectors.submission_get_for_user(request.user, report_id)
    payload = json_body(request, ReportingVersionIn, error=InvalidInput)
    try:
        sent = services.submission_submit(
            actor=request.user, submission=report, expected_version=payload.expected_version
        )
    except services.ReportError as error:
        raise InvalidInput(error.message, fields=error.fields) from error
    return _detail(selectors.submission_get_for_user(request.user, sent.pk))


@router.post(
    "/reports/{report_id}/correct",
    response=ReportingReportDetailOut,
    openapi_extra=json_body_doc(ReportingCorrectIn),
)
def reporting_report_correct(request: HttpRequest, report_id: int) -> dict:
    """Reopen an accepted report for correction with a reason (the reporting unit's
    specialists and heads, or the receiving unit's, as on the report's page): the accepted
    version is kept, the consolidated reports above that used its numbers are marked
    (``stale_since``). The same request again (same reason, same ``expected_version``) is
    answered as the first, changing nothing. A missing or blank reason: 422 naming
    ``reason``; a report not accepted, or changed since ``expected_version``: 409."""
    require_officer(request.user)
    report = selectors.submission_get_for_user(request.user, report_id)
    payload = json_body(request, ReportingCorrectIn, error=InvalidInput)
    try:
        reopened = services_correction.submission_correct(
            actor=request.user,
            submission=report,
            reason=payload.reason,
            expected_version=payload.expected_version,
        )
    except TextRequired as error:
        raise InvalidInput(error.message, fields=error.fields) from error
    return _detail(selectors.submission_get_for_user(request.user, reopened.pk))


class NotAccepted(DomainError):
    code = "report_not_accepted"
    status = 409


@router.get("/reports/{report_id}/national", response=dict[str, Any])
def reporting_report_national(request: HttpRequest, report_id: int) -> dict:
    """An accepted report in the JSON shape sent to the national reporting system (fields
    documented in ``egov.integration.services.national_reporting``: ``MaBaoCao``,
    ``CheDoBaoCao``, ``KyBaoCao``, ``DonViBaoCao``, ``ChiTieu``…), with its sendings there
    (``GuiHeThongQuocGia``: state, receipt number or reason, version, the receipt a
    correction replaces). A report not accepted: 409."""
    require_officer(request.user)
    report = selectors.submission_get_for_user(request.user, report_id)
    if report.status != SubmissionStatus.ACCEPTED:
        raise NotAccepted(_("Only an accepted report is exported for the national system."))
    sendings = list(report.national_sendings.select_related("corrects").order_by("pk"))
    return {
        **services_national.national_message_current(report, sendings),
        "GuiHeThongQuocGia": [
            {
                "TrangThai": sending.state,
                "MaTiepNhan": sending.receipt,
                "LyDo": sending.last_error,
                "SoLanGui": sending.attempts,
                "PhienBan": sending.message.get("PhienBan"),
                "HieuChinhMaTiepNhan": sending.corrects.receipt if sending.corrects else "",
            }
            for sending in sendings
        ],
    }
