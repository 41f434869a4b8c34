"""Audit entries for generated rows, written and sealed exactly as ``egov.audit.services``
writes (``event_record``) and seals (``audit_seal_pending``) them (scheme 2, ADR 0030): the
generator continues from the chain head the services left (org tree, catalog, internal
procedures), computes each entry's content hash and seals with the app's own functions under
the current audit key (``EGOV_AUDIT_KEY_ID``, or the development key),
and moves the head at the end, so ``egov audit verify`` walks the whole chain and finds it intact.

Generated entries say so: their ``channel`` is ``bench``. Their sequence follows the order
of generation (each object's own entries are in time order; entries of different objects are
not sorted by time across the decade).
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from egov.audit.keys import current_key
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import (
    GENESIS_HASH,
    entry_content_hash,
    entry_content_seal,
    entry_link_hash,
    entry_seal,
)

CHANNEL = "bench"
COLUMNS = (
    "id",
    "sequence",
    "at",
    "actor_id",
    "actor_repr",
    "ip",
    "channel",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "changes",
    "prev_hash",
    "hash",
    "key_id",
    "seal",
    "scheme",
    "nonce",
    "content_hash",
    "content_seal",
)
_UTC = datetime.UTC


def iso(moment: datetime.datetime | None) -> str | None:
    """A moment as ``DjangoJSONEncoder`` writes a UTC one (what ``to_json_value`` stores)."""
    if moment is None:
        return None
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _content(
    nonce: str,
    at: datetime.datetime,
    actor_id: int | None,
    actor_repr: str,
    action: str,
    content_type: str,
    object_id: int,
    object_repr: str,
    changes: Mapping[str, Any],
) -> str:
    return entry_content_hash(
        nonce=nonce,
        at=at,
        actor_id=actor_id,
        actor_repr=actor_repr,
        ip=None,
        channel=CHANNEL,
        action=action,
        content_type=content_type,
        object_id=str(object_id),
        object_repr=object_repr,
        changes=changes,
    )


class AuditChain:
    """Hands out sealed audit rows (scheme 2), starting after the current chain head."""

    def __init__(self, next_id: int) -> None:
        head = AuditChainHead.objects.filter(pk=1).first()
        self.sequence = head.last_sequence if head else 0
        self.prev_hash = head.last_hash if head else GENESIS_HASH
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.next_id = max(next_id, last + 1)
        self.written = 0
        self.key_id, self.key = current_key()

    def _link(self, content_hash: str) -> tuple[int, str, str, str]:
        """The next place in the chain: (sequence, previous hash, hash, seal)."""
        self.sequence += 1
        digest = entry_link_hash(
            sequence=self.sequence, prev_hash=self.prev_hash, content_hash=content_hash
        )
        seal = entry_seal(key=self.key, key_id=self.key_id, digest=digest)
        link = (self.sequence, self.prev_hash, digest, seal)
        self.prev_hash = digest
        self.next_id += 1
        self.written += 1
        return link

    def row(
        self,
        key: int,
        at: datetime.datetime,
        actor_id: int | None,
        actor_repr: str,
        action: str,
        content_type: tuple[int, str],
        object_id: int,
        object_repr: str,
        changes: Mapping[str, Any],
    ) -> tuple:
        """The audit row of the next entry (``content_type`` is (id, "app_label.model");
        ``key`` only orders staged entries)."""
        nonce = str(uuid.uuid4())
        content_hash = _content(
            nonce, at, actor_id, actor_repr, action, content_type[1], object_id, object_repr,
            changes,
        )  # fmt: skip
        row_id = self.next_id
        sequence, prev_hash, digest, seal = self._link(content_hash)
        return (
            row_id,
            sequence,
            at,
            actor_id,
            actor_repr,
            None,
            CHANNEL,
            action,
            content_type[0],
            str(object_id),
            object_repr,
            changes,
            prev_hash,
            digest,
            self.key_id,
            seal,
            2,
            nonce,
            content_hash,
            entry_content_seal(key=self.key, key_id=self.key_id, content_hash=content_hash),
        )

    def rows_from_stage(self, staged: Iterable[tuple[str, ...]]) -> Iterator[tuple]:
        """Chain staged entries (in key order; every value as COPY text) into audit rows: their
        content hash and content seal were made by the workers (see :func:`stage_row`), only
        the link is added here."""
        for (
            _key,
            at,
            actor_id,
            actor_repr,
            action,
            ct_id,
            object_id,
            object_repr,
            changes,
            nonce,
            content_hash,
            content_seal,
        ) in staged:
            row_id = self.next_id
            sequence, prev_hash, digest, seal = self._link(content_hash)
            yield (
                row_id,
                sequence,
                at,
                actor_id,
                actor_repr,
                None,
                CHANNEL,
                action,
                ct_id,
                object_id,
                object_repr,
                changes,
                prev_hash,
                digest,
                self.key_id,
                seal,
                2,
                nonce,
                content_hash,
                content_seal,
            )

    def head_save(self) -> None:
        """Move the chain head to the last generated entry."""
        AuditChainHead.objects.update_or_create(
            pk=1, defaults={"last_sequence": self.sequence, "last_hash": self.prev_hash}
        )


STAGE = "bench_audit_stage"
STAGE_COLUMNS = (
    "key",
    "at",
    "actor_id",
    "actor_repr",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "changes",
    "nonce",
    "content_hash",
    "content_seal",
)
STAGE_DDL = (
    "key bigint, at timestamptz, actor_id bigint, actor_repr text, action text, "
    "content_type_id integer, object_id bigint, object_repr text, changes text, nonce uuid, "
    "content_hash text, content_seal text"
)


def stage_row(
    key: int,
    at: datetime.datetime,
    actor_id: int | None,
    actor_repr: str,
    action: str,
    content_type: tuple[int, str],
    object_id: int,
    object_repr: str,
    changes: Mapping[str, Any],
) -> tuple:
    """An entry waiting to be chained. Worker processes make entries in parallel with their
    content hash and content seal (the expensive part); the chain is then linked in one pass in
    ``key`` order, the order a single process would have made."""
    key_id, secret = current_key()
    nonce = str(uuid.uuid4())
    content_hash = _content(
        nonce, at, actor_id, actor_repr, action, content_type[1], object_id, object_repr, changes
    )
    return (
        key,
        at.isoformat(),
        actor_id,
        actor_repr,
        action,
        content_type[0],
        object_id,
        object_repr,
        json.dumps(changes, ensure_ascii=False),
        nonce,
        content_hash,
        entry_content_seal(key=secret, key_id=key_id, content_hash=content_hash),
    )
