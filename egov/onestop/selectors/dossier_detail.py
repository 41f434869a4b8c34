"""The officer's dossier page: everything it shows, read in a fixed number of queries, and
the actions the officer may take at the dossier's current step.

Who may act on a step is the workflow's rule (ADR 0005, :func:`egov.workflow.rules.may_act`,
which the engine checks again when the action runs), asked here with the reaches read once per
page. Which actions the dossier's status allows is :data:`egov.onestop.rules.DOSSIER_TRANSITIONS`,
the table the services check.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.audit.selectors import HistoryEntry, history_for_object
from egov.onestop.choices import ApplicantKind
from egov.onestop.models import Dossier, DossierFile, DossierNotice, RequiredDocument
from egov.onestop.rules import DOSSIER_TRANSITIONS, application_schema
from egov.onestop.selectors.dossiers_officer import desks_of, dossier_get_for_officer, served_q
from egov.orgs.access import Reach, reach_of
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import OrgUnit
from egov.workflow import rules as workflow_rules
from egov.workflow.choices import InstanceStatus
from egov.workflow.models import ProcessInstance, StepDefinition, StepInstance
from egov.workflow.selectors import ClockState, clock_state, instance_history

CHECKLIST_KEY = "_checked_documents"
DESK_ACTIONS = frozenset({"receive", "request_completion", "refuse_at_desk"})


class Reaches:
    """``reach_of`` per set of roles, read once per page (the actions ask several times)."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._memo: dict[tuple[str, ...], Reach] = {}

    def __call__(self, *roles: str) -> Reach:
        key = tuple(sorted(roles))
        if key not in self._memo:
            self._memo[key] = reach_of(self.user, roles=list(roles))
        return self._memo[key]


def may_act_on_step(user: Any, step: StepInstance, reaches: Reaches | None = None) -> bool:
    """True when ``user`` may act on the open ``step`` (ADR 0005)."""
    if not getattr(user, "is_authenticated", False):
        return False
    reach = reaches or Reaches(user)
    return workflow_rules.may_act(
        step_role=step.role,
        step_assignee_id=step.assignee_id,
        actor_id=user.pk,
        holds=lambda roles: any(reach(role).covers(step.unit) for role in roles),
    )


@dataclass
class DossierPage:
    """What the dossier page shows."""

    dossier: Dossier
    instance: ProcessInstance | None
    step: StepInstance | None
    clock: ClockState | None
    steps: list[StepInstance]
    documents: list[RequiredDocument]
    checked: set[int]
    files: list[DossierFile]
    notices: list[DossierNotice]
    history: list[HistoryEntry]
    actions: frozenset[str] = field(default_factory=frozenset)
    desk_id: int | None = None
    form_items: list[tuple[str, Any]] = field(default_factory=list)


def _instance(dossier: Dossier) -> ProcessInstance | None:
    if dossier.process_id is None:
        return None
    return (
        ProcessInstance.objects.select_related(
            "definition",
            "owner_unit",
            "current_step__step_definition",
            "current_step__unit",
            "current_step__assignee",
        )
        .filter(pk=dossier.process_id)
        .first()
    )


def _desk_for(user: Any, dossier: Dossier) -> int | None:
    """The desk the officer checks an unreceived dossier at (None: not a desk officer here)."""
    desks = desks_of(user)
    if dossier.receiving_unit_id is not None:
        return (
            dossier.receiving_unit_id
            if any(d.pk == dossier.receiving_unit_id for d in desks)
            else None
        )
    for desk in desks:
        if Dossier.objects.filter(pk=dossier.pk).filter(served_q(desk)).exists():
            return desk.pk
    return None


def _step_actions(
    user: Any, instance: ProcessInstance, step: StepInstance, allowed: frozenset[str], r: Reaches
) -> set[str]:
    """The processing actions ``allowed`` by the dossier's status that fit the step: forward
    except at the last step, where the result is recorded; send back except at the first."""
    wanted = allowed & {"handover", "request_supplement", "refuse", "forward", "send_back"}
    if not wanted or instance.status != InstanceStatus.RUNNING:
        return set()
    if not may_act_on_step(user, step, r):
        return set()
    last = StepDefinition.objects.filter(definition_id=instance.definition_id).aggregate(
        n=Max("order")
    )["n"]
    order = step.step_definition.order
    actions = wanted & {"handover", "request_supplement", "refuse"}
    actions |= allowed & {"forward" if order < last else "record_result"}
    if order > 1:
        actions |= allowed & {"send_back"}
    return actions


def _may_manage(user: Any, instance: ProcessInstance, step: StepInstance, reaches: Reaches) -> bool:
    """Resume or re-set the due moment: whoever may act on the step, or the owner's head."""
    return may_act_on_step(user, step, reaches) or reaches(Role.UNIT_HEAD).covers(
        instance.owner_unit
    )


def _at_desk(dossier: Dossier, reaches: Reaches) -> bool:
    desk = dossier.receiving_unit
    return desk is not None and reaches(Role.FRONT_DESK_OFFICER).covers(desk)


def dossier_actions(
    user: Any, dossier: Dossier, instance: ProcessInstance | None, *, now: datetime.datetime
) -> tuple[frozenset[str], int | None]:
    """The actions offered to ``user`` now, and the desk they would act at: those the
    dossier's status allows (``DOSSIER_TRANSITIONS``, as the services check) that ``user`` may
    take."""
    actions: set[str] = set()
    desk_id = None
    reaches = Reaches(user)
    allowed = DOSSIER_TRANSITIONS.available(dossier.status)
    if allowed & DESK_ACTIONS:
        desk_id = _desk_for(user, dossier)
        if desk_id is not None:
            actions |= allowed & DESK_ACTIONS
    elif "return_result" in allowed:
        desk = dossier.receiving_unit
        if desk is not None and reaches(Role.FRONT_DESK_OFFICER, Role.UNIT_HEAD).covers(desk):
            actions.add("return_result")
    elif instance is not None and instance.current_step is not None:
        step = instance.current_step
        actions |= _step_actions(user, instance, step, allowed, reaches)
        manages = _may_manage(user, instance, step, reaches)
        if "supplement_received" in allowed and (manages or _at_desk(dossier, reaches)):
            actions.add("supplement_received")
        if (
            "apologize" in allowed
            and manages
            and instance.due_reset_count == 0
            and now < instance.due_at
        ):
            actions.add("apologize")
    return frozenset(actions), desk_id


def form_items(dossier: Dossier) -> list[tuple[str, Any]]:
    """The application form as (label, value) pairs: the applicant's personal fields, then the
    procedure's own in its order."""
    data = dossier.form_data or {}
    specs = application_schema(
        dossier.procedure.form_fields,
        organisation=dossier.applicant_kind == ApplicantKind.ORGANISATION,
    )
    return [
        (str(s.get("label") or s["name"]), data[s["name"]]) for s in specs if s.get("name") in data
    ]


def dossier_page(user: Any, pk: int, *, now: datetime.datetime | None = None) -> DossierPage:
    """The dossier ``pk`` as ``user`` may see it (404 otherwise), with its history."""
    now = now or timezone.now()
    dossier = dossier_get_for_officer(user, pk)
    instance = _instance(dossier)
    actions, desk_id = dossier_actions(user, dossier, instance, now=now)
    return DossierPage(
        dossier=dossier,
        instance=instance,
        step=instance.current_step if instance else None,
        clock=clock_state(instance, now) if instance else None,
        steps=instance_history(instance) if instance else [],
        documents=list(dossier.procedure.documents.order_by("order", "pk")),
        checked=set((dossier.form_data or {}).get(CHECKLIST_KEY) or []),
        files=list(dossier.files.select_related("required_document").order_by("uploaded_at")),
        notices=list(dossier.notices.select_related("issued_by").order_by("issued_at")),
        history=history_for_object(dossier),
        actions=actions,
        desk_id=desk_id,
        form_items=form_items(dossier),
    )


def dossier_file_get_for_officer(user: Any, pk: int, file_id: int) -> DossierFile:
    """A file of a dossier ``user`` may see; anything else is a 404."""
    dossier = dossier_get_for_officer(user, pk)
    found = DossierFile.objects.filter(dossier=dossier, pk=file_id).first()
    if found is None:
        raise Http404
    return found


def handover_unit_choices(instance: ProcessInstance) -> QuerySet[OrgUnit]:
    """Units a step may be handed over to: the owner unit and the units below and above it,
    and the departments of its province (liên thông across levels)."""
    owner = instance.owner_unit
    root = "/" + owner.path.strip("/").split("/")[0] + "/"
    return (
        OrgUnit.objects.active()
        .filter(
            Q(path__startswith=owner.path)
            | Q(pk__in=owner.ancestor_ids())
            | Q(path__startswith=root, kind=UnitKind.DEPARTMENT)
        )
        .order_by("depth", "name")
    )
