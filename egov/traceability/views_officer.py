"""Oversight pages for the agriculture and food-safety officers of an area: the producers in
reach, approvals, certificate expiries, recalls and violations; a producer's page with its
products and batches; a batch with its chain check, inspection and recall."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.orgs.decorators import officer_required
from egov.traceability import services, services_events
from egov.traceability.choices import BizStep
from egov.traceability.forms import InspectForm, ProductRecallForm, ReasonForm, ViolationForm
from egov.traceability.models import Batch, Product
from egov.traceability.selectors import (
    batch_get_for_officer,
    batch_link,
    batch_timeline,
    chain_verify,
    oversight_for_user,
    producer_get_for_user,
    product_get_for_user,
)


@require_GET
@officer_required
def oversight(request: HttpRequest) -> HttpResponse:
    return render(
        request, "traceability/oversight.html", {"view": oversight_for_user(request.user)}
    )


@require_GET
@officer_required
def producer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    producer = producer_get_for_user(request.user, pk)
    return render(
        request,
        "traceability/officer_producer.html",
        {
            "producer": producer,
            # each approved product's recall form with ids of its own (one page, many forms)
            "products": [
                (p, ProductRecallForm(auto_id=f"id_recall{p.pk}_%s"))
                for p in producer.products.all()
            ],
            "certificates": producer.certificates.select_related("product"),
            "batches": Batch.objects.filter(product__producer=producer)
            .select_related("product")
            .order_by("-created_at")[:100],
            "violations": producer.violations.order_by("-found_on"),
            "violation_form": ViolationForm(),
        },
    )


def _refused(request: HttpRequest, error: DomainError, back: str, **kwargs: object) -> HttpResponse:
    if error.status == 403:
        raise PermissionDenied from error
    problems = "; ".join(str(m) for m in error.fields.values()) or error.message
    messages.error(request, problems)
    return redirect(back, **kwargs)


@require_POST
@officer_required
def producer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    producer = producer_get_for_user(request.user, pk)
    back = "traceability:officer-producer"
    try:
        if action in ("approve", "refuse"):
            reason = ReasonForm(request.POST)
            reason.is_valid()
            services.producer_decide(
                actor=request.user,
                producer=producer,
                approve=action == "approve",
                reason=reason.cleaned_data.get("reason", ""),
            )
        elif action == "violation":
            form = ViolationForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Check the violation's date and description."))
                return redirect(back, pk=pk)
            services.violation_record(actor=request.user, producer=producer, **form.cleaned_data)
        else:
            raise Http404
    except DomainError as error:
        return _refused(request, error, back, pk=pk)
    messages.success(request, _("Saved."))
    return redirect(back, pk=pk)


@require_POST
@officer_required
def product_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    product = product_get_for_user(request.user, pk)
    if action == "recall":
        return _product_recall(request, product)
    if action not in ("approve", "refuse"):
        raise Http404
    reason = ReasonForm(request.POST)
    reason.is_valid()
    try:
        services.product_decide(
            actor=request.user,
            product=product,
            approve=action == "approve",
            reason=reason.cleaned_data.get("reason", ""),
        )
    except DomainError as error:
        return _refused(request, error, "traceability:officer-producer", pk=product.producer_id)
    messages.success(request, _("Saved."))
    return redirect("traceability:officer-producer", pk=product.producer_id)


def _product_recall(request: HttpRequest, product: Product) -> HttpResponse:
    back = "traceability:officer-producer"
    form = ProductRecallForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the recall."))
        return redirect(back, pk=product.producer_id)
    try:
        recalled = services.product_recall(actor=request.user, product=product, **form.cleaned_data)
    except DomainError as error:
        return _refused(request, error, back, pk=product.producer_id)
    messages.success(
        request,
        ngettext("%(count)s lot recalled.", "%(count)s lots recalled.", len(recalled))
        % {"count": len(recalled)},
    )
    return redirect(back, pk=product.producer_id)


@require_GET
@officer_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get_for_officer(request.user, pk)
    events = batch_timeline(batch)
    return render(
        request,
        "traceability/officer_batch.html",
        {
            "batch": batch,
            "events": events,
            "chain": chain_verify(batch, events),
            "link": batch_link(batch),
            "inspect_form": InspectForm(),
        },
    )


@require_POST
@officer_required
def batch_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    batch = batch_get_for_officer(request.user, pk)
    back = "traceability:officer-batch"
    try:
        if action == "recall":
            form = ReasonForm(request.POST)
            form.is_valid()
            services.batch_recall(
                actor=request.user, batch=batch, reason=form.cleaned_data.get("reason", "")
            )
        elif action == "inspect":
            form = InspectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the inspection result and the inspecting body."))
                return redirect(back, pk=pk)
            services_events.batch_event_record(
                actor=request.user, batch=batch, biz_step=BizStep.INSPECTING, **form.cleaned_data
            )
        else:
            raise Http404
    except DomainError as error:
        return _refused(request, error, back, pk=pk)
    messages.success(request, _("Saved."))
    return redirect(back, pk=pk)
