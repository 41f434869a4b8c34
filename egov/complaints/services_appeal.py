"""The second complaint (khiếu nại lần hai, Law on Complaints 2011 arts 33, 36, 37): after the
first-instance decision, or once its time limit passed without one, the complainant complains
to the head of the administrative level above. The second case is a petition of that level
pointing at the first (``first_instance``), so the case carries both decisions; it is accepted
and settled as any complaint, with the second-instance limits of the rule set in force on the
day it is received."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.complaints import rules
from egov.complaints.choices import Channel, ComplaintsAuditAction
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import Petition
from egov.complaints.selectors import RECEIVERS, limits_of, rule_set_in_force
from egov.complaints.services import petition_register
from egov.orgs.access import can_act_for_unit
from egov.orgs.levels import ADMINISTRATIVE_KINDS, administrative_unit
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ
from egov.workdays.selectors import work_calendar_get


def _invalid(field: str, message: str) -> ComplaintsError:
    return ComplaintsError(message, code="invalid", fields={field: message})


def appeal_unit(first: Petition) -> OrgUnit:
    """The People's Committee of the level above the first-instance unit, whose head settles
    the second complaint (Law on Complaints 2011 arts 18-21)."""
    parent = first.unit.parent
    unit = administrative_unit(parent) if parent is not None else None
    if unit is None or unit.kind not in ADMINISTRATIVE_KINDS:
        raise _invalid("unit", _("No administrative level above settles a second complaint."))
    return unit


def appeal_deadline_of(first: Petition, *, on: datetime.date) -> datetime.date | None:
    """The last day to complain of ``first`` a second time, by the rule set in force ``on``."""
    return rules.appeal_deadline(
        work_calendar_get(),
        limits_of(rule_set_in_force(on)),
        decided_on=first.settled_on,
        settlement_due_on=first.settlement_due_on,
        is_remote=first.is_remote,
    )


def petition_appeal_register(
    *,
    actor: Any,
    first: Petition,
    received_at: datetime.datetime,
    channel: str,
    content: str,
    subject: str = "",
) -> Petition:
    """Register the second complaint on ``first`` at the level above: refused before the
    first-instance decision (unless its time limit passed), past the time limit to complain a
    second time, or when one is already registered."""
    unit = appeal_unit(first)
    if not can_act_for_unit(actor, unit, roles=RECEIVERS):
        raise PermissionDenied(_("You cannot register petitions for this unit."))
    if channel not in Channel.values or channel == Channel.TRANSFER:
        raise _invalid("channel", _("Choose how the petition arrived."))
    received_on = timezone.localtime(received_at, VN_TZ).date()
    with transaction.atomic():
        locked = row_lock(Petition.objects.select_related("unit"), first.pk)
        if locked.appeals.exists():
            raise _invalid("first", _("A second complaint on this case is already registered."))
        problem = rules.appeal_problem(
            kind=locked.kind,
            instance=locked.instance,
            status=locked.status,
            settlement_due_on=locked.settlement_due_on,
            received_on=received_on,
            deadline=appeal_deadline_of(locked, on=received_on),
        )
        if problem:
            raise _invalid("received_at", problem)
        appeal = petition_register(
            actor=actor,
            unit=unit,
            channel=channel,
            received_at=received_at,
            subject=subject.strip() or locked.subject,
            content=content,
            petitioner_name=locked.petitioner_name,
            petitioner_id_number=locked.petitioner_id_number,
            petitioner_address=locked.petitioner_address,
            citizen=locked.citizen,
            first_instance=locked,
        )
        event_record(
            actor=actor,
            action=ComplaintsAuditAction.APPEAL_REGISTERED,
            obj=locked,
            changes={"appeal": appeal.pk, "unit": unit.pk},
        )
    return appeal
