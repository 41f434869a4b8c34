"""Administrators see every background job, read-only (each also opens on its job page)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from egov.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "started_by", "state", "phase", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("title", "started_by__email")
    list_select_related = ("started_by",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
