"""The official forms of a dossier, as PDF and as a printable page (Mẫu 01–05).

Officers reach a dossier through :func:`dossier_get_for_officer`; the applicant may download
their receipt and notices (not the internal control sheet). A form whose notice was never
issued is a 404, like a dossier out of reach.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from egov.common.pdf import PdfUnavailable
from egov.onestop.models import Dossier, DossierNotice
from egov.onestop.printing.context import FORMS, FormSpec, form_notice
from egov.onestop.printing.render import form_html, form_pdf
from egov.onestop.selectors.dossier_access import dossier_get_for_printing

# The kinds in the URLs (``/dossiers/<id>/forms/<kind>.pdf``).
KIND_PATTERN = "|".join(FORMS)


def _dossier_for(request: HttpRequest, pk: int, spec: FormSpec) -> Dossier:
    dossier, as_officer = dossier_get_for_printing(request.user, pk)
    if not (as_officer or spec.for_applicant):
        raise Http404
    return dossier


def _form_source(request: HttpRequest, pk: int, kind: str) -> tuple[Dossier, DossierNotice | None]:
    spec = FORMS[kind]
    dossier = _dossier_for(request, int(pk), spec)
    if not spec.notice_kinds:
        return dossier, None
    notice = form_notice(dossier, spec)
    if notice is None:
        raise Http404
    return dossier, notice


def _filename(dossier: Dossier, kind: str, extension: str) -> str:
    return f"mau-{FORMS[kind].number}-{dossier.code or dossier.pk}.{extension}"


@require_GET
@login_required
def dossier_form(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The form as an A5 PDF, shown inline; without PDF support, a page saying so (503)."""
    dossier, notice = _form_source(request, pk, kind)
    try:
        pdf = form_pdf(dossier, kind, notice)
    except PdfUnavailable as error:
        context = {"message": error.message, "dossier": dossier, "kind": kind}
        return render(request, "onestop/forms/unavailable.html", context, status=error.status)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, _filename(dossier, kind, "pdf")
    )
    return response


@require_GET
@login_required
def dossier_form_preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The same form as a printable HTML page (print from the browser)."""
    dossier, notice = _form_source(request, pk, kind)
    return HttpResponse(form_html(dossier, kind, notice))
