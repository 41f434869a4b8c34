"""Writes of traceability's master data and oversight: producers register (business accounts),
add facilities, certificates and products; officers of the producer's area approve or refuse
them, recall batches and record violations. Each service is one transaction with its audit
entry. Events, batches and EPCIS capture are in ``services_events``."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import router, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.common.files import JPEG, PDF, PNG, accepting, file_check
from egov.common.validation import require_text
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.traceability import rules
from egov.traceability.choices import CertificateKind
from egov.traceability.choices import TraceAuditAction as A
from egov.traceability.exceptions import TraceError
from egov.traceability.models import (
    Batch,
    Certificate,
    Facility,
    Producer,
    Product,
    ScanCount,
    Violation,
)

SCAN_KINDS = accepting({PDF, JPEG, PNG}, _("Attach the scan as a PDF, JPEG or PNG file."))
IMAGE_KINDS = accepting({JPEG, PNG}, _("Attach the image as a JPEG or PNG file."))


def _invalid(field: str, message: str) -> TraceError:
    return TraceError(message, fields={field: message})


def producer_of(actor: Any) -> Producer:
    """The producer of a business account; anyone else is refused."""
    producer = (
        Producer.objects.filter(account_id=getattr(actor, "pk", None)).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if producer is None:
        raise PermissionDenied(_("Only a registered producer can do this."))
    return producer


def require_overseer(actor: Any, producer: Producer) -> None:
    """Refuse anyone but an officer acting for the producer's address unit or a unit above."""
    if not getattr(actor, "is_officer", False) or not can_act_for_unit(actor, producer.unit):
        raise PermissionDenied(_("Only an officer of the producer's area can do this."))


def _gln_check(gln: str) -> str:
    gln = (gln or "").strip()
    if gln and not rules.gln_valid(gln):
        raise _invalid("gln", _("The GLN must be 13 digits with a correct check digit."))
    return gln


def _stored(upload: bytes | IO[bytes] | None, accept: Any, field: str) -> ContentFile | None:
    """An upload through the one file intake, as content to save, or None."""
    if upload is None:
        return None
    checked = file_check(upload, accept=accept, field=field)
    content = upload if isinstance(upload, bytes) else upload.read()
    return ContentFile(content, name=f"{checked.sha256[:16]}.{checked.extension}")


def producer_register(
    *, actor: Any, name: str, kind: str, unit: OrgUnit, address: str, gln: str = ""
) -> Producer:
    """Register the actor's business account as a producer, waiting for approval."""
    if getattr(actor, "kind", None) != "business":
        raise PermissionDenied(_("Register as a business account (with a tax code) first."))
    if Producer.objects.filter(account=actor).exists():
        raise _invalid("name", _("This account is already registered as a producer."))
    with transaction.atomic():
        producer = Producer.objects.create(
            account=actor,
            name=require_text(name, "name"),
            kind=kind,
            tax_code=actor.tax_code,
            unit=unit,
            address=require_text(address, "address"),
            gln=_gln_check(gln),
            registered_at=timezone.now(),
        )
        event_record(
            actor=actor,
            action=A.PRODUCER_REGISTERED,
            obj=producer,
            changes={"name": producer.name, "unit": unit.pk},
        )
    return producer


def _decide(actor: Any, row: Producer | Product, *, approve: bool, reason: str) -> None:
    name = "approve" if approve else "refuse"
    target = rules.APPROVAL_TRANSITIONS.target(name, row.status)
    row.status, row.decided_by, row.decided_at = target, actor, timezone.now()
    fields = ["status", "decided_by", "decided_at"]
    if isinstance(row, Producer):
        row.refusal_reason = "" if approve else require_text(reason, "reason")
        fields.append("refusal_reason")
    elif not approve:
        require_text(reason, "reason")
    row.save(update_fields=fields)


def producer_decide(*, actor: Any, producer: Producer, approve: bool, reason: str = "") -> Producer:
    """An officer of the area approves the producer (it may then issue codes) or refuses it."""
    require_overseer(actor, producer)
    with transaction.atomic():
        locked = Producer.objects.select_for_update().get(pk=producer.pk)
        _decide(actor, locked, approve=approve, reason=reason)
        action = A.PRODUCER_APPROVED if approve else A.PRODUCER_REFUSED
        event_record(actor=actor, action=action, obj=locked, changes={"reason": reason})
    return locked


def facility_add(
    *,
    actor: Any,
    name: str,
    kind: str,
    code: str = "",
    gln: str = "",
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> Facility:
    """Add a facility to the actor's producer."""
    producer = producer_of(actor)
    with transaction.atomic():
        facility = Facility.objects.create(
            producer=producer,
            name=require_text(name, "name"),
            kind=kind,
            code=(code or "").strip(),
            gln=_gln_check(gln),
            address=(address or "").strip(),
            latitude=latitude,
            longitude=longitude,
        )
        event_record(
            actor=actor, action=A.FACILITY_ADDED, obj=facility, changes={"name": facility.name}
        )
    return facility


def certificate_add(
    *,
    actor: Any,
    kind: str,
    number: str,
    issuer: str,
    valid_from: datetime.date,
    valid_until: datetime.date,
    product: Product | None = None,
    stars: int | None = None,
    year: int | None = None,
    scan: bytes | IO[bytes] | None = None,
) -> Certificate:
    """Add a certificate (with its scan through the file intake) to the actor's producer."""
    producer = producer_of(actor)
    if product is not None and product.producer_id != producer.pk:
        raise _invalid("product", _("Choose one of your own products."))
    if valid_until < valid_from:
        raise _invalid("valid_until", _("The end of validity is before its start."))
    if kind == CertificateKind.OCOP and not (stars and 1 <= stars <= 5 and year):
        raise _invalid("stars", _("An OCOP certificate needs its stars (1 to 5) and year."))
    content = _stored(scan, SCAN_KINDS, "scan")
    with transaction.atomic():
        certificate = Certificate(
            producer=producer,
            product=product,
            kind=kind,
            number=require_text(number, "number"),
            issuer=require_text(issuer, "issuer"),
            stars=stars if kind == CertificateKind.OCOP else None,
            year=year,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        if content is not None:
            certificate.scan.save(content.name, content, save=False)
        certificate.save()
        _public_changed(producer)
        event_record(
            actor=actor,
            action=A.CERTIFICATE_ADDED,
            obj=certificate,
            changes={"kind": kind, "number": certificate.number},
        )
    return certificate


def product_add(
    *,
    actor: Any,
    name: str,
    category: str,
    gtin: str = "",
    ocop_stars: int | None = None,
    description: str = "",
    image: bytes | IO[bytes] | None = None,
) -> Product:
    """Add a product, waiting for approval: its own GTIN (check digit validated) or, without
    one, a 13-digit code the platform assigns under ``EGOV_TRACE_PLATFORM_PREFIX``."""
    producer = producer_of(actor)
    gtin = (gtin or "").strip()
    if gtin and not rules.gtin_valid(gtin):
        raise _invalid(
            "gtin", _("The GTIN must be 8, 12, 13 or 14 digits with a correct check digit.")
        )
    if gtin and Product.objects.filter(gtin=gtin).exists():
        raise _invalid("gtin", _("Another product already has this GTIN."))
    if ocop_stars is not None and not 1 <= ocop_stars <= 5:
        raise _invalid("ocop_stars", _("OCOP stars are 1 to 5."))
    content = _stored(image, IMAGE_KINDS, "image")
    with transaction.atomic():
        product = Product(
            producer=producer,
            name=require_text(name, "name"),
            category=category,
            gtin=gtin,
            ocop_stars=ocop_stars,
            description=(description or "").strip(),
            created_at=timezone.now(),
        )
        if content is not None:
            product.image.save(content.name, content, save=False)
        product.save()
        if not gtin:
            prefix = settings.EGOV_TRACE_PLATFORM_PREFIX
            body = prefix + str(product.pk).zfill(12 - len(prefix))
            product.platform_code = body + str(rules.check_digit(body))
            product.save(update_fields=["platform_code"])
        event_record(
            actor=actor,
            action=A.PRODUCT_ADDED,
            obj=product,
            changes={"name": product.name, "code": product.code},
        )
    return product


def product_decide(*, actor: Any, product: Product, approve: bool, reason: str = "") -> Product:
    """An officer of the producer's area approves the product (batches may then be issued
    codes) or refuses it with a reason."""
    require_overseer(actor, product.producer)
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        _decide(actor, locked, approve=approve, reason=reason)
        action = A.PRODUCT_APPROVED if approve else A.PRODUCT_REFUSED
        event_record(actor=actor, action=action, obj=locked, changes={"reason": reason})
    return locked


def batch_recall(*, actor: Any, batch: Batch, reason: str) -> Batch:
    """An officer of the area recalls a batch: its scan page warns at once. Recalling twice
    changes nothing (a double click)."""
    require_overseer(actor, batch.product.producer)
    reason = require_text(reason, "reason")
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        if locked.recalled_at is not None:
            return locked
        locked.recalled_at, locked.recalled_by, locked.recall_reason = timezone.now(), actor, reason
        locked.save(update_fields=["recalled_at", "recalled_by", "recall_reason"])
        event_record(actor=actor, action=A.BATCH_RECALLED, obj=locked, changes={"reason": reason})
    return locked


def product_recall(*, actor: Any, product: Product, reason: str, lots: str = "") -> list[Batch]:
    """An officer of the area recalls every lot of a product, or the lots listed (separated
    by commas or spaces): every scan page of those lots warns at once, each lot's recall and
    the product's are audited, and the producer holding them is told. Lots recalled already
    are left as they are; a second click recalls nothing and tells no one."""
    require_overseer(actor, product.producer)
    reason = require_text(reason, "reason")
    wanted = sorted({lot for lot in lots.replace(",", " ").split() if lot})
    with transaction.atomic():
        rows = Batch.objects.select_for_update().filter(product=product)
        if wanted:
            found = set(rows.filter(lot__in=wanted).values_list("lot", flat=True))
            missing = [lot for lot in wanted if lot not in found]
            if missing:
                message = _("This product has no lot %(lots)s.") % {"lots": ", ".join(missing)}
                raise _invalid("lots", message)
            rows = rows.filter(lot__in=wanted)
        batches = list(rows.filter(recalled_at__isnull=True).order_by("lot"))
        if not batches:
            return []
        now = timezone.now()
        for batch in batches:
            batch.recalled_at, batch.recalled_by, batch.recall_reason = now, actor, reason
            batch.save(update_fields=["recalled_at", "recalled_by", "recall_reason"])
            event_record(
                actor=actor, action=A.BATCH_RECALLED, obj=batch, changes={"reason": reason}
            )
        recalled = [batch.lot for batch in batches]
        event_record(
            actor=actor,
            action=A.PRODUCT_RECALLED,
            obj=product,
            changes={"lots": recalled, "reason": reason},
        )
        _recall_notify(product, recalled, reason)
    return batches


def _recall_notify(product: Product, lots: list[str], reason: str) -> None:
    """Tell the producer holding the recalled lots (in its notification centre and by
    e-mail, after commit)."""
    account = product.producer.account
    subject = _("Recall of %(product)s") % {"product": product.name}
    body = _(
        "The food-safety authority recalled these lots of %(product)s: %(lots)s. Reason: "
        "%(reason)s. Stop selling them and take them back from your buyers."
    ) % {"product": product.name, "lots": ", ".join(lots), "reason": reason}
    notification_send(
        recipient=account,
        channel=NotificationChannel.EMAIL,
        subject=subject,
        body=body,
        link=reverse("traceability:producer-home"),
        obj=product,
    )


def _public_changed(producer: Producer) -> None:
    """A certificate or violation of the producer changed: scan pages read them afresh."""
    Producer.objects.filter(pk=producer.pk).update(public_version=F("public_version") + 1)


def violation_record(
    *,
    actor: Any,
    producer: Producer,
    found_on: datetime.date,
    description: str,
    penalty: str = "",
    batch: Batch | None = None,
) -> Violation:
    """An officer of the area records a violation; it is published on the public list."""
    require_overseer(actor, producer)
    if batch is not None and batch.product.producer_id != producer.pk:
        raise _invalid("batch", _("This batch belongs to another producer."))
    if found_on > timezone.localdate():
        raise _invalid("found_on", _("The date cannot be in the future."))
    with transaction.atomic():
        violation = Violation.objects.create(
            producer=producer,
            batch=batch,
            found_on=found_on,
            description=require_text(description, "description"),
            penalty=(penalty or "").strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        _public_changed(producer)
        event_record(
            actor=actor,
            action=A.VIOLATION_RECORDED,
            obj=violation,
            changes={"producer": producer.pk, "found_on": found_on},
        )
    return violation


def scan_count(*, product: Product, unit_id: int) -> None:
    """Count one consumer scan of a product today (an upsert with ``F()``: no lost counts).

    Every person's scan writes this count, so the public page would wait for a disk flush on
    every scan (its slowest step, issue 21). On PostgreSQL the count's own transaction
    commits without that wait (``SET LOCAL synchronous_commit TO OFF``, only for this
    transaction; :func:`_unflushed_commit`). A crash of the database server may lose the
    counts committed in its last moments (at most three times ``wal_writer_delay``, 0.6 s by
    default); it never corrupts a count or applies half a transaction, and every other write
    of the platform still waits for its flush. An oversight indicator can lose that much;
    a recall or an event cannot, and they are not written here."""
    day = timezone.localdate()
    with _unflushed_commit(router.db_for_write(ScanCount)):
        updated = ScanCount.objects.filter(product=product, day=day).update(count=F("count") + 1)
        if not updated:
            _row, created = ScanCount.objects.get_or_create(
                product=product, day=day, defaults={"unit_id": unit_id, "count": 1}
            )
            if not created:
                ScanCount.objects.filter(product=product, day=day).update(count=F("count") + 1)


@contextlib.contextmanager
def _unflushed_commit(using: str) -> Iterator[None]:
    """On PostgreSQL, outside any transaction: the writes of the block in one transaction that
    commits without waiting for its WAL flush. Elsewhere, or inside a caller's transaction
    (whose other writes keep their durability), the block runs as it is."""
    connection = transaction.get_connection(using)
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
