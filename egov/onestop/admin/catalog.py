"""Administrators edit the procedure catalog here; every save is audited.

A version that dossiers were received under should not be edited in place: the action
"Create a new version" copies it (``procedure_new_version``) as an unpublished draft.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from egov.audit.admin_mixins import AuditedAdminMixin
from egov.onestop.admin.audit import AuditedInlinesMixin
from egov.onestop.admin.catalog_io import CatalogFileAdminMixin
from egov.onestop.forms import ProcedureAdminForm, RequiredDocumentAdminForm
from egov.onestop.models import Field, Procedure, ProcedureFee, RequiredDocument
from egov.onestop.services import field_search_text_refresh, procedure_new_version


@admin.register(Field)
class FieldAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")

    def save_model(self, request: HttpRequest, obj: Field, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            field_search_text_refresh(field=obj)


class ProcedureFeeInline(admin.TabularInline):
    model = ProcedureFee
    extra = 0
    fields = ("order", "kind", "amount_vnd", "unit", "note", "source", "confidence")


class RequiredDocumentInline(admin.StackedInline):
    model = RequiredDocument
    form = RequiredDocumentAdminForm
    extra = 0
    fields = (
        ("order", "name"),
        ("originals_count", "copies_count", "submit_mode"),
        ("condition", "is_required"),
        ("template_name", "template_file"),
        ("is_electronic_accepted", "confidence"),
        "note",
    )


@admin.register(Procedure)
class ProcedureAdmin(
    CatalogFileAdminMixin, AuditedInlinesMixin, AuditedAdminMixin, admin.ModelAdmin
):
    form = ProcedureAdminForm
    list_display = (
        "code",
        "version",
        "name",
        "level",
        "field",
        "online_level",
        "is_active",
        "effective_from",
        "effective_to",
    )
    list_display_links = ("code", "name")
    list_filter = ("level", "field", "online_level", "catalog_era", "is_active")
    list_select_related = ("field",)
    search_fields = ("code",)
    search_help_text = _("Words of the code, name or field, with or without accents.")
    readonly_fields = ("created_at", "updated_at")
    inlines = [ProcedureFeeInline, RequiredDocumentInline]
    actions = ["make_new_version"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "version",
                    "name",
                    "field",
                    "is_active",
                    ("effective_from", "effective_to"),
                )
            },
        ),
        (
            _("Level and authority"),
            {
                "fields": (
                    "level",
                    "catalog_era",
                    "level_as_published",
                    "level_note",
                    "competent_authority",
                    "competent_unit_kind",
                    "publishing_decision",
                    "legal_basis",
                )
            },
        ),
        (
            _("Time limit"),
            {
                "fields": (
                    ("working_days", "calendar_days"),
                    ("is_same_day", "same_day_cutoff"),
                    "counted_from",
                    "time_limit_text",
                    "time_limit_variants",
                    "time_limit_stages",
                )
            },
        ),
        (
            _("Channels and results"),
            {
                "fields": (
                    "channels",
                    ("online_level", "legacy_level"),
                    "applicants",
                    "results",
                    "form_fields",
                )
            },
        ),
        (
            _("Sources and confidence"),
            {
                "fields": (
                    "confidence",
                    "sources",
                    "local_implementation",
                    "notes",
                    ("created_at", "updated_at"),
                )
            },
        ),
    )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Accent-insensitive search on the stored ``search_text`` (code, name, field)."""
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term[:100]), False

    def save_model(self, request: HttpRequest, obj: Procedure, form: Any, change: bool) -> None:
        obj.refresh_search_text()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Create a new version (unpublished draft)"))
    def make_new_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        copies = [
            procedure_new_version(actor=request.user, procedure=p)
            for p in queryset.prefetch_related("fees", "documents")
        ]
        self.message_user(
            request,
            ngettext(
                "%(count)d draft version created.", "%(count)d draft versions created.", len(copies)
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
