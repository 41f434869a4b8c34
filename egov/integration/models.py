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
        permissions = [
            ("share_read", _("Can read shared data through the data-sharing API")),
        ]

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


class ShareRead(models.Model):
    """One read through the city's data-sharing API: which system (the token's owner and
    token), what, for which purpose."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    token_prefix = models.CharField(_("token"), max_length=12, blank=True)
    resource = models.CharField(_("what was read"), max_length=120)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("shared data read")
        verbose_name_plural = _("shared data reads")

    def __str__(self) -> str:
        return self.resource
