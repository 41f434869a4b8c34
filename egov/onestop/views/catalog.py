"""Public catalog pages (no login): the procedure list with search and filters (HTMX) and a
procedure's page with everything a citizen needs before filing a dossier."""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.common.replica import replica_reads
from egov.onestop.choices import Channel, OnlineLevel
from egov.onestop.forms import ProcedureFilterForm
from egov.onestop.models import Procedure
from egov.onestop.selectors import (
    competent_unit_for,
    document_template_get_public,
    procedure_get_public,
    procedure_list_public,
    procedure_versions_public,
)
from egov.onestop.selectors.online_offer import (
    online_level_offered,
    online_levels_offered,
    published_definition_codes,
)

PAGE_SIZE = 20
UNSURE = {"low", "none"}
# Components of the ``confidence`` map a citizen is told about when they are not confirmed.
COMPONENT_LABELS = {
    "code": _("code"),
    "processing_time": _("time limit"),
    "documents": _("documents"),
    "online_level": _("online service"),
    "applicants": _("who may apply"),
    "effective_period": _("validity dates"),
}


@require_GET
@replica_reads
def procedure_list(request: HttpRequest) -> HttpResponse:
    """The current version of each procedure; an HTMX request gets only the rows back."""
    form = ProcedureFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(procedure_list_public(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    levels = online_levels_offered(page.object_list)
    for procedure in page.object_list:
        procedure.online_offered_label = OnlineLevel(levels[procedure.pk]).label
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    template = (
        "onestop/_procedure_rows.html"
        if request.headers.get("HX-Request")
        else "onestop/procedure_list.html"
    )
    return render(request, template, context)


def _version(request: HttpRequest) -> int | None:
    value = request.GET.get("version", "")
    return int(value) if value.isdigit() and len(value) < 6 else None


def _low_confidence(procedure: Procedure) -> list[str]:
    confidence = procedure.confidence
    return [str(label) for key, label in COMPONENT_LABELS.items() if confidence.get(key) in UNSURE]


@require_GET
@replica_reads
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The version in force (or the one asked for with ``?version=``), with its fees,
    documents, time limit, result and legal basis."""
    procedure = procedure_get_public(code, version=_version(request))
    today = timezone.localdate()
    offered = online_level_offered(procedure, published_definition_codes(today), today)
    return render(
        request,
        "onestop/procedure_detail.html",
        {
            "procedure": procedure,
            "competent_unit": competent_unit_for(procedure),
            "versions": procedure_versions_public(code),
            "is_in_force": procedure.is_in_force_on(today),
            "is_offered_online": offered != OnlineLevel.NONE,
            "online_offered_label": OnlineLevel(offered).label,
            "today": today,
            "fees": list(procedure.fees.all()),
            "documents": list(procedure.documents.all()),
            "channel_labels": [Channel(c).label for c in procedure.channels],
            # The editors' notes on the catalog (confidence, sources, remarks on the published
            # pages) are for administrators; the public sees the official fields.
            "show_internal": request.user.is_staff,
            "low_confidence": _low_confidence(procedure) if request.user.is_staff else [],
        },
    )


@require_GET
def document_template(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    """Download a document's template form, always as an attachment."""
    document = document_template_get_public(code, document_id)
    name = PurePosixPath(document.template_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        document.template_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
