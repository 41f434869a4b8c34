"""The one-stop desk (Bộ phận một cửa): registering a dossier and the three outcomes of
checking it (Decree 61/2018/NĐ-CP arts. 15–19; Circular 01/2018/TT-VPCP
arts. 9 and 19; Decree 118/2025/NĐ-CP):

- complete → received: dossier code, appointment computed on the working-day calendar,
  processing starts on the internal procedure, *Giấy tiếp nhận và hẹn trả kết quả* (Form 01);
- incomplete → *Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ* (Form 02), with every reason at once;
- refused → *Phiếu từ chối tiếp nhận giải quyết hồ sơ* (Form 03), with the reason.

Online dossiers (status ``submitted``) are checked with the same three services. The
applicant is found with :func:`applicant_find` (``desk_applicants``); forms 02 and 03 are issued
by ``desk_not_received``; both are re-exported here.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.onestop.choices import ApplicantKind, AuditAction, Channel, DossierStatus, NoticeKind
from egov.onestop.models import Dossier, Procedure, RuleSet
from egov.onestop.selectors.dossier_detail import CHECKLIST_KEY
from egov.onestop.selectors.rules import ruleset_in_force
from egov.onestop.services.desk_applicants import applicant_find
from egov.onestop.services.desk_not_received import (
    dossier_refuse_at_desk,
    dossier_request_completion_at_desk,
)
from egov.onestop.services.desk_routing import competent_unit_check, definition_for
from egov.onestop.services.dossier_code import dossier_code_next
from egov.onestop.services.dossier_officer import (
    clock_mirror,
    desk_of,
    notice_issue,
    require_desk,
    search_text,
)
from egov.onestop.services.dossier_state import dossier_check, dossier_lock, dossier_transition
from egov.onestop.services.notify import dossier_notify
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessInstance
from egov.workflow.services import process_start

logger = logging.getLogger(__name__)
__all__ = [
    "DossierInvalid",
    "applicant_find",
    "dossier_receive",
    "dossier_refuse_at_desk",
    "dossier_register_at_desk",
    "dossier_request_completion_at_desk",
]


class DossierInvalid(DomainError):
    """The desk's input breaks a rule (procedure not in force, unknown document ...)."""

    code = "dossier_invalid"
    status = 422


def _checked_documents(procedure: Procedure, ids: Iterable[int]) -> list[int]:
    wanted = sorted({int(i) for i in ids})
    known = set(procedure.documents.filter(pk__in=wanted).values_list("pk", flat=True))
    if set(wanted) - known:
        raise DossierInvalid(
            _("A checked document is not in this procedure's list."),
            fields={"documents": _("Choose documents from the list.")},
        )
    return wanted


def _form_data(procedure: Procedure, data: Mapping[str, Any] | None) -> dict[str, Any]:
    names = {f.get("name") for f in procedure.form_fields or [] if isinstance(f, Mapping)}
    return {k: v for k, v in (data or {}).items() if k in names}


def _require_in_force(procedure: Procedure) -> None:
    today = timezone.localdate()
    if not procedure.is_active or not procedure.is_in_force_on(today):
        raise DossierInvalid(
            _("The procedure %(code)s is not in force today; choose the version in force.")
            % {"code": procedure.code},
            fields={"procedure": _("Not in force today.")},
        )


def _existing(desk: OrgUnit, applicant: User | None, key: str | None) -> Dossier | None:
    if not key:
        return None
    return Dossier.objects.filter(
        receiving_unit=desk, applicant=applicant, idempotency_key=key
    ).first()


def dossier_register_at_desk(
    *,
    actor: Any,
    desk_unit: OrgUnit,
    procedure: Procedure,
    applicant_name: str,
    applicant_id_number: str,
    applicant: User | None = None,
    applicant_kind: str = ApplicantKind.PERSON,
    applicant_phone: str = "",
    applicant_email: str = "",
    applicant_address: str = "",
    copies_count: int = 1,
    checked_document_ids: Iterable[int] = (),
    form_data: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> Dossier:
    """A draft dossier at the desk with the applicant's details and the documents checked
    against the list; then :func:`dossier_receive`, :func:`dossier_request_completion_at_desk`
    or :func:`dossier_refuse_at_desk`. The same ``idempotency_key`` (a double-clicked submit)
    returns the dossier already registered."""
    details = _applicant_details(
        applicant,
        applicant_kind,
        applicant_name,
        applicant_id_number,
        applicant_phone,
        applicant_email,
        applicant_address,
    )
    require_desk(actor, desk_unit)
    _require_in_force(procedure)
    checked = _checked_documents(procedure, checked_document_ids)
    with transaction.atomic():
        # Serialises registrations at this desk, so a repeated key is always seen. ``no_key``:
        # rows that merely point at the desk (other dossiers) are not held up by the lock.
        OrgUnit.objects.select_for_update(no_key=True).filter(pk=desk_unit.pk).first()
        existing = _existing(desk_unit, applicant, idempotency_key)
        if existing is not None:
            return existing
        dossier = Dossier(
            procedure=procedure,
            channel=Channel.DIRECT,
            status=DossierStatus.DRAFT,
            copies_count=max(1, int(copies_count)),
            form_data={**_form_data(procedure, form_data), CHECKLIST_KEY: checked},
            receiving_unit=desk_unit,
            idempotency_key=idempotency_key or None,
            **details,
        )
        dossier.search_text = search_text(dossier)
        dossier.save()
        event_record(
            actor=actor,
            action=AuditAction.DOSSIER_REGISTERED,
            obj=dossier,
            changes={"procedure": [procedure.code, procedure.version], "documents": checked},
        )
    return dossier


def _applicant_details(
    applicant: User | None,
    kind: str,
    name: str,
    id_number: str,
    phone: str,
    email: str,
    address: str,
) -> dict[str, Any]:
    """The applicant as the desk recorded them (an account is linked when they have one)."""
    if applicant is not None and not applicant.is_public:
        raise DossierInvalid(_("The applicant must be a citizen or business account."))
    if not (name or "").strip() or not (id_number or "").strip():
        raise DossierInvalid(
            _("Give the applicant's name and ID number."),
            fields={"applicant_name": _("Required."), "applicant_id_number": _("Required.")},
        )
    return {
        "applicant": applicant,
        "applicant_kind": kind,
        "applicant_name": name.strip(),
        "applicant_id_number": id_number.strip(),
        "applicant_phone": (phone or "").strip(),
        "applicant_email": (email or "").strip(),
        "applicant_address": (address or "").strip(),
    }


def _missing_documents(dossier: Dossier) -> list[str]:
    """Required documents (without a condition) the desk did not tick."""
    checked = set((dossier.form_data or {}).get(CHECKLIST_KEY) or [])
    required = dossier.procedure.documents.filter(is_required=True, condition="")
    return [d.name for d in required if d.pk not in checked]


def _route(dossier: Dossier, unit: OrgUnit, desk: OrgUnit, ruleset: RuleSet) -> OrgUnit:
    """The competent unit, once the procedure, the unit and the checklist allow the receipt."""
    _require_in_force(dossier.procedure)
    competent_unit_check(unit=unit, procedure=dossier.procedure, desk=desk, ruleset=ruleset)
    missing = _missing_documents(dossier) if dossier.channel == Channel.DIRECT else []
    if missing:
        raise DossierInvalid(
            _("Documents missing: %(names)s. Ask for completion instead.")
            % {"names": "; ".join(missing)}
        )
    return unit


def _start(dossier: Dossier, unit: OrgUnit, code: str, now: datetime.datetime) -> ProcessInstance:
    definition = definition_for(procedure=dossier.procedure, unit=unit, on=timezone.localdate(now))
    label = f"{code} — {dossier.applicant_name} — {dossier.procedure.name}"[:300]
    # The desk starts processing on behalf of the competent unit, which it need not belong to
    # (Decree 118/2025); the dossier's own audit entry names the officer.
    return process_start(
        actor=None,
        definition=definition,
        owner_unit=unit,
        subject=dossier,
        subject_label=label,
        received_at=now,
        apply_cutoff=dossier.procedure.is_same_day,
    )


def dossier_receive(
    *,
    actor: Any,
    dossier: Dossier,
    competent_unit: OrgUnit | None = None,
    expected_version: int | None = None,
    desk_unit: OrgUnit | None = None,
) -> Dossier:
    """Receive a complete dossier (Decree 61/2018 art. 18; Decree 118/2025): code of the day
    (TT 01/2018 art. 19), rule set in force, competent unit (given, or the desk's parent unit;
    its level must be the procedure's), processing started with the appointment it computes
    (15:00 cut-off for same-day procedures), Form 01 issued, the applicant told."""
    now = timezone.now()
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        dossier_check(locked, expected_version, "receive")
        desk = desk_of(actor, locked, desk_unit)
        ruleset = ruleset_in_force(timezone.localdate(now))
        unit = _route(locked, competent_unit or locked.competent_unit or desk.parent, desk, ruleset)
        code = locked.code or dossier_code_next(receiving_unit=desk, ruleset=ruleset, at=now)
        instance = _start(locked, unit, code, now)
        fields = {
            "code": code,
            "ruleset_id": ruleset.pk,
            "receiving_unit_id": desk.pk,
            "competent_unit_id": unit.pk,
            "received_at": now,
            "process_id": instance.pk,
            "search_text": search_text(locked, code),
            **clock_mirror(instance),
        }
        locked = dossier_transition(
            actor=actor,
            dossier=locked,
            transition="receive",
            action=AuditAction.DOSSIER_RECEIVED,
            expected_version=expected_version,
            fields=fields,
            locked=True,
        )
        notice_issue(actor=actor, dossier=locked, kind=NoticeKind.RECEIPT)
        dossier_notify(dossier=locked, event="received")
    logger.info("onestop.dossier_received", extra={"dossier": locked.pk, "code": code})
    return locked
