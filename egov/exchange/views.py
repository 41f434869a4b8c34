"""Officer pages of the exchange: the packages of the officer's units and a retry button."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.exchange.choices import OutboundState
from egov.exchange.selectors import (
    inbound_message_list_for_user,
    outbound_message_get_for_user,
    outbound_message_list_for_user,
)
from egov.exchange.services import outbound_message_retry
from egov.orgs.decorators import officer_required

PAGE_SIZE = 100
RETRYABLE = (OutboundState.FAILED, OutboundState.GIVEN_UP)


class RetryForm(forms.Form):
    message = forms.IntegerField(label=gettext_lazy("Message"), min_value=1)


def _page(
    request: HttpRequest,
    *,
    status: int = 200,
    form: RetryForm | None = None,
) -> HttpResponse:
    context = {
        "outbound": outbound_message_list_for_user(request.user)[:PAGE_SIZE],
        "inbound": inbound_message_list_for_user(request.user)[:PAGE_SIZE],
        "retryable": RETRYABLE,
        "form": form or RetryForm(),
    }
    return render(request, "exchange/message_list.html", context, status=status)


@require_GET
@officer_required
def message_list(request: HttpRequest) -> HttpResponse:
    """Sent and received packages of the officer's units, newest first, with their state."""
    return _page(request)


@require_POST
@officer_required
def message_retry(request: HttpRequest) -> HttpResponse:
    """Send a failed or given-up package again (clerk, head of the unit, administrator)."""
    form = RetryForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, form=form)
    message = outbound_message_get_for_user(request.user, form.cleaned_data["message"])
    try:
        outbound_message_retry(actor=request.user, message=message)
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _page(request, status=exc.status, form=form)
    messages.success(request, _("The message is being sent again."))
    return redirect("exchange:message-list")
