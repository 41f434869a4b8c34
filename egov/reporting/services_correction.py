"""A correction after acceptance (issue 16 §2: "an accepted report is locked, a correction
after acceptance is a new version with both kept").

An officer of the reporting unit or of the receiving unit reopens an accepted report with a
reason: the accepted version is kept as a :class:`SubmissionVersion` (values, narrative, the
document it was sent as), the report goes back to "returned for correction", its numbers leave
the running totals, and a sending to the national reporting system still waiting is replaced
(not tried: it would carry the old values). The reporting unit corrects and sends it as a new
document; once the receiving unit accepts it again, a report of the city is sent to the
national system as a correction of the version it took (``services_national``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.orgs.access import can_act_for_unit
from egov.reporting import rules
from egov.reporting.choices import AuditAction, NationalSendingState
from egov.reporting.models import NationalSending, Submission, SubmissionVersion
from egov.reporting.services import DECIDERS, FILLERS, _locked
from egov.reporting.totals import totals_apply


def may_correct(actor: Any, submission: Submission) -> bool:
    """Whether ``actor`` may reopen the report: an officer of the reporting unit who fills
    it, or of the receiving unit who decides on it."""
    return can_act_for_unit(actor, submission.unit, roles=FILLERS) or can_act_for_unit(
        actor, submission.receiver, roles=DECIDERS
    )


def _snapshot(submission: Submission, *, actor: Any, reason: str) -> SubmissionVersion:
    values = [
        {
            "code": value.indicator.code,
            "number": None if value.number is None else rules.number_text(value.number),
            "text": value.text,
            "note": value.note,
        }
        for value in submission.values.select_related("indicator").order_by("indicator__order")
    ]
    return SubmissionVersion.objects.create(
        submission=submission,
        number=submission.times_submitted,
        values=values,
        narrative=submission.narrative,
        document_id=submission.document_id,
        submitted_at=submission.submitted_at,
        accepted_at=submission.decided_at,
        signed_at=submission.signed_at,
        reason=reason,
        reopened_by=actor if getattr(actor, "pk", None) else None,
        reopened_at=timezone.now(),
    )


def submission_correct(
    *, actor: Any, submission: Submission, reason: str, expected_version: int | None
) -> Submission:
    """Reopen an accepted report for correction, with a reason; by the reporting unit or the
    receiving unit. The accepted version is kept; a second click finds the report no longer
    accepted (or a newer version) and is refused."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        locked = _locked(submission, expected_version)
        if not may_correct(actor, locked):
            raise PermissionDenied(
                _("Only the reporting unit or the receiving unit reopens a report.")
            )
        target = rules.SUBMISSION_TRANSITIONS.target("correct", locked.status)
        kept = _snapshot(locked, actor=actor, reason=reason)
        replaced = list(
            NationalSending.objects.select_for_update()
            .filter(submission=locked, state=NationalSendingState.QUEUED)
            .values_list("pk", flat=True)
        )
        NationalSending.objects.filter(pk__in=replaced).update(
            state=NationalSendingState.SUPERSEDED, next_attempt_at=None
        )
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_CORRECTION_OPENED,
            fields={"status": target, "return_reason": reason},
            changes={"kept_version": kept.number, "national_sendings_replaced": replaced},
        )
        totals_apply(locked, -1)
    return locked


def correction_of(submission: Submission) -> tuple[NationalSending | None, str]:
    """What a sending of ``submission`` to the national system corrects: its last
    acknowledged sending (None: a first sending) and the reason of the latest reopening."""
    earlier = (
        submission.national_sendings.filter(state=NationalSendingState.ACKNOWLEDGED)
        .order_by("-pk")
        .first()
    )
    if earlier is None:
        return None, ""
    version = submission.versions.order_by("-number").first()
    return earlier, version.reason if version is not None else ""
