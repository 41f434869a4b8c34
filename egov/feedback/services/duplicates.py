"""Duplicate reports (issue 17; FixMyStreet Pro's duplicate marking): an officer merges a report
into another on the same problem, the surviving report. The duplicate's clock stops (its
workflow instance is paused, the wait excluded if it is separated again), it leaves the
unit's open items and its reporter follows the surviving report: told of the merge, and of
the answer when the surviving report is answered (``report_answer`` tells every follower).
Merging is undone with a reason (``report_unmerge``): the duplicate is handled again where it
stood, its time limit moved by the time it spent merged."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.exceptions import PermissionDenied
from egov.feedback.choices import FeedbackAuditAction, ReportStatus
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Report
from egov.feedback.rules import REPORT_TRANSITIONS
from egov.feedback.services._common import clean_text
from egov.feedback.services.reports import (
    _locked,
    _mirror,
    _record,
    _tell_reporter,
)
from egov.feedback.services.routing import STEP_RECEIVE
from egov.orgs.access import can_act_for_unit
from egov.workflow.services import process_pause, process_resume

NOT_SURVIVORS = (ReportStatus.REFUSED, ReportStatus.MERGED)


def _require_both(actor: User, *reports: Report) -> None:
    if not all(can_act_for_unit(actor, report.unit) for report in reports):
        raise PermissionDenied(_("Both reports must be with units within your reach."))


def report_merge(*, actor: User, report: Report, into: Report) -> Report:
    """Merge ``report`` (received or being processed) into ``into``, a report on the same
    problem that is neither refused nor itself merged; its reporter is told, and told of the
    answer at once if ``into`` is already answered."""
    if into.pk == report.pk:
        message = _("A report cannot be merged into itself.")
        raise FeedbackError(message, code="merge_itself", fields={"into": message})
    with transaction.atomic():
        report, instance = _locked(report)
        into = Report.objects.select_related("unit").get(pk=into.pk)
        _require_both(actor, report, into)
        REPORT_TRANSITIONS.check("merge", report.status)
        if into.status in NOT_SURVIVORS:
            message = _("Report %(code)s is refused or merged itself: choose the report it joined.")
            raise FeedbackError(
                message % {"code": into.code}, code="merge_target", fields={"into": message}
            )
        if report.duplicates.exists():
            message = _("Other reports were merged into this one: merge them elsewhere first.")
            raise FeedbackError(message, code="merge_has_duplicates", fields={"into": message})
        process_pause(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            reason=_("Merged into report %(code)s") % {"code": into.code},
            restarts_clock=False,
        )
        before = report.status
        report.status, report.duplicate_of = ReportStatus.MERGED, into
        report.closed_at = timezone.now()
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_MERGED,
            ["status", "duplicate_of", "closed_at"],
            status=[before, ReportStatus.MERGED],
            into=into.code,
        )
        _tell_reporter(
            report,
            _("Your report %(code)s was merged with report %(into)s on the same problem")
            % {"code": report.code, "into": into.code},
        )
        if into.answer:
            _tell_reporter(report, _("Your report %(code)s was answered") % {"code": report.code})
    return report


def report_unmerge(*, actor: User, report: Report, reason: str) -> Report:
    """Separate a merged report again, with the reason: handled again at the step where it
    stood, its time limit moved by the working time it spent merged."""
    reason = clean_text(reason, "reason", max_length=1000)
    with transaction.atomic():
        report, instance = _locked(report)
        _require_both(actor, report)
        REPORT_TRANSITIONS.check("unmerge", report.status)
        into = report.duplicate_of
        instance = process_resume(actor=actor, instance=instance, expected_version=instance.version)
        _mirror(report, instance)
        at_reception = instance.current_step.step_definition.code == STEP_RECEIVE
        report.status = ReportStatus.RECEIVED if at_reception else ReportStatus.PROCESSING
        report.duplicate_of, report.closed_at = None, None
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_UNMERGED,
            ["status", "duplicate_of", "closed_at", "due_at", "unit"],
            status=[ReportStatus.MERGED, report.status],
            into=into.code if into else "",
            reason=reason,
        )
    return report
