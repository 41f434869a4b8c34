"""Pages of the data-sharing registry (Decree 278/2025): the city office's consumer registry
(register, change, revoke, issue a credential) and the citizen's "who read my data" page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.integration.forms import ConsumerForm, RevokeForm
from egov.integration.models import ShareConsumer
from egov.integration.selectors import (
    my_data_lookups,
    my_data_reads,
    share_consumer_get,
    share_consumer_list,
    share_consumer_reads,
)
from egov.integration.services.consumers import (
    ConsumerData,
    may_manage_registry,
    share_consumer_register,
    share_consumer_revoke,
    share_consumer_token_issue,
    share_consumer_update,
)
from egov.integration.throttle import share_read_quota


def _registry_guard(request: HttpRequest) -> None:
    if not may_manage_registry(request.user):
        raise PermissionDenied


def _consumer(request: HttpRequest, pk: int) -> ShareConsumer:
    consumer = share_consumer_get(actor=request.user, pk=pk)
    if consumer is None:
        raise Http404
    return consumer


def _data(form: ConsumerForm, code: str = "") -> ConsumerData:
    data = form.cleaned_data
    return ConsumerData(
        code=data.get("code", code),
        name=data["name"],
        agency=data["agency"],
        purpose=data["purpose"],
        legal_basis=data["legal_basis"],
        datasets=list(data["datasets"]),
        valid_from=data["valid_from"],
        valid_until=data.get("valid_until"),
        contact=data.get("contact", ""),
        reads_per_minute=data.get("reads_per_minute"),
    )


@require_GET
@login_required
def consumer_list(request: HttpRequest) -> HttpResponse:
    """The registry: each consumer system, what it may read, until when, and its reads."""
    _registry_guard(request)
    consumers = share_consumer_list(actor=request.user)
    today = timezone.localdate()
    rows = [(c, c.is_in_force_on(today)) for c in consumers]
    return render(request, "integration/consumer_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
def consumer_create(request: HttpRequest) -> HttpResponse:
    _registry_guard(request)
    form = ConsumerForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            consumer = share_consumer_register(actor=request.user, data=_data(form))
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return redirect("integration:consumer-detail", pk=consumer.pk)
    return render(request, "integration/consumer_form.html", {"form": form, "consumer": None})


@require_http_methods(["GET", "POST"])
@login_required
def consumer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the consumer, its credentials and its latest reads, and the form to change it.
    POST: change it."""
    _registry_guard(request)
    consumer = _consumer(request, pk)
    form = ConsumerForm(request.POST or None, initial=_initial(consumer), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            share_consumer_update(
                actor=request.user, consumer=consumer, data=_data(form, consumer.code)
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return redirect("integration:consumer-detail", pk=consumer.pk)
    return _detail(request, consumer, form=form)


EDITABLE = ("name", "agency", "purpose", "legal_basis", "datasets", "valid_from", "valid_until")


def _initial(consumer: ShareConsumer) -> dict[str, Any]:
    return {name: getattr(consumer, name) for name in (*EDITABLE, "contact", "reads_per_minute")}


def _detail(request: HttpRequest, consumer: ShareConsumer, **extra: Any) -> HttpResponse:
    """The consumer's page; ``extra`` brings a bound form with its errors, a new secret or a
    problem to show."""
    context = {
        "consumer": consumer,
        "in_force": consumer.is_in_force_on(timezone.localdate()),
        "quota": share_read_quota(consumer),
        "tokens": consumer.account.api_tokens.order_by("-created_at"),
        "reads": share_consumer_reads(actor=request.user, consumer=consumer),
        "form": ConsumerForm(initial=_initial(consumer), editing=True),
        "revoke_form": RevokeForm(),
        **extra,
    }
    bound = [context["form"], context["revoke_form"]]
    status = 400 if extra.get("problem") or any(f.is_bound and f.errors for f in bound) else 200
    return render(request, "integration/consumer_detail.html", context, status=status)


@require_POST
@login_required
def consumer_token(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a new API token for the consumer: its secret is shown on this answer only."""
    _registry_guard(request)
    consumer = _consumer(request, pk)
    try:
        issued = share_consumer_token_issue(actor=request.user, consumer=consumer)
    except DomainError as exc:
        return _detail(request, consumer, problem=exc.message)
    return _detail(request, consumer, secret=issued.secret)


@require_POST
@login_required
def consumer_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _registry_guard(request)
    consumer = _consumer(request, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            share_consumer_revoke(
                actor=request.user, consumer=consumer, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return redirect("integration:consumer-detail", pk=consumer.pk)
    return _detail(request, consumer, revoke_form=form)


@require_GET
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The data owner's page: every read of their data through the sharing API (which
    system, of which agency, for which purpose, when), and every look-up of their record in the
    national population database (by them to fill a form, or by a desk)."""
    context = {
        "reads": my_data_reads(owner=request.user),
        "lookups": my_data_lookups(owner=request.user),
    }
    return render(request, "integration/my_data.html", context)
