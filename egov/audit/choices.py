"""Choices of the audit trail."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    """Actions the audit app records itself: edits in the admin, bulk reads of personal data."""

    ADMIN_CREATED = "admin.created", pgettext_lazy("audit action", "Added in the administration")
    ADMIN_CHANGED = "admin.changed", pgettext_lazy("audit action", "Changed in the administration")
    ADMIN_DELETED = "admin.deleted", pgettext_lazy("audit action", "Deleted in the administration")
    PERSONAL_DATA_READ_BULK = (
        "personal_data.read_bulk",
        pgettext_lazy("audit action", "Personal data read in bulk"),
    )
