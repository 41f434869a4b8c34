"""Configuration of internal procedures. Drafts are edited here (audited); publishing and new
versions go through the services. A published version is read-only: make a new version."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.audit.admin_mixins import AuditedAdminMixin
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.workflow.choices import AuditAction
from egov.workflow.models import ProcessDefinition, ProcessInstance, StepDefinition
from egov.workflow.services import process_definition_new_version, process_definition_publish


def _is_draft(obj: ProcessDefinition | None) -> bool:
    return obj is None or not obj.is_published


class StepDefinitionInline(admin.TabularInline):
    model = StepDefinition
    extra = 0
    fields = ("order", "code", "name", "unit", "role", "allowance_days")
    raw_id_fields = ("unit",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_draft(obj) and super().has_delete_permission(request, obj)


@admin.register(ProcessDefinition)
class ProcessDefinitionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "version",
        "name",
        "total_days",
        "effective_from",
        "effective_to",
        "is_published",
    )
    list_filter = ("is_published",)
    search_fields = ("code", "name")
    readonly_fields = ("is_published", "published_at")
    inlines = [StepDefinitionInline]
    actions = ["publish", "make_new_version"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_draft(obj) and super().has_delete_permission(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            if formset.has_changed():
                event_record(
                    actor=request.user,
                    action=AuditAction.DEFINITION_STEPS_CHANGED,
                    obj=form.instance,
                    changes={"steps": [s.order for s in form.instance.steps.all()]},
                )

    @admin.action(description=gettext_lazy("Publish the selected drafts"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        for definition in queryset:
            try:
                process_definition_publish(actor=request.user, definition=definition)
            except DomainError as error:
                self.message_user(request, f"{definition}: {error.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Published %(definition)s.") % {"definition": definition},
                    messages.SUCCESS,
                )

    @admin.action(description=gettext_lazy("Make a new draft version"))
    def make_new_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        for definition in queryset:
            copy = process_definition_new_version(actor=request.user, definition=definition)
            self.message_user(
                request, _("Created %(definition)s.") % {"definition": copy}, messages.SUCCESS
            )


@admin.register(ProcessInstance)
class ProcessInstanceAdmin(admin.ModelAdmin):
    """Read-only: instances change only through the actions of the domain apps."""

    list_display = ("subject_label", "definition", "owner_unit", "status", "due_at", "timeliness")
    list_filter = ("status", "timeliness")
    search_fields = ("subject_label", "search_text")
    list_select_related = ("definition", "owner_unit")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
