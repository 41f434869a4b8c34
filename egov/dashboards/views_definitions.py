"""The city office's indicator definitions and targets: download them as a workbook, upload
it back, see what it would change (every problem named by sheet and line), apply it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.tables import table_response
from egov.dashboards.choices import ImportStatus
from egov.dashboards.definitions_io import INDICATORS, definitions_xlsx
from egov.dashboards.forms import DefinitionsUploadForm
from egov.dashboards.models import DefinitionImport
from egov.dashboards.selectors import indicator_set_in_force, may_import_definitions
from egov.dashboards.services_definitions import (
    definitions_apply,
    definitions_preview,
    definitions_upload,
)
from egov.orgs.decorators import officer_required

RECENT_IMPORTS = 10


def _require_city_office(request: HttpRequest) -> None:
    if not may_import_definitions(request.user):
        raise PermissionDenied


@officer_required
def definitions(request: HttpRequest) -> HttpResponse:
    """The page to download the definitions and upload the edited workbook (the city office)."""
    _require_city_office(request)
    form = DefinitionsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = definitions_upload(
                actor=request.user, content=upload.read(), filename=upload.name or ""
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return redirect("dashboards:definition-import", pk=staged.pk)
    recent = DefinitionImport.objects.select_related("uploaded_by")[:RECENT_IMPORTS]
    return render(
        request,
        "dashboards/definitions.html",
        {
            "form": form,
            "recent": recent,
            "indicator_set": indicator_set_in_force(timezone.localdate()),
        },
        status=422 if form.errors else 200,
    )


@require_GET
@officer_required
def definitions_xlsx_view(request: HttpRequest) -> HttpResponse:
    """The definitions and targets of the indicator set in force, as a workbook."""
    _require_city_office(request)
    today = timezone.localdate()
    content = definitions_xlsx(indicator_set_in_force(today))
    return table_response(content, filename=f"chi-so-chi-tieu-{today:%Y%m%d}.xlsx")


def _staged(request: HttpRequest, pk: int) -> DefinitionImport:
    _require_city_office(request)
    staged = DefinitionImport.objects.select_related("indicator_set", "uploaded_by")
    found = staged.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@require_GET
@officer_required
def definition_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of an upload: its problems, or what applying it changes row by row."""
    staged = _staged(request, pk)
    planned = definitions_preview(staged)
    return render(
        request,
        "dashboards/definition_import.html",
        {
            "staged": staged,
            "planned": planned,
            "changes": [p for p in planned if p.status != "unchanged"],
            "unchanged": sum(1 for p in planned if p.status == "unchanged"),
            "may_apply": staged.status == ImportStatus.PREVIEWED and not staged.errors,
            "indicators_sheet": INDICATORS,
        },
    )


@require_POST
@officer_required
def definition_import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a previewed upload (one transaction)."""
    staged = _staged(request, pk)
    try:
        staged = definitions_apply(actor=request.user, staged_id=staged.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Applied: %(new)s new rows, %(changed)s changed, %(unchanged)s unchanged.")
            % staged.outcome,
        )
    return redirect("dashboards:definition-import", pk=staged.pk)
