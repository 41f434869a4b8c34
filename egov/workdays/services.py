"""Every write to the working-day calendar. Each service is one audited transaction that also
bumps the calendar revision, so the calendar version changes with every change of the data."""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from egov.audit.services import event_record
from egov.workdays.choices import AuditAction, Confidence
from egov.workdays.exceptions import InvalidAdjustment
from egov.workdays.models import CalendarAdjustment, CalendarRevision, CalendarSnapshot

logger = logging.getLogger(__name__)

Actor = AbstractBaseUser | AnonymousUser | None
ADJUSTMENT_FIELDS = ("kind", "swapped_with", "description", "source", "confidence")


def _values(adjustment: CalendarAdjustment) -> dict[str, Any]:
    return {name: getattr(adjustment, name) for name in ADJUSTMENT_FIELDS}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _snapshot_rows() -> list[dict[str, Any]]:
    return [
        {
            "on": row.on.isoformat(),
            "kind": row.kind,
            "swapped_with": _json(row.swapped_with),
            "description": row.description,
        }
        for row in CalendarAdjustment.objects.order_by("on")
    ]


def _revision_lock() -> CalendarRevision:
    """Lock the counter row first: it serialises every change of the calendar."""
    head, _created = CalendarRevision.objects.select_for_update().get_or_create(pk=1)
    return head


def _revision_bump(head: CalendarRevision) -> CalendarRevision:
    head.number += 1
    head.token = uuid.uuid4()
    head.save(update_fields=["number", "token", "changed_at"])
    CalendarSnapshot.objects.create(
        number=head.number, token=head.token, adjustments=_snapshot_rows()
    )
    logger.info("workdays.calendar_revised", extra={"revision": head.number})
    return head


def _check(adjustment: CalendarAdjustment) -> None:
    try:
        adjustment.full_clean(validate_unique=False)
    except ValidationError as exc:
        fields = {
            name: " ".join(str(m) for m in messages) for name, messages in exc.message_dict.items()
        }
        raise InvalidAdjustment(next(iter(fields.values())), fields=fields) from exc


def calendar_adjustment_set(
    *,
    actor: Actor,
    on: datetime.date,
    kind: str,
    description: str,
    source: str,
    confidence: str = Confidence.MEDIUM,
    swapped_with: datetime.date | None = None,
) -> CalendarAdjustment:
    """Create or change the adjustment of day ``on`` and bump the calendar revision.

    Idempotent: setting the values a day already has changes nothing, records nothing and keeps
    the version. Deadlines already computed keep the version they were stored with.
    """
    wanted = {
        "kind": kind,
        "swapped_with": swapped_with,
        "description": description.strip(),
        "source": source.strip(),
        "confidence": confidence,
    }
    with transaction.atomic():
        head = _revision_lock()
        adjustment = CalendarAdjustment.objects.filter(on=on).first()
        before = _values(adjustment) if adjustment else dict.fromkeys(ADJUSTMENT_FIELDS)
        changed = {k: [_json(before[k]), _json(v)] for k, v in wanted.items() if before[k] != v}
        if adjustment is not None and not changed:
            return adjustment
        adjustment = adjustment or CalendarAdjustment(on=on)
        for name, value in wanted.items():
            setattr(adjustment, name, value)
        _check(adjustment)
        created = adjustment.pk is None
        adjustment.save()
        revision = _revision_bump(head)
        event_record(
            actor=actor,
            action=AuditAction.CALENDAR_ADJUSTMENT_CREATED
            if created
            else AuditAction.CALENDAR_ADJUSTMENT_CHANGED,
            obj=adjustment,
            changes={**changed, "on": on.isoformat(), "revision": revision.number},
        )
    return adjustment


def calendar_adjustment_delete(*, actor: Actor, adjustment: CalendarAdjustment) -> None:
    """Remove an adjustment (the package's view of that day applies again) and bump the
    calendar revision. Deleting a row that is already gone does nothing."""
    with transaction.atomic():
        head = _revision_lock()
        current = CalendarAdjustment.objects.filter(pk=adjustment.pk).first()
        if current is None:
            return
        event_record(
            actor=actor,
            action=AuditAction.CALENDAR_ADJUSTMENT_DELETED,
            obj=current,
            changes={
                **{k: [_json(v), None] for k, v in _values(current).items()},
                "on": current.on.isoformat(),
                "revision": head.number + 1,
            },
        )
        current.delete()
        _revision_bump(head)
