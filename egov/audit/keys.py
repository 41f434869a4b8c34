"""The keys that seal audit entries and checkpoints (HMAC-SHA256), read from the settings.

The database never holds a key: ``EGOV_AUDIT_KEYS`` (environment, ``id=key,...``) and
``EGOV_AUDIT_KEY_FILE`` (lines ``id=key``; ``#`` starts a comment) give the key ring,
``EGOV_AUDIT_KEY_ID`` the key new entries are sealed with. Every entry stores the id of its key,
so keys rotate: add the new key, point ``EGOV_AUDIT_KEY_ID`` at it, keep the old ones for
``egov audit verify``.

With no key configured, entries are sealed with the development key ``dev``, derived from
``EGOV_SECRET_KEY``: a fresh clone works with no configuration, and ``egov check --deploy``
warns while a production deployment relies on it. The development key stays in the ring so that
entries sealed with it before a real key was configured still verify.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_ID = "dev"
KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
MIN_KEY_LENGTH = 32


def dev_key() -> bytes:
    """The development key: an HMAC of a fixed label under the Django secret key."""
    return hmac.new(
        settings.SECRET_KEY.encode("utf-8"), b"egov-audit-development-key", hashlib.sha256
    ).digest()


def _key_file_entries(path: str) -> dict[str, str]:
    if not path:
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ImproperlyConfigured(f"EGOV_AUDIT_KEY_FILE cannot be read: {exc}") from exc
    keys = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key_id, sep, key = line.partition("=")
        if not sep:
            raise ImproperlyConfigured(f"EGOV_AUDIT_KEY_FILE line {number}: expected id=key")
        keys[key_id.strip()] = key.strip()
    return keys


def configured_keys() -> dict[str, str]:
    """The keys given by the settings (environment first, then the key file), by id."""
    keys = dict(getattr(settings, "EGOV_AUDIT_KEYS", {}) or {})
    keys.update(_key_file_entries(getattr(settings, "EGOV_AUDIT_KEY_FILE", "")))
    return keys


def key_ring() -> dict[str, bytes]:
    """Every key an entry or checkpoint may be sealed with, by id (the development key too)."""
    ring = {DEV_KEY_ID: dev_key()}
    ring.update({key_id: key.encode("utf-8") for key_id, key in configured_keys().items()})
    return ring


def current_key_id() -> str:
    """The id of the key new entries and checkpoints are sealed with."""
    chosen = getattr(settings, "EGOV_AUDIT_KEY_ID", "")
    if chosen:
        return chosen
    configured = configured_keys()
    if len(configured) == 1:
        return next(iter(configured))
    if configured:
        raise ImproperlyConfigured("Several audit keys are configured: set EGOV_AUDIT_KEY_ID.")
    return DEV_KEY_ID


def current_key() -> tuple[str, bytes]:
    """``(key id, key)`` of the key new entries and checkpoints are sealed with."""
    key_id = current_key_id()
    ring = key_ring()
    if key_id not in ring:
        raise ImproperlyConfigured(f"EGOV_AUDIT_KEY_ID {key_id!r} is not in the audit key ring.")
    return key_id, ring[key_id]
