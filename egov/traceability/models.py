"""Tables of traceability: producers (business accounts) with their facilities and
certificates, products (GTIN or a platform code, OCOP stars), batches (lots), the EPCIS events
of each batch chained by hash, violations published by officers, and scan counts per day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.traceability.choices import (
    ApprovalStatus,
    BizStep,
    CertificateKind,
    FacilityKind,
    InspectionResult,
    ProducerKind,
    ProductCategory,
    UnitOfMeasure,
)
from egov.traceability.rules import quantity_trim

USER = settings.AUTH_USER_MODEL


class Producer(models.Model):
    """A producer or trader (enterprise, cooperative, household) on the platform: a business
    account, its address unit in the org tree (whose officers oversee it) and its approval."""

    account = models.OneToOneField(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("account")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ProducerKind.choices)
    tax_code = models.CharField(_("tax code"), max_length=14)
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("address unit")
    )
    address = models.CharField(_("address"), max_length=300)
    gln = models.CharField(_("GLN"), max_length=13, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason refused"), max_length=500, blank=True)
    registered_at = models.DateTimeField(_("registered at"))
    # Raised by every write of what the public scan page shows of the producer (certificates,
    # violations), so that the page may keep those in memory: ``selectors.producer_public``.
    public_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    def __str__(self) -> str:
        return self.name


class Facility(models.Model):
    """A place of a producer where events happen: farm, growing area or packing house (with the
    code the agriculture authority gave it), processing plant, slaughterhouse, shop."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="facilities")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("facility kind"), max_length=20, choices=FacilityKind.choices)
    code = models.CharField(
        _("area or facility code"),
        max_length=40,
        blank=True,
        help_text=_("The growing-area or packing-house code, where the facility has one."),
    )
    gln = models.CharField(_("GLN"), max_length=13, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """A product of a producer: GTIN where it has one (check digit validated), else the platform
    code; OCOP stars; approved by an officer before batches (codes) can be issued."""

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=12, choices=ProductCategory.choices)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    platform_code = models.CharField(_("platform code"), max_length=14, blank=True)
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    image = models.FileField(_("image"), upload_to="traceability/products/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=1, ocop_stars__lte=5),
                name="trace_product_stars_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["gtin"], condition=~Q(gtin=""), name="trace_product_gtin_unique"
            ),
        ]
        # the resolver finds a product by its GTIN or its platform code: both by index (the
        # scan page, the most-hit public page, read the whole table without it)
        indexes = [
            models.Index(
                fields=["platform_code"],
                condition=~Q(platform_code=""),
                name="trace_product_platform_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        """The GTIN-14 a Digital Link carries (a GTIN or the platform-assigned code)."""
        return (self.gtin or self.platform_code).zfill(14)


class Certificate(models.Model):
    """A certificate of a producer (or of one product): VietGAP, organic, food-safety
    eligibility, OCOP with stars and year; number, issuer, validity and the scan."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="certificates")
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, null=True, blank=True, related_name="certificates"
    )
    kind = models.CharField(_("certificate"), max_length=12, choices=CertificateKind.choices)
    number = models.CharField(_("number"), max_length=60)
    issuer = models.CharField(_("issued by"), max_length=200)
    stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    scan = models.FileField(_("scan"), upload_to="traceability/certificates/", blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day <= self.valid_until


class Batch(models.Model):
    """A lot of a product (GS1 AI 10): its production date, quantity and unit, the recall."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="batches")
    lot = models.CharField(_("lot number"), max_length=20)
    produced_on = models.DateField(_("production date"))
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    uom = models.CharField(
        _("unit of measure"), max_length=10, choices=UnitOfMeasure.choices, default="KGM"
    )
    used_quantity = models.DecimalField(
        _("quantity used in processing"), max_digits=14, decimal_places=3, default=0
    )
    created_at = models.DateTimeField(_("created at"))
    consumed_at = models.DateTimeField(_("used up in processing at"), null=True, blank=True)
    recalled_at = models.DateTimeField(_("recalled at"), null=True, blank=True)
    recall_reason = models.CharField(_("reason for the recall"), max_length=500, blank=True)
    recalled_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        constraints = [
            models.UniqueConstraint(fields=["product", "lot"], name="trace_batch_lot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.lot}"

    @property
    def remaining(self) -> Decimal:
        """What is left of the batch for processing, in its own unit."""
        return self.quantity - self.used_quantity


class Event(models.Model):
    """One EPCIS 2.0 event of a batch (CBV business step), with where, when and who, and the
    integrity hash sealing it to the previous event of the batch (``previous_hash``)."""

    # No index of its own: the unique (batch, sequence) index serves every lookup by batch.
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    sequence = models.PositiveIntegerField(_("number in the batch"))
    event_type = models.CharField(_("EPCIS event type"), max_length=24, default="ObjectEvent")
    action = models.CharField(_("EPCIS action"), max_length=8, blank=True)
    biz_step = models.CharField(_("business step"), max_length=16, choices=BizStep.choices)
    event_at = models.DateTimeField(_("event time"))
    recorded_at = models.DateTimeField(_("recorded at"))
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(
        _("inspection result"), max_length=8, choices=InspectionResult.choices, blank=True
    )
    inspection_body = models.CharField(_("inspecting body"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    inputs = models.JSONField(_("inputs"), default=list, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    uom = models.CharField(
        _("unit of measure"), max_length=3, choices=UnitOfMeasure.choices, blank=True
    )
    input_quantities = models.JSONField(_("input quantities"), default=list, blank=True)
    destination = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shipped to"),
        help_text=_("The producer or shop a shipment goes to (EPCIS destination, owning party)."),
    )
    # Unique by a constraint, not ``unique=True``: on PostgreSQL the latter adds a second
    # (LIKE-pattern) index that no query uses and every capture must write.
    event_id = models.CharField(_("EPCIS event ID"), max_length=120)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(_("integrity hash"), max_length=64)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["batch", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "sequence"], name="trace_event_sequence"),
            models.UniqueConstraint(fields=["event_id"], name="trace_event_id_unique"),
        ]
        indexes = [models.Index(fields=["biz_step", "event_at"], name="trace_event_step_time")]

    def __str__(self) -> str:
        return f"{self.batch} #{self.sequence} {self.biz_step}"

    def content(self) -> dict[str, object]:
        """What the integrity hash covers: every column a reader relies on. The quantities of
        a processing step and the destination of a shipment are covered only where the event
        has them, so that events recorded before they existed keep their hashes."""
        content: dict[str, object] = {
            "batch": self.batch_id,
            "sequence": self.sequence,
            "type": self.event_type,
            "action": self.action,
            "bizStep": self.biz_step,
            "eventTime": self.event_at.astimezone(datetime.UTC).isoformat(),
            "facility": self.facility_id,
            "recordedBy": self.recorded_by_id,
            "result": self.result,
            "inspectionBody": self.inspection_body,
            "note": self.note,
            "inputs": self.inputs,
        }
        if self.quantity is not None:
            content["quantity"] = format(Decimal(self.quantity).quantize(Decimal("0.001")), "f")
            content["uom"] = self.uom
        if self.input_quantities:
            content["inputQuantities"] = self.input_quantities
        if self.destination_id is not None:
            content["destination"] = self.destination_id
        return content

    @property
    def quantity_shown(self) -> Decimal | None:
        return None if self.quantity is None else quantity_trim(Decimal(self.quantity))

    def input_lines(self) -> list[dict[str, object]]:
        """The inputs of a processing step as the timeline shows them: each lot's link with
        the quantity used, where it was recorded."""
        if self.input_quantities:
            return [
                {
                    **item,
                    "shown": quantity_trim(Decimal(item["quantity"])),
                    "uom_label": UnitOfMeasure(item["uom"]).label,
                }
                for item in self.input_quantities
            ]
        return [{"epcClass": link} for link in self.inputs]


class Violation(models.Model):
    """A violation an officer found at a producer, published on the public list."""

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="violations")
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, null=True, blank=True, related_name="violations"
    )
    found_on = models.DateField(_("found on"))
    description = models.TextField(_("violation"))
    penalty = models.CharField(_("measure taken"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")

    def __str__(self) -> str:
        return f"{self.producer} {self.found_on}"


class ScanCount(models.Model):
    """Consumer scans of a product's pages per day, kept under the producer's unit (the count of
    scans is an indicator). Incremented with ``F()``, one row per product and day; on
    PostgreSQL committed without waiting for the WAL flush (``services.scan_count``: a crash
    may lose the last fraction of a second of counts, never corrupts them)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("scan count")
        verbose_name_plural = _("scan counts")
        constraints = [
            models.UniqueConstraint(fields=["product", "day"], name="trace_scan_product_day")
        ]
        indexes = [models.Index(fields=["unit", "day"], name="trace_scan_unit_day")]

    def __str__(self) -> str:
        return f"{self.product_id} {self.day}: {self.count}"
