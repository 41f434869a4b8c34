"""Configuration of the org tree and officers' roles in the admin.

Structural changes (create, rename, merge, dissolve) go through the services so that paths,
name history and the audit trail stay right; the admin uses them in ``save_model``."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from egov.audit.admin_mixins import AuditedAdminMixin
from egov.common.text import fold
from egov.orgs.models import Membership, OrgUnit, OrgUnitName, OutsideBody
from egov.orgs.services import (
    membership_grant,
    orgunit_create,
    orgunit_move,
    orgunit_rename,
    outside_body_create,
)


class OrgUnitNameInline(admin.TabularInline):
    model = OrgUnitName
    extra = 0
    readonly_fields = ("name", "valid_from", "valid_to")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "admin_code", "agency_code", "status", "parent")
    list_filter = ("kind", "status", "dataset")
    search_fields = ("name", "search_text", "admin_code", "agency_code")
    raw_id_fields = ("parent", "successor")
    readonly_fields = ("path", "depth", "status", "valid_to", "successor")
    inlines = [OrgUnitNameInline]

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: object, change: bool) -> None:
        if not change:
            fields = {
                f: getattr(obj, f)
                for f in (
                    "short_name",
                    "admin_code",
                    "admin_code_scheme",
                    "agency_code",
                    "agency_code_status",
                    "valid_from",
                )
            }
            created = orgunit_create(
                actor=request.user, name=obj.name, kind=obj.kind, parent=obj.parent, **fields
            )
            obj.pk, obj.path = created.pk, created.path
            return
        old = OrgUnit.objects.get(pk=obj.pk)
        if obj.name != old.name:
            orgunit_rename(actor=request.user, unit=old, new_name=obj.name)
        if obj.parent_id != old.parent_id and obj.parent is not None:
            orgunit_move(
                actor=request.user, unit=OrgUnit.objects.get(pk=obj.pk), new_parent=obj.parent
            )
        current = OrgUnit.objects.get(pk=obj.pk)
        obj.name, obj.search_text, obj.path, obj.depth, obj.parent_id = (
            current.name,
            current.search_text,
            current.path,
            current.depth,
            current.parent_id,
        )
        form.changed_data[:] = [f for f in form.changed_data if f not in ("name", "parent")]
        super().save_model(request, obj, form, change)


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "unit", "role", "includes_subtree", "started_on", "ended_on")
    list_filter = ("role", "includes_subtree")
    raw_id_fields = ("user", "unit")
    search_fields = ("user__full_name", "unit__name")

    def save_model(self, request: HttpRequest, obj: Membership, form: object, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)  # audited by the mixin
            return
        created = membership_grant(
            actor=request.user,
            user=obj.user,
            unit=obj.unit,
            role=obj.role,
            includes_subtree=obj.includes_subtree,
            position=obj.position,
            started_on=obj.started_on,
        )
        obj.pk = created.pk


@admin.register(OutsideBody)
class OutsideBodyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The register of bodies outside the org tree: a new one goes through the service (one
    entry per name); later edits keep the folded search name in step."""

    list_display = ("name", "short_name", "agency_code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "search_text", "short_name", "agency_code")

    def save_model(
        self, request: HttpRequest, obj: OutsideBody, form: object, change: bool
    ) -> None:
        if not change:
            created = outside_body_create(
                actor=request.user,
                name=obj.name,
                short_name=obj.short_name,
                agency_code=obj.agency_code,
            )
            obj.pk = created.pk
            return
        obj.search_text = fold(obj.name)
        super().save_model(request, obj, form, change)
