"""The one-stop desk's pages: its day (received today, online dossiers waiting for the
check) and receiving a dossier (procedure picker, applicant find-or-enter, checklist of the
required documents, application form, decision)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.accounts.models import User
from egov.common.exceptions import ConcurrentChange, DomainError
from egov.common.forms import form_add_domain_error
from egov.onestop.choices import DossierStatus
from egov.onestop.forms_desk import ApplicantFindForm, DeskReceiveForm, ProcedureSearchForm
from egov.onestop.models import Dossier, Procedure
from egov.onestop.selectors.catalog import procedure_in_force
from egov.onestop.selectors.desk import competent_unit_choices, procedure_list_for_desk
from egov.onestop.selectors.dossiers_officer import desk_home as desk_home_get
from egov.onestop.selectors.dossiers_officer import desks_of
from egov.onestop.selectors.rules import ruleset_in_force
from egov.onestop.services.desk import (
    applicant_find,
    dossier_receive,
    dossier_refuse_at_desk,
    dossier_register_at_desk,
    dossier_request_completion_at_desk,
)
from egov.onestop.services.dossier_state import WrongDossierState
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit


def _desk(request: HttpRequest) -> tuple[OrgUnit, list[OrgUnit]]:
    """The desk the officer works at now (``?desk=`` among theirs); 403 for non-desk staff."""
    desks = desks_of(request.user)
    if not desks:
        raise PermissionDenied
    wanted = request.POST.get("desk") or request.GET.get("desk") or ""
    chosen = next((d for d in desks if str(d.pk) == wanted), desks[0])
    return chosen, desks


@require_GET
@officer_required
def desk_home(request: HttpRequest) -> HttpResponse:
    """Dossiers received today at the officer's desks and online dossiers waiting for them."""
    home = desk_home_get(request.user)
    if not home.desks:
        raise PermissionDenied
    return render(request, "onestop/desk/home.html", {"home": home})


def _applicant_initial(request: HttpRequest) -> tuple[ApplicantFindForm, list[User], dict]:
    """The find form, its matches (exact, audited) and the fields of the one picked."""
    finder = ApplicantFindForm(request.GET)
    query = finder.cleaned_data.get("find", "") if finder.is_valid() else ""
    matches = applicant_find(actor=request.user, query=query) if query else []
    pick = request.GET.get("pick", "")
    chosen = next((u for u in matches if str(u.pk) == pick), None)
    if chosen is None and len(matches) == 1:
        chosen = matches[0]
    if chosen is None:
        return finder, matches, {}
    initial = {
        "applicant_account": chosen.pk,
        "applicant_kind": "organisation" if chosen.kind == "business" else "person",
        "applicant_name": chosen.full_name,
        "applicant_id_number": chosen.citizen_id or chosen.tax_code or "",
        "applicant_phone": chosen.phone or "",
        "applicant_email": chosen.email or "",
    }
    return finder, matches, initial


def _context(request: HttpRequest, desk: OrgUnit, desks: list[OrgUnit], **extra: Any) -> dict:
    search = ProcedureSearchForm(request.GET)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    today = timezone.localdate()
    return {
        "desk": desk,
        "desks": desks,
        "search": search,
        "procedures": procedure_list_for_desk(query=query, on=today) if query else [],
        **extra,
    }


def _receive_form(desk: OrgUnit, procedure: Procedure, **kwargs: Any) -> DeskReceiveForm:
    ruleset = ruleset_in_force(timezone.localdate())
    units = competent_unit_choices(desk=desk, procedure=procedure, ruleset=ruleset)
    return DeskReceiveForm(procedure=procedure, units=units, desk=desk, **kwargs)


@require_http_methods(["GET", "POST"])
@officer_required
def desk_receive(request: HttpRequest) -> HttpResponse:
    """GET: pick a procedure (``?q=``; HTMX gets the matches only), find the applicant
    (``?find=``), then the form for ``?procedure=<code>``. POST: register and decide."""
    desk, desks = _desk(request)
    if request.method == "POST":
        return _receive_post(request, desk, desks)
    if request.headers.get("HX-Request"):
        return render(
            request, "onestop/desk/_procedure_choices.html", _context(request, desk, desks)
        )
    code = request.GET.get("procedure", "")[:20]
    procedure = procedure_in_force(code, timezone.localdate()) if code else None
    context = _context(request, desk, desks, procedure=procedure)
    if procedure is not None:
        finder, matches, initial = _applicant_initial(request)
        initial.update(
            procedure=procedure.code, idempotency_key=uuid.uuid4().hex, outcome="receive"
        )
        context.update(
            finder=finder, matches=matches, form=_receive_form(desk, procedure, initial=initial)
        )
    elif code:
        context["not_in_force"] = code
    return render(request, "onestop/desk/receive.html", context)


def _decide(request: HttpRequest, form: DeskReceiveForm, dossier: Dossier) -> Dossier:
    data = form.cleaned_data
    common = {"actor": request.user, "dossier": dossier, "expected_version": dossier.version}
    if data["outcome"] == "request_completion":
        return dossier_request_completion_at_desk(reason=data["reason"], **common)
    if data["outcome"] == "refuse":
        return dossier_refuse_at_desk(reason=data["reason"], **common)
    return dossier_receive(competent_unit=data.get("competent_unit"), **common)


def _register(request: HttpRequest, form: DeskReceiveForm, desk: OrgUnit) -> Dossier:
    data = form.cleaned_data
    account = None
    if data.get("applicant_account"):
        account = User.objects.filter(pk=data["applicant_account"]).first()
    return dossier_register_at_desk(
        actor=request.user,
        desk_unit=desk,
        procedure=form.procedure,
        applicant=account,
        applicant_kind=data["applicant_kind"],
        applicant_name=data["applicant_name"],
        applicant_id_number=data["applicant_id_number"],
        applicant_phone=data.get("applicant_phone", ""),
        applicant_email=data.get("applicant_email", ""),
        applicant_address=data.get("applicant_address", ""),
        copies_count=data["copies_count"],
        checked_document_ids=data.get("documents") or [],
        form_data=form.form_data(),
        idempotency_key=data["idempotency_key"],
    )


def _receive_post(request: HttpRequest, desk: OrgUnit, desks: list[OrgUnit]) -> HttpResponse:
    code = request.POST.get("procedure", "")[:20]
    procedure = procedure_in_force(code, timezone.localdate()) if code else None
    if procedure is None:
        context = _context(request, desk, desks, not_in_force=code or "—")
        return render(request, "onestop/desk/receive.html", context, status=400)
    form = _receive_form(desk, procedure, data=request.POST)
    context = _context(request, desk, desks, procedure=procedure, form=form)
    if not form.is_valid():
        return render(request, "onestop/desk/receive.html", context, status=400)
    try:
        dossier = _register(request, form, desk)
    except DomainError as error:
        return _form_error(request, form, context, error)
    try:
        if dossier.status == DossierStatus.DRAFT:
            dossier = _decide(request, form, dossier)
    except (ConcurrentChange, WrongDossierState):
        # The same submission again (a double click): the first one did the work.
        messages.info(request, _("This dossier was already handled."))
        return redirect("onestop:officer-dossier-detail", pk=dossier.pk)
    except DomainError as error:
        return _form_error(request, form, context, error)
    messages.success(
        request, _("Dossier saved: %(status)s.") % {"status": dossier.get_status_display()}
    )
    return redirect("onestop:officer-dossier-detail", pk=dossier.pk)


def _form_error(
    request: HttpRequest, form: DeskReceiveForm, context: dict, error: DomainError
) -> HttpResponse:
    form_add_domain_error(form, error)
    return render(request, "onestop/desk/receive.html", context, status=error.status)
