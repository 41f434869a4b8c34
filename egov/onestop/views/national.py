"""The officer's page of the dossiers from the national public-service portal: the national
procedure codes waiting for a mapping (mapping one registers its waiting dossiers), the latest
dossiers pulled, and "pull now" (a job of ``egov.jobs``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.onestop.forms import NationalMappingForm
from egov.onestop.selectors.national import national_intake_overview
from egov.onestop.services.national_intake import (
    may_map_national_procedures,
    national_procedure_map,
    national_pull_start,
)


@require_http_methods(["GET", "POST"])
@login_required
def national_intake(request: HttpRequest) -> HttpResponse:
    """GET: the unmapped national codes, the mappings, the latest pulled dossiers.
    POST: map a national code to a procedure of the city."""
    if not may_map_national_procedures(request.user):
        raise PermissionDenied
    form = NationalMappingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _mapping, registered = national_procedure_map(
                    actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Mapped; %(count)s waiting dossiers registered.") % {"count": registered},
                )
                return redirect("onestop:national-intake")
        status = 400
    overview = national_intake_overview(actor=request.user)
    return render(
        request,
        "onestop/national_intake.html",
        {"form": form, "overview": overview},
        status=status,
    )


@require_POST
@login_required
def national_pull(request: HttpRequest) -> HttpResponse:
    """Pull now: the job's page answers at once."""
    if not may_map_national_procedures(request.user):
        raise PermissionDenied
    job = national_pull_start(actor=request.user)
    return redirect("jobs:job-detail", pk=job.pk)
