"""Peers of the document exchange and the messages sent to and received from them.

A message is one edXML package (QCVN 102:2016): a document or a status. Outbound messages are
delivered by a job with retries, idempotent by ``message_id``; inbound messages are kept with
their verdict so a package posted twice makes one document.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.exchange.choices import InboundState, MessageKind, OutboundState
from egov.exchange.edxml.values import is_agency_code


class ExchangePeer(models.Model):
    """An outside system that exchanges documents with this platform: an agency's document
    system, another egov instance, or the national axis (``relays_for_others``: it delivers
    packages of any sender and carries ours to agencies that have no peer of their own).

    The peer proves itself with a bearer token whose SHA-256 alone is stored here; the token we
    present to it comes from ``EGOV_EXCHANGE_PEER_TOKENS`` (environment), never the database.
    """

    agency_code = models.CharField(
        _("identifier code"),
        max_length=35,
        unique=True,
        help_text=_("QCVN 102 form, e.g. 000.00.00.G22."),
    )
    name = models.CharField(_("name"), max_length=200)
    endpoint_url = models.URLField(
        _("endpoint"),
        max_length=300,
        blank=True,
        help_text=_("Where packages for this peer are posted (HTTPS). Empty: it only sends."),
    )
    is_inside_platform = models.BooleanField(
        _("inside this platform"),
        default=False,
        help_text=_("Deliveries to this agency stay inside the platform (no HTTP)."),
    )
    relays_for_others = models.BooleanField(
        _("relays for other agencies"),
        default=False,
        help_text=_("The national axis: accepts and delivers packages of any agency."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    token_prefix = models.CharField(
        _("token prefix"), max_length=12, blank=True, db_index=True, editable=False
    )
    token_digest = models.CharField(_("token digest"), max_length=64, blank=True, editable=False)
    token_issued_at = models.DateTimeField(
        _("token issued at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange peer")
        verbose_name_plural = _("exchange peers")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency_code})"

    def clean(self) -> None:
        errors = {}
        if not is_agency_code(self.agency_code):
            errors["agency_code"] = _("Use the QCVN 102 form, e.g. 000.00.00.G22.")
        if (
            self.endpoint_url
            and urlsplit(self.endpoint_url).scheme != "https"
            and not settings.EGOV_EXCHANGE_ALLOW_HTTP
        ):
            errors["endpoint_url"] = _("The endpoint must use HTTPS.")
        if errors:
            raise ValidationError(errors)


class OutboundMessage(models.Model):
    """One package to deliver: a document to one recipient, or a status about a received
    document to its sender. ``message_id`` is the idempotency key sent with every attempt."""

    message_id = models.UUIDField(_("message id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Our unit that sends it."),
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The sent document, or the received document a status is about."),
    )
    recipient = models.ForeignKey(
        "documents.DocumentRecipient",
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    peer = models.ForeignKey(
        ExchangePeer,
        verbose_name=_("peer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outbound_messages",
    )
    to_agency_code = models.CharField(_("to"), max_length=35, blank=True)
    exchange_document_id = models.CharField(
        _("document id"), max_length=100, blank=True, db_index=True
    )
    status_code = models.CharField(_("status code"), max_length=2, blank=True)
    note = models.TextField(
        _("description"), blank=True, help_text=_("What a status message says (e.g. a reason).")
    )
    payload = models.TextField(_("package"), blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=OutboundState.choices, default=OutboundState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient"],
                condition=Q(kind="document"),
                name="exchange_one_delivery_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["document", "status_code", "to_agency_code"],
                condition=Q(kind="status"),
                name="exchange_one_status_per_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.message_id} → {self.to_agency_code or self.recipient_id}"


class InboundMessage(models.Model):
    """One package posted by a peer and the verdict on it. An accepted document package made
    ``documents`` (one incoming document per unit of this platform it is addressed to)."""

    message_id = models.UUIDField(_("message id"), editable=False)
    peer = models.ForeignKey(
        ExchangePeer,
        verbose_name=_("peer"),
        on_delete=models.PROTECT,
        related_name="inbound_messages",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices, blank=True)
    from_agency_code = models.CharField(_("from"), max_length=35, blank=True)
    exchange_document_id = models.CharField(
        _("document id"), max_length=100, blank=True, db_index=True
    )
    status_code = models.CharField(_("status code"), max_length=2, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=InboundState.choices)
    reason = models.TextField(_("reason"), blank=True)
    errors = models.JSONField(_("field errors"), default=dict, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("units"), blank=True, related_name="+"
    )
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="+"
    )
    recipient = models.ForeignKey(
        "documents.DocumentRecipient",
        verbose_name=_("recipient updated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer", "message_id"],
                condition=Q(state="accepted"),
                name="exchange_inbound_accepted_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind or '?'} {self.message_id} ← {self.from_agency_code}: {self.state}"
