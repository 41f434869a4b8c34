"""Rule sets in the admin: audited, and frozen once in force.

A rule set that has started is the legal regime dossiers were received under, so only its end
date (to close it when a new decree takes over) and its notes stay editable, and it cannot be
deleted. After each save the time line is checked for gaps and overlaps.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone

from egov.audit.admin_mixins import AuditedAdminMixin
from egov.onestop.models import RuleSet
from egov.onestop.selectors import ruleset_timeline_problems

EDITABLE_WHEN_STARTED = frozenset({"effective_to", "notes"})


def _has_started(obj: RuleSet | None) -> bool:
    return obj is not None and obj.effective_from <= timezone.localdate()


@admin.register(RuleSet)
class RuleSetAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "effective_from",
        "effective_to",
        "forms_set",
        "accepts_any_centre_in_province",
    )
    ordering = ("effective_from",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if not _has_started(obj):
            return []
        return [
            f.name
            for f in RuleSet._meta.concrete_fields
            if f.name not in EDITABLE_WHEN_STARTED and f.name != "id"
        ]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Bulk deletion would bypass the per-object check below.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _has_started(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: RuleSet, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        for problem in ruleset_timeline_problems():
            messages.warning(request, problem)
