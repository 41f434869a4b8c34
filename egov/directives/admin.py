"""Admin of task tracking: read-only. Tasks, reports, extensions and imports change only
through the services (audited, with their rules); the admin is for looking things up."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from egov.directives.models import (
    DeadlineExtension,
    Task,
    TaskChange,
    TaskImport,
    TaskReminder,
    TaskReport,
    TaskUnit,
)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TaskUnitInline(ReadOnlyMixin, admin.TabularInline):
    model = TaskUnit
    extra = 0


class TaskChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = TaskChange
    extra = 0


@admin.register(Task)
class TaskAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "content",
        "document",
        "lead_unit",
        "deadline_on",
        "recurrence",
        "percent_done",
        "done_on",
    )
    list_filter = ("recurrence",)
    search_fields = ("search_text",)
    list_select_related = ("document", "lead_unit")
    inlines = [TaskUnitInline, TaskChangeInline]


@admin.register(TaskReport)
class TaskReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("task", "unit", "period_start", "due_on", "status", "percent")
    list_filter = ("status",)
    list_select_related = ("task", "unit")


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("task", "current_deadline_on", "proposed_deadline_on", "status")
    list_filter = ("status",)


@admin.register(TaskReminder)
class TaskReminderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("task", "kind", "deadline_on", "sent_at")
    list_filter = ("kind",)


@admin.register(TaskImport)
class TaskImportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("file_name", "document", "is_applied", "created_at")
    list_filter = ("is_applied",)
