"""System checks of the audit seal settings (``egov check``; the warnings with ``--deploy``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from egov.audit.keys import (
    DEV_KEY_ID,
    KEY_ID_PATTERN,
    MIN_KEY_LENGTH,
    configured_keys,
    current_key,
    current_key_id,
)


@register(Tags.security)
def audit_keys_check(app_configs: Any = None, **kwargs: Any) -> list:
    """The key ring parses, the current key is in it, ids are plain and keys long enough."""
    try:
        keys = configured_keys()
        current_key()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="egov.audit.E001")]
    problems = []
    for key_id, key in keys.items():
        if key_id == DEV_KEY_ID or not KEY_ID_PATTERN.match(key_id):
            problems.append(
                Error(
                    f"Audit key id {key_id!r}: use 1-32 letters, digits, '.', '_' or '-', "
                    f"not {DEV_KEY_ID!r}.",
                    id="egov.audit.E002",
                )
            )
        if len(key) < MIN_KEY_LENGTH:
            problems.append(
                Error(
                    f"Audit key {key_id!r} is shorter than {MIN_KEY_LENGTH} characters.",
                    id="egov.audit.E003",
                )
            )
    return problems


@register(Tags.security, deploy=True)
def audit_deploy_check(app_configs: Any = None, **kwargs: Any) -> list:
    """In production: a real key, and checkpoints outside the application's directory."""
    warnings = []
    try:
        key_id = current_key_id()
    except ImproperlyConfigured:
        return []  # reported by audit_keys_check
    if key_id == DEV_KEY_ID:
        warnings.append(
            Warning(
                "Audit entries are sealed with the development key (derived from the secret key).",
                hint="Set EGOV_AUDIT_KEYS (or EGOV_AUDIT_KEY_FILE) and EGOV_AUDIT_KEY_ID.",
                id="egov.audit.W001",
            )
        )
    checkpoint_dir = Path(settings.EGOV_AUDIT_CHECKPOINT_DIR).resolve()
    if checkpoint_dir.is_relative_to(Path(settings.BASE_DIR).resolve()):
        warnings.append(
            Warning(
                "Audit checkpoints are written inside the application directory.",
                hint="Set EGOV_AUDIT_CHECKPOINT_DIR to a directory on another volume than the "
                "database.",
                id="egov.audit.W002",
            )
        )
    return warnings
