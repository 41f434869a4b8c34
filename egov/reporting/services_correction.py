"""A correction after acceptance (issue 16 §2: "an accepted report is locked, a correction
after acceptance is a new version with both kept").

An officer of the reporting unit or of the receiving unit reopens an accepted report with a
reason: the accepted version is kept as a :class:`SubmissionVersion` (values, narrative, the
document it was sent as), the report goes back to "returned for correction", its numbers leave
the running totals, and a sending to the national reporting system still waiting is replaced
(not tried: it would carry the old values). The reporting unit corrects and sends it as a new
document; once the receiving unit accepts it again, a report of the city is sent to the
national system as a correction of the version it took (``services_national``). The
consolidated reports above that used its numbers are marked (``services_stale``); their unit
consolidates again (:func:`submission_reconsolidate`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.orgs.access import can_act_for_unit
from egov.reporting import rules
from egov.reporting.choices import AuditAction, NationalSendingState, SubmissionStatus
from egov.reporting.models import NationalSending, Submission, SubmissionVersion
from egov.reporting.services import (
    DECIDERS,
    FILLERS,
    ReportError,
    _locked,
    _require,
    submission_prefill,
)
from egov.reporting.services_stale import stale_mark
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
    receiving unit. The accepted version is kept, and the consolidations above that used its
    numbers are marked. The same request again (a double click, an API retry: same actor,
    same reason, the version it saw just before the reopening) is answered with the report
    as reopened, changing nothing; any other request on a report no longer accepted is
    refused (a newer version: ``ConcurrentChange``; else ``WrongState``)."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        locked = row_lock(
            Submission.objects.select_related("regime", "unit", "receiver"), submission.pk
        )
        if _is_repeat(locked, actor=actor, reason=reason, expected_version=expected_version):
            return locked
        version_check(locked, expected_version, item=str(locked))
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
        stale_mark(actor=actor, submission=locked)
    return locked


def _is_repeat(
    report: Submission, *, actor: Any, reason: str, expected_version: int | None
) -> bool:
    """Whether this request to reopen ``report`` is the one that reopened it last, again:
    the report is still as that reopening left it (returned, one version on), by the same
    officer with the same reason."""
    if expected_version is None or report.status != SubmissionStatus.RETURNED:
        return False
    if report.version != expected_version + 1:
        return False
    kept = report.versions.order_by("-number").first()
    return (
        kept is not None
        and kept.reason == reason
        and kept.reopened_by_id == getattr(actor, "pk", None)
        and report.return_reason == reason
    )


def submission_reconsolidate(
    *, actor: Any, submission: Submission, expected_version: int | None
) -> Submission:
    """Consolidate again a consolidating level's report marked because the figures below
    changed; by an officer of its unit. The one roll-up (``submission_prefill``) takes the
    reports accepted below now and clears the mark; an accepted report is first reopened for
    correction (its version kept; sent and accepted again, a report of the city reaches the
    national system as a correction). A report waiting for the receiving unit's decision is
    refused: that unit returns it first."""
    with transaction.atomic():
        locked = _locked(submission, expected_version)
        _require(actor, locked.unit, FILLERS, _("Only the consolidating unit consolidates again."))
        if locked.level == 0:
            raise ReportError(_("Only a consolidating level's report is consolidated."))
        if locked.status == SubmissionStatus.SUBMITTED:
            raise ReportError(
                _(
                    "The report is waiting for the receiving unit's decision: ask it to return "
                    "the report, then consolidate again."
                )
            )
        if locked.status == SubmissionStatus.ACCEPTED:
            locked = submission_correct(
                actor=actor,
                submission=locked,
                reason=_("The figures of the reports below changed; consolidated again."),
                expected_version=locked.version,
            )
        return submission_prefill(actor=actor, submission=locked, expected_version=locked.version)


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
