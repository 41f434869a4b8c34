"""System checks of the audit seal settings (``egov check``; the warnings with ``--deploy``)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Min
from django.utils import timezone

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


@register(Tags.database, deploy=True)
def audit_pending_check(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list:
    """Entries wait to be sealed into the chain for milliseconds, or until the sweep: one
    older than ``EGOV_AUDIT_SEAL_MAX_AGE`` seconds means the sealer stopped (ADR 0030). Runs
    with ``egov check --deploy --database default``."""
    if not databases or "default" not in databases:
        return []
    from egov.audit.models import AuditEvent

    found = AuditEvent.objects.filter(sequence__isnull=True).aggregate(
        oldest=Min("at"), waiting=Count("id")
    )
    oldest, waiting = found["oldest"], found["waiting"]
    max_age = timedelta(seconds=settings.EGOV_AUDIT_SEAL_MAX_AGE)
    if oldest is None or timezone.now() - oldest <= max_age:
        return []
    return [
        Warning(
            f"{waiting} audit entries are not sealed into the chain; the oldest was written at "
            f"{oldest:%Y-%m-%d %H:%M:%S}.",
            hint="Run `egov audit seal`, and schedule it every minute with the checkpoint.",
            id="egov.audit.W003",
        )
    ]
