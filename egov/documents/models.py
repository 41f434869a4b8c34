"""The one document model of the platform: outgoing and incoming official documents, their
files, links, recipients, handling assignments, named readers and number registers.

Directives, meetings and reports hang their documents here (one ``Document`` table).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.documents.choices import (
    Channel,
    Direction,
    DocumentStatus,
    FileKind,
    HandlingRole,
    LinkKind,
    NumberSeries,
    RecipientStatus,
    Secrecy,
    SignatureStatus,
    SigningAuthority,
    SigningMethod,
    Urgency,
)


class DocumentType(models.Model):
    """A document type and its abbreviation (Decree 30/2020 art. 7, Appendix III).
    ``abbreviation`` is empty for a công văn, whose notation names the drafting unit instead."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=10, blank=True)
    is_legal_normative = models.BooleanField(_("legal normative document"), default=False)
    assigns_tasks = models.BooleanField(
        _("may assign tasks"),
        default=False,
        help_text=_("Directives of this type feed the task tracker."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    decree_number = models.PositiveSmallIntegerField(
        _("number in Decree 30"),
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "The type's place in the list of Decree 30/2020 art. 7 (18 = công văn), the code "
            "edXML packages carry in DocumentType/Type."
        ),
    )

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_letter(self) -> bool:
        """A công văn: no type abbreviation, a "V/v" line instead of a type heading."""
        return not self.abbreviation


class NumberRegister(models.Model):
    """A unit's numbering register for one series and one calendar year: a locked counter row,
    never ``max()+1``, so two clerks issuing at the same second get consecutive numbers."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    series = models.CharField(_("series"), max_length=10, choices=NumberSeries.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number register")
        verbose_name_plural = _("number registers")
        constraints = [
            models.UniqueConstraint(fields=["unit", "series", "year"], name="documents_register"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.series} {self.year}: {self.last_number}"


class DocumentQuerySet(models.QuerySet):
    def outgoing(self) -> DocumentQuerySet:
        return self.filter(direction=Direction.OUTGOING)

    def incoming(self) -> DocumentQuerySet:
        return self.filter(direction=Direction.INCOMING)

    def issued(self) -> DocumentQuerySet:
        """Outgoing documents that carry a number (issued, or issued then recalled)."""
        return self.outgoing().filter(number__isnull=False)

    def registered(self) -> DocumentQuerySet:
        """Incoming documents entered in the register (they carry an arrival number)."""
        return self.incoming().filter(arrival_number__isnull=False)


class Document(models.Model):
    """One official document, outgoing (drafted and issued here) or incoming (registered on
    arrival). ``unit`` is the organisation whose register holds it: the issuing body of an
    outgoing document, the receiving body of an incoming one. ``drafting_unit`` is the division
    that drafted an outgoing document (its abbreviation ends a công văn's notation).

    ``number_notation`` is the full "1738/QĐ-UBND"; for an incoming document it is the
    sender's. ``version`` is bumped by every action (optimistic concurrency, as in workflow).
    """

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    status = models.CharField(_("status"), max_length=12, choices=DocumentStatus.choices)
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("register unit"), on_delete=models.PROTECT, related_name="+"
    )
    drafting_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("drafting unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # number and notation
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    notation = models.CharField(_("notation"), max_length=30, blank=True)
    number_notation = models.CharField(
        _("number and notation"), max_length=45, blank=True, db_index=True
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    series = models.CharField(_("series"), max_length=10, choices=NumberSeries.choices, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=50, blank=True)
    # content
    subject = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("body"), blank=True)
    grounds = models.TextField(
        _("legal grounds"), blank=True, help_text=_("One per line (căn cứ).")
    )
    addressees = models.TextField(
        _("addressed to"), blank=True, help_text=_("Kính gửi: one per line.")
    )
    recipients_text = models.TextField(
        _("recipients (nơi nhận)"), blank=True, help_text=_("One per line, as printed.")
    )
    field = models.CharField(_("field"), max_length=100, blank=True)
    # signer
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("signer's name"), max_length=50, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signing_method = models.CharField(
        _("signing method"),
        max_length=20,
        choices=SigningMethod.choices,
        default=SigningMethod.UNIT_KEY,
        help_text=_("How the issued PDF was signed: the unit's key, or remotely from a phone."),
    )
    signing_authority = models.CharField(
        _("signing authority"), max_length=5, choices=SigningAuthority.choices, blank=True
    )
    authority_line = models.CharField(
        _("authority line"),
        max_length=100,
        blank=True,
        help_text=_("e.g. TM. ỦY BAN NHÂN DÂN or KT. CHỦ TỊCH"),
    )
    # marks and dates
    urgency = models.CharField(
        _("urgency"), max_length=15, choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.CharField(
        _("secrecy"), max_length=15, choices=Secrecy.choices, default=Secrecy.NONE
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    # incoming
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    sender_agency_code = models.CharField(_("sender's identifier code"), max_length=35, blank=True)
    sender_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("sending unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    arrival_number = models.PositiveIntegerField(_("arrival number"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    channel = models.CharField(
        _("received through"), max_length=10, choices=Channel.choices, blank=True
    )
    source = models.ForeignKey(
        "self",
        verbose_name=_("sent document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        help_text=_("The outgoing document this incoming one is a copy of."),
    )
    exchange_document_id = models.CharField(
        _("exchange document id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("QCVN 102 DocumentId: agency code, date and number/notation."),
    )
    address_mismatch = models.JSONField(
        _("address mismatch"),
        default=dict,
        blank=True,
        help_text=_(
            "When the sender's package gave the code of this unit and the name of another: "
            "the code, the name and the unit of that name, as received."
        ),
    )
    process = models.ForeignKey(
        "workflow.ProcessInstance",
        verbose_name=_("handling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # bookkeeping
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    # the signer's name folded (accent-insensitive signer filter)
    signer_key = models.CharField(max_length=50, editable=False, blank=True, db_index=True)
    # the key of the form that created it: a repeated submission returns the same document
    idempotency_key = models.CharField(max_length=64, editable=False, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "direction", "status"]),
            models.Index(fields=["direction", "issued_on"]),
            # Lists and search show the newest first: an ordered scan can stop after a page.
            models.Index(fields=["created_at", "id"], name="documents_created_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "series", "year", "number"],
                condition=Q(direction=Direction.OUTGOING, number__isnull=False),
                name="documents_number_once",
            ),
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="documents_created_once",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "arrival_number"],
                condition=Q(direction=Direction.INCOMING, arrival_number__isnull=False),
                name="documents_arrival_number_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_notation or _('(unnumbered)')} {self.subject[:60]}"

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NONE


class DocumentFile(models.Model):
    """A file of a document. The signed PDF (``kind=signed``) is the legal original; its
    SHA-256 is kept so any change is visible."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=12, choices=FileKind.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["document", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class SignatureCheck(models.Model):
    """The result of verifying one signature of a PDF file (PAdES, pyHanko)."""

    file = models.ForeignKey(DocumentFile, on_delete=models.CASCADE, related_name="signatures")
    status = models.CharField(_("result"), max_length=10, choices=SignatureStatus.choices)
    signer_name = models.CharField(_("signed by"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    intact = models.BooleanField(_("unchanged since signing"), default=False)
    trusted = models.BooleanField(_("certificate trusted"), default=False)
    covers_whole_file = models.BooleanField(_("covers the whole file"), default=False)
    detail = models.TextField(_("detail"), blank=True)
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature check")
        verbose_name_plural = _("signature checks")
        ordering = ["file", "pk"]

    def __str__(self) -> str:
        return f"{self.signer_name}: {self.status}"


class DocumentLink(models.Model):
    """``source`` answers / replaces / amends / implements ``target``."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(_("link"), max_length=12, choices=LinkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document link")
        verbose_name_plural = _("document links")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="documents_link"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="documents_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class DocumentRecipient(models.Model):
    """One recipient of an issued document (nơi nhận) and where the document stands there.
    ``unit`` is set for a unit of this platform; ``agency_code`` for any agency reached by
    edXML; ``received`` points at the recipient's incoming copy inside the platform."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency_code = models.CharField(_("identifier code"), max_length=35, blank=True)
    name = models.CharField(_("name"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RecipientStatus.choices, default=RecipientStatus.PENDING
    )
    status_note = models.TextField(_("note"), blank=True)
    status_at = models.DateTimeField(_("status since"), null=True, blank=True)
    received = models.ForeignKey(
        Document,
        verbose_name=_("recipient's copy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["document", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "unit"],
                condition=Q(unit__isnull=False),
                name="documents_recipient_unit_once",
            ),
            models.UniqueConstraint(
                fields=["document", "agency_code"],
                condition=~Q(agency_code=""),
                name="documents_recipient_code_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentAssignment(models.Model):
    """The handling slip (phiếu giải quyết văn bản đến): a unit or person leads, cooperates or
    is informed, with a deadline. An assignment shares the document with its unit."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=10, choices=HandlingRole.choices)
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    note = models.TextField(_("direction"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handling assignment")
        verbose_name_plural = _("handling assignments")
        ordering = ["document", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.role} {self.unit_id}"


class DocumentReader(models.Model):
    """A person named on a secret document: only they (and its signer and creator) see it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="readers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("named reader")
        verbose_name_plural = _("named readers")
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="documents_reader_once"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.user_id}"


from egov.documents.models_workfiles import *  # noqa: E402, F403
