"""Requests that the sender supplement a report (yêu cầu bổ sung; the national portal's "PA chờ
bổ sung"), on the workflow engine's clock: the officer of the current step asks for what is
missing, with the reason; the report's instance is paused (the wait is excluded from its time
limit, as for a merged duplicate) until the sender, or an officer for someone who phoned or
came in, supplements it; it then goes on at the step where it stood. The national portal wants
the first request within ``EGOV_FEEDBACK_SUPPLEMENT_DAYS`` working days of sending
(``Report.supplement_due_at``); a later one is marked late, audited and counted
(``feedback.supplements_requested_late``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.exceptions import PermissionDenied
from egov.feedback.choices import FeedbackAuditAction, ReportStatus
from egov.feedback.models import Report
from egov.feedback.rules import REPORT_TRANSITIONS
from egov.feedback.services._common import TEXT_MAX, clean_text
from egov.feedback.services.reports import _locked, _mirror, _record, _tell_reporter
from egov.feedback.services.routing import STEP_RECEIVE
from egov.orgs.access import can_act_for_unit
from egov.workflow.services import process_pause, process_resume


def report_request_supplement(*, actor: User, report: Report, reason: str) -> Report:
    """The officer of the report's current step asks the sender to supplement it (what is
    missing, in ``reason``); the clock stops and the sender is told."""
    reason = clean_text(reason, "reason", max_length=TEXT_MAX)
    with transaction.atomic():
        report, instance = _locked(report)
        REPORT_TRANSITIONS.check("request_supplement", report.status)
        process_pause(  # the engine checks that the actor may act on the current step
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            reason=_("Waiting for the sender's supplement: %(reason)s") % {"reason": reason},
            restarts_clock=False,
        )
        now = timezone.now()
        first = report.supplement_requested_at is None
        late = first and report.supplement_due_at is not None and now > report.supplement_due_at
        before = report.status
        report.status, report.supplement_reason = ReportStatus.SUPPLEMENT, reason
        report.supplement_requested_at = report.supplement_requested_at or now
        report.supplement_text, report.supplemented_at = "", None
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_SUPPLEMENT_REQUESTED,
            [
                *("status", "supplement_reason", "supplement_requested_at"),
                *("supplement_text", "supplemented_at"),
            ],
            status=[before, ReportStatus.SUPPLEMENT],
            reason=reason,
            first=first,
            late=late,
        )
        _tell_reporter(
            report,
            _("Please supplement your report %(code)s") % {"code": report.code},
        )
    return report


def _require_sender(actor: User, report: Report) -> None:
    """The reporter, or for a report without one (entered for a caller) an officer of its
    unit."""
    if report.reporter_id is not None and report.reporter_id == actor.pk:
        return
    if report.reporter_id is None and can_act_for_unit(actor, report.unit):
        return
    raise PermissionDenied(_("Only the person who sent the report can supplement it."))


def report_supplement(*, actor: User, report: Report, text: str) -> Report:
    """The sender gives what was asked; the report's clock starts again, its time limits moved
    by the working time it waited, at the step where it stood."""
    text = clean_text(text, "text", max_length=TEXT_MAX)
    with transaction.atomic():
        report, instance = _locked(report)
        _require_sender(actor, report)
        REPORT_TRANSITIONS.check("supplement", report.status)
        instance = process_resume(actor=None, instance=instance, expected_version=instance.version)
        _mirror(report, instance)
        if report.first_answered_at is None:  # the wait does not count against the unit
            report.first_due_at = instance.due_at
        at_reception = instance.current_step.step_definition.code == STEP_RECEIVE
        report.status = ReportStatus.RECEIVED if at_reception else ReportStatus.PROCESSING
        report.supplement_text, report.supplemented_at = text, timezone.now()
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_SUPPLEMENTED,
            ["status", "supplement_text", "supplemented_at", "due_at", "first_due_at", "unit"],
            status=[ReportStatus.SUPPLEMENT, report.status],
            text=text[:500],
        )
    return report
