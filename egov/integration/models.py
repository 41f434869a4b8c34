"""Tables of the integration layer: the request log of every outbound call, the queue of
dossier statuses for the national portal, online payment orders and the reads of the city's
data-sharing API."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.integration.choices import (
    CallOutcome,
    ConnectorCode,
    PaymentState,
    Purpose,
    PushState,
    ShareDataset,
    ShareOutcome,
)
from egov.integration.rules import PAYMENT_ORDER_LIFETIME


class ConnectorCall(models.Model):
    """One outbound call through the connector client (X-Road message-log style): which
    connector and service, who asked, for which purpose and which dossier (``issue``), how it
    ended. A personal identifier is kept masked; credentials are never stored."""

    connector = models.CharField(_("connector"), max_length=20, choices=ConnectorCode.choices)
    service = models.CharField(_("service"), max_length=100)
    method = models.CharField(_("method"), max_length=8)
    x_road_id = models.CharField(_("message id"), max_length=36)
    issue = models.CharField(_("dossier or document"), max_length=60, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, blank=True)
    subject = models.CharField(_("looked-up identifier"), max_length=20, blank=True)
    # Whose personal data was looked up, when they have an account: shown on their page "who
    # read my data" (Decree 13/2023: the data subject may know who processed their data).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_personal_data = models.BooleanField(_("personal data"), default=False)
    is_autofill = models.BooleanField(_("fills a form"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CallOutcome.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    latency_ms = models.PositiveIntegerField(_("time taken (ms)"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("connector call")
        verbose_name_plural = _("connector calls")
        indexes = [
            models.Index(fields=["connector", "created_at"], name="integ_call_conn_time"),
            models.Index(fields=["created_at", "unit"], name="integ_call_time_unit"),
            models.Index(fields=["owner", "created_at"], name="integ_call_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.connector} {self.service} {self.outcome}"


class StatusPush(models.Model):
    """One dossier status to report to the national public-service portal, kept until the
    portal acknowledges it. ``idempotency_key`` travels with every try, so a push the portal
    received but whose answer was lost is not applied twice there."""

    dossier_code = models.CharField(_("dossier code"), max_length=40)
    procedure_code = models.CharField(_("national procedure code"), max_length=40, blank=True)
    national_status = models.CharField(_("national status code"), max_length=2)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("status changed at"))
    payload = models.JSONField(_("message"), default=dict)
    # Whose dossier it is (the applicant's account, when they have one): the data owner shown
    # every read of this status through the data-sharing API.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    state = models.CharField(
        _("state"), max_length=12, choices=PushState.choices, default=PushState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next try"), default=timezone.now)
    delivered_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)

    class Meta:
        verbose_name = _("status push")
        verbose_name_plural = _("status pushes")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="integ_push_due")]

    def __str__(self) -> str:
        return f"{self.dossier_code} → {self.national_status}"


class PaymentOrder(models.Model):
    """A fee paid online through the gateway: the order we sent, and the gateway's signed
    confirmation (once; a replayed or forged callback changes nothing)."""

    order_ref = models.CharField(_("order reference"), max_length=40, unique=True)
    dossier_code = models.CharField(_("dossier code"), max_length=40)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    description = models.CharField(_("description"), max_length=200)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=PaymentState.choices, default=PaymentState.PENDING
    )
    gateway_transaction = models.CharField(_("gateway transaction"), max_length=40, blank=True)
    gateway_response = models.CharField(_("gateway response code"), max_length=4, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        indexes = [models.Index(fields=["dossier_code", "requested_at"], name="integ_pay_dossier")]

    def __str__(self) -> str:
        return self.order_ref

    @property
    def expires_at(self) -> datetime.datetime:
        """After this the gateway no longer takes the payment (``vnp_ExpireDate``)."""
        return self.requested_at + PAYMENT_ORDER_LIFETIME


class ShareConsumer(models.Model):
    """A system registered to read the city's shared data (Decree 278/2025 art. on sharing:
    who reads, for which purpose, on which legal basis, which data, for how long). It reads
    through its own service account's API tokens (``accounts.ApiToken``: read-only, limited to
    the integration API); every read is checked against this row and logged."""

    code = models.CharField(
        _("subsystem identifier"),
        max_length=120,
        unique=True,
        help_text=_("As on the data-sharing platform, e.g. VN/GOV/000.00.12.H26/DATDAI."),
    )
    name = models.CharField(_("system name"), max_length=200)
    agency = models.CharField(_("operating agency"), max_length=200)
    purpose = models.CharField(_("purpose of use"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    datasets = models.JSONField(_("data sets allowed"), default=list)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    contact = models.CharField(_("technical contact"), max_length=200, blank=True)
    reads_per_minute = models.PositiveIntegerField(
        _("reads per minute"),
        null=True,
        blank=True,
        help_text=_("Its quota on the data-sharing API; empty: the platform's default."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="share_consumer",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason revoked"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("data-sharing consumer")
        verbose_name_plural = _("data-sharing consumers")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"

    def is_in_force_on(self, day: datetime.date) -> bool:
        if self.revoked_at is not None or day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


class ShareRead(models.Model):
    """One read through the city's data-sharing API: which registered system (its account,
    token and registry row), what, whose data (``owner``), for which purpose, and whether the
    registry let it through. The data owner reads their rows on "who read my data"."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    consumer = models.ForeignKey(
        ShareConsumer,
        verbose_name=_("consumer system"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reads",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dataset = models.CharField(
        _("data set"), max_length=30, choices=ShareDataset.choices, blank=True
    )
    token_prefix = models.CharField(_("token"), max_length=12, blank=True)
    resource = models.CharField(_("what was read"), max_length=120)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ShareOutcome.choices, default=ShareOutcome.SERVED
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("shared data read")
        verbose_name_plural = _("shared data reads")
        indexes = [models.Index(fields=["owner", "created_at"], name="integ_read_owner")]

    def __str__(self) -> str:
        return self.resource
