"""Configuration admin of the exchange: peers (with their inbound token) and, read-only, the
messages sent and received."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.exchange.models import ExchangePeer, InboundMessage, OutboundMessage
from egov.exchange.services import peer_token_issue


@admin.register(ExchangePeer)
class ExchangePeerAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "agency_code",
        "endpoint_url",
        "is_active",
        "relays_for_others",
        "is_inside_platform",
        "token_issued_at",
    )
    list_filter = ("is_active", "relays_for_others", "is_inside_platform")
    search_fields = ("name", "agency_code")
    readonly_fields = ("token_prefix", "token_issued_at", "created_at")
    actions = ["issue_token"]

    @admin.action(description=_("Issue a new inbound token (shown once)"))
    def issue_token(self, request: HttpRequest, queryset: QuerySet[ExchangePeer]) -> None:
        for peer in queryset:
            issued = peer_token_issue(actor=request.user, peer=peer)
            self.message_user(
                request,
                _("Token for %(peer)s (copy it now, it is not kept): %(token)s")
                % {"peer": peer, "token": issued.secret},
                messages.WARNING,
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "kind",
        "status_code",
        "to_agency_code",
        "state",
        "attempts",
        "next_attempt_at",
    )
    list_filter = ("kind", "state")
    search_fields = ("message_id", "to_agency_code", "exchange_document_id")


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "kind", "status_code", "from_agency_code", "state", "peer")
    list_filter = ("kind", "state")
    search_fields = ("message_id", "from_agency_code", "exchange_document_id", "sha256")
    exclude = ("units", "documents")
