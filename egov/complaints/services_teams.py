"""Verification teams across units (tổ xác minh; Law on Complaints 02/2011 art 29, Law on
Denunciations 25/2018 art 31): a handler of the case's unit gives its verification to
officers of several units, leader first, by a decision drafted in the registry for the head to
sign. The members then see the case (``selectors.petition_list_for_user``) and record its
verification; the denouncer's identity stays with the named handlers, among whom the head may
name a member (``services.petition_handler_name``)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.validation import day_problem
from egov.complaints import rules
from egov.complaints.choices import ComplaintsAuditAction
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import Petition, VerificationTeam, VerificationTeamMember
from egov.complaints.selectors import HANDLERS
from egov.complaints.services import DECISION_TYPE, _draft, _drafting_unit, _lock
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import Membership

MIN_MEMBERS = 2


def _invalid(field: str, message: str) -> ComplaintsError:
    return ComplaintsError(message, code="invalid", fields={field: message})


def _checked_members(leader: Membership, members: Sequence[Membership]) -> list[Membership]:
    """The leader first, then the other members, each once; each must hold a current handling
    role (specialist, head of division or of unit) in an active unit."""
    chosen = [leader, *[m for m in members if m.user_id != leader.user_id]]
    users = [m.user_id for m in chosen]
    if len(set(users)) != len(users):
        raise _invalid("members", _("Choose each officer once."))
    if len(chosen) < MIN_MEMBERS:
        raise _invalid(
            "members", _("A verification team has at least %(n)s officers.") % {"n": MIN_MEMBERS}
        )
    for membership in chosen:
        if not can_act_for_unit(membership.user, membership.unit, roles=HANDLERS):
            raise _invalid(
                "members",
                _("%(name)s does not hold a handling role in %(unit)s now.")
                % {"name": membership.user.full_name, "unit": membership.unit.name},
            )
    return chosen


def _decision_body(petition: Petition, chosen: Sequence[Membership]) -> str:
    lines = [
        str(
            _(
                "The verification of petition %(number)s (%(subject)s) is assigned to a "
                "verification team of:"
            )
            % {"number": petition.number, "subject": petition.subject}
        )
    ]
    for index, membership in enumerate(chosen):
        values = {"name": membership.user.full_name, "unit": membership.unit.name}
        if index == 0:
            lines.append(str(_("- %(name)s (%(unit)s), team leader;") % values))
        else:
            lines.append(str(_("- %(name)s (%(unit)s), member;") % values))
    lines.append(
        str(
            _(
                "The team verifies the content, reports in writing to the settler and keeps "
                "the denouncer's identity confidential."
            )
        )
    )
    return "\n".join(lines)


def verification_team_form(
    *,
    actor: Any,
    petition: Petition,
    leader: Membership,
    members: Sequence[Membership],
    formed_on: datetime.date,
    expected_version: int | None = None,
) -> VerificationTeam:
    """Form the case's verification team (once) from officers of any units, with the decision
    assigning it drafted in the registry; audited. Only while the case is accepted or being
    verified."""
    _drafting_unit(actor, petition)
    chosen = _checked_members(leader, members)
    problem = day_problem(formed_on, latest=timezone.localdate())
    if problem:
        raise _invalid("formed_on", problem)
    with transaction.atomic():
        locked = _lock(petition, expected_version)
        rules.PETITION_TRANSITIONS.check("form_team", locked.status)
        if locked.accepted_on and formed_on < locked.accepted_on:
            raise _invalid("formed_on", _("A team cannot be formed before the acceptance."))
        if VerificationTeam.objects.filter(petition=locked).exists():
            raise _invalid("leader", _("This case already has a verification team."))
        title = _("Decision assigning the verification of petition %(number)s") % {
            "number": locked.number
        }
        decision = _draft(actor, locked, DECISION_TYPE, title, _decision_body(locked, chosen))
        team = VerificationTeam.objects.create(
            petition=locked, formed_on=formed_on, decision=decision, created_by=actor
        )
        VerificationTeamMember.objects.bulk_create(
            VerificationTeamMember(
                team=team, user_id=m.user_id, unit_id=m.unit_id, is_leader=index == 0
            )
            for index, m in enumerate(chosen)
        )
        event_record(
            actor=actor,
            action=ComplaintsAuditAction.VERIFICATION_TEAM_FORMED,
            obj=locked,
            changes={
                "formed_on": formed_on.isoformat(),
                "members": [[m.user_id, m.unit_id] for m in chosen],
                "decision": decision.pk,
            },
        )
    return team
