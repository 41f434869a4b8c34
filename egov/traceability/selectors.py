"""Reads of traceability, scoped to the reader: a producer sees its own rows; officers see the
producers whose address unit is within their reach (``orgs.access``); the public sees only the
scan page of an approved product's batch and the published violations."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.jobs.models import Job
from egov.jobs.selectors import job_get_for_user
from egov.orgs.access import get_for_user_or_404, scope_to_units
from egov.traceability import epcis, rules
from egov.traceability.choices import CAPTURE_JOB_KIND, ApprovalStatus, BizStep
from egov.traceability.models import Batch, Certificate, Event, Producer, Product, Violation

EXPIRY_WINDOW_DAYS = 60
PUBLIC_CACHE_SIZE = 4096  # producers whose certificates and violations a process keeps


def producer_for_account(user: Any) -> Producer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Producer.objects.filter(account_id=user.pk).select_related("unit").first()


def producer_list_for_user(user: Any) -> QuerySet[Producer]:
    return scope_to_units(Producer.objects.select_related("unit"), user, unit_field="unit")


def producer_get_for_user(user: Any, pk: int) -> Producer:
    return get_for_user_or_404(
        Producer.objects.select_related("unit"), user, pk=pk, unit_field="unit"
    )


def product_get_for_user(user: Any, pk: int) -> Product:
    qs = Product.objects.select_related("producer__unit")
    return get_for_user_or_404(qs, user, pk=pk, unit_field="producer__unit")


def batch_get_for_producer(user: Any, pk: int) -> Batch:
    """A batch of the user's own producer; anything else is a 404."""
    batch = (
        Batch.objects.select_related("product__producer")
        .filter(pk=pk, product__producer__account_id=getattr(user, "pk", None))
        .first()
    )
    if batch is None:
        raise Http404
    return batch


def batches_incoming_for_producer(producer: Producer) -> QuerySet[Batch]:
    """Batches other producers shipped to ``producer`` (its incoming goods), newest first, each
    with ``received``: whether the producer recorded receiving it."""
    received = Event.objects.filter(
        batch=OuterRef("pk"), biz_step=BizStep.RECEIVING, recorded_by_id=producer.account_id
    )
    shipped = Event.objects.filter(
        batch=OuterRef("pk"), biz_step=BizStep.SHIPPING, destination=producer
    )
    return (
        Batch.objects.filter(Exists(shipped))
        .annotate(received=Exists(received))
        .select_related("product__producer")
        .order_by("-created_at", "-pk")
    )


def batch_get_incoming(user: Any, pk: int) -> Batch:
    """A batch shipped to the user's producer; anything else is a 404."""
    producer = producer_for_account(user)
    if producer is None:
        raise Http404
    batch = batches_incoming_for_producer(producer).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def batch_get_for_officer(user: Any, pk: int) -> Batch:
    qs = Batch.objects.select_related("product__producer__unit")
    return get_for_user_or_404(qs, user, pk=pk, unit_field="product__producer__unit")


def _gtin_forms(gtin14: str) -> list[str]:
    """The stored forms a GTIN-14 of a Digital Link may stand for (GTIN-8/12/13/14)."""
    return [gtin14[-n:] for n in (8, 12, 13, 14) if set(gtin14[:-n]) <= {"0"}]


def batch_by_link(gtin: str, lot: str) -> Batch:
    """The public batch of a Digital Link: an approved product of an approved producer."""
    if not gtin.isdigit() or len(gtin) not in rules.GTIN_LENGTHS:
        raise Http404
    gtin14 = rules.gtin14(gtin)
    batches = (
        Batch.objects.select_related("product__producer")
        .filter(
            Q(product__gtin__in=_gtin_forms(gtin14)) | Q(product__platform_code=gtin14[-13:]),
            lot=lot,
            product__status=ApprovalStatus.APPROVED,
            product__producer__status=ApprovalStatus.APPROVED,
        )
        .order_by()
    )
    # The first by id, as ``.first()`` would take it, chosen here: the rows are the lot's few
    # products of that code, and compiling an ORDER BY over the 40 selected columns cost a
    # quarter of the query's time (issue 21, bench.trace_scan_page).
    batch = min(batches, key=attrgetter("pk"), default=None)
    if batch is None:
        raise Http404
    return batch


def batch_link(batch: Batch) -> str:
    """The GS1 Digital Link URI of a batch on the platform's own resolver."""
    return rules.digital_link(settings.SITE_URL, gtin=batch.product.code, lot=batch.lot)


@dataclass(frozen=True)
class ChainCheck:
    intact: bool
    broken_at: int | None  # the sequence number of the first event that does not match
    count: int


def batch_timeline(batch: Batch) -> list[Event]:
    """The events of a batch in order, as its timeline shows them (``timeline_items``): each
    with the name, producer and coordinates of its place and the name of the producer it was
    shipped to, read as columns of the same query (``facility_name``, ``facility_producer``,
    ``facility_producer_name``, ``facility_latitude``, ``facility_longitude``,
    ``destination_name``) rather than as related rows, which took half as long again on the
    scan page, the most-hit public page (issue 21, bench.trace_scan_page)."""
    return list(
        batch.events.annotate(
            facility_name=F("facility__name"),
            facility_producer=F("facility__producer_id"),
            facility_producer_name=F("facility__producer__name"),
            facility_latitude=F("facility__latitude"),
            facility_longitude=F("facility__longitude"),
            destination_name=F("destination__name"),
        ).order_by("sequence")
    )


def chain_verify(batch: Batch, events: list[Event] | None = None) -> ChainCheck:
    """Recompute the batch's hash chain from the stored columns: any edited, removed or
    reordered event breaks it from that event on. ``events``: the batch's events in order,
    when the caller has read them already."""
    if events is None:
        events = list(batch.events.order_by("sequence"))
    index = rules.chain_break([(e.previous_hash, e.hash, e.content()) for e in events])
    broken = None if index is None else events[index].sequence
    return ChainCheck(intact=index is None, broken_at=broken, count=len(events))


@dataclass(frozen=True)
class ScanPage:
    batch: Batch
    product: Product
    producer: Producer
    certificates: list[tuple[Certificate, bool]]
    events: list[Event]
    violations: list[Violation]
    inputs: list[str]
    chain: ChainCheck
    expired: bool


@dataclass(frozen=True)
class ProducerPublic:
    """What every scan page of a producer shows of it besides the batch: its certificates
    (all of them, each page keeps those of its product) and its latest published violations."""

    certificates: tuple[Certificate, ...]
    violations: tuple[Violation, ...]


@functools.lru_cache(maxsize=PUBLIC_CACHE_SIZE)
def _producer_public(
    producer_id: int, registered_at: datetime.datetime, version: int
) -> ProducerPublic:
    certificates = Certificate.objects.filter(producer_id=producer_id).order_by(
        "kind", "-valid_until"
    )
    violations = Violation.objects.filter(producer_id=producer_id).order_by("-found_on")[:10]
    return ProducerPublic(certificates=tuple(certificates), violations=tuple(violations))


def producer_public(producer: Producer) -> ProducerPublic:
    """The producer's certificates and violations for the scan page, kept in this process's
    memory under the producer's ``public_version``, which every write of them raises
    (``services._public_changed``): the row the page reads anyway says whether the kept copy
    is current, so a new certificate or violation shows on the next scan, in every process,
    and the most-hit public page does not read them again on every scan. The registration
    time is part of the key, so that a producer row whose id is used again (a test database
    rolled back) is never taken for another."""
    return _producer_public(producer.pk, producer.registered_at, producer.public_version)


def scan_page(batch: Batch) -> ScanPage:
    """Everything the public scan page shows of a batch: the batch with its product and
    producer (read by ``batch_by_link``), its events, and the producer's certificates and
    violations (:func:`producer_public`)."""
    today = timezone.localdate()
    product, producer = batch.product, batch.product.producer
    public = producer_public(producer)
    certificates = [
        (c, c.is_valid_on(today))
        for c in public.certificates
        if c.product_id is None or c.product_id == product.pk
    ]
    events = batch_timeline(batch)
    inputs = [link for e in events for link in e.inputs]
    return ScanPage(
        batch=batch,
        product=product,
        producer=producer,
        certificates=certificates,
        events=events,
        violations=list(public.violations),
        inputs=inputs,
        chain=chain_verify(batch, events),
        expired=any(not valid for _c, valid in certificates),
    )


def linkset(batch: Batch) -> dict[str, Any]:
    """The Digital Link resolver's linkset (RFC 9264) of a batch: its public page."""
    anchor = batch_link(batch)
    return {
        "linkset": [
            {
                "anchor": anchor,
                "https://gs1.org/voc/defaultLink": [
                    {"href": anchor, "title": batch.product.name, "type": "text/html"}
                ],
                "https://gs1.org/voc/pip": [{"href": anchor, "type": "text/html"}],
                "https://gs1.org/voc/traceability": [
                    {"href": f"{anchor}?linkType=gs1:traceability", "type": "text/html"}
                ],
            }
        ]
    }


def events_query_for_user(
    user: Any,
    *,
    gtin: str = "",
    lot: str = "",
    biz_step: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    gln: str = "",
    limit: int = 1000,
) -> list[epcis.EventView]:
    """EPCIS query over the events the user may see: the producer's own, or those of
    producers within an officer's reach; by product, lot, step, time and place."""
    own = producer_for_account(user)
    qs = Event.objects.select_related("batch__product", "facility", "destination")
    if own is not None:
        qs = qs.filter(batch__product__producer=own)
    else:
        qs = scope_to_units(qs, user, unit_field="batch__product__producer__unit")
    if gtin:
        gtin14 = rules.gtin14(gtin)
        qs = qs.filter(
            Q(batch__product__gtin__in=_gtin_forms(gtin14))
            | Q(batch__product__platform_code=gtin14[-13:])
        )
    if lot:
        qs = qs.filter(batch__lot=lot)
    if biz_step:
        qs = qs.filter(biz_step=rules.biz_step_of(biz_step) or "-")
    if since:
        qs = qs.filter(event_at__gte=since)
    if until:
        qs = qs.filter(event_at__lt=until)
    if gln:
        qs = qs.filter(facility__gln=gln)
    return [event_view(e) for e in qs.order_by("event_at", "pk")[:limit]]


def event_view(event: Event) -> epcis.EventView:
    batch = event.batch
    facility = event.facility
    return epcis.EventView(
        event_id=event.event_id,
        event_type=event.event_type,
        action=event.action,
        biz_step=event.biz_step,
        event_at=event.event_at,
        epc_class=rules.digital_link("https://id.gs1.org", gtin=batch.product.code, lot=batch.lot),
        quantity=float(event.quantity if event.quantity is not None else batch.quantity),
        uom=event.uom if event.quantity is not None else batch.uom,
        location=f"https://id.gs1.org/414/{facility.gln}" if facility and facility.gln else "",
        inputs=tuple(
            epcis.QuantityItem(
                epc_class=str(line["epcClass"]),
                quantity=Decimal(str(line["quantity"])) if "quantity" in line else None,
                uom=str(line.get("uom", "")),
            )
            for line in event.input_lines()
        ),
        result=event.result,
        hash=event.hash,
        destination=(
            f"https://id.gs1.org/417/{event.destination.gln}"
            if event.destination and event.destination.gln
            else ""
        ),
    )


@dataclass(frozen=True)
class Oversight:
    producers: list[Producer]
    pending_products: list[Product]
    expiring: list[Certificate]
    recalls: list[Batch]
    violations: list[Violation]


def oversight_for_user(user: Any) -> Oversight:
    """The officer's overview of the producers in reach."""
    today = timezone.localdate()
    producers = producer_list_for_user(user)
    in_reach = producers.values("pk")
    return Oversight(
        producers=list(producers.order_by("status", "name")[:200]),
        pending_products=list(
            Product.objects.filter(producer__in=in_reach, status=ApprovalStatus.PENDING)
            .select_related("producer")
            .order_by("created_at")[:100]
        ),
        expiring=list(
            Certificate.objects.filter(
                producer__in=in_reach,
                valid_until__gte=today,
                valid_until__lte=today + datetime.timedelta(days=EXPIRY_WINDOW_DAYS),
            )
            .select_related("producer")
            .order_by("valid_until")[:100]
        ),
        recalls=list(
            Batch.objects.filter(product__producer__in=in_reach, recalled_at__isnull=False)
            .select_related("product")
            .order_by("-recalled_at")[:50]
        ),
        violations=list(
            Violation.objects.filter(producer__in=in_reach)
            .select_related("producer")
            .order_by("-found_on")[:50]
        ),
    )


def violations_published() -> QuerySet[Violation]:
    return Violation.objects.select_related("producer", "batch__product").order_by("-found_on")


def capture_job_get_for_user(user: Any, pk: int) -> Job:
    """An EPCIS capture job the user started (administrators: any); anything else is a 404."""
    job = job_get_for_user(user, pk)
    if job.kind != CAPTURE_JOB_KIND:
        raise Http404
    return job
