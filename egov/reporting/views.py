"""Pages of periodic reporting (officers): the reports inbox, a report's form with its
actions and xlsx round trip, and a regime's completeness page with the roll-up."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.audit.selectors import history_for_object
from egov.common.exceptions import DomainError
from egov.common.tables import table_response
from egov.orgs.decorators import officer_required
from egov.reporting import (
    selectors,
    services,
    services_correction,
    services_national,
    services_sign,
)
from egov.reporting.choices import NationalSendingState, SubmissionStatus
from egov.reporting.forms import CorrectForm, ReturnForm, UploadForm, ValuesForm, VersionForm

INBOX_LIMIT = 200


@require_GET
@officer_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The reports of the officer's units and those sent to them, latest period first."""
    status = request.GET.get("status", "")
    rows = (
        selectors.submissions_for_user(request.user)
        .filter(selectors.inbox_filter(status))
        .select_related("regime", "unit")
        .order_by("-period_first", "regime__name", "unit__path")[:INBOX_LIMIT]
    )
    return render(
        request,
        "reporting/inbox.html",
        {
            "rows": rows,
            "statuses": SubmissionStatus.choices,
            "status": status,
            "regimes": selectors.regimes_for_user(request.user),
        },
    )


def _render(
    request: HttpRequest, pk: int, *, status: int = 200, error: DomainError | None = None, **forms
) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk)
    page = selectors.submission_page(request.user, submission)
    version = {"expected_version": submission.version}
    sendings = list(submission.national_sendings.select_related("corrects").order_by("-pk")[:10])
    context = {
        "versions": list(submission.versions.select_related("document", "reopened_by")),
        "sendings": sendings,
        "may_send_again": bool(
            sendings and sendings[0].state == NationalSendingState.FAILED and page.may_decide
        ),
        "page": page,
        "s": submission,
        "values_form": forms.get("values_form")
        or ValuesForm(initial={**version, "narrative": submission.narrative}),
        "return_form": forms.get("return_form") or ReturnForm(initial=version),
        "correct_form": forms.get("correct_form") or CorrectForm(initial=version),
        "upload_form": forms.get("upload_form") or UploadForm(initial=version),
        "version_form": VersionForm(initial=version),
        "error": error,
        "field_errors": error.fields if error is not None else {},
        "typed": forms.get("typed", {}),
        "history": history_for_object(submission),
    }
    return render(request, "reporting/submission.html", context, status=status)


@require_GET
@officer_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, pk)


def _typed(request: HttpRequest, submission: object) -> dict[str, str]:
    return {
        key.removeprefix("value_"): value
        for key, value in request.POST.items()
        if key.startswith("value_")
    }


@require_POST
@officer_required
def submission_values(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the typed values as a draft, or save and send them (button ``send``)."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = ValuesForm(request.POST)
    typed = _typed(request, submission)
    if not form.is_valid():
        return _render(request, pk, status=400, values_form=form, typed=typed)
    version = form.cleaned_data["expected_version"]
    try:
        saved = services.submission_save(
            actor=request.user,
            submission=submission,
            values=typed,
            narrative=form.cleaned_data["narrative"],
            notes={
                key.removeprefix("note_"): value
                for key, value in request.POST.items()
                if key.startswith("note_")
            },
            expected_version=version,
        )
        if "send" in request.POST:
            services.submission_submit(
                actor=request.user, submission=saved, expected_version=saved.version
            )
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error, values_form=form, typed=typed)
    if "send" in request.POST:
        messages.success(request, _("The report was sent to the receiving unit."))
    else:
        messages.success(request, _("The draft was saved."))
    return redirect("reporting:submission-detail", pk=pk)


@require_POST
@officer_required
def submission_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the values of an uploaded copy of the report's workbook and save them as a draft."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, pk, status=400, upload_form=form)
    try:
        values = services.submission_xlsx_read(submission, form.cleaned_data["workbook"])
        services.submission_save(
            actor=request.user,
            submission=submission,
            values=values,
            narrative=submission.narrative,
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error, upload_form=form)
    messages.success(request, _("The values of the workbook were saved as a draft."))
    return redirect("reporting:submission-detail", pk=pk)


@require_POST
@officer_required
def submission_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill in the values the platform knows: the consolidation of the accepted reports of
    the units below, or the indicators' source figures."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, pk, status=400)
    try:
        services.submission_prefill(
            actor=request.user,
            submission=submission,
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error)
    messages.success(request, _("The values the platform knows were filled in."))
    return redirect("reporting:submission-detail", pk=pk)


@require_POST
@officer_required
def submission_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of the reporting unit signs the sent report (its document, PAdES)."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, pk, status=400)
    try:
        services_sign.submission_sign(
            actor=request.user,
            submission=submission,
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error)
    messages.success(request, _("The report was signed; the receiving unit reads the signed copy."))
    return redirect("reporting:submission-detail", pk=pk)


@require_POST
@officer_required
def submission_national_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send again to the national reporting system a city report whose sending failed (the
    receiving unit); the try runs as a job."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, pk, status=400)
    try:
        services_national.national_sending_again(actor=request.user, submission=submission)
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error)
    messages.success(request, _("The report is queued for the national reporting system."))
    return redirect("reporting:submission-detail", pk=pk)


@require_POST
@officer_required
def submission_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen an accepted report for correction with a reason (the reporting unit or the
    receiving unit); the accepted version is kept."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = CorrectForm(request.POST)
    if not form.is_valid():
        return _render(request, pk, status=400, correct_form=form)
    try:
        services_correction.submission_correct(
            actor=request.user,
            submission=submission,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error, correct_form=form)
    messages.success(
        request, _("The report was reopened for correction; the accepted version is kept.")
    )
    return redirect("reporting:submission-detail", pk=pk)


@require_POST
@officer_required
def submission_reconsolidate(request: HttpRequest, pk: int) -> HttpResponse:
    """Consolidate again a report marked because the figures below changed (the
    consolidating unit); an accepted one is reopened for correction first."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, pk, status=400)
    try:
        services_correction.submission_reconsolidate(
            actor=request.user,
            submission=submission,
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error)
    messages.success(
        request, _("The accepted reports below were consolidated again; check and send the report.")
    )
    return redirect("reporting:submission-detail", pk=pk)


@require_GET
@officer_required
def submission_signed(request: HttpRequest, pk: int) -> FileResponse:
    """The signed report (PDF), for whoever sees the report: the reporting unit and the units
    that receive it."""
    submission = selectors.submission_get_for_user(request.user, pk)
    stored = selectors.signed_file(submission)
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type="application/pdf",
    )


@require_GET
@officer_required
def submission_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk)
    name = f"{submission.regime.code}-{submission.unit_id}-{submission.period_first:%Y-%m}.xlsx"
    return table_response(services.submission_xlsx(submission), filename=name)


@require_POST
@officer_required
def submission_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Accept or return a sent report (the receiving unit)."""
    submission = selectors.submission_get_for_user(request.user, pk)
    form = (ReturnForm if action == "return" else VersionForm)(request.POST)
    if not form.is_valid():
        return _render(request, pk, status=400, return_form=form)
    data = form.cleaned_data
    try:
        if action == "return":
            services.submission_return(
                actor=request.user,
                submission=submission,
                reason=data["reason"],
                expected_version=data["expected_version"],
            )
            messages.success(request, _("The report was returned to the reporting unit."))
        else:
            services.submission_accept(
                actor=request.user,
                submission=submission,
                expected_version=data["expected_version"],
            )
            messages.success(request, _("The report was accepted."))
    except DomainError as error:
        return _render(request, pk, status=error.status, error=error)
    return redirect("reporting:submission-detail", pk=pk)


@require_GET
@officer_required
def regime_completeness(request: HttpRequest, pk: int) -> HttpResponse:
    """Who reported for a period of the regime (on time, late, missing, named) and the
    values rolled up; for officers of the receiving unit."""
    regime = selectors.regime_get_for_user(request.user, pk)
    windows = selectors.period_windows(regime)
    periods = [w.first for w in windows]
    chosen = None
    try:
        chosen = datetime.date.fromisoformat(request.GET.get("period", ""))
    except ValueError:
        chosen = None
    if chosen not in periods:
        chosen = periods[0] if periods else None
    chain = services.regime_chain(regime)
    try:
        level = int(request.GET.get("level", "0"))
    except ValueError:
        level = 0
    if level not in {tier.level for tier in chain}:
        level = 0
    # One reverse() for the page, not one per unit: on the city's page of 609 units the
    # per-row {% url %} took about a third of the time (bench/reporting_city_table.py).
    detail = reverse("reporting:submission-detail", args=[0]).removesuffix("0/")
    context = {
        "detail": detail,
        "regime": regime,
        "periods": periods,
        "windows": windows,
        "chosen": chosen,
        "chain": chain,
        "level": level,
    }
    if chosen is not None:
        within = selectors.submissions_for_user(request.user)
        context["c"] = selectors.completeness(regime, chosen, level=level, within=within)
        context["rolled"] = selectors.rollup(regime, chosen, level=level, within=within)
    return render(request, "reporting/completeness.html", context)
