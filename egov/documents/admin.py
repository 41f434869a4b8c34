"""Configuration of the registry: document types and their abbreviations (edited, audited).
Registers and documents are shown read-only: numbers, signatures and statuses change only
through the services, which keep the audit trail and the locked counters."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from egov.audit.admin_mixins import AuditedAdminMixin
from egov.documents.choices import Secrecy
from egov.documents.models import Document, DocumentType, NumberRegister


@admin.register(DocumentType)
class DocumentTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "abbreviation", "code", "is_legal_normative", "assigns_tasks", "order")
    list_editable = ("order",)
    search_fields = ("name", "abbreviation", "code")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # documents keep pointing at their type


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NumberRegister)
class NumberRegisterAdmin(ReadOnlyAdmin):
    list_display = ("unit", "series", "year", "last_number")
    list_filter = ("series", "year")
    search_fields = ("unit__name",)


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Read-only, and without secret documents: they are seen only by the people named."""

    list_display = (
        "number_notation",
        "direction",
        "status",
        "doc_type",
        "unit",
        "issued_on",
        "subject",
    )
    list_filter = ("direction", "status", "doc_type")
    search_fields = ("number_notation", "search_text")
    exclude = ("search_text", "signer_key", "idempotency_key")

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super()
            .get_queryset(request)
            .filter(secrecy=Secrecy.NONE)
            .select_related("doc_type", "unit")
        )
