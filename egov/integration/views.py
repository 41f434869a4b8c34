"""Pages of the integration layer: the desk's look-up that fills an applicant's fields from
the national databases, the operator's connector page, and the payment gateway's callbacks."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.common.exceptions import DomainError
from egov.common.exceptions import PermissionDenied as DomainPermissionDenied
from egov.common.forms import form_add_domain_error
from egov.integration.choices import Purpose
from egov.integration.forms import LookupForm
from egov.integration.rules import ASSURANCE_SESSION_KEY
from egov.integration.selectors import (
    connector_call_list,
    connector_health_list,
    share_read_list,
    status_push_pending_count,
)
from egov.integration.services import business_lookup, citizen_lookup, payment_callback
from egov.integration.services.vneid import (
    vneid_account,
    vneid_is_available,
    vneid_login_finish,
    vneid_login_start,
)
from egov.orgs.access import reach_of
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

UNAVAILABLE = "connector_unavailable"


def _units(request: HttpRequest) -> Any:
    return OrgUnit.objects.active().filter(reach_of(request.user).q("self"))


def _lookup(form: LookupForm, actor: Any) -> tuple[str, Any]:
    data = form.cleaned_data
    common = {
        "actor": actor,
        "purpose": data["purpose"],
        "unit": data["unit"],
        "issue": data["issue"],
        "autofill": data["purpose"] == Purpose.FORM_FILL,
    }
    if data["kind"] == "citizen":
        return "citizen", citizen_lookup(citizen_id=data["identifier"], **common)
    return "business", business_lookup(tax_code=data["identifier"], **common)


@require_http_methods(["GET", "POST"])
@officer_required
def lookup(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: look up; the applicant's fields come back filled and marked as
    coming from the national database, or a message saying to fill them by hand."""
    units = _units(request)
    form = LookupForm(request.POST or None, units=units, initial={"unit": units.first()})
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            context["kind"], context["record"] = _lookup(form, request.user)
        except DomainError as exc:
            form_add_domain_error(form, exc)
            context["unavailable"] = exc.code == "connector_unavailable"
    partial = request.headers.get("HX-Request")
    template = "integration/_lookup_result.html" if partial else "integration/lookup.html"
    return render(request, template, context)


@require_GET
def connectors(request: HttpRequest) -> HttpResponse:
    """The operator's page: each connector's health, error rate and last success, the recent
    calls (who, what, for which purpose), pending status pushes, data-sharing reads."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        health = connector_health_list(actor=request.user)
    except DomainPermissionDenied as refused:
        raise PermissionDenied from refused
    context = {
        "health": health,
        "calls": connector_call_list(actor=request.user),
        "pending": status_push_pending_count(actor=request.user),
        "reads": share_read_list(actor=request.user),
    }
    return render(request, "integration/connectors.html", context)


def _callback(request: HttpRequest) -> tuple[Any, str]:
    try:
        return payment_callback(params=request.GET.dict()), ""
    except DomainError as exc:
        return None, exc.message


@require_GET
def payment_return(request: HttpRequest) -> HttpResponse:
    """Where the gateway sends the payer back: the verified result."""
    order, problem = _callback(request)
    status = 400 if problem else 200
    return render(
        request,
        "integration/payment_return.html",
        {"order": order, "problem": problem},
        status=status,
    )


@require_GET
def payment_ipn(request: HttpRequest) -> HttpResponse:
    """The gateway's server-to-server notice (IPN): answered in the gateway's codes."""
    order, problem = _callback(request)
    if problem:
        return JsonResponse({"RspCode": "97", "Message": problem}, status=400)
    return JsonResponse({"RspCode": "00", "Message": "Confirm Success", "state": order.state})


VNEID_SESSION = "integration_vneid"
ASSURANCE_SESSION = ASSURANCE_SESSION_KEY


def _vneid_error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "integration/vneid_error.html", {"problem": message}, status=status)


@require_GET
def vneid_login(request: HttpRequest) -> HttpResponse:
    """Start the national identity login: to the provider's page, with a fresh state and
    nonce kept in this session."""
    if not vneid_is_available():  # no provider here: like a page that does not exist
        message = _("Login with the national identity is not available.")
        return _vneid_error(request, message, 404)
    redirect_uri = request.build_absolute_uri(reverse("integration:vneid-callback"))
    try:
        url, kept = vneid_login_start(redirect_uri=redirect_uri)
    except DomainError as exc:
        return _vneid_error(request, exc.message, 503)
    request.session[VNEID_SESSION] = {**kept, "next": request.GET.get("next", "")}
    return HttpResponseRedirect(url)


@require_GET
def vneid_callback(request: HttpRequest) -> HttpResponse:
    """The provider's answer: state, code, the verified ID token; the citizen is logged in
    (found by the national ID number, or registered) with the level of assurance kept on the
    session. A state or ID token that does not check out logs nobody in."""
    kept = request.session.pop(VNEID_SESSION, None) or {}
    redirect_uri = request.build_absolute_uri(reverse("integration:vneid-callback"))
    try:
        identity = vneid_login_finish(
            params=request.GET.dict(), kept=kept, redirect_uri=redirect_uri
        )
        user, _created = vneid_account(identity=identity)
    except DomainError as exc:
        return _vneid_error(request, exc.message, 503 if exc.code == UNAVAILABLE else 400)
    login(request, user, backend="egov.accounts.backends.IdentifierBackend")
    request.session[ASSURANCE_SESSION] = identity.level
    nxt = kept.get("next", "")
    if not url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        nxt = "/"
    return redirect(nxt or "/")
