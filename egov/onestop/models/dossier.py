"""Dossiers (hồ sơ) of administrative procedures and what hangs on them: files, official forms
issued, payments, ratings, and the locked counter behind dossier codes.

A dossier pins the procedure version and the rule set in force when it was received; its
processing runs on a ``workflow.ProcessInstance`` (``process``). Three org references are kept
apart (Decree 118/2025): where the applicant was helped, which desk received the dossier, and
the competent authority that decides it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.documents.choices import SigningMethod
from egov.onestop.choices import (
    ApplicantKind,
    Channel,
    DossierFileKind,
    DossierStatus,
    NoticeKind,
)
from egov.workflow.choices import Timeliness


class DossierQuerySet(models.QuerySet):
    def open(self) -> DossierQuerySet:
        from egov.onestop.choices import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)

    def of_applicant(self, user: object) -> DossierQuerySet:
        return self.filter(applicant=user)


class Dossier(models.Model):
    """One application for one administrative procedure, from draft to returned result."""

    code = models.CharField(_("dossier code"), max_length=40, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        "onestop.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    ruleset = models.ForeignKey(
        "onestop.RuleSet",
        verbose_name=_("rules applied"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=25,
        choices=DossierStatus.choices,
        default=DossierStatus.DRAFT,
        db_index=True,
    )
    # The applicant: an account when they have one, and always the details as given.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applicant_kind = models.CharField(
        _("applicant type"),
        max_length=15,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("applicant name"), max_length=200)
    applicant_id_number = models.CharField(_("citizen ID or tax code"), max_length=14)
    applicant_phone = models.CharField(_("phone number"), max_length=15, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    form_data = models.JSONField(_("application form"), default=dict, blank=True)
    # Which values of the form came from a national database and still stand as given:
    # {"source": connector code, "at": ISO time, "call": the connector call's id,
    #  "fields": {field name: value}} (empty: typed by the applicant).
    prefilled = models.JSONField(_("filled from national databases"), default=dict, blank=True)
    # The applicant's own signature of the application form (a DossierFile of kind
    # "signed_form"): when, and how ("remote": from their phone through a certification
    # authority's remote-signing service; documents' SigningMethod codes). Empty: not signed.
    application_signed_at = models.DateTimeField(_("application signed at"), null=True, blank=True)
    application_signing_method = models.CharField(
        _("application signed"),
        max_length=10,
        choices=SigningMethod.choices,
        blank=True,
        default="",
        db_default="",  # bulk COPY paths (the legacy import, the benchmark) need not name it
    )
    copies_count = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    # Where: support point, receiving desk, competent authority (Decree 118/2025).
    support_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("support point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receiving_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("receiving desk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    competent_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("competent authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    process = models.OneToOneField(
        "workflow.ProcessInstance",
        verbose_name=_("processing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # When: stored moments (UTC); the due moment keeps the calendar version it came from.
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("appointment for the result"), null=True, blank=True, db_index=True
    )
    calendar_version = models.CharField(_("calendar version"), max_length=40, blank=True)
    finished_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    timeliness = models.CharField(
        _("timeliness"), max_length=10, choices=Timeliness.choices, blank=True
    )
    result_note = models.TextField(_("result / reason"), blank=True)
    # NULL, not "", for dossiers registered without a key: the unique constraint ignores NULLs.
    idempotency_key = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    # What the key was used for (sha256 of the request: the draft and the unit chosen), so a
    # reuse for another request is told apart from a repeat; the key is released after
    # ``idempotency_expires_at`` (EGOV_IDEMPOTENCY_KEY_HOURS after the submission).
    idempotency_request_hash = models.CharField(max_length=64, blank=True, editable=False)
    idempotency_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_text = models.CharField(max_length=500, editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="unique_dossier_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["competent_unit", "status"]),
            models.Index(fields=["receiving_unit", "status"]),
            # Day ranges read by the figures refresh (models/figures.py).
            models.Index(fields=["received_at"], name="onestop_dossier_received_at"),
            models.Index(fields=["finished_at"], name="onestop_dossier_finished_at"),
            models.Index(fields=["returned_at"], name="onestop_dossier_returned_at"),
        ]

    def __str__(self) -> str:
        return self.code or _("Draft #%(id)s") % {"id": self.pk}


class DossierFile(models.Model):
    """A file of a dossier. The content type is sniffed from the bytes, never trusted."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=15, choices=DossierFileKind.choices)
    required_document = models.ForeignKey(
        "onestop.RequiredDocument",
        verbose_name=_("required document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="dossiers/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Decision 766/QĐ-TTg 4.4: a component taken from the applicant's personal data store on
    # the national portal (DuocLayTuKhoDMQG = 1), with the store's code of the paper.
    personal_store_code = models.CharField(
        _("code in the personal data store"), max_length=60, blank=True
    )
    # ... or an e-result put into that store (Decree 45/2020/NĐ-CP art. 16).
    personal_store_pushed_at = models.DateTimeField(
        _("sent to the personal data store at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["dossier", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_from_personal_store(self) -> bool:
        return bool(self.personal_store_code)


class DossierNotice(models.Model):
    """An official form issued for a dossier (receipt, supplement request, refusal, apology...),
    with the reason and, for an apology, the new appointment."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("form"), max_length=20, choices=NoticeKind.choices)
    reason = models.TextField(_("reason / content"), blank=True)
    new_due_at = models.DateTimeField(_("new appointment"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("official form issued")
        verbose_name_plural = _("official forms issued")
        ordering = ["dossier", "issued_at"]
        indexes = [
            # Refusals of a day, read by the figures refresh (models/figures.py).
            models.Index(fields=["kind", "issued_at"], name="onestop_notice_kind_issued"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.dossier}"


class DossierPayment(models.Model):
    """A fee or charge paid for a dossier; the receipt is recorded (a gateway comes later)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="payments")
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    receipt_number = models.CharField(_("receipt number"), max_length=50)
    method = models.CharField(_("method"), max_length=30)
    paid_at = models.DateTimeField(_("paid at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "receipt_number"], name="unique_payment_receipt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} ({self.amount_vnd})"


class DossierRating(models.Model):
    """The applicant's satisfaction rating after the result (one per dossier)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [
            # Ratings of a day, read by the figures refresh (models/figures.py).
            models.Index(fields=["rated_at"], name="onestop_rating_rated_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="rating_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.score}"


class DossierCodeCounter(models.Model):
    """The day's sequence per receiving agency for dossier codes (TT 01/2018 art. 19):
    a locked counter row, never ``max()+1``."""

    agency_code = models.CharField(max_length=35)
    day = models.DateField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dossier code counter")
        verbose_name_plural = _("dossier code counters")
        constraints = [
            models.UniqueConstraint(fields=["agency_code", "day"], name="unique_code_counter")
        ]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.day}: {self.last_sequence}"
