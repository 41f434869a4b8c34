"""Writing to the audit trail. Every state change of every app goes through :func:`event_record`."""

from __future__ import annotations

import hmac
import logging
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from egov.audit.actions import action_check
from egov.audit.checkpoints import Checkpoint, checkpoint_append, checkpoints_read
from egov.audit.choices import AuditAction
from egov.audit.context import SealAfterResponse, current_origin, seal_after_response
from egov.audit.keys import current_key, key_ring
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import (
    GENESIS_HASH,
    checkpoint_mac,
    checkpoint_payload,
    entry_content_hash,
    entry_content_seal,
    entry_link_hash,
    entry_seal,
    to_json_value,
)

# Entries sealed per short transaction of the sealer, and batches per run: a run goes on while
# entries committed during it wait (they found the head locked), then leaves the rest to the
# next commit or the sweep, so no request seals for the whole city for long.
SEAL_BATCH = 500
SEAL_ROUNDS = 8

logger = logging.getLogger(__name__)


def _content_type_label(ct: ContentType | None) -> str:
    return f"{ct.app_label}.{ct.model}" if ct else ""


def event_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Write one entry in the caller's transaction: one INSERT, no lock (ADR 0030).

    The entry carries its content hash (its own fields and a random nonce) and the content seal
    (an HMAC of it under the current audit key); it takes its place in the chain after the
    caller commits (:func:`audit_seal_pending`, run from ``on_commit`` and by the sweep), so
    audited transactions no longer wait for each other. ``action`` must be a declared code
    (:mod:`egov.audit.actions`); anything else raises
    :class:`~egov.audit.actions.UndeclaredAuditAction` and so rolls the caller's change back.
    """
    action_check(action)
    origin = current_origin.get()
    actor_obj = actor if actor is not None and actor.is_authenticated else None
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj else None
    key_id, key = current_key()
    fields = {
        "at": timezone.now(),
        "actor_id": actor_obj.pk if actor_obj else None,
        "actor_repr": str(actor_obj)[:200] if actor_obj else "",
        "ip": origin.ip,
        "channel": origin.channel,
        "action": str(action),
        "object_id": str(obj.pk) if obj else "",
        "object_repr": str(obj)[:300] if obj else "",
        "changes": to_json_value(dict(changes or {})),
    }
    nonce = uuid.uuid4()
    content_hash = entry_content_hash(
        nonce=str(nonce), content_type=_content_type_label(ct), **fields
    )
    event = AuditEvent.objects.create(
        content_type=ct,
        scheme=2,
        nonce=nonce,
        content_hash=content_hash,
        content_seal=entry_content_seal(key=key, key_id=key_id, content_hash=content_hash),
        key_id=key_id,
        **fields,
    )
    _seal_after_commit()
    return event


def _seal_after_commit() -> None:
    """Ask for one sealing run when the current transaction commits (at once in autocommit).

    ``robust``: the caller's change is committed whatever happens in the run; a failure is
    logged and leaves the entries pending for the next run or the sweep (``egov audit seal``).
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is audit_seal_on_commit for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(audit_seal_on_commit, robust=True)


def audit_seal_on_commit() -> None:
    """The sealing run a commit asks for: during a request, once its response is sent (the
    request's :class:`SealAfterResponse`, run by :func:`seal_after_response_run`); elsewhere (a
    command, a job) now.

    A request used to seal in its own time after its commit: in the conference's vote bursts
    (issue 19) that was a third of a ballot's statements, and a run that found entries other
    workers had committed meanwhile sealed them too (up to 27 statements and 57 ms of CPU in
    one answer; bench/NOTES.md). The chain is the same; only who waits for it changed.
    """
    promise = seal_after_response.get()
    if promise is not None and not transaction.get_connection().allow_thread_sharing:
        promise.wanted = True
        return
    # A connection shared between threads (Django's live test server on SQLite shares the
    # test's) must not be used once the response is out: the client's thread uses it then.
    audit_seal_pending()


def seal_after_response_begin(promise: SealAfterResponse) -> None:
    """Open a request's promise (the audit middleware). A promise the previous request left
    unkept (its server never sent ``request_finished``) is kept first."""
    seal_after_response_run()
    seal_after_response.set(promise)


def seal_after_response_run(**_signal: Any) -> None:
    """Keep the request's promise: one sealing run if its commits asked for one. Connected to
    ``request_finished``; a failure is logged and leaves the entries pending, as at a commit."""
    promise = seal_after_response.get()
    seal_after_response.set(None)
    if promise is None or not promise.wanted:
        return
    promise.wanted = False
    try:
        audit_seal_pending()
    except Exception:
        logger.exception("audit.seal_failed")


def audit_seal_pending(*, batch_size: int = SEAL_BATCH) -> int:
    """Seal the committed pending entries into the chain in the order the sealer sees them
    committed (then by id), a batch per short transaction; return how many were sealed.

    Never waits: when another process holds the chain head (it is sealing), return at once;
    that run (it looks again before it stops), the next commit anywhere or the sweep seals what
    is left. Each entry gets the next
    sequence, the previous entry's hash, its link hash over both and its content hash, and the
    keyed seal of that hash, in one UPDATE per batch (the trigger allows exactly these columns
    of a pending row to be set once).
    """
    ring = key_ring()
    sealed = 0
    for _round in range(SEAL_ROUNDS):
        if not AuditEvent.objects.filter(sequence__isnull=True).exists():
            return sealed
        with transaction.atomic():
            head = _head_lock()
            if head is None:
                return sealed
            pending = list(
                AuditEvent.objects.filter(sequence__isnull=True).order_by("id")[:batch_size]
            )
            for event in pending:
                sequence = head.last_sequence + 1
                digest = entry_link_hash(
                    sequence=sequence, prev_hash=head.last_hash, content_hash=event.content_hash
                )
                event.sequence, event.prev_hash, event.hash = sequence, head.last_hash, digest
                event.seal = entry_seal(key=ring[event.key_id], key_id=event.key_id, digest=digest)
                head.last_sequence, head.last_hash = sequence, digest
            # The model's own manager refuses updates; the sealing columns are the exception.
            AuditEvent._base_manager.bulk_update(pending, ["sequence", "prev_hash", "hash", "seal"])
            head.save(update_fields=["last_sequence", "last_hash"])
        sealed += len(pending)
    return sealed


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


def _head_lock() -> AuditChainHead | None:
    """The chain head, locked for this transaction, or None when another sealer holds it
    (PostgreSQL: ``SKIP LOCKED``; SQLite serialises writers already)."""
    head = AuditChainHead.objects.select_for_update(skip_locked=True).filter(pk=1).first()
    if head is not None:
        return head
    if AuditChainHead.objects.filter(pk=1).exists():
        return None
    try:
        with transaction.atomic():
            return AuditChainHead.objects.create(pk=1)
    except IntegrityError:  # another sealer created it a moment ago and holds it
        return None


class CheckpointRefused(RuntimeError):
    """The chain head is not fit to be exported (its seal fails, or the chain went back)."""


def audit_checkpoint_write() -> Checkpoint:
    """Export the chain head (last entry's sequence and hash, the time, an HMAC over them) by
    appending one line to the checkpoint file outside the database (:mod:`egov.audit.checkpoints`).

    Reads the last sealed entry without taking the chain-head lock. Refuses (raises
    :class:`CheckpointRefused`, nothing written) when that entry's seal does not verify or when
    the chain is shorter than at the previous checkpoint: a checkpoint must never certify a
    tampered head; ``egov audit verify`` then names the entry. Seals the pending entries first,
    so the checkpoint counts everything committed before it.
    """
    audit_seal_pending()
    key_id, key = current_key()
    last = AuditEvent.objects.filter(sequence__isnull=False).order_by("-sequence").first()
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
