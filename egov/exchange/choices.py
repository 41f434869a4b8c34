"""Fixed vocabularies of the document exchange."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MessageKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    STATUS = "status", pgettext_lazy("exchange message", "status")


class OutboundState(models.TextChoices):
    """pending (waiting for the first or a next attempt) → sent; failed when the peer refused
    the package (4xx: resending cannot help); given_up after the last attempt; cancelled when
    the issuer recalled the document before it was delivered."""

    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("delivered")
    FAILED = "failed", _("refused by the recipient")
    GIVEN_UP = "given_up", _("given up after repeated failures")
    CANCELLED = "cancelled", _("not sent: the document was recalled")


class InboundState(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class AuditAction(models.TextChoices):
    """Actions of the document exchange the audit trail records."""

    PEER_CREATED = (
        "exchange.peer_created",
        pgettext_lazy("audit action", "Connected agency added"),
    )
    PEER_REVOKED = (
        "exchange.peer_revoked",
        pgettext_lazy("audit action", "Connected agency revoked"),
    )
    PEER_TOKEN_ISSUED = (
        "exchange.peer_token_issued",
        pgettext_lazy("audit action", "Token issued to a connected agency"),
    )
    DELIVERED_IN_PLATFORM = (
        "exchange.delivered_in_platform",
        pgettext_lazy("audit action", "Delivered inside the platform"),
    )
    INBOUND_ACCEPTED = (
        "exchange.inbound_accepted",
        pgettext_lazy("audit action", "Exchange package received"),
    )
    INBOUND_REJECTED = (
        "exchange.inbound_rejected",
        pgettext_lazy("audit action", "Exchange package rejected"),
    )
    DOCUMENT_QUEUED = (
        "exchange.document_queued",
        pgettext_lazy("audit action", "Document queued for sending"),
    )
    STATUS_QUEUED = (
        "exchange.status_queued",
        pgettext_lazy("audit action", "Status queued for sending"),
    )
    DISPATCH_FAILED = (
        "exchange.dispatch_failed",
        pgettext_lazy("audit action", "Package could not be prepared"),
    )
    OUTBOUND_PENDING = (
        "exchange.outbound_pending",
        pgettext_lazy("audit action", "Sending failed, will retry"),
    )
    OUTBOUND_SENT = "exchange.outbound_sent", pgettext_lazy("audit action", "Package delivered")
    OUTBOUND_FAILED = (
        "exchange.outbound_failed",
        pgettext_lazy("audit action", "Package refused by the recipient"),
    )
    OUTBOUND_GIVEN_UP = (
        "exchange.outbound_given_up",
        pgettext_lazy("audit action", "Sending given up after repeated failures"),
    )
    OUTBOUND_CANCELLED = (
        "exchange.outbound_cancelled",
        pgettext_lazy("audit action", "Sending cancelled: the document was recalled"),
    )
    OUTBOUND_RETRIED = (
        "exchange.outbound_retried",
        pgettext_lazy("audit action", "Sending restarted"),
    )
