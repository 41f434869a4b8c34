"""Incoming documents on the workflow engine: the internal procedure, starting it, and who may
act on its steps.

The procedure (Decree 30/2020/NĐ-CP arts. 20–24, spec §2.7): the clerk checks and registers
the document (acknowledged the same day: half a working day), the head of the unit directs it
with a handling slip the same or the next working day (one day), the lead unit handles it. The
handling time is the deadline of the slip; without one the platform gives 8.5 working days, 10
in all. An administrator changes these by publishing a new version of the definition; running
documents keep the version they started with.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents.exceptions import DocumentError, WrongDocumentState
from egov.documents.models import Document
from egov.documents.selectors.permissions import may_act_on_step
from egov.orgs.choices import Role
from egov.workdays.rules import CalendarRangeError, is_working_day
from egov.workdays.selectors import work_calendar_get
from egov.workflow.models import ProcessDefinition, ProcessInstance, StepInstance
from egov.workflow.selectors import process_definition_current
from egov.workflow.services import (
    StepSpec,
    process_definition_create,
    process_definition_publish,
    process_start,
)

PROCESS_CODE = "documents.incoming"
STEP_REGISTER, STEP_ASSIGN, STEP_HANDLE = "register", "assign", "handle"
EFFECTIVE_FROM = datetime.date(2020, 3, 5)  # Decree 30/2020/NĐ-CP in force
STEPS = (
    StepSpec(1, STEP_REGISTER, "Kiểm tra, đăng ký văn bản đến", Role.CLERK, Decimal("0.5")),
    StepSpec(
        2,
        STEP_ASSIGN,
        "Trình, cho ý kiến phân phối (phiếu giải quyết)",
        Role.UNIT_HEAD,
        Decimal("1"),
    ),
    StepSpec(
        3, STEP_HANDLE, "Giải quyết văn bản đến (đơn vị chủ trì)", Role.SPECIALIST, Decimal("8.5")
    ),
)
TOTAL_DAYS = Decimal("10")


def incoming_definition(on: datetime.date) -> ProcessDefinition:
    """The published procedure in force on ``on``, created (as the system) on first use. Two
    first uses at once: one creates it, the other reads it."""
    found = process_definition_current(PROCESS_CODE, on=on)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            definition = process_definition_create(
                actor=None,
                code=PROCESS_CODE,
                name="Xử lý văn bản đến",
                version=1,
                effective_from=EFFECTIVE_FROM,
                total_days=TOTAL_DAYS,
                steps=STEPS,
                source="Nghị định 30/2020/NĐ-CP, Điều 20–24",
            )
            return process_definition_publish(actor=None, definition=definition)
    except IntegrityError:
        found = process_definition_current(PROCESS_CODE, on=on)
        if found is None:
            raise
        return found


def handling_start(
    *, actor: User | None, document: Document, received_at: datetime.datetime
) -> ProcessInstance:
    """Start the handling of a registered incoming document, at the clerk's check."""
    return process_start(
        actor=actor,
        definition=incoming_definition(received_at.date()),
        owner_unit=document.unit,
        subject=document,
        subject_label=f"{document.number_notation} — {document.subject}"[:300],
        received_at=received_at,
    )


def handling_instance(document: Document) -> ProcessInstance:
    if document.process_id is None:
        raise WrongDocumentState(_("This document is not being handled."))
    return ProcessInstance.objects.select_related("definition").get(pk=document.process_id)


def open_step(instance: ProcessInstance) -> StepInstance | None:
    if instance.current_step_id is None:
        return None
    return StepInstance.objects.select_related("step_definition", "unit").get(
        pk=instance.current_step_id
    )


def require_step(instance: ProcessInstance, code: str) -> StepInstance:
    step = open_step(instance)
    if step is None or step.step_definition.code != code:
        messages = {
            STEP_REGISTER: _("This document has already been registered."),
            STEP_ASSIGN: _("This document is not waiting for a handling slip."),
            STEP_HANDLE: _("This document is not being handled by a lead unit."),
        }
        raise WrongDocumentState(messages[code])
    return step


may_act_on = may_act_on_step


def due_moment(day: datetime.date) -> datetime.datetime:
    """A deadline day as a due moment: the close of that working day's last office session."""
    calendar = work_calendar_get()
    try:
        working = is_working_day(calendar, day)
    except CalendarRangeError:
        working = False
    if not working:
        message = _("%(day)s is not a working day; choose a working day.") % {
            "day": day.strftime("%d/%m/%Y")
        }
        raise DocumentError(message, code="not_working_day", fields={"due_on": message})
    return datetime.datetime.combine(day, calendar.sessions[-1].closes, tzinfo=calendar.tz)
