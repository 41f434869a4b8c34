"""Read-only view of the audit trail in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from egov.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("sequence", "at", "actor_repr", "ip", "action", "object_repr")
    list_filter = ("action", "channel")
    search_fields = ("object_repr", "actor_repr", "action")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
