"""Dossier statuses to the national public-service portal (DVCQG), with its status codes
(TrangThaiHoSo 1–10, vn-egov-spec §1.7) and the progress record ``CapNhatTienTrinh``.

:func:`dossier_status_push` only queues (one row and its audit entry), so a portal that is
down never blocks the desk; onestop calls it once its status change has committed (a process
that dies in between loses that push: ``egov integration_push --reconcile`` lists it).
Delivery runs after commit and again from ``egov integration_push`` until the portal
acknowledges; every try carries the push's idempotency key, so a push whose
acknowledgement was lost is applied once by the portal.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.integration.choices import ConnectorCode, IntegrationAuditAction, PushState
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError, NotFoundThere
from egov.integration.models import StatusPush
from egov.integration.rules import NATIONAL_STATUS_CODES, national_status_valid, push_next_wait
from egov.integration.services.client import CallContext, connector_base_url, connector_call

_paused: ContextVar[bool] = ContextVar("integration_pushes_paused", default=False)


@contextmanager
def status_pushes_paused() -> Iterator[None]:
    """Queue nothing inside: for replaying history the national portal already has (the demo's
    back-dated dossiers), never for live work."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def dossier_status_push_after_commit(*, actor: Any, **values: Any) -> None:
    """Queue the status with :func:`dossier_status_push` once the caller's transaction commits
    (the caller's change never waits for, or fails because of, the portal: ``robust``, a
    failure is logged). Nothing while pushes are paused."""
    if _paused.get():
        return
    transaction.on_commit(lambda: dossier_status_push(actor=actor, **values), robust=True)


def dossier_status_push(
    *,
    actor: Any,
    dossier_code: str | None,
    national_status: str,
    procedure_code: str,
    procedure_is_national: bool,
    unit_id: int | None = None,
    owner_id: int | None = None,
    handled_by: str = "",
    note: str = "",
    started_at: datetime.datetime | None = None,
    due_at: datetime.datetime | None = None,
) -> StatusPush | None:
    """Queue a dossier's new status for the national portal (one transaction); delivery is
    enqueued after commit. Returns None for what the portal does not know: a dossier without
    a code (a draft), a status without a national code, a procedure without a national code
    (a local procedure is not on the portal's catalogue); and None when the national-portal
    connector is not configured at all (no URL, no simulator). ``owner_id`` is the applicant's
    account: the data owner who sees each read of this status through the sharing API."""
    if not dossier_code or not national_status or not procedure_is_national or _paused.get():
        return None
    if not connector_base_url(ConnectorCode.NATIONAL_PORTAL):
        return None  # this platform is not connected to the national portal
    if not national_status_valid(national_status):
        raise IntegrationError(
            _("Unknown national status code %(code)s.") % {"code": national_status}
        )
    now = timezone.now()
    payload = {
        "MaHoSo": dossier_code,
        "MaTTHC": procedure_code,
        "NguoiXuLy": handled_by[:200],
        "ThoiDiemXuLy": now.isoformat(),
        "PhongBanXuLy": str(unit_id or ""),
        "NoiDungXuLy": note[:500] or NATIONAL_STATUS_CODES[national_status],
        "TrangThai": national_status,
        "NgayBatDau": started_at.isoformat() if started_at else "",
        "NgayKetThucTheoQuyDinh": due_at.isoformat() if due_at else "",
    }
    with transaction.atomic():
        push = _push_create(
            actor, dossier_code, procedure_code, national_status, unit_id, now, payload, owner_id
        )
    transaction.on_commit(lambda: _enqueue(push.pk))
    return push


def _push_create(
    actor: Any,
    dossier_code: str,
    procedure_code: str,
    national_status: str,
    unit_id: int | None,
    now: datetime.datetime,
    payload: dict,
    owner_id: int | None = None,
) -> StatusPush:
    push = StatusPush.objects.create(
        owner_id=owner_id,
        dossier_code=dossier_code,
        procedure_code=procedure_code,
        national_status=national_status,
        unit_id=unit_id,
        changed_at=now,
        payload=payload,
        idempotency_key=uuid.uuid4().hex,
    )
    event_record(
        actor=actor,
        action=IntegrationAuditAction.STATUS_PUSH_QUEUED,
        obj=push,
        changes={"dossier_code": dossier_code, "national_status": national_status},
    )
    return push


def _enqueue(push_pk: int) -> None:
    from egov.integration.tasks import status_push_send

    status_push_send.enqueue(push_pk=push_pk)


def status_push_deliver(*, push_pk: int) -> str:
    """One try of a queued push: the portal's acknowledgement marks it delivered; a failure
    leaves it pending with the next try after a doubling wait. Returns the state. Pushes of
    one dossier go in order: a push waits while an older one of its dossier is pending."""
    push = StatusPush.objects.filter(pk=push_pk).first()
    if push is None or push.state != PushState.PENDING:
        return push.state if push else "missing"
    earlier = StatusPush.objects.filter(
        dossier_code=push.dossier_code, state=PushState.PENDING, pk__lt=push.pk
    )
    if earlier.exists():
        return PushState.PENDING
    try:
        reply = connector_call(
            connector=ConnectorCode.NATIONAL_PORTAL,
            method="POST",
            service="dossiers/status",
            context=CallContext(issue=push.dossier_code),
            payload=push.payload,
            idempotency_key=push.idempotency_key,
        )
    except (ConnectorUnavailable, NotFoundThere) as exc:
        return _retry_later(push, exc.message)
    if reply.status_code >= 400 or str(reply.data.get("error_code")) != "0":
        message = str(reply.data.get("message", ""))[:200] or f"HTTP {reply.status_code}"
        return _retry_later(push, message)
    with transaction.atomic():
        updated = StatusPush.objects.filter(pk=push.pk, state=PushState.PENDING).update(
            state=PushState.DELIVERED,
            delivered_at=timezone.now(),
            attempts=push.attempts + 1,
            last_error="",
        )
        if updated:
            event_record(
                actor=None,
                action=IntegrationAuditAction.STATUS_PUSH_DELIVERED,
                obj=push,
                changes={
                    "dossier_code": push.dossier_code,
                    "national_status": push.national_status,
                },
            )
            _next_of_dossier(push)
    return PushState.DELIVERED


def _retry_later(push: StatusPush, error: str) -> str:
    """Count the try, set the next one, and schedule it where the job backend can defer (the
    database worker); elsewhere ``egov integration_push`` picks it up when due."""
    from egov.integration.tasks import status_push_send

    attempts = push.attempts + 1
    when = timezone.now() + push_next_wait(attempts)
    StatusPush.objects.filter(pk=push.pk, state=PushState.PENDING).update(
        attempts=attempts, next_attempt_at=when, last_error=error[:300]
    )
    if status_push_send.get_backend().supports_defer:
        status_push_send.using(run_after=when).enqueue(push_pk=push.pk)
    return PushState.PENDING


def _next_of_dossier(push: StatusPush) -> None:
    """Once a push is acknowledged, send the next one of its dossier that was waiting for it."""
    following = (
        StatusPush.objects.filter(
            dossier_code=push.dossier_code, state=PushState.PENDING, pk__gt=push.pk
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if following is not None:
        transaction.on_commit(lambda: _enqueue(following))


def status_pushes_deliver_due(*, limit: int = 200) -> int:
    """Try every pending push whose next try is due, oldest first; returns how many were
    acknowledged."""
    due = StatusPush.objects.filter(
        state=PushState.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("pk")
    delivered = 0
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        if status_push_deliver(push_pk=pk) == PushState.DELIVERED:
            delivered += 1
    return delivered


@dataclass(frozen=True)
class Difference:
    dossier_code: str
    ours: str
    theirs: str


def status_reconcile(*, dossier_codes: list[str] | None = None) -> list[Difference]:
    """Each dossier whose last acknowledged status here differs from what the portal shows
    (``theirs`` is '' when the portal does not know the dossier, '?' when it cannot be read)."""
    delivered = StatusPush.objects.filter(state=PushState.DELIVERED).order_by("dossier_code", "pk")
    if dossier_codes is not None:
        delivered = delivered.filter(dossier_code__in=dossier_codes)
    latest: dict[str, str] = {}
    for code, status in delivered.values_list("dossier_code", "national_status"):
        latest[code] = status
    differences = []
    for code, ours in sorted(latest.items()):
        theirs = _portal_status(code)
        if theirs != ours:
            differences.append(Difference(dossier_code=code, ours=ours, theirs=theirs))
    return differences


def _portal_status(dossier_code: str) -> str:
    try:
        reply = connector_call(
            connector=ConnectorCode.NATIONAL_PORTAL,
            method="GET",
            service="dossiers?" + urlencode({"maHoSo": dossier_code}),
            context=CallContext(issue=dossier_code),
        )
    except NotFoundThere:
        return ""
    except ConnectorUnavailable:
        return "?"
    return str(reply.data.get("TrangThai", "?"))
