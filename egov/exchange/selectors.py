"""Reads of the exchange, scoped to the officer's units (egov.orgs.access)."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.exchange.models import ExchangePeer, InboundMessage, OutboundMessage
from egov.orgs.access import get_for_user_or_404, scope_to_units


def outbound_message_list_for_user(user: object) -> QuerySet[OutboundMessage]:
    """Packages sent by the units the officer acts for, newest first."""
    return scope_to_units(
        OutboundMessage.objects.select_related("document", "recipient", "peer", "unit"),
        user,
        unit_field="unit",
    ).defer("payload")


def inbound_message_list_for_user(user: object) -> QuerySet[InboundMessage]:
    """Packages received for (or about documents of) the officer's units, newest first.
    Rejected packages concern no unit yet: they are for the administrators (Django admin)."""
    return (
        scope_to_units(
            InboundMessage.objects.select_related("peer", "recipient"),
            user,
            unit_field="units",
        )
        .distinct()
        .prefetch_related("documents")
    )


def outbound_message_get_for_user(user: object, pk: int) -> OutboundMessage:
    """One outbound message of the officer's units; 404 for anything else."""
    return get_for_user_or_404(
        OutboundMessage.objects.select_related("unit"), user, pk=pk, unit_field="unit"
    )


def peer_list() -> QuerySet[ExchangePeer]:
    """Every peer, active ones first, by agency code (for operators, not officers)."""
    return ExchangePeer.objects.order_by("-is_active", "agency_code")


def peer_get(agency_code: str) -> ExchangePeer | None:
    return ExchangePeer.objects.filter(agency_code=agency_code.strip().upper()).first()
