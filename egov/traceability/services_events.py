"""Writes of batches and their events: a batch of an approved product, events in the EPCIS 2.0
model chained by hash, processing (inputs → outputs), the xlsx upload of many batches, and the
capture of an EPCIS 2.0 JSON-LD document. A refused capture or upload stores nothing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.common.tables import sheet_rows, xlsx_open
from egov.traceability import rules
from egov.traceability.choices import ApprovalStatus, BizStep, InspectionResult, UnitOfMeasure
from egov.traceability.choices import TraceAuditAction as A
from egov.traceability.exceptions import TraceError
from egov.traceability.models import Batch, Event, Facility, Producer, Product
from egov.traceability.services import _invalid, producer_of, require_overseer

ADDING_STEPS = {BizStep.COMMISSIONING}
MAX_IMPORT_ROWS = 5000


def _require_issuing(product: Product) -> None:
    """Codes are issued only for an approved product of an approved producer (read afresh)."""
    status, producer_status = Product.objects.values_list("status", "producer__status").get(
        pk=product.pk
    )
    if producer_status != ApprovalStatus.APPROVED:
        raise _invalid("product", _("The producer is not approved yet: no codes can be issued."))
    if status != ApprovalStatus.APPROVED:
        raise _invalid("product", _("The product is not approved yet: no codes can be issued."))


def _amount(value: Any, field: str) -> Decimal:
    """A positive quantity, or a refusal naming ``field``."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise _invalid(field, _("The quantity must be a number.")) from exc
    if not amount.is_finite() or amount <= 0:
        raise _invalid(field, _("The quantity must be more than zero."))
    if amount >= Decimal("1e11"):
        raise _invalid(field, _("The quantity is too large."))
    if amount.quantize(rules.QUANTUM) != amount:
        raise _invalid(field, _("Give the quantity with at most three decimals."))
    return amount


def _uom(value: str, field: str) -> str:
    code = (value or "").strip().upper()
    if code not in UnitOfMeasure.values:
        raise _invalid(field, _("Choose a unit of measure from the list (UN/ECE rec 20 code)."))
    return code


def _batch_new(
    *, product: Product, lot: str, produced_on: datetime.date, quantity: Any, uom: str
) -> Batch:
    lot = (lot or "").strip()
    if not rules.lot_valid(lot):
        raise _invalid(
            "lot", _("The lot number is 1 to 20 letters, digits or GS1 punctuation (no spaces).")
        )
    if produced_on > timezone.localdate():
        raise _invalid("produced_on", _("The production date cannot be in the future."))
    amount = _amount(quantity, "quantity")
    unit = _uom(uom or UnitOfMeasure.KILOGRAM, "uom")
    if Batch.objects.filter(product=product, lot=lot).exists():
        raise _invalid("lot", _("This product already has a batch with this lot number."))
    return Batch.objects.create(
        product=product,
        lot=lot,
        produced_on=produced_on,
        quantity=amount,
        uom=unit,
        created_at=timezone.now(),
    )


def batch_create(
    *,
    actor: Any,
    product: Product,
    lot: str,
    produced_on: datetime.date,
    quantity: Any,
    uom: str = "KGM",
) -> Batch:
    """A new batch (lot) of one of the actor's approved products."""
    producer = producer_of(actor)
    if product.producer_id != producer.pk:
        raise _invalid("product", _("Choose one of your own products."))
    _require_issuing(product)
    with transaction.atomic():
        batch = _batch_new(
            product=product, lot=lot, produced_on=produced_on, quantity=quantity, uom=uom
        )
        event_record(actor=actor, action=A.BATCH_CREATED, obj=batch, changes={"lot": batch.lot})
    return batch


@dataclass(frozen=True)
class EventDraft:
    """What one event of a batch says before it is sealed onto the batch's chain, however it
    is recorded (a page, an upload, a captured EPCIS document): the step and its time and
    place, an inspection's result and body, a processing step's inputs and quantities, a
    shipment's destination, and the EPCIS event ID its sender gave (empty: one is derived)."""

    biz_step: str
    event_at: datetime.datetime
    facility: Facility | None = None
    result: str = ""
    inspection_body: str = ""
    note: str = ""
    inputs: Sequence[str] = ()
    event_type: str = "ObjectEvent"
    quantity: Decimal | None = None
    uom: str = ""
    input_quantities: Sequence[Mapping[str, str]] = ()
    destination: Producer | None = None
    event_id: str = ""


def _event_check(*, batch: Batch, draft: EventDraft, recorder: Producer | None = None) -> None:
    """The rules every event of a batch keeps, however it is recorded: ``batch`` is the locked
    row, its ``product`` loaded. The place is a facility of the producer recording the event
    (``recorder``: by default the batch's own; a shop receiving a shipment records at its
    own)."""
    if draft.biz_step not in BizStep.values:
        raise _invalid("biz_step", _("Choose a business step."))
    if draft.event_at > timezone.now():
        raise _invalid("event_at", _("The event time cannot be in the future."))
    if timezone.localtime(draft.event_at).date() < batch.produced_on:
        raise _invalid("event_at", _("The event time is before the batch's production date."))
    owner = recorder.pk if recorder is not None else batch.product.producer_id
    if draft.facility is not None and draft.facility.producer_id != owner:
        raise _invalid("facility", _("Choose one of the producer's own facilities."))
    if draft.biz_step == BizStep.INSPECTING:
        if draft.result not in InspectionResult.values:
            raise _invalid("result", _("Give the inspection result."))
        if not (draft.inspection_body or "").strip():
            raise _invalid("inspection_body", _("Name the inspecting body."))
    if batch.consumed_at is not None and draft.biz_step != BizStep.TRANSFORMING:
        raise _invalid("batch", _("This batch was used up in processing."))


def _event_sealed(
    *, actor: Any, batch: Batch, sequence: int, previous: str, draft: EventDraft
) -> Event:
    """The next event of the batch's chain (unsaved), sealed to ``previous``: its hash and,
    unless the sender gave one, its EPCIS event ID."""
    action = "ADD" if draft.biz_step in ADDING_STEPS else "OBSERVE"
    event = Event(
        batch=batch,
        sequence=sequence,
        event_type=draft.event_type,
        action="" if draft.event_type == "TransformationEvent" else action,
        biz_step=draft.biz_step,
        event_at=draft.event_at,
        recorded_at=timezone.now(),
        facility=draft.facility,
        recorded_by=actor,
        result=draft.result if draft.biz_step == BizStep.INSPECTING else "",
        inspection_body=(draft.inspection_body or "").strip()[:200],
        note=(draft.note or "").strip()[:500],
        inputs=list(draft.inputs),
        quantity=draft.quantity,
        uom=draft.uom if draft.quantity is not None else "",
        input_quantities=[dict(item) for item in draft.input_quantities],
        destination=draft.destination,
    )
    content = event.content()
    event.previous_hash = previous
    event.hash = rules.event_hash(previous, content)
    event.event_id = draft.event_id or rules.event_id({**content, "hash": event.hash})
    return event


def _append(
    *, actor: Any, batch: Batch, draft: EventDraft, recorder: Producer | None = None
) -> Event:
    """Append one event to the batch's chain (the batch row locked for the sequence)."""
    locked = Batch.objects.select_for_update().get(pk=batch.pk)
    locked.product = batch.product
    _event_check(batch=locked, draft=draft, recorder=recorder)
    last = locked.events.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, previous = (last[0] + 1, last[1]) if last else (1, rules.GENESIS)
    event = _event_sealed(
        actor=actor, batch=locked, sequence=sequence, previous=previous, draft=draft
    )
    event.save()
    return event


def _append_audited(
    *, actor: Any, batch: Batch, draft: EventDraft, recorder: Producer | None = None, **changes: Any
) -> Event:
    """Append one event recorded on its own (a page, the API's one-event services) and audit
    it with the batch, the step, its hash and ``changes``."""
    event = _append(actor=actor, batch=batch, draft=draft, recorder=recorder)
    event_record(
        actor=actor,
        action=A.EVENT_RECORDED,
        obj=event,
        changes={"batch": batch.pk, "step": draft.biz_step, "hash": event.hash, **changes},
    )
    return event


def batch_event_record(
    *,
    actor: Any,
    batch: Batch,
    biz_step: str,
    event_at: datetime.datetime | None = None,
    facility: Facility | None = None,
    result: str = "",
    inspection_body: str = "",
    note: str = "",
) -> Event:
    """Record one event of a batch: by its producer (any step but processing, which is
    :func:`batch_transform`), or an inspection by an officer of the producer's area."""
    producer = batch.product.producer
    if getattr(actor, "is_officer", False):
        require_overseer(actor, producer)
        if biz_step != BizStep.INSPECTING:
            raise PermissionDenied(_("Officers record inspections only."))
    elif producer_of(actor).pk != producer.pk:
        raise _invalid("batch", _("This batch belongs to another producer."))
    if biz_step == BizStep.TRANSFORMING:
        raise _invalid("biz_step", _("Record processing with its inputs and outputs."))
    with transaction.atomic():
        draft = EventDraft(
            biz_step=biz_step,
            event_at=event_at or timezone.now(),
            facility=facility,
            result=result,
            inspection_body=inspection_body,
            note=note,
        )
        return _append_audited(actor=actor, batch=batch, draft=draft)


@dataclass(frozen=True)
class InputUse:
    """An input of processing: the batch and how much of it goes in (``None``: all that is
    left), in ``uom`` (empty: the batch's own unit)."""

    batch: Batch
    quantity: Decimal | None = None
    uom: str = ""


def _use_input(
    actor: Any,
    producer: Producer,
    index: int,
    use: InputUse,
    *,
    lot: str,
    event_at: datetime.datetime,
    facility: Facility | None,
) -> dict[str, str]:
    """Take ``use`` out of its batch (locked): the batch's chain records how much went into
    ``lot``; the batch is used up when nothing is left. Returns the input's quantity item."""
    where = f"inputs.{index}"
    locked = Batch.objects.select_for_update().select_related("product").get(pk=use.batch.pk)
    if locked.product.producer_id != producer.pk:
        raise _invalid(f"{where}.batch", _("An input batch belongs to another producer."))
    if locked.consumed_at is not None:
        message = _("The input batch %(lot)s is already used up.") % {"lot": locked.lot}
        raise _invalid(f"{where}.batch", message)
    if use.quantity is None:
        given, uom = locked.remaining, locked.uom
    else:
        given = _amount(use.quantity, f"{where}.quantity")
        uom = _uom(use.uom or locked.uom, f"{where}.uom")
    taken = rules.uom_convert(given, uom, locked.uom)
    if taken is None:
        message = _("This unit cannot be converted to the batch's unit (%(unit)s).") % {
            "unit": UnitOfMeasure(locked.uom).label
        }
        raise _invalid(f"{where}.uom", message)
    if taken > locked.remaining:
        message = _("Only %(left)s %(unit)s of batch %(lot)s is left.") % {
            "left": number_format(rules.quantity_trim(locked.remaining), force_grouping=True),
            "unit": UnitOfMeasure(locked.uom).label,
            "lot": locked.lot,
        }
        raise _invalid(f"{where}.quantity", message)
    link = rules.digital_link("https://id.gs1.org", gtin=locked.product.code, lot=locked.lot)
    used_up = taken == locked.remaining
    note = (
        _("Used up in processing into %(lot)s")
        if used_up
        else _("Partly used in processing into %(lot)s")
    )
    draft = EventDraft(
        biz_step=BizStep.TRANSFORMING,
        event_at=event_at,
        facility=facility,
        note=note % {"lot": lot},
        event_type="TransformationEvent",
        quantity=given,
        uom=uom,
    )
    _append(actor=actor, batch=locked, draft=draft)
    locked.used_quantity += taken
    fields = ["used_quantity"]
    if used_up:
        locked.consumed_at = timezone.now()
        fields.append("consumed_at")
    locked.save(update_fields=fields)
    return {"epcClass": link, "quantity": rules.quantity_text(given), "uom": uom}


def _transform(
    *,
    actor: Any,
    producer: Producer,
    inputs: Sequence[Batch | InputUse],
    product: Product,
    lot: str,
    quantity: Any,
    uom: str,
    event_at: datetime.datetime,
    facility: Facility | None,
) -> Batch:
    if not inputs:
        raise _invalid("inputs", _("Choose at least one input batch."))
    if product.producer_id != producer.pk:
        raise _invalid("product", _("Choose one of your own products."))
    _require_issuing(product)
    amount, unit = _amount(quantity, "quantity"), _uom(uom, "uom")
    uses = [use if isinstance(use, InputUse) else InputUse(batch=use) for use in inputs]
    items = [
        _use_input(actor, producer, i, use, lot=lot, event_at=event_at, facility=facility)
        for i, use in enumerate(uses)
    ]
    output = _batch_new(
        product=product,
        lot=lot,
        produced_on=timezone.localtime(event_at).date(),
        quantity=amount,
        uom=unit,
    )
    draft = EventDraft(
        biz_step=BizStep.TRANSFORMING,
        event_at=event_at,
        facility=facility,
        inputs=[item["epcClass"] for item in items],
        input_quantities=items,
        quantity=amount,
        uom=unit,
        event_type="TransformationEvent",
    )
    _append(actor=actor, batch=output, draft=draft)
    return output


def batch_transform(
    *,
    actor: Any,
    inputs: Sequence[Batch | InputUse],
    product: Product,
    lot: str,
    quantity: Any,
    uom: str = "KGM",
    event_at: datetime.datetime | None = None,
    facility: Facility | None = None,
) -> Batch:
    """Processing (e.g. 1,000 kg of rice → 2,000 bags of 500 g): each input gives its quantity
    (all that is left by default, in any unit of the same measure), a batch is used up when
    nothing is left, and a new batch of ``product`` is made, its first event naming the inputs
    with their quantities and its own (EPCIS TransformationEvent, inputQuantityList and
    outputQuantityList)."""
    producer = producer_of(actor)
    with transaction.atomic():
        output = _transform(
            actor=actor,
            producer=producer,
            inputs=inputs,
            product=product,
            lot=lot,
            quantity=quantity,
            uom=uom,
            event_at=event_at or timezone.now(),
            facility=facility,
        )
        event_record(
            actor=actor,
            action=A.BATCH_CREATED,
            obj=output,
            changes={
                "lot": output.lot,
                "inputs": [(i.batch if isinstance(i, InputUse) else i).pk for i in inputs],
                "quantity": rules.quantity_text(output.quantity),
                "uom": output.uom,
            },
        )
    return output


def _product_by_code(producer: Producer, code: str) -> Product | None:
    code = (code or "").strip()
    if not code:
        return None
    for product in producer.products.all():
        if code.zfill(14) == product.code:
            return product
    return None


def _date_cell(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def batches_import(*, actor: Any, content: bytes) -> list[Batch]:
    """Many batches from an xlsx sheet (header row, then: product GTIN or platform code, lot,
    production date, quantity, unit). All or nothing: any bad row refuses the file, naming it."""
    producer = producer_of(actor)
    book = xlsx_open(content)
    try:
        rows = list(sheet_rows(book.worksheets[0]))[1 : MAX_IMPORT_ROWS + 2]
    finally:
        book.close()
    if len(rows) > MAX_IMPORT_ROWS:
        raise _invalid("file", _("At most 5000 batches per file."))
    created: list[Batch] = []
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            cells = [*list(row), None, None, None, None, None][:5]
            if all(c in (None, "") for c in cells):
                continue
            product = _product_by_code(producer, str(cells[0] or ""))
            produced_on = _date_cell(cells[2])
            try:
                if product is None:
                    raise _invalid("product", _("No product of yours has this code."))
                if produced_on is None:
                    raise _invalid("produced_on", _("Write the date as dd/mm/yyyy."))
                _require_issuing(product)
                created.append(
                    _batch_new(
                        product=product,
                        lot=str(cells[1] or ""),
                        produced_on=produced_on,
                        quantity=cells[3],
                        uom=str(cells[4] or "KGM"),
                    )
                )
            except TraceError as error:
                message = _("Row %(row)s: %(problem)s") % {"row": number, "problem": error.message}
                raise _invalid("file", message) from error
        if not created:
            raise _invalid("file", _("The sheet has no batches."))
        event_record(
            actor=actor,
            action=A.BATCHES_IMPORTED,
            obj=producer,
            changes={"count": len(created)},
        )
    return created
