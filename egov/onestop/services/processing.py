"""Processing a received dossier: thin wrappers over the workflow engine that keep the
dossier's status and clock in step with its process instance (Decree 61/2018/NĐ-CP art. 19).

Each service locks the dossier first, so actions on one dossier are serialised and a stale
``expected_version`` (the dossier version the officer's page showed) is refused with
``ConcurrentChange`` before anything is written. The engine then checks who may act
(ADR 0005) and acts on the instance version it finds under the lock; the dossier's status,
due moment and audit entry follow in the same transaction. The end of processing (result,
refusal) and the apology are in :mod:`egov.onestop.services.processing_result`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.validation import require_text
from egov.onestop.choices import AuditAction, NoticeKind
from egov.onestop.models import Dossier
from egov.onestop.selectors.dossier_detail import may_act_on_step
from egov.onestop.services.dossier_officer import DESK_ROLES, clock_mirror, notice_issue
from egov.onestop.services.dossier_state import dossier_check, dossier_lock, dossier_transition
from egov.onestop.services.notify import dossier_notify
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessInstance, StepDefinition, StepInstance
from egov.workflow.services import (
    process_pause,
    process_resume,
    step_forward,
    step_handover,
    step_send_back,
)


class ProcessingRefused(DomainError):
    """The action does not fit where the dossier stands in its internal procedure."""

    code = "processing_refused"
    status = 409


def instance_of(dossier: Dossier) -> ProcessInstance:
    """The dossier's process instance (a received dossier always has one)."""
    if dossier.process_id is None:
        raise ProcessingRefused(_("This dossier has not been received for processing."))
    return ProcessInstance.objects.select_related("definition").get(pk=dossier.process_id)


def current_step(instance: ProcessInstance) -> StepInstance:
    if instance.current_step_id is None:
        raise ProcessingRefused(_("The processing of this dossier has ended."))
    return StepInstance.objects.select_related("step_definition", "unit").get(
        pk=instance.current_step_id
    )


def has_step(instance: ProcessInstance, order: int) -> bool:
    return StepDefinition.objects.filter(definition_id=instance.definition_id, order=order).exists()


def step_label(instance: ProcessInstance) -> dict[str, Any]:
    """The step the dossier is now at, for its audit entry."""
    if instance.current_step_id is None:
        return {"step": None}
    step = current_step(instance)
    return {
        "step": f"{step.step_definition.order}. {step.step_definition.name}",
        "unit": step.unit.name,
    }


def act(
    *,
    actor: Any,
    dossier: Dossier,
    expected_version: int | None,
    action: str,
    engine: Callable[[ProcessInstance], ProcessInstance],
    transition: str,
    fields: Callable[[ProcessInstance], Mapping[str, Any]] | None = None,
    changes: Mapping[str, Any] | None = None,
) -> tuple[Dossier, ProcessInstance]:
    """The common shape, inside the caller's transaction: lock and check the dossier, run the
    engine action on the locked instance, then apply ``transition`` to the dossier with its
    clock and audit."""
    locked = dossier_lock(dossier.pk)
    dossier_check(locked, expected_version, transition)
    instance = engine(instance_of(locked))
    locked = dossier_transition(
        actor=actor,
        dossier=locked,
        transition=transition,
        action=action,
        expected_version=expected_version,
        fields={**clock_mirror(instance), **(fields(instance) if fields else {})},
        changes={**step_label(instance), **(changes or {})},
    )
    return locked, instance


def dossier_forward(
    *, actor: Any, dossier: Dossier, expected_version: int | None = None, note: str = ""
) -> Dossier:
    """Send the dossier to the next step of its internal procedure. At the last step the
    dossier ends with :func:`~egov.onestop.services.processing_result.dossier_record_result` or
    :func:`~egov.onestop.services.processing_result.dossier_refuse` instead."""

    def engine(instance: ProcessInstance) -> ProcessInstance:
        step = current_step(instance)
        if not has_step(instance, step.step_definition.order + 1):
            raise ProcessingRefused(
                _("This is the last step: record the result or refuse the dossier.")
            )
        return step_forward(
            actor=actor, instance=instance, expected_version=instance.version, note=note
        )

    with transaction.atomic():
        locked, _instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_FORWARDED,
            engine=engine,
            transition="forward",
        )
    return locked


def dossier_send_back(
    *, actor: Any, dossier: Dossier, reason: str, expected_version: int | None = None
) -> Dossier:
    """Return the dossier to the previous step, with the reason."""
    reason = require_text(reason)

    def engine(instance: ProcessInstance) -> ProcessInstance:
        return step_send_back(
            actor=actor, instance=instance, expected_version=instance.version, reason=reason
        )

    with transaction.atomic():
        locked, _instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_SENT_BACK,
            engine=engine,
            transition="send_back",
            changes={"reason": reason},
        )
    return locked


def dossier_handover(
    *,
    actor: Any,
    dossier: Dossier,
    to_unit: OrgUnit,
    reason: str,
    expected_version: int | None = None,
    role: str | None = None,
) -> Dossier:
    """Hand the current step over to another unit or level (liên thông, Decree 61/2018
    art. 19); the step keeps its due moment."""
    reason = require_text(reason)

    def engine(instance: ProcessInstance) -> ProcessInstance:
        return step_handover(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            to_unit=to_unit,
            reason=reason,
            role=role,
        )

    with transaction.atomic():
        locked, _instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_HANDED_OVER,
            engine=engine,
            transition="handover",
            changes={"reason": reason},
        )
    return locked


def dossier_request_supplement(
    *, actor: Any, dossier: Dossier, reason: str, expected_version: int | None = None
) -> Dossier:
    """Form 02 after appraisal: the clock stops until the applicant completes the dossier;
    under the dossier's rule set the time limit then starts again in full (Decree 61/2018
    art. 19) or the wait is excluded."""
    reason = require_text(reason)

    def engine(instance: ProcessInstance) -> ProcessInstance:
        restarts = dossier.ruleset.supplement_restarts_clock if dossier.ruleset else True
        return process_pause(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            reason=reason,
            restarts_clock=restarts,
        )

    with transaction.atomic():
        locked, _instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_SUPPLEMENT_REQUESTED,
            engine=engine,
            transition="request_supplement",
            changes={"reason": reason},
        )
        notice_issue(actor=actor, dossier=locked, kind=NoticeKind.SUPPLEMENT, reason=reason)
        dossier_notify(dossier=locked, event="supplement_requested")
    return locked


def _may_report_supplement(actor: Any, dossier: Dossier, instance: ProcessInstance) -> bool:
    if getattr(actor, "is_authenticated", False) and actor.pk == dossier.applicant_id:
        return True
    desk = dossier.receiving_unit
    if desk is not None and can_act_for_unit(actor, desk, roles=DESK_ROLES):
        return True
    return instance.current_step_id is not None and may_act_on_step(actor, current_step(instance))


def dossier_supplement_received(
    *, actor: Any, dossier: Dossier, expected_version: int | None = None
) -> Dossier:
    """The completed dossier arrived (uploaded by the applicant or brought to the desk): the
    clock starts again by the rule chosen when it stopped. The applicant, the receiving desk
    or an officer of the current step reports it; the engine resumes as the system."""
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        if not _may_report_supplement(actor, locked, instance_of(locked)):
            raise PermissionDenied(_("You cannot report the supplement of this dossier."))

        def engine(instance: ProcessInstance) -> ProcessInstance:
            return process_resume(actor=None, instance=instance, expected_version=instance.version)

        locked, _instance = act(
            actor=actor,
            dossier=locked,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_SUPPLEMENT_RECEIVED,
            engine=engine,
            transition="supplement_received",
        )
    return locked
