"""Admin of disclosure: the duty catalog is edited here (figures checked against the gazette,
through ``duty_update``, audited; duties come from the data file, so none is added or deleted
here); items, consultations and comments are read-only, for looking things up: they change
only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from egov.disclosure.models import Comment, Consultation, Duty, Item
from egov.disclosure.services.duties import EDITABLE, duty_update


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ("name", "frequency", "due_working_days", "min_display_days", "confidence")
    list_filter = ("frequency", "confidence", "is_active")
    search_fields = ("code", "name", "legal_basis")
    fields = ("code", *EDITABLE)
    readonly_fields = ("code",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Duty, form: Any, change: bool) -> None:
        duty_update(actor=request.user, duty=obj, changed=form.changed_data)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "duty", "published_on", "display_until")
    list_filter = ("duty",)
    search_fields = ("title",)


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "opens_on", "closes_on", "status")
    list_filter = ("status", "audience")
    search_fields = ("title",)


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("author_name", "consultation", "status", "channel", "created_at")
    list_filter = ("status", "channel")
    exclude = ("contact", "contact_key", "code_digest")
