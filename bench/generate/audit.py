"""Audit entries for generated rows, chained exactly as ``egov.audit.services.event_record``
chains them: the generator continues from the chain head the services left (org tree, catalog,
internal procedures), computes each entry's hash with the app's own ``entry_hash`` and its seal
with ``entry_seal`` under the current audit key (``EGOV_AUDIT_KEY_ID``, or the development key),
and moves the head at the end, so ``egov audit verify`` walks the whole chain and finds it intact.

Generated entries say so: their ``channel`` is ``bench``. Their sequence follows the order
of generation (each object's own entries are in time order; entries of different objects are
not sorted by time across the decade).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from egov.audit.keys import current_key
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import GENESIS_HASH, entry_hash, entry_seal

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
)
_UTC = datetime.UTC


def iso(moment: datetime.datetime | None) -> str | None:
    """A moment as ``DjangoJSONEncoder`` writes a UTC one (what ``to_json_value`` stores)."""
    if moment is None:
        return None
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AuditChain:
    """Hands out chained audit rows, starting after the current chain head."""

    def __init__(self, next_id: int) -> None:
        head = AuditChainHead.objects.filter(pk=1).first()
        self.sequence = head.last_sequence if head else 0
        self.prev_hash = head.last_hash if head else GENESIS_HASH
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.next_id = max(next_id, last + 1)
        self.written = 0
        self.key_id, self.key = current_key()

    def _seal(self, digest: str) -> str:
        return entry_seal(key=self.key, key_id=self.key_id, digest=digest)

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
        self.sequence += 1
        digest = entry_hash(
            sequence=self.sequence,
            at=at,
            actor_id=actor_id,
            actor_repr=actor_repr,
            ip=None,
            channel=CHANNEL,
            action=action,
            content_type=content_type[1],
            object_id=str(object_id),
            object_repr=object_repr,
            changes=changes,
            prev_hash=self.prev_hash,
        )
        row = (
            self.next_id,
            self.sequence,
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
            self.prev_hash,
            digest,
            self.key_id,
            self._seal(digest),
        )
        self.prev_hash = digest
        self.next_id += 1
        self.written += 1
        return row

    def rows_from_stage(self, staged: Iterable[tuple[str, ...]]) -> Iterator[tuple]:
        """Chain staged entries (in key order; every value as COPY text) into audit rows:
        only the two last keys of the canonical form are added here (see :func:`stage_row`)."""
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
            prefix,
        ) in staged:
            self.sequence += 1
            tail = f'"prev_hash":"{self.prev_hash}","sequence":{self.sequence}}}'
            digest = hashlib.sha256((prefix + tail).encode("utf-8")).hexdigest()
            yield (
                self.next_id,
                self.sequence,
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
                self.prev_hash,
                digest,
                self.key_id,
                self._seal(digest),
            )
            self.prev_hash = digest
            self.next_id += 1
            self.written += 1

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
    "prefix",
)


def _canonical_prefix(payload: Mapping[str, Any]) -> str:
    """The canonical JSON of ``entry_hash`` without its two last keys: sorted, ``prev_hash``
    and ``sequence`` come last, so the chaining pass only appends them."""
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return body[:-1] + ","


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
    """An entry waiting to be chained. Worker processes make entries in parallel, with the
    expensive part of the hash input (the canonical JSON) ready; the chain is then made in one
    pass in ``key`` order, the order a single process would have made."""
    payload = {
        "at": at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_repr": actor_repr,
        "ip": None,
        "channel": CHANNEL,
        "action": action,
        "content_type": content_type[1],
        "object_id": str(object_id),
        "object_repr": object_repr,
        "changes": changes,
    }
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
        _canonical_prefix(payload),
    )


def staged_hash_check() -> None:
    """The chaining pass rebuilds ``egov.audit.rules.entry_hash`` from a prefix: refuse to run
    if the two ever differ (a change of the canonical form)."""
    at = datetime.datetime(2020, 1, 2, 8, 30, tzinfo=datetime.UTC)
    changes = {"status": ["draft", "processing"], "ghi_chú": "Hồ sơ đủ"}
    row = stage_row(
        0,
        at,
        7,
        "Nguyễn Văn An",
        "onestop.dossier_received",
        (3, "onestop.dossier"),
        42,
        "H26-1",
        changes,
    )
    tail = f'"prev_hash":"{"a" * 64}","sequence":5}}'
    mine = hashlib.sha256((row[-1] + tail).encode("utf-8")).hexdigest()
    theirs = entry_hash(
        sequence=5,
        at=at,
        actor_id=7,
        actor_repr="Nguyễn Văn An",
        ip=None,
        channel=CHANNEL,
        action="onestop.dossier_received",
        content_type="onestop.dossier",
        object_id="42",
        object_repr="H26-1",
        changes=changes,
        prev_hash="a" * 64,
    )
    if mine != theirs:
        raise RuntimeError("egov.audit.rules.entry_hash changed: update bench/generate/audit.py")
