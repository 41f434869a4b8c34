"""The two outcomes of the desk's check that leave a dossier out of processing (Decree
61/2018/NĐ-CP arts. 15 and 18; Circular 01/2018/TT-VPCP forms 02 and 03): a request to complete
it, listing every correction at once, and a refusal with its reason."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from egov.common.validation import require_text
from egov.onestop.choices import AuditAction, NoticeKind
from egov.onestop.models import Dossier
from egov.onestop.services.dossier_officer import desk_of, notice_issue
from egov.onestop.services.dossier_state import dossier_check, dossier_lock, dossier_transition
from egov.onestop.services.notify import dossier_notify
from egov.orgs.models import OrgUnit


def dossier_request_completion_at_desk(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    expected_version: int | None = None,
    desk_unit: OrgUnit | None = None,
) -> Dossier:
    """Form 02: the dossier is not received; every correction is listed at once (Decree
    61/2018 art. 15). A desk draft stays a draft; an online dossier goes back to the applicant
    as a draft to complete and submit again."""
    reason = require_text(reason)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        dossier_check(locked, expected_version, "request_completion")
        desk = desk_of(actor, locked, desk_unit)
        locked = dossier_transition(
            actor=actor,
            dossier=locked,
            transition="request_completion",
            action=AuditAction.DOSSIER_COMPLETION_REQUESTED,
            expected_version=expected_version,
            fields={"receiving_unit_id": desk.pk},
            changes={"reason": reason},
            locked=True,
        )
        notice_issue(actor=actor, dossier=locked, kind=NoticeKind.SUPPLEMENT, reason=reason)
        if locked.code:  # a desk draft has no code: the applicant holds the paper form
            dossier_notify(dossier=locked, event="supplement_requested")
    return locked


def dossier_refuse_at_desk(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    expected_version: int | None = None,
    desk_unit: OrgUnit | None = None,
) -> Dossier:
    """Form 03: the dossier is refused at intake, with the reason (Decree 61/2018 art. 18)."""
    reason = require_text(reason)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        dossier_check(locked, expected_version, "refuse_at_desk")
        desk = desk_of(actor, locked, desk_unit)
        locked = dossier_transition(
            actor=actor,
            dossier=locked,
            transition="refuse_at_desk",
            action=AuditAction.DOSSIER_REFUSED_AT_DESK,
            expected_version=expected_version,
            fields={
                "receiving_unit_id": desk.pk,
                "result_note": reason,
                "finished_at": timezone.now(),
            },
            locked=True,
        )
        notice_issue(actor=actor, dossier=locked, kind=NoticeKind.REFUSAL, reason=reason)
        if locked.code:
            dossier_notify(dossier=locked, event="refused")
    return locked
