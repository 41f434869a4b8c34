"""Stable codes of the one-stop catalog, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A procedure's level (cấp thực hiện) is the administrative level of the units handling it.
from egov.orgs.choices import Level as Level


class CatalogEra(models.TextChoices):
    """Which structure of local government a published version belongs to.

    The district level was abolished on 1 July 2025 (Resolution 202/2025/QH15), so versions
    published before then name three levels and later ones two.
    """

    THREE_LEVEL = "pre-2025-three-level", _("Before July 2025 (three levels)")
    TWO_LEVEL = "2025-two-level", _("From July 2025 (two levels)")


class Channel(models.TextChoices):
    """How a dossier may be submitted and its result returned (Decree 61/2018 art. 16).

    ``dvcqg_code`` gives the channel code used by the national portal (Cổng DVC quốc gia).
    """

    DIRECT = "direct", _("In person at the one-stop desk")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("By public postal service")

    @property
    def dvcqg_code(self) -> str:
        return {"direct": "1", "online": "2", "postal": "3"}[self.value]


class OnlineLevel(models.TextChoices):
    """Online public service level (Decree 42/2022/NĐ-CP): end-to-end or partial.

    Blank means the source does not say; it is not the same as ``none``.
    """

    FULL = "full", _("Fully online (end-to-end)")
    PARTIAL = "partial", _("Partly online")
    NONE = "none", _("Not online")


class LegacyLevel(models.IntegerChoices):
    """Online service level 1–4 of Decree 43/2011/NĐ-CP art. 3, kept for older records."""

    LEVEL_1 = 1, _("Level 1: information")
    LEVEL_2 = 2, _("Level 2: downloadable forms")
    LEVEL_3 = 3, _("Level 3: online submission and processing")
    LEVEL_4 = 4, _("Level 4: online payment and result")


class CountedFrom(models.TextChoices):
    """The moment the time limit starts (Decree 61/2018 art. 19: a complete, valid dossier)."""

    COMPLETE_VALID_DOSSIER = (
        "receipt_of_complete_valid_dossier",
        _("Receipt of a complete and valid dossier"),
    )
    DOSSIER = "receipt_of_dossier", _("Receipt of the dossier")
    UNSPECIFIED = "unspecified", _("Not specified")


class FeeKind(models.TextChoices):
    """Phí (a fee for a service) and lệ phí (a charge for a state act): Law on Fees 2015."""

    FEE = "fee", _("Fee (phí)")
    CHARGE = "charge", _("Charge (lệ phí)")


class SubmitMode(models.TextChoices):
    """What the applicant does with a paper: hand it in, show it to be checked, or both."""

    SUBMIT = "submit", _("Submit")
    PRESENT = "present", _("Present for checking")
    PRESENT_AND_SUBMIT = "present_and_submit", _("Present the original, submit a copy")


class Confidence(models.TextChoices):
    """How sure the catalog is of a value (the sample's tags; shared/domain [C]/[S]/[U])."""

    HIGH = "high", _("High: read from the official catalog")
    MEDIUM = "medium", _("Medium: secondary source")
    LOW = "low", _("Low: inferred or unconfirmed")
    NONE = "none", _("None: no data")


class FormFieldType(models.TextChoices):
    """Types of the fields of a procedure's application form (the e-form)."""

    TEXT = "text", _("Text")
    TEXTAREA = "textarea", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone number")
    CHOICE = "choice", _("Choice")
    BOOLEAN = "boolean", _("Yes / no")
    FILE = "file", _("File")


class CatalogFormat(models.TextChoices):
    """File formats of catalog import and export."""

    JSON = "json", _("JSON")
    CSV = "csv", _("CSV (UTF-8)")
    XLSX = "xlsx", _("Excel workbook (.xlsx)")


class DossierStatus(models.TextChoices):
    """Where a dossier stands. Codes follow the national portal's TrangThaiHoSo list (shared/domain
    §1.7, secondary source); ``draft`` is ours (not yet submitted, never synchronised).
    Timeliness (early / on time / late) is kept apart from the status."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted online, waiting for the desk")
    RECEIVED = "received", pgettext_lazy("dossier status", "Received")
    REFUSED = "refused", _("Not received")
    PROCESSING = "processing", _("Being processed")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    PAYMENT_REQUESTED = "payment_requested", _("Payment requested")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
    STOPPED = "stopped", _("Processing stopped")
    RESULT_READY = "result_ready", _("Result ready")
    RETURNED = "returned", _("Result returned")

    @property
    def dvcqg_code(self) -> str:
        """The national portal's status code ('' for a draft)."""
        codes = {
            "submitted": "1",
            "received": "2",
            "refused": "3",
            "processing": "4",
            "supplement_requested": "5",
            "payment_requested": "6",
            "withdrawn": "7",
            "stopped": "8",
            "result_ready": "9",
            "returned": "10",
        }
        return codes.get(self.value, "")


OPEN_STATUSES = (
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT_REQUESTED,
    DossierStatus.PAYMENT_REQUESTED,
)


class DossierFileKind(models.TextChoices):
    APPLICATION = "application", _("Application document")
    SUPPLEMENT = "supplement", _("Supplementary document")
    RESULT = "result", _("Result")
    NOTICE = "notice", _("Official form issued")
    # The application form rendered by the platform and signed by the applicant
    # (a remote-signing service, confirmed on their phone).
    SIGNED_APPLICATION = "signed_form", _("Signed application form")


class NoticeKind(models.TextChoices):
    """The official forms of the one-stop desk (TT 01/2018/TT-VPCP art. 9, Mẫu 01–05; the
    2025 set of TT 03/2025/TT-VPCP adds the stop notice)."""

    RECEIPT = "receipt", _("Receipt and appointment (Form 01)")
    SUPPLEMENT = "supplement", _("Request to complete the dossier (Form 02)")
    REFUSAL = "refusal", _("Refusal to receive (Form 03)")
    APOLOGY = "apology", _("Apology and new appointment (Form 04)")
    CONTROL_SHEET = "control_sheet", _("Process control sheet (Form 05)")
    STOP = "stop", _("Notice of stopping (2025 Form 05)")
    DECISION_REFUSAL = "decision_refusal", _("Refusal after appraisal")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation or business")


class FigureGrain(models.TextChoices):
    """How long a figures roll-up row covers: one day, one calendar month or one calendar year
    (its ``day`` is the first day). Any period is read as whole years, whole months and single
    days (``egov.common.periods.period_cover``), so five years read a few rows per unit."""

    DAY = "day", pgettext_lazy("figures grain", "day")
    MONTH = "month", pgettext_lazy("figures grain", "month")
    YEAR = "year", pgettext_lazy("figures grain", "year")


class NationalIntakeState(models.TextChoices):
    """Where a dossier pulled from the national public-service portal stands."""

    REGISTERED = "registered", _("Registered as a dossier")
    UNMAPPED = "unmapped", _("Waiting: procedure not mapped")
    FAILED = "failed", _("Not registered")


class AuditAction(models.TextChoices):
    """Actions of the one-stop shop the audit trail records. Codes of dossiers were once
    ``dossier.*`` too; :data:`AUDIT_ACTIONS_LEGACY` labels those stored entries."""

    DOSSIER_DRAFT_CREATED = (
        "onestop.dossier_draft_created",
        pgettext_lazy("audit action", "Online dossier started"),
    )
    DOSSIER_DRAFT_SAVED = (
        "onestop.dossier_draft_saved",
        pgettext_lazy("audit action", "Draft dossier saved"),
    )
    DOSSIER_FILE_ADDED = (
        "onestop.dossier_file_added",
        pgettext_lazy("audit action", "Document attached to the dossier"),
    )
    DOSSIER_FILE_REMOVED = (
        "onestop.dossier_file_removed",
        pgettext_lazy("audit action", "Document removed from the dossier"),
    )
    DOSSIER_APPLICATION_SIGNED = (
        "onestop.dossier_application_signed",
        pgettext_lazy("audit action", "Application form signed by the applicant"),
    )
    DOSSIER_SUBMITTED = (
        "onestop.dossier_submitted",
        pgettext_lazy("audit action", "Dossier submitted online"),
    )
    DOSSIER_FROM_NATIONAL_PORTAL = (
        "onestop.dossier_from_national_portal",
        pgettext_lazy("audit action", "Dossier received from the national public-service portal"),
    )
    NATIONAL_PROCEDURE_MAPPED = (
        "onestop.national_procedure_mapped",
        pgettext_lazy("audit action", "National procedure code mapped to a city procedure"),
    )
    DOSSIER_WITHDRAWN = (
        "onestop.dossier_withdrawn",
        pgettext_lazy("audit action", "Dossier withdrawn"),
    )
    DOSSIER_REGISTERED = (
        "onestop.dossier_registered",
        pgettext_lazy("audit action", "Dossier entered at the desk"),
    )
    DOSSIER_RECEIVED = "onestop.dossier_received", pgettext_lazy("audit action", "Dossier received")
    DOSSIER_COMPLETION_REQUESTED = (
        "onestop.dossier_completion_requested",
        pgettext_lazy("audit action", "Applicant told how to complete the dossier"),
    )
    DOSSIER_REFUSED_AT_DESK = (
        "onestop.dossier_refused_at_desk",
        pgettext_lazy("audit action", "Receipt refused"),
    )
    DOSSIER_FORWARDED = (
        "onestop.dossier_forwarded",
        pgettext_lazy("audit action", "Dossier forwarded for processing"),
    )
    DOSSIER_SENT_BACK = (
        "onestop.dossier_sent_back",
        pgettext_lazy("audit action", "Dossier sent back"),
    )
    DOSSIER_HANDED_OVER = (
        "onestop.dossier_handed_over",
        pgettext_lazy("audit action", "Dossier handed over to another unit"),
    )
    DOSSIER_SUPPLEMENT_REQUESTED = (
        "onestop.dossier_supplement_requested",
        pgettext_lazy("audit action", "Supplement requested"),
    )
    DOSSIER_SUPPLEMENT_RECEIVED = (
        "onestop.dossier_supplement_received",
        pgettext_lazy("audit action", "Supplement received"),
    )
    DOSSIER_APOLOGIZED = (
        "onestop.dossier_apologized",
        pgettext_lazy("audit action", "Apology letter sent and new date set"),
    )
    DOSSIER_REFUSED = (
        "onestop.dossier_refused",
        pgettext_lazy("audit action", "Dossier refused with reasons"),
    )
    DOSSIER_RESULT_RECORDED = (
        "onestop.dossier_result_recorded",
        pgettext_lazy("audit action", "Result ready"),
    )
    DOSSIER_RESULT_SENT_TO_PERSONAL_STORE = (
        "onestop.dossier_result_sent_to_personal_store",
        pgettext_lazy("audit action", "Result sent to the applicant's personal data store"),
    )
    DOSSIER_RETURNED = (
        "onestop.dossier_returned",
        pgettext_lazy("audit action", "Result returned to the applicant"),
    )
    DOSSIER_PAYMENT_RECORDED = (
        "onestop.dossier_payment_recorded",
        pgettext_lazy("audit action", "Fee payment recorded"),
    )
    DOSSIER_RATED = "onestop.dossier_rated", pgettext_lazy("audit action", "Service rated")
    DOSSIERS_IMPORTED = (
        "onestop.dossiers_imported",
        pgettext_lazy("audit action", "Dossiers imported from a file"),
    )
    FIELD_CREATED = (
        "onestop.field_created",
        pgettext_lazy("audit action", "Field added to the catalog"),
    )
    FIELD_RENAMED = "onestop.field_renamed", pgettext_lazy("audit action", "Field renamed")
    PROCEDURE_CREATED = (
        "onestop.procedure_created",
        pgettext_lazy("audit action", "Procedure added to the catalog"),
    )
    PROCEDURE_UPDATED = (
        "onestop.procedure_updated",
        pgettext_lazy("audit action", "Procedure updated"),
    )
    PROCEDURE_VERSION_CREATED = (
        "onestop.procedure_version_created",
        pgettext_lazy("audit action", "New procedure version drafted"),
    )


# Codes stored before the names were declared, and the codes that replaced them.
AUDIT_ACTIONS_LEGACY: dict[str, str] = {
    "dossier.draft_created": AuditAction.DOSSIER_DRAFT_CREATED,
    "dossier.draft_saved": AuditAction.DOSSIER_DRAFT_SAVED,
    "dossier.file_added": AuditAction.DOSSIER_FILE_ADDED,
    "dossier.file_removed": AuditAction.DOSSIER_FILE_REMOVED,
    "dossier.submitted": AuditAction.DOSSIER_SUBMITTED,
    "dossier.withdrawn": AuditAction.DOSSIER_WITHDRAWN,
    "dossier.payment_recorded": AuditAction.DOSSIER_PAYMENT_RECORDED,
    "dossier.rated": AuditAction.DOSSIER_RATED,
}
