"""Choices of agricultural and food traceability (Circular 02/2024/TT-BKHCN; GS1 EPCIS 2.0 and
CBV 2.0; OCOP under Decision 148/QĐ-TTg of 2023)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The kind of the capture jobs of ``egov.jobs`` that EPCIS capture starts.
CAPTURE_JOB_KIND = "traceability.epcis_capture"


class ProducerKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    HOUSEHOLD = "household", _("Household business")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class FacilityKind(models.TextChoices):
    FARM = "farm", _("Farm")
    GROWING_AREA = "growing_area", _("Growing area")
    PACKING_HOUSE = "packing_house", _("Packing house")
    PROCESSING_PLANT = "processing_plant", _("Processing plant")
    SLAUGHTERHOUSE = "slaughterhouse", _("Slaughterhouse")
    SHOP = "shop", _("Shop")


class CertificateKind(models.TextChoices):
    VIETGAP = "vietgap", _("VietGAP")
    ORGANIC = "organic", _("Organic")
    FOOD_SAFETY = "food_safety", _("Food-safety eligibility")
    OCOP = "ocop", _("OCOP")


class ProductCategory(models.TextChoices):
    """The six OCOP product groups of Decision 148/QĐ-TTg (2023)."""

    FOOD = "food", _("Food")
    DRINK = "drink", _("Drinks")
    HERBAL = "herbal", _("Medicinal herbs and herbal products")
    HANDICRAFT = "handicraft", _("Handicrafts")
    ORNAMENTAL = "ornamental", _("Ornamental plants and animals")
    TOURISM = "tourism", _("Community and eco-tourism services")


class BizStep(models.TextChoices):
    """The CBV 2.0 business steps the platform records. CBV has no "harvesting" step: a harvest
    is an ``ObjectEvent`` ADD with ``commissioning`` (shared/domain next-modules e.3)."""

    COMMISSIONING = "commissioning", _("Harvest / production")
    INSPECTING = "inspecting", _("Inspection")
    PACKING = "packing", _("Packing")
    SHIPPING = "shipping", _("Shipping")
    RECEIVING = "receiving", _("Receiving")
    TRANSFORMING = "transforming", _("Processing (inputs to outputs)")
    RETAIL_SELLING = "retail_selling", _("Retail selling")


class UnitOfMeasure(models.TextChoices):
    """The units of measure a batch or an EPCIS quantity is given in: codes of UN/ECE
    Recommendation 20, which EPCIS 2.0 ``uom`` uses (a count of items is ``H87``, piece)."""

    KILOGRAM = "KGM", _("kg")
    GRAM = "GRM", _("g")
    TONNE = "TNE", _("tonne")
    LITRE = "LTR", _("litre")
    MILLILITRE = "MLT", _("ml")
    PIECE = "H87", _("pieces")


class InspectionResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class TraceAuditAction(models.TextChoices):
    """Actions of traceability the audit trail records."""

    PRODUCER_REGISTERED = (
        "traceability.producer_registered",
        pgettext_lazy("audit action", "Producer registered for traceability"),
    )
    PRODUCER_APPROVED = (
        "traceability.producer_approved",
        pgettext_lazy("audit action", "Producer approved"),
    )
    PRODUCER_REFUSED = (
        "traceability.producer_refused",
        pgettext_lazy("audit action", "Producer refused"),
    )
    FACILITY_ADDED = "traceability.facility_added", pgettext_lazy("audit action", "Facility added")
    CERTIFICATE_ADDED = (
        "traceability.certificate_added",
        pgettext_lazy("audit action", "Certificate added"),
    )
    PRODUCT_ADDED = "traceability.product_added", pgettext_lazy("audit action", "Product added")
    PRODUCT_APPROVED = (
        "traceability.product_approved",
        pgettext_lazy("audit action", "Product approved"),
    )
    PRODUCT_REFUSED = (
        "traceability.product_refused",
        pgettext_lazy("audit action", "Product refused"),
    )
    BATCH_CREATED = "traceability.batch_created", pgettext_lazy("audit action", "Batch created")
    BATCHES_IMPORTED = (
        "traceability.batches_imported",
        pgettext_lazy("audit action", "Batches imported"),
    )
    EVENT_RECORDED = (
        "traceability.event_recorded",
        pgettext_lazy("audit action", "Traceability event recorded"),
    )
    EPCIS_CAPTURED = (
        "traceability.epcis_captured",
        pgettext_lazy("audit action", "EPCIS document captured"),
    )
    BATCH_RECALLED = "traceability.batch_recalled", pgettext_lazy("audit action", "Batch recalled")
    PRODUCT_RECALLED = (
        "traceability.product_recalled",
        pgettext_lazy("audit action", "Product recalled"),
    )
    VIOLATION_RECORDED = (
        "traceability.violation_recorded",
        pgettext_lazy("audit action", "Violation recorded"),
    )
