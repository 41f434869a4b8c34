"""Officer pages of dossiers: the list with filters, the dossier page (applicant, documents,
clock, steps, forms issued, history) with the actions allowed now as small POST forms, and
file downloads. Everything is scoped by :mod:`egov.onestop.selectors.dossiers_officer`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.onestop.forms_desk import (
    ApologyForm,
    DossierFilterForm,
    HandoverForm,
    NoteForm,
    ReasonForm,
    ReceiveCheckForm,
    ResultForm,
    VersionForm,
    competent_unit_default,
)
from egov.onestop.printing.context import forms_printable
from egov.onestop.selectors.desk import competent_unit_choices
from egov.onestop.selectors.dossier_detail import (
    dossier_file_get_for_officer,
    dossier_page,
    handover_unit_choices,
)
from egov.onestop.selectors.dossiers_officer import (
    dossier_get_for_officer,
    dossier_list_for_officer,
    dossier_list_late_without_apology,
    dossier_list_needing_apology,
)
from egov.onestop.selectors.rules import ruleset_in_force
from egov.onestop.selectors.signature import application_signature_check
from egov.onestop.services import desk, processing, processing_apology, processing_result
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

PAGE_SIZE = 50
Run = Callable[[Any, Any, dict[str, Any]], Any]


def _desk_receive(user: Any, dossier: Any, data: dict[str, Any]) -> Any:
    return desk.dossier_receive(
        actor=user,
        dossier=dossier,
        expected_version=data["expected_version"],
        competent_unit=data.get("competent_unit"),
    )


def _reason(service: Callable[..., Any]) -> Run:
    return lambda user, dossier, data: service(
        actor=user,
        dossier=dossier,
        expected_version=data["expected_version"],
        reason=data["reason"],
    )


def _plain(service: Callable[..., Any]) -> Run:
    return lambda user, dossier, data: service(
        actor=user, dossier=dossier, expected_version=data["expected_version"]
    )


# action → (form, how to run it, message on success)
ACTIONS: dict[str, tuple[type[forms.Form], Run, Any]] = {
    "receive": (ReceiveCheckForm, _desk_receive, _("The dossier was received.")),
    "request_completion": (
        ReasonForm,
        _reason(desk.dossier_request_completion_at_desk),
        _("The request for completion was issued."),
    ),
    "refuse_at_desk": (
        ReasonForm,
        _reason(desk.dossier_refuse_at_desk),
        _("The dossier was refused."),
    ),
    "forward": (
        NoteForm,
        lambda u, d, c: processing.dossier_forward(
            actor=u, dossier=d, expected_version=c["expected_version"], note=c.get("note", "")
        ),
        _("The dossier was forwarded to the next step."),
    ),
    "send_back": (
        ReasonForm,
        _reason(processing.dossier_send_back),
        _("The dossier was sent back to the previous step."),
    ),
    "handover": (
        HandoverForm,
        lambda u, d, c: processing.dossier_handover(
            actor=u,
            dossier=d,
            expected_version=c["expected_version"],
            to_unit=c["to_unit"],
            reason=c["reason"],
        ),
        _("The dossier was handed over."),
    ),
    "request_supplement": (
        ReasonForm,
        _reason(processing.dossier_request_supplement),
        _("The supplement was requested; the clock is stopped."),
    ),
    "supplement_received": (
        VersionForm,
        _plain(processing.dossier_supplement_received),
        _("The supplement was received; the clock runs again."),
    ),
    "refuse": (
        ReasonForm,
        _reason(processing_result.dossier_refuse),
        _("The dossier was refused."),
    ),
    "record_result": (
        ResultForm,
        lambda u, d, c: processing_result.dossier_record_result(
            actor=u,
            dossier=d,
            expected_version=c["expected_version"],
            file=c["file"],
            note=c.get("note", ""),
        ),
        _("The result was recorded."),
    ),
    "return_result": (
        VersionForm,
        _plain(processing_result.dossier_return_result),
        _("The result was returned."),
    ),
    "apologize": (
        ApologyForm,
        lambda u, d, c: processing_apology.dossier_apologize(
            actor=u,
            dossier=d,
            expected_version=c["expected_version"],
            new_due_at=c["new_due_at"],
            reason=c["reason"],
        ),
        _("The apology was issued."),
    ),
}


TITLES = {
    "receive": _("Receive the dossier"),
    "request_completion": _("Ask for completion (Form 02)"),
    "refuse_at_desk": _("Refuse to receive (Form 03)"),
    "forward": _("Forward to the next step"),
    "send_back": _("Send back to the previous step"),
    "handover": _("Hand over to another unit"),
    "request_supplement": _("Request a supplement from the applicant"),
    "supplement_received": _("The supplement has arrived"),
    "refuse": _("Refuse after appraisal"),
    "record_result": _("Record the result"),
    "return_result": _("Return the result"),
    "apologize": _("Apologise and set a new appointment (Form 04)"),
}


def _filtered(request: HttpRequest, filters: dict[str, Any]) -> Any:
    now = timezone.now()
    attention = filters.pop("attention")
    if attention == "needs_apology":
        return (
            dossier_list_needing_apology(request.user, now=now)
            .select_related("procedure", "competent_unit", "receiving_unit")
            .order_by("due_at", "pk")
        )
    if attention == "late_without_apology":
        return (
            dossier_list_late_without_apology(request.user, now=now)
            .select_related("procedure", "competent_unit", "receiving_unit")
            .order_by("due_at", "pk")
        )
    return dossier_list_for_officer(request.user, now=now, **filters)


@require_GET
@officer_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    """Visible dossiers with filters; an HTMX request gets only the rows."""
    form = DossierFilterForm(request.GET)
    page = Paginator(_filtered(request, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "now": timezone.now()}
    template = (
        "onestop/dossier/_rows.html"
        if request.headers.get("HX-Request")
        else "onestop/dossier/list.html"
    )
    return render(request, template, context)


def _routing_field(field: forms.ModelChoiceField, page: Any) -> None:
    """Units the desk may route the dossier to (the picker of the desk check). The empty
    choice (the applicant's unit, else the desk's) stays only when it designates one of them."""
    desk_unit = OrgUnit.objects.get(pk=page.desk_id)
    ruleset = ruleset_in_force(timezone.localdate())
    procedure = page.dossier.procedure
    units = competent_unit_choices(desk=desk_unit, procedure=procedure, ruleset=ruleset)
    chosen = page.dossier.competent_unit_id
    if chosen is not None and units.filter(pk=chosen).exists():
        field.queryset = units
    else:
        competent_unit_default(field, units, desk_unit)


def _auto_id(action: str) -> str:
    """Element ids unique on the page, which holds one small form per action."""
    return f"id_{action}_%s"


def _forms(page: Any, failed: str = "", form: forms.Form | None = None) -> list[tuple]:
    """(action, title, form) for each allowed action, in a fixed order; the failed one keeps
    its input and errors, the others carry the version the page shows."""
    initial = {"expected_version": page.dossier.version}
    built = []
    for name, (form_class, _run, _done) in ACTIONS.items():
        if name not in page.actions:
            continue
        bound = (
            form
            if name == failed and form is not None
            else form_class(initial=initial, auto_id=_auto_id(name))
        )
        if name == "handover" and page.instance is not None:
            bound.fields["to_unit"].queryset = handover_unit_choices(page.instance)
        if name == "receive" and page.desk_id is not None:
            _routing_field(bound.fields["competent_unit"], page)
        built.append((name, TITLES[name], bound))
    return built


def _render(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    failed: str = "",
    form: forms.Form | None = None,
    error: str = "",
) -> HttpResponse:
    page = dossier_page(request.user, pk)
    context = {
        "page": page,
        "dossier": page.dossier,
        "failed": failed,
        "error": error,
        "action_forms": _forms(page, failed, form),
        "history": page.history,
        "steps": page.steps,
        "clock": page.clock,
        "forms": forms_printable(
            page.dossier, (notice.kind for notice in page.notices), as_officer=True
        ),
        "application_signature": application_signature_check(page.files),
    }
    return render(request, "onestop/dossier/detail.html", context, status=status)


@require_GET
@officer_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, pk)


@require_POST
@officer_required
def dossier_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action; a refusal re-renders the page with the reason, never a 500."""
    if action not in ACTIONS:
        raise Http404
    dossier = dossier_get_for_officer(request.user, pk)
    form_class, run, done = ACTIONS[action]
    form = form_class(request.POST, request.FILES, auto_id=_auto_id(action))
    if not form.is_valid():
        return _render(
            request,
            pk,
            status=400,
            failed=action,
            form=form,
            error=str(_("Check the highlighted fields.")),
        )
    try:
        run(request.user, dossier, form.cleaned_data)
    except DomainError as error:
        form_add_domain_error(form, error, with_message=False)
        return _render(
            request, pk, status=error.status, failed=action, form=form, error=error.message
        )
    messages.success(request, done)
    return redirect("onestop:officer-dossier-detail", pk=pk)


@require_GET
@officer_required
def dossier_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of a visible dossier, always as an attachment with its sniffed type."""
    stored = dossier_file_get_for_officer(request.user, pk, file_id)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name or f"{stored.pk}",
        content_type=stored.content_type or "application/octet-stream",
    )
