"""Administrators keep the calendar adjustments here. Saves and deletions go through the
services, so each change is audited and gives a new calendar version."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.workdays.models import CalendarAdjustment
from egov.workdays.services import calendar_adjustment_delete, calendar_adjustment_set


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = CalendarAdjustment.objects.dates("on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value.isdigit():
            return queryset.in_year(int(value))
        return queryset


@admin.register(CalendarAdjustment)
class CalendarAdjustmentAdmin(admin.ModelAdmin):
    list_display = ("on", "kind", "swapped_with", "description", "confidence", "updated_at")
    list_filter = ("kind", YearFilter, "confidence")
    search_fields = ("description", "source")
    ordering = ("on",)
    date_hierarchy = "on"
    fields = ("on", "kind", "swapped_with", "description", "source", "confidence")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The date is the row's identity: move an adjustment by deleting it and adding another.
        return ("on",) if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: CalendarAdjustment, form: Any, change: bool
    ) -> None:
        saved = calendar_adjustment_set(
            actor=request.user,
            on=obj.on,
            kind=obj.kind,
            swapped_with=obj.swapped_with,
            description=obj.description,
            source=obj.source,
            confidence=obj.confidence,
        )
        obj.pk, obj.created_at, obj.updated_at = saved.pk, saved.created_at, saved.updated_at

    def delete_model(self, request: HttpRequest, obj: CalendarAdjustment) -> None:
        calendar_adjustment_delete(actor=request.user, adjustment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for adjustment in queryset:
            calendar_adjustment_delete(actor=request.user, adjustment=adjustment)
