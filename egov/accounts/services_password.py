"""Setting a password the person chose: after a forgotten password (the e-mailed link) or from
the profile (the current password given). One audited write each."""

from __future__ import annotations

from django.db import transaction

from egov.accounts.choices import AuditAction
from egov.accounts.models import User
from egov.audit.services import event_record

ACTIONS = {
    "change": AuditAction.ACCOUNT_PASSWORD_CHANGED,
    "reset": AuditAction.ACCOUNT_PASSWORD_RESET,
}


def user_password_set(*, actor: User | None, user: User, password: str, how: str) -> User:
    """Store ``password`` (already validated by the form with the password validators) and
    record ``how`` ("change" or "reset"); the hash never goes into the audit entry."""
    action = ACTIONS[how]
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        event_record(actor=actor or user, action=action, obj=user, changes={"password": "***"})
    return user
