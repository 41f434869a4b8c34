"""The applicant's personal data store on the national public-service portal, from their
draft: the papers kept there, each attachable to a document of the dossier (after a national
identity login). Thin: the adapter lists, the upload service attaches."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.common.exceptions import DomainError
from egov.integration.services import personal_store_papers
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier, RequiredDocument
from egov.onestop.selectors.online import dossier_get_for_applicant
from egov.onestop.services.uploads import dossier_file_from_personal_store
from egov.onestop.views.citizen import citizen_required, session_assurance
from egov.onestop.views.citizen_actions import required_document_of


def _store_page(request: HttpRequest, dossier: Dossier, error: str = "") -> HttpResponse:
    level = session_assurance(request)
    papers, unavailable = [], ""
    if level >= 1:
        try:
            papers = personal_store_papers(
                actor=request.user, assurance_level=level, issue=dossier.procedure.code
            )
        except DomainError as exc:
            unavailable = exc.message
    documents = RequiredDocument.objects.filter(procedure_id=dossier.procedure_id).order_by(
        "order", "pk"
    )
    context = {
        "dossier": dossier,
        "papers": papers,
        "documents": list(documents),
        "needs_national_login": level < 1,
        "unavailable": unavailable,
        "error": error,
    }
    return render(request, "onestop/citizen/dossier_personal_store.html", context)


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_personal_store(request: HttpRequest, pk: int) -> HttpResponse:
    """The papers of the applicant's personal data store; POST attaches one to the draft."""
    dossier = dossier_get_for_applicant(request.user, pk)
    if dossier.status != DossierStatus.DRAFT:
        return redirect("onestop:my-dossier-detail", pk=dossier.pk)
    if request.method == "GET":
        return _store_page(request, dossier)
    document = required_document_of(dossier, request.POST.get("document"))
    try:
        dossier_file_from_personal_store(
            actor=request.user,
            dossier=dossier,
            code=request.POST.get("code", ""),
            assurance_level=session_assurance(request),
            required_document=document,
        )
    except DomainError as exc:
        return _store_page(request, dossier, error=exc.message)
    messages.success(request, _("The paper from your personal data store has been attached."))
    return redirect("onestop:my-dossier-detail", pk=dossier.pk)
