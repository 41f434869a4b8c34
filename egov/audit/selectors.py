"""Reading the audit trail: object histories and chain verification."""

from __future__ import annotations

import bisect
import hmac
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import models

from egov.audit.checkpoints import Checkpoint, CheckpointFileError, checkpoints_read
from egov.audit.history import HistoryEntry, history_entries
from egov.audit.keys import key_ring
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import (
    GENESIS_HASH,
    checkpoint_mac,
    entry_content_hash,
    entry_content_seal,
    entry_hash,
    entry_link_hash,
    entry_seal,
)

# Entries are stamped by the app servers, checkpoints by the job worker: an entry counted by a
# checkpoint but stamped later than it by more than this was written after the checkpoint, in
# place of the entry the checkpoint counted (a reset chain refilled). Allows for clock skew.
CLOCK_TOLERANCE = timedelta(seconds=60)


def history_for_object(obj: models.Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The latest audit entries about ``obj``, newest first, as people read them
    (:mod:`egov.audit.history`): every history page shows these."""
    events = (
        AuditEvent.objects.for_object(obj)
        .select_related("content_type")
        .order_by(models.F("sequence").desc(nulls_first=True), "-id")[:limit]
    )
    return history_entries(events)


@dataclass(frozen=True)
class ChainReport:
    """Outcome of walking the chain and comparing it with the exported checkpoints.

    ``first_bad_sequence`` is the first sealed entry affected (None when no sealed entry is);
    ``first_bad_id`` names an entry not yet sealed, or a copy, when that is what fails.
    ``problem`` is empty when everything verifies: ``altered`` (content or link does not match
    its hash), ``seal`` (an HMAC does not verify: edited and re-hashed), ``unknown key``,
    ``missing`` (a gap, the head beyond the last entry, or entries a checkpoint counted are
    gone), ``replaced`` (entries a checkpoint counted were written again), ``content seal`` (an
    entry waiting to be sealed was edited or forged), ``duplicate`` (an entry copied: two share
    a nonce) or ``checkpoint`` (a checkpoint line is unreadable or its MAC fails; no entry
    named). ``pending`` entries are committed and not yet sealed (ADR 0030); the oldest was
    written at ``oldest_pending_at``.
    """

    checked: int
    first_bad_sequence: int | None
    problem: str
    detail: str = ""
    checkpoints: int = 0
    by_key: dict[str, int] = field(default_factory=dict)
    first_bad_id: int | None = None
    pending: int = 0
    oldest_pending_at: datetime | None = None

    @property
    def is_intact(self) -> bool:
        return not self.problem


@dataclass
class _Walk:
    checked: int = 0
    first_bad: int | None = None
    problem: str = ""
    detail: str = ""
    last_sequence: int = 0
    last_hash: str = GENESIS_HASH
    # Entries stamped later than a checkpoint that had already counted their sequence: they
    # locate a replacement once a checkpoint fails (alone they prove nothing: the demo data
    # backdates and postdates its entries).
    late: list[tuple[int, str]] = field(default_factory=list)

    def fail(self, sequence: int, problem: str, detail: str) -> None:
        if self.first_bad is None or sequence < self.first_bad:
            self.first_bad, self.problem, self.detail = sequence, problem, detail


def _checkpoints_checked(
    checkpoints: list[Checkpoint], ring: dict[str, bytes]
) -> tuple[list[Checkpoint], str]:
    for cp in checkpoints:
        key = ring.get(cp.key_id)
        if key is None:
            return [], f"checkpoint line {cp.line} is sealed with unknown key {cp.key_id!r}"
        if not hmac.compare_digest(cp.mac, checkpoint_mac(key=key, payload=cp.payload())):
            return [], f"checkpoint line {cp.line} (entry #{cp.sequence}): MAC does not verify"
    return checkpoints, ""


def audit_chain_verify(*, batch_size: int = 2000) -> ChainReport:
    """Walk every entry in sequence order, recompute its hash and seal, and compare the chain
    with the checkpoints exported outside the database; report the first entry affected."""
    ring = key_ring()
    try:
        checkpoints, checkpoint_problem = _checkpoints_checked(checkpoints_read(), ring)
    except CheckpointFileError as exc:
        checkpoints, checkpoint_problem = [], str(exc)
    # For each entry: the earliest checkpoint that already counted it (suffix minimum of time).
    by_sequence = sorted(checkpoints, key=lambda cp: cp.sequence)
    cp_sequences = [cp.sequence for cp in by_sequence]
    earliest: list[datetime] = []
    for cp in reversed(by_sequence):
        earliest.append(min(cp.at, earliest[-1]) if earliest else cp.at)
    earliest.reverse()
    # The head first: entries appended while the walk runs come after it and do not count as a
    # head that runs ahead of the chain.
    head = AuditChainHead.objects.filter(pk=1).first()
    wanted = {cp.sequence for cp in checkpoints} | ({head.last_sequence} if head else set())
    seen: dict[int, str] = {}
    by_key: Counter[str] = Counter()

    walk = _Walk()
    expected_seq, prev_hash = 1, GENESIS_HASH
    rows = (
        AuditEvent.objects.select_related("content_type")
        .filter(sequence__isnull=False)
        .order_by("sequence")
    )
    for event in rows.iterator(chunk_size=batch_size):
        if event.sequence != expected_seq:
            walk.fail(expected_seq, "missing", f"no entry #{expected_seq}")
            break
        problem = _sealed_entry_problem(event, prev_hash, ring)
        if problem:
            walk.fail(event.sequence, *problem)
            break
        index = bisect.bisect_left(cp_sequences, event.sequence)
        if index < len(earliest) and event.at > earliest[index] + CLOCK_TOLERANCE:
            walk.late.append(
                (
                    event.sequence,
                    f"written at {event.at.isoformat()}, after a checkpoint of "
                    f"{earliest[index].isoformat()} had counted an entry #{event.sequence}",
                )
            )
        if event.sequence in wanted:
            seen[event.sequence] = event.hash
        by_key[event.key_id] += 1
        prev_hash, expected_seq = event.hash, expected_seq + 1
        walk.checked += 1
        walk.last_sequence, walk.last_hash = event.sequence, event.hash

    if walk.first_bad is None and head and head.last_sequence:
        if head.last_sequence > walk.last_sequence:
            walk.fail(
                walk.last_sequence + 1,
                "missing",
                f"the head records #{head.last_sequence}, the chain ends at #{walk.last_sequence}",
            )
        elif seen.get(head.last_sequence) != head.last_hash:
            walk.fail(
                head.last_sequence,
                "altered",
                f"the head's hash does not match entry #{head.last_sequence}",
            )
    _compare_checkpoints(walk, checkpoints, seen)
    pending = _pending_checked(ring, batch_size)
    bad_id, pending_problem, pending_detail = pending.problem or _duplicate_nonce()
    problem = walk.problem or pending_problem or ("checkpoint" if checkpoint_problem else "")
    return ChainReport(
        checked=walk.checked,
        first_bad_sequence=walk.first_bad,
        problem=problem,
        detail=walk.detail or pending_detail or checkpoint_problem,
        checkpoints=len(checkpoints),
        by_key=dict(by_key),
        first_bad_id=None if walk.problem else bad_id,
        pending=pending.count,
        oldest_pending_at=pending.oldest_at,
    )


def _own_fields(event: AuditEvent) -> dict[str, Any]:
    """What an entry's hashes cover of its own columns (both schemes)."""
    ct = event.content_type
    return {
        "at": event.at,
        "actor_id": event.actor_id,
        "actor_repr": event.actor_repr,
        "ip": event.ip,
        "channel": event.channel,
        "action": event.action,
        "content_type": f"{ct.app_label}.{ct.model}" if ct else "",
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
    }


def _content_hash_of(event: AuditEvent) -> str:
    return entry_content_hash(nonce=str(event.nonce) if event.nonce else "", **_own_fields(event))


def _content_seal_fails(event: AuditEvent, key: bytes) -> bool:
    expected = entry_content_seal(key=key, key_id=event.key_id, content_hash=event.content_hash)
    return not hmac.compare_digest(event.content_seal, expected)


def _sealed_entry_problem(
    event: AuditEvent, prev_hash: str, ring: dict[str, bytes]
) -> tuple[str, str] | None:
    """What is wrong with a sealed entry chained after ``prev_hash``, by its scheme."""
    if event.scheme == 1:
        recomputed = entry_hash(
            sequence=event.sequence, prev_hash=event.prev_hash, **_own_fields(event)
        )
        content_ok = True
    else:
        recomputed = entry_link_hash(
            sequence=event.sequence, prev_hash=event.prev_hash, content_hash=event.content_hash
        )
        content_ok = _content_hash_of(event) == event.content_hash
    if event.prev_hash != prev_hash or recomputed != event.hash or not content_ok:
        return "altered", "content or link does not match the hash"
    key = ring.get(event.key_id)
    if key is None:
        return "unknown key", f"sealed with unknown key {event.key_id!r}"
    if not hmac.compare_digest(
        event.seal, entry_seal(key=key, key_id=event.key_id, digest=event.hash)
    ) or (event.scheme != 1 and _content_seal_fails(event, key)):
        return "seal", "the seal does not verify: edited and re-hashed"
    return None


@dataclass
class _Pending:
    count: int = 0
    oldest_at: datetime | None = None
    problem: tuple[int, str, str] | None = None


def _pending_checked(ring: dict[str, bytes], batch_size: int) -> _Pending:
    """Entries committed and not yet sealed: each must still carry its own content seal."""
    found = _Pending()
    rows = (
        AuditEvent.objects.select_related("content_type")
        .filter(sequence__isnull=True)
        .order_by("id")
    )
    for event in rows.iterator(chunk_size=batch_size):
        found.count += 1
        if found.oldest_at is None or event.at < found.oldest_at:
            found.oldest_at = event.at
        if found.problem:
            continue
        key = ring.get(event.key_id)
        if key is None:
            found.problem = (event.pk, "unknown key", f"sealed with unknown key {event.key_id!r}")
        elif _content_hash_of(event) != event.content_hash or _content_seal_fails(event, key):
            found.problem = (
                event.pk,
                "content seal",
                f"entry id {event.pk}, not yet sealed into the chain, was edited or forged",
            )
    return found


def _duplicate_nonce() -> tuple[int | None, str, str]:
    """Two entries sharing a nonce: one is a copy (replayed) of the other."""
    copy = (
        AuditEvent.objects.filter(nonce__isnull=False)
        .values("nonce")
        .annotate(copies=models.Count("id"), last=models.Max("id"))
        .filter(copies__gt=1)
        .order_by("last")
        .first()
    )
    if copy is None:
        return None, "", ""
    return copy["last"], "duplicate", f"entry id {copy['last']} copies another entry's nonce"


def _compare_checkpoints(walk: _Walk, checkpoints: list[Checkpoint], seen: dict[int, str]) -> None:
    """Each checkpoint's entry must still be there with the hash it had.

    A matching checkpoint proves every entry up to it (the hashes chain). When one fails, the
    first entry affected is the first entry after the last proven one that was stamped later
    than a checkpoint counting its sequence (written again after a reset); failing that, the
    first entry missing when the checkpoint counted entries past the end of the chain, or else
    the entry after the last matching checkpoint.
    """
    walked_to = walk.last_sequence if walk.first_bad is None else walk.first_bad - 1
    proven = 0
    for cp in sorted(checkpoints, key=lambda c: c.sequence):
        if cp.sequence <= walked_to and (cp.sequence == 0 or seen.get(cp.sequence) == cp.hash):
            proven = max(proven, cp.sequence)
            continue
        late = [(seq, detail) for seq, detail in walk.late if proven < seq <= walked_to]
        if late:
            walk.fail(late[0][0], "replaced", late[0][1])
        elif cp.sequence > walked_to:
            if walk.first_bad is None:
                walk.fail(
                    walked_to + 1,
                    "missing",
                    f"the checkpoint of {cp.at.isoformat()} counted entries up to "
                    f"#{cp.sequence}, the chain ends at #{walked_to}",
                )
        else:
            walk.fail(
                proven + 1,
                "replaced",
                f"entry #{cp.sequence} no longer has the hash the checkpoint of "
                f"{cp.at.isoformat()} recorded; entries up to #{proven} match a checkpoint",
            )
        return
