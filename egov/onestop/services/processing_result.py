"""The end of processing and the late dossier: refusal after appraisal, recording the signed
result and handing it back (Decree 61/2018/NĐ-CP arts. 19–20). The apology is in
:mod:`egov.onestop.services.processing_apology`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.exceptions import PermissionDenied
from egov.common.files import PDF, CheckedFile, accepting, file_check
from egov.common.validation import require_text
from egov.onestop.choices import AuditAction, DossierFileKind, NoticeKind
from egov.onestop.models import Dossier, DossierFile
from egov.onestop.services.dossier_officer import RETURN_ROLES, notice_issue
from egov.onestop.services.dossier_state import dossier_check, dossier_lock, dossier_transition
from egov.onestop.services.notify import dossier_notify
from egov.onestop.services.personal_store import result_personal_store_push_after_commit
from egov.onestop.services.processing import (
    ProcessingRefused,
    act,
    current_step,
    has_step,
)
from egov.orgs.access import can_act_for_unit
from egov.surveys.services import survey_invite_for_service
from egov.workflow.choices import Outcome
from egov.workflow.models import ProcessInstance
from egov.workflow.services import process_finish

RESULT_ACCEPTED = accepting({PDF}, gettext_lazy("The file is not a PDF document."))


def finishing(
    actor: Any, *, outcome: str, note: str, last_step_only: bool = False
) -> Callable[[ProcessInstance], ProcessInstance]:
    """The engine action that ends processing at the current step (at the last one only, for
    a result)."""

    def engine(instance: ProcessInstance) -> ProcessInstance:
        step = current_step(instance)
        if last_step_only and has_step(instance, step.step_definition.order + 1):
            raise ProcessingRefused(_("The result is recorded at the last step."))
        return process_finish(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            outcome=outcome,
            note=note,
        )

    return engine


def result_fields(note: str) -> Callable[[ProcessInstance], dict[str, Any]]:
    """The result or the reason, beside the clock mirror that ``act`` copies."""
    return lambda _instance: {"result_note": note}


def dossier_refuse(
    *, actor: Any, dossier: Dossier, reason: str, expected_version: int | None = None
) -> Dossier:
    """Not eligible after appraisal: processing ends refused, within the time limit, and the
    refusal with its reason is the result (Decree 61/2018 art. 19)."""
    reason = require_text(reason)
    with transaction.atomic():
        locked, _instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_REFUSED,
            engine=finishing(actor, outcome=Outcome.REFUSED, note=reason),
            transition="refuse",
            fields=result_fields(reason),
        )
        notice_issue(actor=actor, dossier=locked, kind=NoticeKind.DECISION_REFUSAL, reason=reason)
        dossier_notify(dossier=locked, event="refused")
    return locked


def dossier_record_result(
    *,
    actor: Any,
    dossier: Dossier,
    file: UploadedFile,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """At the last step: store the signed result (a PDF, checked by the file intake: it goes to
    the applicant), finish processing as completed, grade it against the appointment, and tell
    the applicant the result is ready."""
    checked = file_check(file, accept=RESULT_ACCEPTED)
    with transaction.atomic():
        locked, _instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_RESULT_RECORDED,
            engine=finishing(actor, outcome=Outcome.COMPLETED, note=note, last_step_only=True),
            transition="record_result",
            fields=result_fields(note),
            changes={"sha256": checked.sha256},
        )
        stored = _result_store(actor, locked, file, checked)
        result_personal_store_push_after_commit(stored)
        dossier_notify(dossier=locked, event="result_ready")
    return locked


def _result_store(
    actor: Any, dossier: Dossier, file: UploadedFile, checked: CheckedFile
) -> DossierFile:
    stored = DossierFile(
        dossier=dossier,
        kind=DossierFileKind.RESULT,
        original_name=(file.name or "")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    # A random stored name: the applicant's file name never becomes a path.
    stored.file.save(f"{uuid.uuid4().hex}.pdf", file, save=False)
    stored.save()
    return stored


def dossier_return_result(
    *, actor: Any, dossier: Dossier, expected_version: int | None = None
) -> Dossier:
    """The desk that received the dossier hands the result back (Decree 61/2018 art. 20)."""
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        desk = locked.receiving_unit
        if desk is None or not can_act_for_unit(actor, desk, roles=RETURN_ROLES):
            raise PermissionDenied(_("Only the desk that received the dossier returns its result."))
        dossier_check(locked, expected_version, "return_result")
        returned = dossier_transition(
            actor=actor,
            dossier=locked,
            transition="return_result",
            action=AuditAction.DOSSIER_RETURNED,
            expected_version=expected_version,
            fields={"returned_at": timezone.now()},
            locked=True,
        )
        transaction.on_commit(lambda: _survey_invite(returned))
        return returned


def _survey_invite(dossier: Dossier) -> None:
    """Invite the applicant to the unit's satisfaction survey (sampled there; ADR surveys)."""
    survey_invite_for_service(
        unit=dossier.competent_unit or dossier.receiving_unit,
        procedure_code=dossier.procedure.code,
        channel=dossier.channel,
        reference=dossier.code or f"dossier-{dossier.pk}",
        recipient_user=dossier.applicant,
        contact=dossier.applicant_email or dossier.applicant_phone,
    )
