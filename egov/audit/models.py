"""The append-only, hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.audit.actions import action_label


class AuditEventQuerySet(models.QuerySet):
    """Entries can be added and read, never changed or removed through the ORM."""

    def update(self, **kwargs: object) -> int:
        raise TypeError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only.")

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=ct, object_id=str(obj.pk))


class AuditEvent(models.Model):
    """One audited action: who, when, from where, on what, and what changed (before/after).

    Written in the caller's transaction with its ``content_hash`` (its own fields and a random
    ``nonce``) and ``content_seal`` (an HMAC of it) and no place in the chain; sealed after
    commit (ADR 0030): ``sequence``, ``prev_hash``, ``hash`` (the link over the previous hash and
    the content hash) and ``seal`` (an HMAC of ``hash`` under the key ``key_id`` names,
    :mod:`egov.audit.keys`, which the database does not hold). Entries written before ADR 0030
    are ``scheme`` 1: their ``hash`` covers every column and the previous hash (ADR 0002).
    A trigger refuses DELETE, TRUNCATE and any UPDATE but the sealing of a pending entry
    (migration 0004).
    """

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, null=True, blank=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_repr = models.CharField(_("actor name"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, default="system")
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, default="")
    hash = models.CharField(_("hash"), max_length=64, blank=True, default="")
    key_id = models.CharField(_("key id"), max_length=32, default="")
    seal = models.CharField(_("seal"), max_length=64, default="")
    scheme = models.PositiveSmallIntegerField(_("hash scheme"), default=2, db_default=2)
    nonce = models.UUIDField(_("nonce"), null=True, blank=True, unique=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, default="")
    content_seal = models.CharField(_("content seal"), max_length=64, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        # Newest first: the pending entries (no sequence yet), then the chain backwards.
        ordering = [models.F("sequence").desc(nulls_first=True), "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-sequence"]),
            models.Index(
                fields=["id"],
                condition=models.Q(sequence__isnull=True),
                name="audit_event_pending",
            ),
        ]

    def __str__(self) -> str:
        place = f"#{self.sequence}" if self.sequence is not None else f"id {self.pk} (pending)"
        return f"{place} {self.action} {self.object_repr}"

    @property
    def is_pending(self) -> bool:
        """Written and committed, not yet sealed into the chain (ADR 0030)."""
        return self.sequence is None

    @property
    def action_label(self) -> str:
        """What people read for this entry's action: its declared (or successor's) label."""
        return action_label(self.action)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """The single row the sealer locks (ADR 0030): the last sequence number and hash sealed."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.last_sequence}"
