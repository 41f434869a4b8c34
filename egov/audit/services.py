"""Writing to the audit trail. Every state change of every app goes through :func:`event_record`."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from egov.audit.actions import action_check
from egov.audit.checkpoints import Checkpoint, checkpoint_append, checkpoints_read
from egov.audit.choices import AuditAction
from egov.audit.context import current_origin
from egov.audit.keys import current_key, key_ring
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import (
    GENESIS_HASH,
    checkpoint_mac,
    checkpoint_payload,
    entry_hash,
    entry_seal,
    to_json_value,
)


def _content_type_label(ct: ContentType | None) -> str:
    return f"{ct.app_label}.{ct.model}" if ct else ""


def event_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one entry to the hash chain, inside the caller's transaction.

    The chain head row is locked (``select_for_update``) so two concurrent writers cannot both
    chain onto the same predecessor; on SQLite the IMMEDIATE transaction mode does the same.
    The entry is sealed (HMAC of its hash under the current audit key) in the same critical
    section: one HMAC of 64 characters, microseconds against a lock held until commit.
    ``action`` must be a declared code (:mod:`egov.audit.actions`); anything else raises
    :class:`~egov.audit.actions.UndeclaredAuditAction` and so rolls the caller's change back.
    """
    action_check(action)
    origin = current_origin.get()
    actor_obj = actor if actor is not None and actor.is_authenticated else None
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj else None
    clean_changes = to_json_value(dict(changes or {}))
    key_id, key = current_key()
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        sequence = head.last_sequence + 1
        fields = {
            "sequence": sequence,
            "at": timezone.now(),
            "actor_id": actor_obj.pk if actor_obj else None,
            "actor_repr": str(actor_obj)[:200] if actor_obj else "",
            "ip": origin.ip,
            "channel": origin.channel,
            "action": str(action),
            "object_id": str(obj.pk) if obj else "",
            "object_repr": str(obj)[:300] if obj else "",
            "changes": clean_changes,
            "prev_hash": head.last_hash,
        }
        digest = entry_hash(content_type=_content_type_label(ct), **fields)
        seal = entry_seal(key=key, key_id=key_id, digest=digest)
        event = AuditEvent.objects.create(
            content_type=ct, hash=digest, key_id=key_id, seal=seal, **fields
        )
        head.last_sequence, head.last_hash = sequence, digest
        head.save(update_fields=["last_sequence", "last_hash"])
    return event


def event_record_bulk_read(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    model: type[models.Model],
    count: int,
    purpose: str,
) -> AuditEvent:
    """Record that ``actor`` read ``count`` rows of personal data of ``model`` at once."""
    return event_record(
        actor=actor,
        action=AuditAction.PERSONAL_DATA_READ_BULK,
        changes={"model": model._meta.label, "count": count, "purpose": purpose},
    )


class CheckpointRefused(RuntimeError):
    """The chain head is not fit to be exported (its seal fails, or the chain went back)."""


def audit_checkpoint_write() -> Checkpoint:
    """Export the chain head (last entry's sequence and hash, the time, an HMAC over them) by
    appending one line to the checkpoint file outside the database (:mod:`egov.audit.checkpoints`).

    Reads the last committed entry without taking the chain-head lock. Refuses (raises
    :class:`CheckpointRefused`, nothing written) when that entry's seal does not verify or when
    the chain is shorter than at the previous checkpoint: a checkpoint must never certify a
    tampered head; ``egov audit verify`` then names the entry.
    """
    key_id, key = current_key()
    last = AuditEvent.objects.order_by("-sequence").first()
    sequence, digest = (last.sequence, last.hash) if last else (0, GENESIS_HASH)
    if last is not None:
        ring = key_ring()
        if last.key_id not in ring or not hmac.compare_digest(
            last.seal, entry_seal(key=ring[last.key_id], key_id=last.key_id, digest=last.hash)
        ):
            raise CheckpointRefused(f"the seal of the last entry #{sequence} does not verify")
    previous = checkpoints_read()
    if previous and previous[-1].sequence > sequence:
        raise CheckpointRefused(
            f"the chain ends at #{sequence}, the previous checkpoint recorded "
            f"#{previous[-1].sequence}"
        )
    payload = checkpoint_payload(sequence=sequence, digest=digest, at=timezone.now(), key_id=key_id)
    mac = checkpoint_mac(key=key, payload=payload)
    checkpoint_append({**payload, "mac": mac})
    return Checkpoint(
        line=len(previous) + 1,
        sequence=sequence,
        hash=digest,
        at=datetime.fromisoformat(payload["at"]),
        key_id=key_id,
        mac=mac,
    )
