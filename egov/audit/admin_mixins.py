"""Admin edits are state changes too: record them in the audit trail like any service does."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from egov.audit.choices import AuditAction
from egov.audit.rules import to_json_value
from egov.audit.services import event_record


class AuditedAdminMixin(admin.ModelAdmin):
    """Writes ``admin.created`` / ``admin.changed`` / ``admin.deleted`` with before/after values
    of the changed fields, in the same transaction as the save."""

    audit_exclude = ("password",)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        changed = [f for f in form.changed_data if f not in self.audit_exclude]
        before = {}
        if change:
            old = (
                type(obj)
                .objects.filter(pk=obj.pk)
                .values(
                    *[
                        f
                        for f in changed
                        if f in {fld.attname for fld in obj._meta.concrete_fields}
                        or f in {fld.name for fld in obj._meta.concrete_fields}
                    ]
                )
                .first()
                or {}
            )
            before = {k: to_json_value(v) for k, v in old.items()}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = {f: to_json_value(form.cleaned_data.get(f)) for f in changed}
            diff = {f: [before.get(f), after[f]] for f in changed}
            event_record(
                actor=request.user,
                action=AuditAction.ADMIN_CHANGED if change else AuditAction.ADMIN_CREATED,
                obj=obj,
                changes=diff,
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            event_record(actor=request.user, action=AuditAction.ADMIN_DELETED, obj=obj)
            super().delete_model(request, obj)
