"""Pure rules of the workflow engine: definition checks, who may act, timeliness. No ORM.

Deadline arithmetic itself lives in :mod:`egov.workdays.rules`; these functions only decide.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from egov.common.transitions import Transition, TransitionTable
from egov.orgs.choices import Role
from egov.workflow.choices import InstanceStatus, Timeliness
from egov.workflow.exceptions import InvalidTransition

# Internal procedures give step times in half days and in hours (spec §1.4): with 8 working
# hours a day, one hour is 0.125 day, the smallest allowance accepted.
ALLOWANCE_UNIT = Decimal("0.125")
HOURS_PER_DAY = 8

# Roles that act on steps, ranked: a supervising role may act on steps of lower roles.
ROLE_RANK = {
    Role.CLERK: 1,
    Role.FRONT_DESK_OFFICER: 1,
    Role.SPECIALIST: 1,
    Role.DIVISION_HEAD: 2,
    Role.UNIT_HEAD: 3,
}
SUPERVISING_ROLES = (Role.DIVISION_HEAD, Role.UNIT_HEAD)
STEP_ROLES = tuple(ROLE_RANK)


@dataclass(frozen=True)
class Problem:
    """One reason a definition is not valid: a stable code and its values for the message."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


def allowance_is_valid(days: Decimal) -> bool:
    """A step's time allowance: positive, in whole hours (multiples of 0.125 working day)."""
    return days > 0 and days % ALLOWANCE_UNIT == 0


def hours_to_days(hours: Decimal) -> Decimal:
    """Hours of an internal procedure ("02 giờ") as working days (8 hours a day)."""
    return Decimal(hours) / HOURS_PER_DAY


def definition_problems(
    total_days: Decimal, steps: Sequence[tuple[int, Decimal, str]]
) -> list[Problem]:
    """Why ``steps`` (order, allowance, role) cannot make up a process of ``total_days``.

    The internal procedure divides the legal time among its steps, so the allowances add up
    exactly to it; steps are numbered 1, 2, 3... without gaps.
    """
    problems = []
    if not steps:
        return [Problem("no_steps")]
    orders = sorted(order for order, _days, _role in steps)
    if orders != list(range(1, len(steps) + 1)):
        problems.append(Problem("orders", {"orders": ", ".join(str(o) for o in orders)}))
    for order, days, role in steps:
        if not allowance_is_valid(days):
            problems.append(Problem("allowance", {"order": order, "days": days}))
        if role not in ROLE_RANK:
            problems.append(Problem("role", {"order": order, "role": role}))
    total = sum((days for _order, days, _role in steps), Decimal(0))
    if total != total_days:
        problems.append(Problem("sum", {"sum": total, "total": total_days}))
    return problems


def supervisors_over(role: str) -> tuple[str, ...]:
    """Roles that may act on (and assign) a step of ``role``: the heads ranked above it."""
    rank = ROLE_RANK.get(role, 0)
    return tuple(r for r in SUPERVISING_ROLES if ROLE_RANK[r] > rank)


def roles_supervised_by(role: str) -> tuple[str, ...]:
    """Step roles whose steps ``role`` acts on as a head (the inverse of
    :func:`supervisors_over`): whoever they are assigned to."""
    return tuple(r for r in STEP_ROLES if role in supervisors_over(r))


def may_act(
    *,
    step_role: str,
    step_assignee_id: int | None,
    actor_id: int,
    holds: Callable[[tuple[str, ...]], bool],
) -> bool:
    """Who may act on an open step (ADR 0005). ``holds(roles)`` says whether the actor holds
    one of ``roles`` in the step's unit or over it.

    A head ranked above the step's role may always act on it; anyone else needs the step's
    role, and the step unassigned or assigned to them. The inbox's filter
    (``selectors._acting_filter``) is built from the same mapping."""
    heads = supervisors_over(step_role)
    if heads and holds(heads):
        return True
    if step_assignee_id not in (None, actor_id):
        return False
    return holds((step_role,))


def timeliness_grade(
    *, left_at: datetime.datetime, due_at: datetime.datetime, tz: datetime.tzinfo
) -> Timeliness:
    """Grade of the control sheet (Phiếu kiểm soát, TT 01/2018/TT-VPCP form 05).

    Late (quá hạn): left after the due moment. On time (đúng hạn): left on the due day, by the
    due moment. Early (trước hạn): left on an earlier day. Days are local (Asia/Ho_Chi_Minh).
    """
    if left_at > due_at:
        return Timeliness.LATE
    if left_at.astimezone(tz).date() == due_at.astimezone(tz).date():
        return Timeliness.ON_TIME
    return Timeliness.EARLY


_S = InstanceStatus
# What may happen to a process instance in each state (Wagtail ``WorkflowState``: in progress,
# then finished or cancelled). ``target=None``: the status stays.
INSTANCE_TRANSITIONS = TransitionTable(
    Transition("pause", [_S.RUNNING], _S.PAUSED),
    Transition("resume", [_S.PAUSED], _S.RUNNING),
    Transition("due_reset", [_S.RUNNING, _S.PAUSED]),
    Transition("forward", [_S.RUNNING]),
    Transition("send_back", [_S.RUNNING]),
    Transition("handover", [_S.RUNNING]),
    Transition("assign", [_S.RUNNING, _S.PAUSED]),
    Transition("finish", [_S.RUNNING], _S.FINISHED),
    Transition("cancel", [_S.RUNNING, _S.PAUSED], _S.CANCELLED),
    label=lambda status: str(InstanceStatus(status).label).lower(),
    message=_("This is not possible while the item is %(status)s."),
    error=InvalidTransition,
)
