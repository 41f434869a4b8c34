"""Configuration of accounts in the admin. Passwords are set through the admin's password form."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from egov.accounts.models import ApiToken, ExternalIdentity, User
from egov.accounts.services import api_token_revoke
from egov.audit.admin_mixins import AuditedAdminMixin
from egov.audit.services import event_record_bulk_read


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
        (
            _("Status"),
            {
                "fields": (
                    "is_active",
                    "disabled_reason",
                    "is_staff",
                    "is_superuser",
                    "last_login",
                    "date_joined",
                )
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "kind",
                    "full_name",
                    "email",
                    "phone",
                    "citizen_id",
                    "tax_code",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        """Listing accounts reads personal data in bulk: record who read how many rows."""
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            event_record_bulk_read(
                actor=request.user,
                model=User,
                count=len(changelist.result_list),
                purpose="admin list",
            )
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Every account's tokens, for administrators to see and revoke. Tokens are issued by their
    owner (Account, API tokens) or `egov api_token`, never here: the secret is shown once."""

    list_display = (
        "name",
        "user",
        "prefix",
        "read_only",
        "apps",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("read_only", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "prefix", "user__full_name", "user__email")
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "digest",
        "read_only",
        "apps",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            api_token_revoke(actor=request.user, token=token)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
        )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "provider", "subject", "linked_at")
    raw_id_fields = ("user",)
