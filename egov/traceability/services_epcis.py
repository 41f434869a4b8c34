"""Capture of an EPCIS 2.0 JSON-LD document from a producer's own system, in bulk.

A document of thousands of events is checked against the schema, then read in one pass: the
producer's products and facilities are read once, the batches it names are looked up and
locked together (in primary-key order, so two captures never wait on each other in a cycle),
each batch's chain head is read once and kept in memory, every event is checked by the same
rules as an event recorded on a page (``services_events._event_check``) and sealed onto its
chain, and the events are inserted with ``bulk_create``: one transaction per document.

A shop receiving a batch another producer shipped to it (``services_shipping``) captures a
``receiving`` ObjectEvent of that lot, at one of its own locations: the lot is looked up among
other producers' products only when the document names one, and the event is accepted only
while the batch's latest shipment goes to the capturing producer, as on the receiving page;
it joins the batch's one chain exactly as that page's event would. Any other step on another
producer's lot is an error of that event.

Errors: every event at fault is listed (the member named, up to ``MAX_ERRORS``), and the
document is then refused whole (the EPCIS capture error behaviour ``rollback``).

Idempotent on ``eventID``: an event whose ID is stored already (a retried capture, or the same
event twice in one document) is counted as already captured and stored nothing; an event sent
without an ID gets one derived from its content (``epcis.derived_event_id``), so a retry of it
is recognised too. An ID that belongs to another producer's event is an error of that event.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.audit.services import event_record
from egov.traceability import epcis, rules
from egov.traceability.choices import BizStep, InspectionResult, UnitOfMeasure
from egov.traceability.choices import TraceAuditAction as A
from egov.traceability.exceptions import TraceError
from egov.traceability.models import Batch, Event, Facility, Producer, Product
from egov.traceability.services import _invalid, producer_of
from egov.traceability.services_events import (
    EventDraft,
    InputUse,
    _event_check,
    _event_sealed,
    _transform,
)
from egov.traceability.services_shipping import shipments_waiting

MAX_ERRORS = 100  # the events at fault listed in a refusal; the count names them all
CHUNK = 1000  # members of one IN (...) list, within every database's limit
Key = tuple[str, str]  # (GTIN-14, lot)
# The EPCIS member of each field the event rules name
MEMBERS = {
    "biz_step": "bizStep",
    "event_at": "eventTime",
    "facility": "bizLocation",
    "batch": "epcList",
    "result": "disposition",
    "inspection_body": "disposition",
}


@dataclass(frozen=True)
class CaptureResult:
    """What a capture did: the event IDs of the document in order, how many were stored now
    and how many had been captured before (a retry)."""

    event_ids: list[str]
    stored: int
    already: int


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    iterator = iter(values)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


class _Capture:
    """One document's capture: the producer's rows read once, the batches locked and their
    chain heads kept in memory, the new events waiting for one ``bulk_create``."""

    def __init__(self, actor: Any, producer: Producer) -> None:
        self.actor, self.producer = actor, producer
        self.products = {p.code: p for p in producer.products.all()}
        self.facilities = {f.gln: f for f in producer.facilities.all() if f.gln}
        self.batches: dict[Key, Batch | None] = {}
        self.heads: dict[int, tuple[int, str]] = {}
        self.waiting: set[int] = set()  # other producers' batches shipped here, not received
        self.pending: list[Event] = []
        self.errors: dict[str, str] = {}
        self.refused = 0
        self.seen: set[str] = set()

    # -- reading and locking -------------------------------------------------------------
    def lock(self, keys: Iterable[Key]) -> None:
        """Look up and lock the batches of ``keys`` (the producer's own; other producers' are
        looked up apart, only for a shop's receiving), and read their chain heads: two
        queries per thousand lots."""
        wanted = {k for k in keys if k not in self.batches}
        for key in wanted:
            self.batches[key] = None
        own = {key for key in wanted if key[0] in self.products}
        self._take({self.products[gtin].pk: self.products[gtin] for gtin, _lot in own}, own)
        if wanted - own:
            self._others_lock(wanted - own)

    def _others_lock(self, keys: set[Key]) -> None:
        """Lots of other producers' products (a shop receiving what was shipped to it): looked
        up, locked and their chain heads read like its own, with which of them wait to be
        received here (``services_shipping.shipments_waiting``). Only read when a document
        names such a lot."""
        gtins = {gtin for gtin, _lot in keys}
        forms = {gtin[-n:] for gtin in gtins for n in (8, 12, 13, 14)}
        candidates = Product.objects.filter(
            Q(gtin__in=forms) | Q(platform_code__in=[gtin[-13:] for gtin in gtins])
        ).exclude(producer=self.producer)
        found = self._take({p.pk: p for p in candidates if p.code in gtins}, keys)
        self.waiting |= shipments_waiting([b.pk for b in found], self.producer)

    def _take(self, products: dict[int, Product], keys: set[Key]) -> list[Batch]:
        """Lock the batches of ``keys`` among those of ``products`` (in primary-key order, a
        thousand lots a query), keep them with their product and read their chain heads."""
        found: list[Batch] = []
        for chunk in _chunks(sorted({lot for _gtin, lot in keys})):
            found += (
                Batch.objects.select_for_update()
                .filter(product_id__in=list(products), lot__in=chunk)
                .order_by("pk")
            )
        found = [b for b in found if (products[b.product_id].code, b.lot) in keys]
        for batch in found:
            batch.product = products[batch.product_id]
            self.batches[(batch.product.code, batch.lot)] = batch
        self._heads_read([b.pk for b in found])
        return found

    def _heads_read(self, batch_ids: list[int]) -> None:
        last = Event.objects.filter(batch_id=OuterRef("batch_id")).order_by("-sequence")
        for chunk in _chunks(batch_ids):
            for batch_id in chunk:
                self.heads[batch_id] = (0, rules.GENESIS)
            rows = Event.objects.filter(
                batch_id__in=chunk, sequence=Subquery(last.values("sequence")[:1])
            ).values_list("batch_id", "sequence", "hash")
            for batch_id, sequence, digest in rows:
                self.heads[batch_id] = (sequence, digest)

    def stored_ids(self, ids: Iterable[str]) -> dict[str, bool]:
        """The IDs among ``ids`` stored already, each with whether the event is this
        producer's: on one of its batches, or recorded by it (its receiving of a batch another
        producer shipped to it)."""
        found: dict[str, bool] = {}
        for chunk in _chunks(ids):
            rows = Event.objects.filter(event_id__in=chunk).values_list(
                "event_id", "batch__product__producer_id", "recorded_by_id"
            )
            for event_id, producer_id, recorder_id in rows:
                found[event_id] = self.producer.pk == producer_id or (
                    self.producer.account_id == recorder_id
                )
        return found

    def batch_of(self, uri: str, field: str) -> Batch:
        parsed = rules.digital_link_parse(uri)
        if parsed is None:
            raise _invalid(
                field, _("Identify the lot by a GS1 Digital Link URI (/01/<GTIN>/10/<lot>).")
            )
        if parsed not in self.batches:  # a lot made by a processing step of this document
            self.lock([parsed])
        batch = self.batches[parsed]
        if batch is None:
            raise _invalid(field, _("None of your batches has this GTIN and lot."))
        return batch

    def facility_of(self, location: str, field: str) -> Facility | None:
        if not location:
            return None
        facility = self.facilities.get(epcis.gln_of(location))
        if facility is None:
            raise _invalid(field, _("No facility of yours has this location (GLN)."))
        return facility

    # -- events --------------------------------------------------------------------------
    def refuse(self, error: TraceError, where: str) -> None:
        self.refused += 1
        for name, text in error.fields.items():
            member = name if name.startswith(where) else f"{where}.{MEMBERS.get(name, name)}"
            if len(self.errors) < MAX_ERRORS:
                self.errors.setdefault(member, text)

    def object_event(self, event: epcis.CapturedEvent, where: str) -> None:
        """Check an ObjectEvent and seal it onto its batch's chain (in memory)."""
        step = rules.biz_step_of(event.biz_step)
        if step is None:
            raise _invalid(f"{where}.bizStep", _("This business step is not recorded here."))
        facility = self.facility_of(event.location, f"{where}.bizLocation")
        if not event.epcs:
            raise _invalid(f"{where}.epcList", _("Name the lot the event is about."))
        batch = self.batch_of(event.epcs[0], f"{where}.epcList")
        if step == BizStep.TRANSFORMING:
            raise _invalid(f"{where}.type", _("Processing is a TransformationEvent."))
        receiving = batch.product.producer_id != self.producer.pk
        if receiving and step != BizStep.RECEIVING:
            raise _invalid(f"{where}.epcList", _("This batch belongs to another producer."))
        if receiving and batch.pk not in self.waiting:
            raise _invalid(f"{where}.epcList", _("No shipment of this batch to you is waiting."))
        result = body = ""
        if step == BizStep.INSPECTING:
            failed = "non_conformant" in str(event.extra.get("disposition", ""))
            result = InspectionResult.FAILED if failed else InspectionResult.PASSED
            body = self.producer.name
        draft = EventDraft(
            biz_step=step,
            event_at=event.event_at,
            facility=facility,
            result=result,
            inspection_body=body,
            event_id=event.event_id,
        )
        _event_check(batch=batch, draft=draft, recorder=self.producer if receiving else None)
        sequence, previous = self.heads[batch.pk]
        sealed = _event_sealed(
            actor=self.actor, batch=batch, sequence=sequence + 1, previous=previous, draft=draft
        )
        self.heads[batch.pk] = (sealed.sequence, sealed.hash)
        self.waiting.discard(batch.pk)
        self.pending.append(sealed)

    def transformation(self, event: epcis.CapturedEvent, where: str) -> None:
        """A processing step: written at once through the page's own service (it locks and
        updates its input batches), inside a savepoint so that a refused one leaves nothing;
        the batches it touched are read afresh afterwards."""
        if not event.epcs:
            raise _invalid(f"{where}.epcList", _("Name the lot the event is about."))
        facility = self.facility_of(event.location, f"{where}.bizLocation")
        self.flush()
        with transaction.atomic():
            output = _capture_transform(self, event, facility, where)
            Event.objects.filter(batch=output).update(event_id=event.event_id)
        touched = [rules.digital_link_parse(i.epc_class) for i in (*event.inputs, *event.outputs)]
        for key in touched:
            batch = self.batches.pop(key, None) if key else None
            if batch is not None:
                self.heads.pop(batch.pk, None)

    def flush(self) -> None:
        """Insert the events sealed so far."""
        if self.pending:
            _events_insert(self.pending)
            self.pending = []


def _events_insert(events: list[Event]) -> None:
    """Insert sealed events: on PostgreSQL as one ``COPY … FROM STDIN`` stream (psycopg's
    ``cursor.copy``), each column's value prepared as Django's own insert prepares it; on other
    databases by ``bulk_create``. A duplicate ``event_id`` raises Django's ``IntegrityError``
    either way, which :func:`epcis_capture` answers by capturing once more."""
    if connection.vendor != "postgresql":
        Event.objects.bulk_create(events, batch_size=500)
        return
    fields = [f for f in Event._meta.concrete_fields if not f.primary_key]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Event._meta.db_table)
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for event in events:
            copy.write_row(
                [f.get_db_prep_save(f.pre_save(event, True), connection) for f in fields]
            )


def _capture_transform(
    capture: _Capture, event: epcis.CapturedEvent, facility: Facility | None, where: str
) -> Batch:
    """A TransformationEvent: its one output lot (GTIN, lot, quantity and unit) made from its
    inputs (each with the quantity used, or all that is left). A refusal names the member of
    ``inputQuantityList`` / ``outputQuantityList`` at fault."""
    output = f"{where}.outputQuantityList.0"
    if len(event.outputs) != 1:
        raise _invalid(f"{where}.outputQuantityList", _("Give exactly one output lot."))
    made = event.outputs[0]
    parsed = rules.digital_link_parse(made.epc_class) or ("", "")
    product: Product | None = capture.products.get(parsed[0])
    if product is None:
        raise _invalid(f"{output}.epcClass", _("No product of yours has this code."))
    if made.quantity is None:
        raise _invalid(f"{output}.quantity", _("Give the quantity and unit of the output."))
    uses = [
        InputUse(
            batch=capture.batch_of(item.epc_class, f"{where}.inputQuantityList.{i}"),
            quantity=item.quantity,
            uom=item.uom,
        )
        for i, item in enumerate(event.inputs)
    ]
    try:
        return _transform(
            actor=capture.actor,
            producer=capture.producer,
            inputs=uses,
            product=product,
            lot=parsed[1],
            quantity=made.quantity,
            uom=made.uom or UnitOfMeasure.PIECE,
            event_at=event.event_at,
            facility=facility,
        )
    except TraceError as error:
        fields = {_epcis_field(name, where, output): text for name, text in error.fields.items()}
        raise TraceError(error.message, fields=fields) from error


def _epcis_field(name: str, where: str, output: str) -> str:
    """The EPCIS member of a processing field: ``inputs.N.x`` → ``inputQuantityList.N.x``,
    the output's ``quantity``/``uom``/``lot`` → ``outputQuantityList.0``."""
    if name.startswith("inputs"):
        return f"{where}.inputQuantityList{name[len('inputs') :]}".removesuffix(".batch")
    if name in ("quantity", "uom"):
        return f"{output}.{name}"
    if name in ("lot", "product"):
        return f"{output}.epcClass"
    return name


def _lot_keys(events: Iterable[epcis.CapturedEvent]) -> set[Key]:
    """The lots a document names (ObjectEvents' lot, processing inputs), to lock at once."""
    keys: set[Key] = set()
    for event in events:
        uris = [i.epc_class for i in event.inputs] if event.inputs else list(event.epcs[:1])
        keys.update(k for k in map(rules.digital_link_parse, uris) if k is not None)
    return keys


def _capture_events(
    capture: _Capture, captured: list[epcis.CapturedEvent]
) -> tuple[list[str], int]:
    """Check and seal every event (the errors collected, not raised); returns the document's
    event IDs and how many were captured before."""
    capture.lock(_lot_keys(captured))
    stored = capture.stored_ids(e.event_id for e in captured)
    ids: list[str] = []
    already = 0
    for event in captured:
        where = f"epcisBody.eventList.{event.index}"
        mine = stored.get(event.event_id)
        if mine is False:
            message = _("This eventID is already the ID of another producer's event.")
            capture.refuse(_invalid(f"{where}.eventID", message), where)
            continue
        ids.append(event.event_id)
        if mine or event.event_id in capture.seen:
            already += 1
            continue
        capture.seen.add(event.event_id)
        try:
            if event.event_type == "TransformationEvent":
                capture.transformation(event, where)
            else:
                capture.object_event(event, where)
        except TraceError as error:
            capture.refuse(error, where)
    return ids, already


def _capture_once(actor: Any, producer: Producer, document: Mapping[str, Any]) -> CaptureResult:
    captured = epcis.events_read(document)
    with transaction.atomic():
        capture = _Capture(actor, producer)
        ids, already = _capture_events(capture, captured)
        if capture.errors:
            message = ngettext(
                "%(count)s event of the document has errors: nothing was stored.",
                "%(count)s events of the document have errors: nothing was stored.",
                capture.refused,
            ) % {"count": capture.refused}
            raise TraceError(message, fields=capture.errors)
        capture.flush()
        stored = len(ids) - already
        if stored:
            event_record(
                actor=actor,
                action=A.EPCIS_CAPTURED,
                obj=producer,
                changes={"events": stored, "already": already},
            )
    return CaptureResult(event_ids=ids, stored=stored, already=already)


def epcis_capture(*, actor: Any, document: Mapping[str, Any]) -> CaptureResult:
    """Capture an EPCIS 2.0 JSON-LD document from a producer's own system: checked against the
    schema, then every event checked, sealed onto its batch's chain and inserted in bulk in one
    transaction; any event at fault refuses the document, listing each one. A retry stores
    nothing twice. Two captures of the same events at once: the second one's insert meets the
    first one's rows (unique ``event_id``) and is run once more, finding them stored."""
    producer = producer_of(actor)
    problems = epcis.document_problems(document)
    if problems:
        raise TraceError(
            _("The EPCIS document does not match the EPCIS 2.0 schema."), fields=problems
        )
    try:
        return _capture_once(actor, producer, document)
    except IntegrityError:
        return _capture_once(actor, producer, document)
