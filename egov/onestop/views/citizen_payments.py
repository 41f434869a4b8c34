"""Paying a dossier's fees online: the applicant is sent to the national payment platform,
comes back with its signed answer and sees the receipt, or why the payment failed; a payment
whose answer never came back is checked with the platform. Thin: the services decide."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.money import vnd_in_words
from egov.onestop.models import Dossier
from egov.onestop.selectors.online import dossier_get_for_applicant
from egov.onestop.services.payments_online import (
    OnlinePaymentResult,
    dossier_payment_online_check,
    dossier_payment_online_return,
    dossier_payment_online_start,
)
from egov.onestop.views.citizen import citizen_required
from egov.onestop.views.citizen_actions import pay_page

UNAVAILABLE = "connector_unavailable"


@require_POST
@citizen_required
def my_dossier_pay_online(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a payment order and send the applicant to the payment platform's page."""
    dossier = dossier_get_for_applicant(request.user, pk)
    return_url = request.build_absolute_uri(
        reverse("onestop:my-dossier-pay-return", args=[dossier.pk])
    )
    try:
        url = dossier_payment_online_start(
            actor=request.user, dossier=dossier, return_url=return_url
        )
    except DomainError as exc:
        status = 503 if exc.code == UNAVAILABLE else 409
        return pay_page(request, dossier, online_error=exc.message, status=status)
    return HttpResponseRedirect(url)


@require_GET
@citizen_required
def my_dossier_pay_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the platform sends the applicant back: the verified result and the receipt."""
    dossier = dossier_get_for_applicant(request.user, pk)
    try:
        result = dossier_payment_online_return(
            actor=request.user, dossier=dossier, params=request.GET.dict()
        )
    except DomainError as exc:
        return pay_page(request, dossier, online_error=exc.message, status=400)
    return _result_page(request, dossier, result)


@require_POST
@citizen_required
def my_dossier_pay_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the platform how an open payment ended."""
    dossier = dossier_get_for_applicant(request.user, pk)
    try:
        result = dossier_payment_online_check(
            actor=request.user, dossier=dossier, order_ref=request.POST.get("order", "")
        )
    except DomainError as exc:
        status = 503 if exc.code == UNAVAILABLE else 400
        message = exc.message
        if exc.code == UNAVAILABLE:
            message = _(
                "The payment platform cannot be reached now, so the payment could not be "
                "checked. Nothing is charged twice: check again in a few minutes."
            )
        return pay_page(request, dossier, online_error=message, status=status)
    return _result_page(request, dossier, result)


def _result_page(
    request: HttpRequest, dossier: Dossier, result: OnlinePaymentResult
) -> HttpResponse:
    words = vnd_in_words(result.order.amount) if result.is_paid else ""
    return pay_page(
        request,
        dossier,
        template="onestop/citizen/dossier_pay_result.html",
        result=result,
        words=words,
    )
