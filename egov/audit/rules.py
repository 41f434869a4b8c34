"""Pure functions of the audit chain: canonical form, hashing and diffs."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64


def to_json_value(value: Any) -> Any:
    """Turn dates, decimals, UUIDs, model instances... into plain JSON values."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [before, after]}``."""
    keys = sorted(set(before) | set(after))
    changed = {}
    for key in keys:
        old, new = to_json_value(before.get(key)), to_json_value(after.get(key))
        if old != new:
            changed[key] = [old, new]
    return changed


def entry_fields(
    *,
    at: datetime,
    actor_id: int | None,
    actor_repr: str,
    ip: str | None,
    channel: str,
    action: str,
    content_type: str,
    object_id: str,
    object_repr: str,
    changes: Mapping[str, Any],
) -> dict[str, Any]:
    """An entry's own fields as both hash schemes put them in the canonical form."""
    return {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_repr": actor_repr,
        "ip": ip,
        "channel": channel,
        "action": action,
        "content_type": content_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "changes": changes,
    }


def entry_hash(*, sequence: int, prev_hash: str, **own: Any) -> str:
    """Scheme 1 (ADR 0002, entries written before ADR 0030): SHA-256 of an entry's canonical
    JSON form (its own fields, :func:`entry_fields`), chained to the previous entry's hash."""
    payload = {**entry_fields(**own), "sequence": sequence, "prev_hash": prev_hash}
    return hashlib.sha256(_canonical(payload).encode("utf-8")).hexdigest()


def _canonical(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_content_hash(*, nonce: str, **own: Any) -> str:
    """Scheme 2 (ADR 0030): SHA-256 of an entry's own fields (:func:`entry_fields`) and its
    random nonce, computed when the entry is written, before it has a place in the chain."""
    payload = {**entry_fields(**own), "nonce": nonce}
    return hashlib.sha256(_canonical(payload).encode("utf-8")).hexdigest()


def entry_content_seal(*, key: bytes, key_id: str, content_hash: str) -> str:
    """HMAC-SHA256 of a scheme-2 entry's content hash: an entry forged or edited while it waits
    to be sealed into the chain fails it (ADR 0030)."""
    message = f"egov-audit-content:{key_id}:{content_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def entry_link_hash(*, sequence: int, prev_hash: str, content_hash: str) -> str:
    """Scheme 2: the chain hash of an entry sealed at ``sequence`` after ``prev_hash``."""
    message = f"egov-audit-2:{sequence}:{prev_hash}:{content_hash}"
    return hashlib.sha256(message.encode()).hexdigest()


def entry_seal(*, key: bytes, key_id: str, digest: str) -> str:
    """HMAC-SHA256 of an entry's hash under a key the database does not hold.

    The hash covers the entry and, through ``prev_hash``, every entry before it; whoever edits
    an entry and recomputes the hashes after it cannot recompute the seals without the key.
    """
    message = f"egov-audit-entry:{key_id}:{digest}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def checkpoint_payload(*, sequence: int, digest: str, at: datetime, key_id: str) -> dict[str, Any]:
    """The fields of an exported checkpoint of the chain head (without its MAC)."""
    return {
        "sequence": sequence,
        "hash": digest,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "key_id": key_id,
    }


def checkpoint_mac(*, key: bytes, payload: Mapping[str, Any]) -> str:
    """HMAC-SHA256 of a checkpoint's canonical JSON."""
    message = f"egov-audit-checkpoint:{_canonical(payload)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
