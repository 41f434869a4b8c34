"""Crowded and long-running cases (vụ việc đông người, phức tạp, kéo dài) on the city's
five-step plan: the plan of each year (its five due days, set by the city inspectorate; a new
year starts from the 2019 plan's days), a case put on the plan with its five milestones, and
each milestone done in order. Every write is one transaction with its audit entry."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check
from egov.common.exceptions import PermissionDenied
from egov.common.validation import day_problem
from egov.complaints.choices import ComplaintsAuditAction, CrowdedStep
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import CrowdedCase, CrowdedMilestone, CrowdedPlan, Petition
from egov.complaints.rules import OPEN_STEPS
from egov.complaints.selectors import HANDLERS
from egov.complaints.selectors_crowded import may_edit_plans
from egov.complaints.services_crowded_tasks import plan_document_check, tasks_follow_plan
from egov.documents.models import Document
from egov.orgs.access import can_act_for_unit

A = ComplaintsAuditAction
STEPS = list(CrowdedStep.values)
# Hà Nội's 2019 plan: (month, day) each step is due in the plan's year
DEFAULT_DAYS = {
    CrowdedStep.REVIEW: (9, 30),
    CrowdedStep.AGREE: (10, 31),
    CrowdedStep.DIALOGUE: (11, 30),
    CrowdedStep.DECIDE: (12, 15),
    CrowdedStep.PUBLISH: (12, 31),
}
DEFAULT_BASIS = "Kế hoạch năm 2019 của UBND Thành phố giải quyết vụ việc đông người, kéo dài"
YEARS = (2000, 2100)
STEP_LABELS = [CrowdedStep(step).label for step in STEPS]
KEEP = object()  # crowded_plan_save: the plan keeps its document


def _invalid(field: str, message: str) -> ComplaintsError:
    return ComplaintsError(message, code="invalid", fields={field: message})


def may_handle(user: Any, case: CrowdedCase) -> bool:
    return can_act_for_unit(user, case.petition.unit, roles=HANDLERS)


def default_days(year: int) -> dict[str, datetime.date]:
    return {step: datetime.date(year, m, d) for step, (m, d) in DEFAULT_DAYS.items()}


def _check_year(year: int) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise _invalid("year", _("Choose a year between 2000 and 2100."))


def _plan_get_or_create(actor: Any, year: int) -> CrowdedPlan:
    """The plan of ``year``, made from the default days (and audited) if none yet."""
    _check_year(year)
    plan = CrowdedPlan.objects.filter(year=year).first()
    if plan is not None:
        return plan
    days = default_days(year)
    try:
        with transaction.atomic():
            plan = CrowdedPlan.objects.create(
                year=year,
                basis=DEFAULT_BASIS,
                updated_by=actor,
                **{f"{step}_by": day for step, day in days.items()},
            )
            event_record(
                actor=actor,
                action=A.CROWDED_PLAN_SAVED,
                obj=plan,
                changes={"year": year, "default": True},
            )
    except IntegrityError:  # made meanwhile by someone else
        plan = CrowdedPlan.objects.get(year=year)
    return plan


def crowded_plan_save(
    *,
    actor: Any,
    year: int,
    days: dict[str, datetime.date],
    basis: str = "",
    expected_version: int | None = None,
    document: Document | object | None = KEEP,
) -> CrowdedPlan:
    """Set the five due days of ``year`` (city inspectorate only); each day within the year,
    in the steps' order. Milestones not yet done of the year's cases follow the new days, and
    so do their tasks in ``directives``. ``document``, when given, is the issued plan that
    assigns the milestones as tasks (``None`` removes it while no task hangs on it)."""
    if not may_edit_plans(actor):
        raise PermissionDenied(_("Only the city inspectorate sets the five-step plan."))
    _check_year(year)
    for position, step in enumerate(STEPS):
        day = days.get(step)
        field = f"{step}_by"
        if day is None:
            raise _invalid(field, _("Give the day of each step."))
        if day.year != year:
            raise _invalid(field, _("Each day is in the plan's year."))
        if position and day < days[STEPS[position - 1]]:
            raise _invalid(field, _("A step cannot be due before the step before it."))
    if isinstance(document, Document):
        plan_document_check(actor, document)
    with transaction.atomic():
        plan = _plan_get_or_create(actor, year)
        plan = row_lock(CrowdedPlan.objects.all(), plan.pk)
        version_check(plan, expected_version, item=str(year))
        before = {step: plan.due(step).isoformat() for step in STEPS}
        if document is not KEEP:
            _document_change(plan, document)
        for step in STEPS:
            setattr(plan, f"{step}_by", days[step])
        plan.basis = basis.strip()[:300] or plan.basis
        plan.updated_by = actor
        plan.version += 1
        plan.save()
        tasks_moved = tasks_follow_plan(actor=actor, plan=plan, days=days)
        moved = 0
        for step in STEPS:
            moved += CrowdedMilestone.objects.filter(
                case__plan=plan, step=step, done_on__isnull=True
            ).update(due_on=days[step])
        event_record(
            actor=actor,
            action=A.CROWDED_PLAN_SAVED,
            obj=plan,
            changes={
                "year": year,
                "before": before,
                "after": {step: days[step].isoformat() for step in STEPS},
                "milestones_moved": moved,
                "tasks_moved": tasks_moved,
                "document": plan.document_id,
            },
        )
    return plan


def _document_change(plan: CrowdedPlan, document: Document | object | None) -> None:
    new_id = document.pk if isinstance(document, Document) else None
    if new_id == plan.document_id:
        return
    if CrowdedMilestone.objects.filter(case__plan=plan, task__isnull=False).exists():
        raise _invalid(
            "document",
            _("Milestones of this plan are already tasks of its document; it cannot change."),
        )
    plan.document_id = new_id


def crowded_case_open(
    *,
    actor: Any,
    petition: Petition,
    year: int,
    is_crowded: bool,
    is_long_running: bool,
    people: int = 1,
    note: str = "",
) -> CrowdedCase:
    """Put an accepted petition on ``year``'s five-step plan with its five milestones (the
    handlers of its unit; once per petition)."""
    if not can_act_for_unit(actor, petition.unit, roles=HANDLERS):
        raise PermissionDenied(_("You cannot handle petitions of this unit."))
    if not (is_crowded or is_long_running):
        raise _invalid("is_crowded", _("Say whether the case has many people or runs long."))
    if people < 1:
        raise _invalid("people", _("At least one person."))
    with transaction.atomic():
        locked = row_lock(Petition.objects.select_related("unit"), petition.pk)
        if locked.status not in OPEN_STEPS:
            raise _invalid("year", _("Only an accepted case being settled is put on the plan."))
        if CrowdedCase.objects.filter(petition=locked).exists():
            raise _invalid("year", _("This case is already on the five-step plan."))
        plan = _plan_get_or_create(actor, year)
        case = CrowdedCase.objects.create(
            petition=locked,
            plan=plan,
            is_crowded=is_crowded,
            is_long_running=is_long_running,
            people=people,
            note=note.strip(),
            created_by=actor,
        )
        CrowdedMilestone.objects.bulk_create(
            CrowdedMilestone(case=case, step=step, position=position, due_on=plan.due(step))
            for position, step in enumerate(STEPS, start=1)
        )
        event_record(
            actor=actor,
            action=A.CROWDED_CASE_OPENED,
            obj=case,
            changes={
                "petition": locked.number,
                "year": plan.year,
                "crowded": is_crowded,
                "long_running": is_long_running,
                "people": people,
            },
        )
    return case


def crowded_milestone_done(
    *, actor: Any, case: CrowdedCase, step: str, done_on: datetime.date, note: str = ""
) -> CrowdedMilestone:
    """Record a step done on ``done_on``: the steps in their order, none in the future, none
    twice (a double submit is refused, nothing changes)."""
    if not may_handle(actor, case):
        raise PermissionDenied(_("You cannot handle petitions of this unit."))
    if step not in STEPS:
        raise _invalid("step", _("No such step."))
    problem = day_problem(done_on, latest=timezone.localdate())
    if problem:
        raise _invalid("done_on", problem)
    with transaction.atomic():
        milestones = {
            m.step: m for m in CrowdedMilestone.objects.select_for_update().filter(case_id=case.pk)
        }
        milestone = milestones[step]
        if milestone.done_on is not None:
            raise _invalid("done_on", _("This step is already recorded as done."))
        position = STEPS.index(step)
        if position:
            previous = milestones[STEPS[position - 1]]
            if previous.done_on is None:
                raise _invalid("done_on", _("Record the step before it first."))
            if done_on < previous.done_on:
                raise _invalid("done_on", _("A step cannot be done before the step before it."))
        milestone.done_on = done_on
        milestone.note = note.strip()
        milestone.done_by = actor
        milestone.save(update_fields=["done_on", "note", "done_by"])
        event_record(
            actor=actor,
            action=A.CROWDED_MILESTONE_DONE,
            obj=case,
            changes={
                "step": step,
                "done_on": done_on.isoformat(),
                "due_on": milestone.due_on.isoformat(),
                "late": done_on > milestone.due_on,
            },
        )
    return milestone
