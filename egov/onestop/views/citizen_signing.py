"""The applicant signs their application from their phone (a certification authority's
remote-signing service): the page shows the application PDF to sign and the certificate the
service holds for them, and asks for the code the phone shows. Thin: the services decide."""

from __future__ import annotations

from cryptography import x509
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.onestop.choices import DossierStatus
from egov.onestop.forms_online import ApplicationSignForm
from egov.onestop.models import Dossier
from egov.onestop.selectors.online import dossier_get_for_applicant
from egov.onestop.services.signing import application_credential_get, dossier_application_sign
from egov.onestop.views.citizen import citizen_required

UNAVAILABLE = "connector_unavailable"


def _certificate(request: HttpRequest, dossier: Dossier) -> tuple[dict[str, str] | None, str]:
    """The applicant's certificate at the service (holder, issuer, valid until) or why not."""
    try:
        credential = application_credential_get(actor=request.user, dossier=dossier)
    except DomainError as exc:
        return None, exc.message
    certificate = x509.load_der_x509_certificate(credential.certificates[0])
    return {
        "holder": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "valid_until": certificate.not_valid_after_utc.date().isoformat(),
        "credential": credential.credential_id[-8:],
    }, ""


def _page(
    request: HttpRequest,
    dossier: Dossier,
    form: ApplicationSignForm,
    *,
    status: int = 200,
    service_error: str = "",
) -> HttpResponse:
    """The signing page; the certificate is asked of the service unless it just failed."""
    certificate = None
    if not service_error:
        certificate, service_error = _certificate(request, dossier)
    context = {
        "dossier": dossier,
        "form": form,
        "certificate": certificate,
        "service_error": service_error,
    }
    return render(request, "onestop/citizen/dossier_sign.html", context, status=status)


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign the application of a draft from the phone (Ký đơn bằng chữ ký số trên điện
    thoại). A refusal keeps the draft as it was and says why; a second click signs nothing
    more."""
    dossier = dossier_get_for_applicant(request.user, pk)
    if dossier.status != DossierStatus.DRAFT or dossier.application_signed_at is not None:
        return redirect("onestop:my-dossier-detail", pk=dossier.pk)
    if request.method == "GET":
        return _page(request, dossier, ApplicationSignForm())
    form = ApplicationSignForm(request.POST)
    if not form.is_valid():
        return _page(request, dossier, form, status=400)
    try:
        dossier_application_sign(actor=request.user, dossier=dossier, otp=form.cleaned_data["otp"])
    except DomainError as exc:
        if exc.code == UNAVAILABLE:
            message = _(
                "The signing service of your certification authority cannot be used now, so "
                "nothing was signed. Your draft is kept: try again in a few minutes, or submit "
                "without signing."
            )
            return _page(request, dossier, form, status=503, service_error=message)
        form_add_domain_error(form, exc)
        return _page(request, dossier, form, status=exc.status)
    messages.success(request, _("Your application has been signed with your digital signature."))
    return redirect("onestop:my-dossier-detail", pk=dossier.pk)
