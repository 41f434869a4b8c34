"""Audit entries for inline rows (fees, documents) saved through the admin.

``egov.audit.admin_mixins.AuditedAdminMixin`` records the parent's saves; this records each
inline row created, changed or deleted, in the same transaction. (Candidate to move to
``egov.audit.admin_mixins`` when a second app needs it.)
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest

from egov.audit.choices import AuditAction
from egov.audit.services import event_record


def _json(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


class AuditedInlinesMixin(admin.ModelAdmin):
    """Records ``admin.created`` / ``admin.changed`` / ``admin.deleted`` for inline rows."""

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
        touched = [
            (f, f.instance.pk is None, list(f.changed_data))
            for f in formset.forms
            if f.has_changed() and f not in formset.deleted_forms
        ]
        with transaction.atomic():
            for instance in deleted:
                event_record(actor=request.user, action=AuditAction.ADMIN_DELETED, obj=instance)
            super().save_formset(request, form, formset, change)
            for inline_form, is_new, fields in touched:
                changes = {name: _json(inline_form.cleaned_data.get(name)) for name in fields}
                event_record(
                    actor=request.user,
                    action=AuditAction.ADMIN_CREATED if is_new else "admin.changed",
                    obj=inline_form.instance,
                    changes=changes,
                )
