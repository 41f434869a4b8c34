"""Reads of the integration layer: each connector's health for the operator page, the recent
calls, the recent data-sharing reads."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pybreaker
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.exceptions import PermissionDenied
from egov.integration.choices import CallOutcome, ConnectorCode, PushState
from egov.integration.models import (
    ConnectorCall,
    PaymentOrder,
    ShareConsumer,
    ShareRead,
    StatusPush,
)
from egov.integration.services.client import (
    breaker_for,
    connector_base_url,
    connector_is_simulated,
)
from egov.integration.services.consumers import registry_require
from egov.orgs.access import reach_of

FAILED = (CallOutcome.FAILED, CallOutcome.CIRCUIT_OPEN, CallOutcome.NOT_CONFIGURED)
WINDOW = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class ConnectorHealth:
    code: str
    label: str
    base_url: str
    is_simulated: bool
    health: str  # "ok" | "down" | "unknown" | "not_configured"
    breaker_state: str
    calls: int
    failures: int
    error_rate: float  # percent over the last 24 hours
    last_success_at: datetime.datetime | None
    last_failure_at: datetime.datetime | None


def operator_require(actor: Any) -> None:
    """The integration operator: a system administrator (role) or a superuser."""
    if getattr(actor, "is_superuser", False):
        return
    if reach_of(actor, roles=["system_admin"]).is_empty:
        raise PermissionDenied(_("Only system administrators can see the connectors."))


def connector_health_list(*, actor: Any) -> list[ConnectorHealth]:
    """Each connector: its calls and failures over the last 24 hours, its last success and
    failure, and its circuit. Two queries whatever the number of calls."""
    operator_require(actor)
    since = timezone.now() - WINDOW
    counts = {
        row["connector"]: row
        for row in ConnectorCall.objects.filter(created_at__gte=since)
        .values("connector")
        .annotate(calls=Count("pk"), failures=Count("pk", filter=Q(outcome__in=FAILED)))
    }
    lasts = {
        row["connector"]: row
        for row in ConnectorCall.objects.values("connector").annotate(
            ok=Max("created_at", filter=~Q(outcome__in=FAILED)),
            bad=Max("created_at", filter=Q(outcome__in=FAILED)),
        )
    }
    return [_health(code, counts.get(code, {}), lasts.get(code, {})) for code in ConnectorCode]


def _health(code: ConnectorCode, count: dict, last: dict) -> ConnectorHealth:
    calls, failures = count.get("calls", 0), count.get("failures", 0)
    ok, bad = last.get("ok"), last.get("bad")
    state = breaker_for(code).current_state
    base = connector_base_url(code)
    if not base:
        health = "not_configured"
    elif state == pybreaker.STATE_OPEN or (bad and (not ok or bad > ok)):
        health = "down"
    elif ok:
        health = "ok"
    else:
        health = "unknown"
    return ConnectorHealth(
        code=code.value,
        label=str(code.label),
        base_url=base,
        is_simulated=connector_is_simulated(code),
        health=health,
        breaker_state=state,
        calls=calls,
        failures=failures,
        error_rate=round(100 * failures / calls, 1) if calls else 0.0,
        last_success_at=ok,
        last_failure_at=bad,
    )


def connector_call_list(*, actor: Any, limit: int = 50) -> list[ConnectorCall]:
    operator_require(actor)
    return list(
        ConnectorCall.objects.select_related("actor", "unit").order_by("-created_at", "-pk")[:limit]
    )


def status_push_pending_count(*, actor: Any) -> int:
    operator_require(actor)
    return StatusPush.objects.filter(state=PushState.PENDING).count()


def share_read_list(*, actor: Any, limit: int = 20) -> list[ShareRead]:
    operator_require(actor)
    return list(
        ShareRead.objects.select_related("reader", "consumer").order_by("-created_at", "-pk")[
            :limit
        ]
    )


def share_consumer_list(*, actor: Any) -> list[ShareConsumer]:
    """The consumer registry, each with its number of reads (one query)."""
    registry_require(actor)
    return list(
        ShareConsumer.objects.annotate(read_count=Count("reads")).order_by("agency", "name")
    )


def share_consumer_get(*, actor: Any, pk: int) -> ShareConsumer | None:
    registry_require(actor)
    return ShareConsumer.objects.filter(pk=pk).first()


def share_consumer_reads(*, actor: Any, consumer: ShareConsumer, limit: int = 50) -> list:
    registry_require(actor)
    return list(consumer.reads.order_by("-created_at", "-pk")[:limit])


def my_data_reads(*, owner: Any, limit: int = 200) -> list[ShareRead]:
    """Who read the data of ``owner`` through the sharing API: each read served (or asked for
    and not found), with the consumer system, its agency, the purpose and the time. Only the
    owner's own rows."""
    if not getattr(owner, "is_authenticated", False):
        return []
    return list(
        ShareRead.objects.filter(owner=owner)
        .select_related("consumer")
        .order_by("-created_at", "-pk")[:limit]
    )


def my_data_lookups(*, owner: Any, limit: int = 200) -> list[ConnectorCall]:
    """The look-ups of ``owner``'s record in the national population database (a citizen) or
    the national business registry (a business) that answered (the owner's own fills of an
    online form and the desks' look-ups), with the unit and the purpose, newest first. Only
    the owner's own rows."""
    if not getattr(owner, "is_authenticated", False):
        return []
    return list(
        ConnectorCall.objects.filter(
            owner=owner,
            connector__in=(ConnectorCode.POPULATION, ConnectorCode.BUSINESS_REGISTRY),
            outcome=CallOutcome.SUCCESS,
        )
        .select_related("unit")
        .order_by("-created_at", "-pk")[:limit]
    )


def payment_order_list_for_dossier(*, dossier_code: str) -> list[PaymentOrder]:
    """A dossier's online payment orders, newest first (the caller has checked that the actor
    may see the dossier)."""
    return list(PaymentOrder.objects.filter(dossier_code=dossier_code).order_by("-requested_at"))


def payment_order_get(*, order_ref: str) -> PaymentOrder | None:
    return PaymentOrder.objects.filter(order_ref=order_ref[:40]).first()
