"""Configuration of accounts in the admin. Passwords are set through the admin's password form."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from egov.accounts.models import ApiToken, ExternalIdentity, User
from egov.audit.admin_mixins import AuditedAdminMixin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    ordering = ("full_name",)
    list_display = ("full_name", "kind", "email", "phone", "is_active", "is_staff")
    list_filter = ("kind", "is_active", "is_staff")
    search_fields = ("full_name", "email", "phone", "citizen_id", "tax_code")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("kind", "full_name", "email", "phone", "password")}),
        (_("Public identity"), {"fields": ("citizen_id", "tax_code")}),
        (_("Status"), {"fields": ("is_active", "disabled_reason", "is_staff", "is_superuser",
                                  "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": (
        "kind", "full_name", "email", "phone", "citizen_id", "tax_code", "password1",
        "password2")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")




@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "provider", "subject", "linked_at")
    raw_id_fields = ("user",)
