"""Reading the audit trail: object histories and chain verification."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from egov.audit.history import HistoryEntry, history_entries
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import GENESIS_HASH, entry_hash


def history_for_object(obj: models.Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The latest audit entries about ``obj``, newest first, as people read them
    (:mod:`egov.audit.history`): every history page shows these."""
    events = (
        AuditEvent.objects.for_object(obj)
        .select_related("content_type")
        .order_by("-sequence")[:limit]
    )
    return history_entries(events)


@dataclass(frozen=True)
class ChainReport:
    """Outcome of walking the chain: ``first_bad_sequence`` is None when the chain is intact."""

    checked: int
    first_bad_sequence: int | None
    problem: str

    @property
    def is_intact(self) -> bool:
        return self.first_bad_sequence is None


def audit_chain_verify(*, batch_size: int = 2000) -> ChainReport:
    """Walk every entry in sequence order and report the first one altered or missing."""
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    rows = AuditEvent.objects.select_related("content_type").order_by("sequence")
    for event in rows.iterator(chunk_size=batch_size):
        if event.sequence != expected_seq:
            return ChainReport(checked, expected_seq, "missing")
        ct = event.content_type
        recomputed = entry_hash(
            sequence=event.sequence,
            at=event.at,
            actor_id=event.actor_id,
            actor_repr=event.actor_repr,
            ip=event.ip,
            channel=event.channel,
            action=event.action,
            content_type=f"{ct.app_label}.{ct.model}" if ct else "",
            object_id=event.object_id,
            object_repr=event.object_repr,
            changes=event.changes,
            prev_hash=event.prev_hash,
        )
        if event.prev_hash != prev_hash or recomputed != event.hash:
            return ChainReport(checked, event.sequence, "altered")
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_sequence != expected_seq - 1 or head.last_hash != prev_hash):
        return ChainReport(checked, expected_seq, "missing")
    return ChainReport(checked, None, "")
