"""The handling slip (phiếu giải quyết văn bản đến) and the handling of an incoming document.

The head of the unit directs it: a lead unit (or person), cooperating units, units informed,
and the deadline (Decree 30/2020/NĐ-CP art. 23, Appendix IV; spec §2.7). The lead unit reports
progress and completes it; timeliness (on time / late / overdue) comes from the workflow
instance graded against the slip's deadline.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.validation import require_text
from egov.documents.choices import AuditAction, DocumentStatus, HandlingRole, RecipientStatus
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import Document, DocumentAssignment
from egov.documents.selectors.permissions import DIRECTORS
from egov.documents.services import common, handling
from egov.documents.services.incoming import status_changed
from egov.documents.services.numbering import VN_TZ
from egov.documents.services.readers import readers_add
from egov.orgs.access import can_act_for_unit, reach_of
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessInstance
from egov.workflow.services import step_forward


def _units_check(
    actor: User, lead_unit: OrgUnit, cooperating: Sequence[OrgUnit], informed: Sequence[OrgUnit]
) -> None:
    reach = reach_of(actor)
    units = [lead_unit, *cooperating, *informed]
    outside = [u.name for u in units if not u.is_active or not reach.covers(u)]
    if outside:
        message = _("You cannot direct documents to %(units)s.") % {"units": ", ".join(outside)}
        raise DocumentError(message, code="unit_outside_reach", fields={"lead_unit": message})
    ids = [u.pk for u in units]
    if len(ids) != len(set(ids)):
        message = _("Name each unit once: lead, cooperating or informed.")
        raise DocumentError(message, code="unit_twice", fields={"cooperating_units": message})


def _person_check(person: User | None, unit: OrgUnit) -> None:
    if person is not None and not can_act_for_unit(person, unit):
        message = _("%(name)s does not work in %(unit)s.") % {
            "name": person.full_name,
            "unit": unit.name,
        }
        raise DocumentError(message, code="lead_person_outside", fields={"lead_person": message})


def _deadline(
    document: Document,
    due_on: datetime.date | None,
) -> tuple[datetime.date | None, datetime.datetime | None]:
    """The slip's deadline (or the sender's, if still ahead) and its due moment."""
    today = timezone.now().astimezone(VN_TZ).date()
    if due_on is None and document.due_on is not None and document.due_on >= today:
        due_on = document.due_on
    if due_on is None:
        return None, None
    if due_on < today:
        message = _("The deadline cannot be in the past.")
        raise DocumentError(message, code="deadline_past", fields={"due_on": message})
    return due_on, handling.due_moment(due_on)


def _slip_rows(
    document: Document,
    actor: User,
    rows: list[tuple[OrgUnit, User | None, str]],
    due_on: datetime.date | None,
    note: str,
) -> list[DocumentAssignment]:
    now = timezone.now()
    return DocumentAssignment.objects.bulk_create(
        DocumentAssignment(
            document=document,
            unit=unit,
            person=person,
            role=role,
            due_on=due_on if role != HandlingRole.INFORM else None,
            note=note if role == HandlingRole.LEAD else "",
            assigned_by=actor,
            assigned_at=now,
        )
        for unit, person, role in rows
    )


def incoming_assign(
    *,
    actor: User,
    document: Document,
    expected_version: int | None,
    lead_unit: OrgUnit,
    lead_person: User | None = None,
    cooperating_units: Sequence[OrgUnit] = (),
    informed_units: Sequence[OrgUnit] = (),
    due_on: datetime.date | None = None,
    note: str = "",
) -> Document:
    """The head of the unit fills in the handling slip: the document goes to the lead unit
    (to the lead person there, if named), with the deadline as the due moment of its handling
    (the close of that working day). Without a deadline the sender's applies if still ahead,
    else the procedure's default. Cooperating and informed units see the document. A secret
    document needs a lead person, who is named on it."""
    cooperating, informed = list(cooperating_units), list(informed_units)
    with transaction.atomic():
        document = common.document_lock(document.pk)
        if not common.acts_for(actor, document.unit, DIRECTORS):
            raise PermissionDenied(
                _("Only the head of %(unit)s can direct this document.")
                % {"unit": document.unit.name}
            )
        common.document_check(document, expected_version, "assign")
        instance = handling.handling_instance(document)
        handling.require_step(instance, handling.STEP_ASSIGN)
        _units_check(actor, lead_unit, cooperating, informed)
        _person_check(lead_person, lead_unit)
        if document.is_secret and lead_person is None:
            message = _("Name the person who leads the handling of a secret document.")
            raise DocumentError(
                message, code="secret_needs_person", fields={"lead_person": message}
            )
        slip_due, due_at = _deadline(document, due_on)
        assignee = (
            lead_person
            if lead_person is not None
            and can_act_for_unit(lead_person, lead_unit, roles=[step_role_next(instance)])
            else None
        )
        step_forward(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            note=note.strip(),
            to_unit=lead_unit,
            assignee=assignee,
            due_at=due_at,
        )
        rows = [
            (lead_unit, lead_person, HandlingRole.LEAD),
            *((u, None, HandlingRole.COOPERATE) for u in cooperating),
            *((u, None, HandlingRole.INFORM) for u in informed),
        ]
        _slip_rows(document, actor, rows, slip_due, note.strip())
        named = (
            readers_add(document=document, users=[lead_person], actor=actor)
            if document.is_secret
            else []
        )
        common.document_update(
            actor=actor,
            document=document,
            transition="assign",
            action=AuditAction.INCOMING_ASSIGNED,
            changes={
                "lead_unit": lead_unit.name,
                "lead_person": lead_person.full_name if lead_person else "",
                "cooperating": [u.name for u in cooperating],
                "informed": [u.name for u in informed],
                "due_on": slip_due.isoformat() if slip_due else None,
                "note": note.strip(),
                "readers": named,
            },
        )
        status_changed(document, RecipientStatus.ASSIGNED, note.strip())
    return document


def step_role_next(instance: ProcessInstance) -> str:
    """The role of the handling step in the instance's own version of the procedure."""
    return (
        instance.definition.steps.filter(code=handling.STEP_HANDLE)
        .values_list("role", flat=True)
        .first()
        or Role.SPECIALIST
    )


def _handling_step(actor: User, document: Document) -> ProcessInstance:
    instance = handling.handling_instance(document)
    step = handling.require_step(instance, handling.STEP_HANDLE)
    if not handling.may_act_on(actor, step):
        raise PermissionDenied(_("Only the lead unit can report on the handling of this document."))
    return instance


def incoming_progress(
    *, actor: User, document: Document, expected_version: int | None, note: str
) -> Document:
    """The lead unit reports progress (QCVN 102 status 05 the first time)."""
    note = require_text(note, "note")
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "progress")
        _handling_step(actor, document)
        first = document.status == DocumentStatus.ASSIGNED
        common.document_update(
            actor=actor,
            document=document,
            transition="progress",
            action=AuditAction.INCOMING_PROGRESS,
            changes={"note": note},
        )
        if first:
            status_changed(document, RecipientStatus.IN_PROGRESS, note)
    return document


def incoming_complete(
    *, actor: User, document: Document, expected_version: int | None, note: str = ""
) -> Document:
    """The lead unit has finished: the handling ends, graded against the deadline (QCVN 102
    status 06)."""
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "complete")
        instance = _handling_step(actor, document)
        instance = step_forward(
            actor=actor, instance=instance, expected_version=instance.version, note=note.strip()
        )
        DocumentAssignment.objects.filter(document=document, completed_at__isnull=True).exclude(
            role=HandlingRole.INFORM
        ).update(completed_at=instance.finished_at)
        common.document_update(
            actor=actor,
            document=document,
            transition="complete",
            action=AuditAction.INCOMING_COMPLETED,
            changes={"note": note.strip(), "timeliness": instance.timeliness},
        )
        status_changed(document, RecipientStatus.COMPLETED, note.strip())
    return document
