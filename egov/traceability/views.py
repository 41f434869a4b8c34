"""Producer pages (business accounts, phone-first): registration, facilities, certificates,
products, batches with their events in a few taps, processing, the xlsx upload, the QR and the
label sheet. A refusal re-renders the form with the reason (4xx), never a 500."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.pdf import PdfUnavailable, html_to_pdf
from egov.common.qr import qr_data_uri, qr_file
from egov.traceability import services, services_events, services_shipping
from egov.traceability.choices import BizStep
from egov.traceability.forms import (
    BatchForm,
    CertificateForm,
    EventForm,
    FacilityForm,
    ProducerForm,
    ProductForm,
    ReceiveForm,
    ShipForm,
    TransformForm,
    UploadForm,
)
from egov.traceability.models import Batch, Producer
from egov.traceability.selectors import (
    batch_get_for_producer,
    batch_get_incoming,
    batch_link,
    batch_timeline,
    batches_incoming_for_producer,
    chain_verify,
    producer_for_account,
)

View = Callable[..., HttpResponse]
QUICK_STEPS = [
    BizStep.COMMISSIONING,
    BizStep.PACKING,
    BizStep.SHIPPING,
    BizStep.RECEIVING,
    BizStep.RETAIL_SELLING,
]


def business_required(view: View) -> View:
    """Anonymous visitors log in; anyone but a business account gets 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.kind != "business":
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _producer(request: HttpRequest) -> Producer:
    producer = producer_for_account(request.user)
    if producer is None:
        raise PermissionDenied
    return producer


def _try(form: Any, call: Callable[[], Any]) -> Any:
    """Run a service; its refusal goes onto the form (403 stays a 403)."""
    try:
        return call()
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied from error
        form_add_domain_error(form, error)
        return None


@require_http_methods(["GET", "POST"])
@business_required
def producer_home(request: HttpRequest) -> HttpResponse:
    producer = producer_for_account(request.user)
    if producer is None:
        form = ProducerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            done = _try(
                form, lambda: services.producer_register(actor=request.user, **form.cleaned_data)
            )
            if done:
                messages.success(
                    request, _("Registered. The agriculture officer of your area will approve it.")
                )
                return redirect("traceability:producer-home")
        status = 400 if form.errors else 200
        return render(request, "traceability/producer_register.html", {"form": form}, status=status)
    if request.method == "POST":
        return HttpResponse(status=405)
    batches = Batch.objects.filter(product__producer=producer).select_related("product")
    return render(
        request,
        "traceability/producer_home.html",
        {
            "producer": producer,
            "facilities": producer.facilities.all(),
            "products": producer.products.all(),
            "certificates": producer.certificates.select_related("product"),
            "batches": batches.order_by("-created_at")[:50],
            "incoming": batches_incoming_for_producer(producer)[:50],
        },
    )


FORMS: dict[str, tuple[type, Callable[..., Any], str]] = {
    "facility": (FacilityForm, services.facility_add, _("Add a facility")),
    "product": (ProductForm, services.product_add, _("Add a product")),
    "certificate": (CertificateForm, services.certificate_add, _("Add a certificate")),
    "batch": (BatchForm, services_events.batch_create, _("New batch")),
    "transform": (TransformForm, services_events.batch_transform, _("Processing")),
}
WITH_PRODUCER = {"certificate", "batch", "transform"}
FILES = {"product": "image", "certificate": "scan"}


@require_http_methods(["GET", "POST"])
@business_required
def producer_add(request: HttpRequest, what: str) -> HttpResponse:
    producer = _producer(request)
    form_class, service, title = FORMS[what]
    args = (producer,) if what in WITH_PRODUCER else ()
    form = form_class(*args, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if what in FILES:
            values[FILES[what]] = values.get(FILES[what]) or None
        if what == "transform":
            values = form.service_values()
        done = _try(form, lambda: service(actor=request.user, **values))
        if done is not None:
            messages.success(request, _("Saved."))
            if isinstance(done, Batch):
                return redirect("traceability:batch-detail", pk=done.pk)
            return redirect("traceability:producer-home")
    status = 400 if form.errors else 200
    return render(
        request, "traceability/producer_form.html", {"form": form, "title": title}, status=status
    )


@require_http_methods(["GET", "POST"])
@business_required
def batch_upload(request: HttpRequest) -> HttpResponse:
    _producer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        done = _try(
            form, lambda: services_events.batches_import(actor=request.user, content=content)
        )
        if done:
            messages.success(request, _("%(count)s batches were added.") % {"count": len(done)})
            return redirect("traceability:producer-home")
    status = 400 if form.errors else 200
    return render(
        request,
        "traceability/producer_form.html",
        {"form": form, "title": _("Upload batches"), "upload_help": True},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@business_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get_for_producer(request.user, pk)
    producer = batch.product.producer
    form = EventForm(producer, request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        done = _try(
            form,
            lambda: services_events.batch_event_record(actor=request.user, batch=batch, **values),
        )
        if done:
            messages.success(request, _("Event recorded."))
            return redirect("traceability:batch-detail", pk=batch.pk)
    return _batch_page(request, batch, form=form, ship_form=ShipForm(producer))


def _batch_page(
    request: HttpRequest, batch: Batch, *, form: EventForm, ship_form: ShipForm
) -> HttpResponse:
    producer = batch.product.producer
    events = batch_timeline(batch)
    return render(
        request,
        "traceability/batch_detail.html",
        {
            "batch": batch,
            "form": form,
            "ship_form": ship_form,
            "quick_steps": [(s, BizStep(s).label) for s in QUICK_STEPS],
            "facilities": producer.facilities.all(),
            "events": events,
            "chain": chain_verify(batch, events),
            "link": batch_link(batch),
        },
        status=400 if form.errors or ship_form.errors else 200,
    )


@require_http_methods(["POST"])
@business_required
def batch_ship(request: HttpRequest, pk: int) -> HttpResponse:
    """Ship the batch to another producer's shop (found by its tax code)."""
    batch = batch_get_for_producer(request.user, pk)
    producer = batch.product.producer
    ship_form = ShipForm(producer, request.POST)
    if ship_form.is_valid():
        values = ship_form.cleaned_data
        done = _try(
            ship_form,
            lambda: services_shipping.batch_ship(actor=request.user, batch=batch, **values),
        )
        if done:
            messages.success(request, _("Shipment recorded."))
            return redirect("traceability:batch-detail", pk=batch.pk)
    return _batch_page(request, batch, form=EventForm(producer), ship_form=ship_form)


@require_http_methods(["POST"])
@business_required
def batch_receive(request: HttpRequest, pk: int) -> HttpResponse:
    """Record receiving a batch another producer shipped to the user's shop."""
    batch = batch_get_incoming(request.user, pk)
    form = ReceiveForm(_producer(request), request.POST)
    if form.is_valid():
        values = form.cleaned_data
        done = _try(
            form,
            lambda: services_shipping.batch_receive(actor=request.user, batch=batch, **values),
        )
        if done:
            messages.success(request, _("Receiving recorded."))
            return redirect("traceability:producer-home")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("traceability:producer-home")


@require_GET
@business_required
def batch_qr(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    batch = batch_get_for_producer(request.user, pk)
    link = batch_link(batch)
    if fmt == "png":
        return HttpResponse(qr_file(link, kind="png", scale=8), content_type="image/png")
    return HttpResponse(qr_file(link, kind="svg", scale=6), content_type="image/svg+xml")


@require_GET
@business_required
def batch_labels(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable A4 sheet of labels: QR, product name, OCOP stars, lot, code as text."""
    batch = batch_get_for_producer(request.user, pk)
    link = batch_link(batch)
    html = render_to_string(
        "traceability/labels.html",
        {
            "batch": batch,
            "link": link,
            "qr": qr_data_uri(link, scale=4),
            "labels": range(12),
        },
    )
    try:
        pdf = html_to_pdf(html, unavailable=_("PDF printing is not available on this server."))
    except PdfUnavailable as error:
        return HttpResponse(error.message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nhan-{batch.pk}.pdf"'
    return response
