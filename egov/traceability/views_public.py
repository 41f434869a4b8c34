"""Public pages (no login, phone first): the GS1 Digital Link resolver with the batch's scan
page, or its linkset for a machine asking for JSON; the published violations."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_safe

from egov.traceability import rules, services
from egov.traceability.models import Batch
from egov.traceability.selectors import (
    batch_by_link,
    batch_link,
    linkset,
    scan_page,
    violations_published,
)

MACHINE_TYPES = ("application/linkset+json", "application/ld+json", "application/json")


@require_safe
def digital_link(request: HttpRequest, gtin: str, lot: str) -> HttpResponse:
    """``/01/{GTIN}/10/{lot}``: the batch page for people, the linkset for a client that asks
    for JSON (GS1 Digital Link resolver, linkType=all). HEAD is answered (link checkers and QR
    apps ask it first) but only a person's GET is counted as a scan (``rules.is_person_scan``)."""
    batch = batch_by_link(gtin, lot)
    accept = request.headers.get("Accept", "")
    if request.GET.get("linkType") == "all" or any(t in accept for t in MACHINE_TYPES):
        response = JsonResponse(linkset(batch), content_type="application/linkset+json")
        response["Link"] = f'<{batch_link(batch)}>; rel="owl:sameAs"'
        return response
    product = batch.product
    if rules.is_person_scan(request.method or "", request.headers):
        services.scan_count(product=product, unit_id=product.producer.unit_id)
    context = {"page": scan_page(batch), "report_link": _report_link(request, batch)}
    return render(request, "traceability/scan.html", context)


def _report_link(request: HttpRequest, batch: Batch) -> str:
    """ "Report a problem": feedback's page for reports on a product (by URL name: the apps are
    peers), told the product and lot, the producer's unit the report goes to and this page."""
    producer = batch.product.producer
    query = urlencode(
        {
            "area_id": producer.unit_id,
            "subject": f"{batch.product.name} · {batch.lot}",
            "address": producer.address,
            "link": request.path,
        }
    )
    return f"{reverse('feedback:report-scan')}?{query}"


@require_GET
def violations(request: HttpRequest) -> HttpResponse:
    page = Paginator(violations_published(), 50).get_page(request.GET.get("page"))
    return render(request, "traceability/violations.html", {"page": page})
