"""Every write to the org tree and to officers' roles. Each service is one audited transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.accounts.services import user_disable, user_set_administrator
from egov.audit.services import event_record
from egov.common.text import fold
from egov.common.validation import require_text
from egov.orgs.choices import AuditAction, Role, UnitStatus
from egov.orgs.exceptions import InvalidUnitChange, UnitClosed
from egov.orgs.models import Membership, OrgUnit, OrgUnitName, OutsideBody


def _today() -> datetime.date:
    return timezone.localdate()


def _set_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.parent.depth + 1 if unit.parent else 0


def orgunit_create(
    *, actor: User | None, name: str, kind: str, parent: OrgUnit | None = None, **fields: object
) -> OrgUnit:
    """Add a unit under ``parent`` (or a new root) and open its first name period."""
    if parent is not None and not parent.is_active:
        raise UnitClosed(_("Cannot add a unit under a unit that no longer exists."))
    with transaction.atomic():
        unit = OrgUnit.objects.create(
            name=name, kind=kind, parent=parent, search_text=fold(name), path="", **fields
        )
        _set_path(unit)
        unit.save(update_fields=["path", "depth"])
        OrgUnitName.objects.create(unit=unit, name=name, valid_from=unit.valid_from)
        event_record(
            actor=actor,
            action=AuditAction.UNIT_CREATED,
            obj=unit,
            changes={"name": name, "kind": kind, "parent": parent.pk if parent else None},
        )
    return unit


def orgunit_rename(
    *, actor: User | None, unit: OrgUnit, new_name: str, on: datetime.date | None = None
) -> OrgUnit:
    """Rename from ``on``: the old name stays in the unit's name history."""
    on = on or _today()
    if new_name == unit.name:
        return unit
    with transaction.atomic():
        unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        old = unit.name
        OrgUnitName.objects.filter(unit=unit, valid_to__isnull=True).update(
            valid_to=on - datetime.timedelta(days=1)
        )
        OrgUnitName.objects.create(unit=unit, name=new_name, valid_from=on)
        unit.name, unit.search_text = new_name, fold(new_name)
        unit.save(update_fields=["name", "search_text"])
        event_record(
            actor=actor,
            action=AuditAction.UNIT_RENAMED,
            obj=unit,
            changes={"name": [old, new_name], "on": on},
        )
    return unit


# How a unit was closed, and the audit action that records it.
_CLOSE_AUDIT = {
    UnitStatus.MERGED: AuditAction.UNIT_MERGED,
    UnitStatus.DISSOLVED: AuditAction.UNIT_DISSOLVED,
}


def _close(
    *,
    actor: User | None,
    unit: OrgUnit,
    status: str,
    on: datetime.date,
    successor: OrgUnit | None,
    transfer_members: bool,
) -> None:
    last_day = on - datetime.timedelta(days=1)
    unit.status, unit.valid_to, unit.successor = status, last_day, successor
    unit.save(update_fields=["status", "valid_to", "successor"])
    OrgUnitName.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
    ended_users = set()
    for membership in Membership.objects.current().filter(unit=unit).select_related("user"):
        membership.ended_on = last_day
        membership.save(update_fields=["ended_on"])
        ended_users.add(membership.user)
        if transfer_members and successor is not None:
            Membership.objects.get_or_create(
                user=membership.user,
                unit=successor,
                role=membership.role,
                ended_on=None,
                defaults={
                    "includes_subtree": membership.includes_subtree,
                    "position": membership.position,
                    "started_on": on,
                },
            )
    for user in ended_users:
        if not Membership.objects.current().filter(user=user).exists():
            user_disable(
                actor=actor, user=user, reason=_("Unit %(unit)s closed") % {"unit": unit.name}
            )
    event_record(
        actor=actor,
        action=_CLOSE_AUDIT[status],
        obj=unit,
        changes={
            "status": ["active", status],
            "valid_to": last_day,
            "successor": successor.pk if successor else None,
        },
    )


def orgunit_merge(
    *,
    actor: User | None,
    sources: Iterable[OrgUnit],
    into: OrgUnit,
    on: datetime.date,
    transfer_members: bool = True,
) -> OrgUnit:
    """Merge ``sources`` into ``into`` from ``on``. Their children move under ``into``; their
    officers keep their roles in ``into`` (or lose them with ``transfer_members=False``)."""
    sources = list(sources)
    if any(s.pk == into.pk or into.is_within(s) for s in sources):
        raise InvalidUnitChange(_("A unit cannot be merged into itself or a unit below it."))
    if not into.is_active or not all(s.is_active for s in sources):
        raise UnitClosed(_("Only existing units can be merged."))
    with transaction.atomic():
        for source in sources:
            for child in source.children.filter(status=UnitStatus.ACTIVE):
                orgunit_move(actor=actor, unit=child, new_parent=into)
            _close(
                actor=actor,
                unit=source,
                status=UnitStatus.MERGED,
                on=on,
                successor=into,
                transfer_members=transfer_members,
            )
    return into


def orgunit_mark_merged(
    *, actor: User | None, unit: OrgUnit, on: datetime.date, successor: OrgUnit | None = None
) -> OrgUnit:
    """Record that ``unit`` was merged from ``on`` when the successor is not known (or is not
    in this tree): units still below it are dissolved, its officers lose their roles there."""
    if not unit.is_active:
        raise UnitClosed(_("This unit is already closed."))
    with transaction.atomic():
        for child in unit.children.filter(status=UnitStatus.ACTIVE):
            orgunit_dissolve(actor=actor, unit=child, on=on)
        _close(
            actor=actor,
            unit=unit,
            status=UnitStatus.MERGED,
            on=on,
            successor=successor,
            transfer_members=False,
        )
    return unit


UPDATABLE_FIELDS = (
    "kind",
    "short_name",
    "admin_code",
    "admin_code_scheme",
    "agency_code",
    "agency_code_status",
    "valid_from",
    "dataset",
)


def orgunit_update(*, actor: User | None, unit: OrgUnit, **values: object) -> OrgUnit:
    """Change a unit's descriptive fields (codes, abbreviation, kind...). Name and place in the
    tree change only through :func:`orgunit_rename` and :func:`orgunit_move`."""
    unknown = set(values) - set(UPDATABLE_FIELDS)
    if unknown:
        raise InvalidUnitChange(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    diff = {f: [getattr(unit, f), v] for f, v in values.items() if getattr(unit, f) != v}
    if not diff:
        return unit
    with transaction.atomic():
        for field, (_old, new) in diff.items():
            setattr(unit, field, new)
        unit.save(update_fields=list(diff))
        event_record(actor=actor, action=AuditAction.UNIT_UPDATED, obj=unit, changes=diff)
    return unit


def orgunit_dissolve(
    *, actor: User | None, unit: OrgUnit, on: datetime.date, successor: OrgUnit | None = None
) -> OrgUnit:
    """Dissolve a unit and everything still active below it. Officers lose their roles there;
    accounts left with no role are disabled, never deleted."""
    if not unit.is_active:
        raise UnitClosed(_("This unit is already closed."))
    with transaction.atomic():
        for child in (
            OrgUnit.objects.subtree_of(unit).active().exclude(pk=unit.pk).order_by("-depth")
        ):
            _close(
                actor=actor,
                unit=child,
                status=UnitStatus.DISSOLVED,
                on=on,
                successor=None,
                transfer_members=False,
            )
        _close(
            actor=actor,
            unit=unit,
            status=UnitStatus.DISSOLVED,
            on=on,
            successor=successor,
            transfer_members=False,
        )
    return unit


def orgunit_move(*, actor: User | None, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move a unit (and its subtree) under another parent, rewriting the paths below it."""
    if new_parent.is_within(unit):
        raise InvalidUnitChange(_("A unit cannot be moved below itself."))
    with transaction.atomic():
        old_path, old_parent, old_depth = unit.path, unit.parent_id, unit.depth
        unit.parent = new_parent
        _set_path(unit)
        unit.save(update_fields=["parent", "path", "depth"])
        delta = unit.depth - old_depth
        for below in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            below.path = unit.path + below.path[len(old_path) :]
            below.depth += delta
            below.save(update_fields=["path", "depth"])
        event_record(
            actor=actor,
            action=AuditAction.UNIT_MOVED,
            obj=unit,
            changes={"parent": [old_parent, new_parent.pk]},
        )
    return unit


def membership_grant(
    *,
    actor: User | None,
    user: User,
    unit: OrgUnit,
    role: str,
    includes_subtree: bool = False,
    position: str = "",
    started_on: datetime.date | None = None,
) -> Membership:
    """Give an officer a role in a unit. Idempotent: granting a current role again is a no-op."""
    if not unit.is_active:
        raise UnitClosed(_("Cannot give a role in a unit that no longer exists."))
    if not user.is_officer:
        raise InvalidUnitChange(_("Only officer accounts can hold roles in units."))
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            unit=unit,
            role=role,
            ended_on=None,
            defaults={
                "includes_subtree": includes_subtree,
                "position": position,
                "started_on": started_on or _today(),
            },
        )
        if created:
            event_record(
                actor=actor,
                action=AuditAction.MEMBERSHIP_GRANTED,
                obj=membership,
                changes={
                    "user": user.pk,
                    "unit": unit.pk,
                    "role": role,
                    "includes_subtree": includes_subtree,
                },
            )
            if role == Role.SYSTEM_ADMIN:
                user_set_administrator(actor=actor, user=user, is_admin=True)
    return membership


def membership_end(
    *, actor: User | None, membership: Membership, on: datetime.date | None = None
) -> Membership:
    """End a role; an officer with no role left is disabled (left the service)."""
    if membership.ended_on is not None:
        return membership
    with transaction.atomic():
        membership.ended_on = on or _today()
        membership.save(update_fields=["ended_on"])
        event_record(
            actor=actor,
            action=AuditAction.MEMBERSHIP_ENDED,
            obj=membership,
            changes={"ended_on": membership.ended_on},
        )
        user = membership.user
        current = Membership.objects.current().filter(user=user)
        if (
            membership.role == Role.SYSTEM_ADMIN
            and not current.filter(role=Role.SYSTEM_ADMIN).exists()
        ):
            user_set_administrator(actor=actor, user=user, is_admin=False)
        if not current.exists():
            user_disable(actor=actor, user=user, reason=_("No role left in any unit"))
    return membership


def outside_body_create(
    *, actor: User | None, name: str, short_name: str = "", agency_code: str = ""
) -> OutsideBody:
    """Register a body outside the org tree (cơ quan ngoài hệ thống). A name already registered
    (accent- and case-insensitively) gives the existing body, so two clerks naming the city
    police in the same week make one entry."""
    name, short_name, agency_code = (" ".join(v.split()) for v in (name, short_name, agency_code))
    require_text(name, "name")
    with transaction.atomic():
        existing = OutsideBody.objects.filter(search_text=fold(name)).first()
        if existing is not None:
            return existing
        if agency_code and OutsideBody.objects.filter(agency_code=agency_code).exists():
            message = _("Another body has this identifier code.")
            raise InvalidUnitChange(message, fields={"agency_code": message})
        body = OutsideBody.objects.create(
            name=name[:200],
            short_name=short_name[:30],
            agency_code=agency_code[:35],
            search_text=fold(name),
        )
        event_record(
            actor=actor,
            action=AuditAction.OUTSIDE_BODY_CREATED,
            obj=body,
            changes={"name": body.name, "short_name": body.short_name, "code": agency_code},
        )
    return body
