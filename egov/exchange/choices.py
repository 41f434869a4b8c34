"""Fixed vocabularies of the document exchange."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MessageKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    STATUS = "status", pgettext_lazy("exchange message", "status")


class OutboundState(models.TextChoices):
    """pending (waiting for the first or a next attempt) → sent; failed when the peer refused
    the package (4xx: resending cannot help); given_up after the last attempt."""

    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("delivered")
    FAILED = "failed", _("refused by the recipient")
    GIVEN_UP = "given_up", _("given up after repeated failures")


class InboundState(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
