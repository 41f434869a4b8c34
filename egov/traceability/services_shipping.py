"""Shipping a batch to another producer's shop, and its receiving there: the EPCIS pair
``shipping`` (with the destination, CBV ``owning_party``) recorded by the producer of the
batch, then ``receiving`` recorded by the producer it was shipped to, at one of its own
facilities. Both events join the batch's one hash chain, so the public scan page shows the
batch's way from the farm to the shop that sells it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.traceability.choices import ApprovalStatus, BizStep
from egov.traceability.models import Batch, Event, Facility, Producer
from egov.traceability.services import _invalid, producer_of
from egov.traceability.services_events import EventDraft, _append_audited


def batch_ship(
    *,
    actor: Any,
    batch: Batch,
    destination_tax_code: str,
    facility: Facility | None = None,
    event_at: datetime.datetime | None = None,
) -> Event:
    """Ship one of the actor's batches to another approved producer (found by its tax code,
    which trading partners know of each other): a ``shipping`` event naming the destination."""
    producer = producer_of(actor)
    if batch.product.producer_id != producer.pk:
        raise _invalid("batch", _("This batch belongs to another producer."))
    code = (destination_tax_code or "").strip()
    destination = Producer.objects.filter(tax_code=code, status=ApprovalStatus.APPROVED).first()
    if destination is None:
        message = _("No approved producer or shop on the platform has this tax code.")
        raise _invalid("destination_tax_code", message)
    if destination.pk == producer.pk:
        message = _("This is your own tax code: record shipping and receiving at your own shop.")
        raise _invalid("destination_tax_code", message)
    with transaction.atomic():
        draft = EventDraft(
            biz_step=BizStep.SHIPPING,
            event_at=event_at or timezone.now(),
            facility=facility,
            destination=destination,
        )
        return _append_audited(actor=actor, batch=batch, draft=draft, to=destination.pk)


def shipments_waiting(batch_ids: Iterable[int], producer: Producer) -> set[int]:
    """Those of ``batch_ids`` whose latest shipment goes to ``producer`` and has not been
    received: one query (the receiving page asks it of one batch, a captured EPCIS document of
    every other producer's lot it names)."""
    last = Event.objects.filter(
        batch_id=OuterRef("pk"), biz_step__in=[BizStep.SHIPPING, BizStep.RECEIVING]
    ).order_by("-sequence")
    rows = (
        Batch.objects.filter(pk__in=list(batch_ids))
        .annotate(
            last_step=Subquery(last.values("biz_step")[:1]),
            last_to=Subquery(last.values("destination_id")[:1]),
        )
        .values_list("pk", "last_step", "last_to")
    )
    return {pk for pk, step, to in rows if (step, to) == (BizStep.SHIPPING, producer.pk)}


def shipment_waiting(batch: Batch, producer: Producer) -> bool:
    """Whether the batch's latest shipment goes to ``producer`` and has not been received."""
    return batch.pk in shipments_waiting([batch.pk], producer)


def batch_receive(
    *,
    actor: Any,
    batch: Batch,
    facility: Facility | None = None,
    event_at: datetime.datetime | None = None,
) -> Event:
    """Receive a batch another producer shipped to the actor's producer, at one of its own
    facilities (its shop): a ``receiving`` event on the batch's chain. Only once per
    shipment; the batch's own producer records receiving on its own batch page."""
    producer = producer_of(actor)
    with transaction.atomic():
        locked = Batch.objects.select_for_update().select_related("product").get(pk=batch.pk)
        if not shipment_waiting(locked, producer):
            raise _invalid("batch", _("No shipment of this batch to you is waiting."))
        draft = EventDraft(
            biz_step=BizStep.RECEIVING, event_at=event_at or timezone.now(), facility=facility
        )
        return _append_audited(
            actor=actor, batch=locked, draft=draft, recorder=producer, by=producer.pk
        )
