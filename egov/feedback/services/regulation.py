"""Feedback on administrative regulations (Decree 20/2008/NĐ-CP, amended by Decree 48/2013):
the receiving unit classifies it (art. 9) and forwards what is not within its competence within
``EGOV_FEEDBACK_FORWARD_DAYS`` working days; the competent unit assesses the regulation on the
criteria of art. 14, decides (art. 15), answers with a letter of its register and publishes the
result (art. 19) within ``EGOV_FEEDBACK_PUBLISH_DAYS`` working days of the answer (the national
portal's limit). Receiving, handing over and answering are the report's own steps on the
workflow engine (``services.reports``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.common.personal_data import personal_data_warning
from egov.feedback.choices import (
    CriterionFinding,
    FeedbackAuditAction,
    RegulationBasis,
    RegulationClass,
    RegulationContent,
    RegulationCriterion,
    RegulationOutcome,
    ReportStatus,
)
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import RegulationReview, Report
from egov.feedback.rules import REPORT_TRANSITIONS, regulation_decision_problem
from egov.feedback.services._common import TEXT_MAX, clean_text
from egov.feedback.services.answers import publish_due
from egov.feedback.services.reports import (
    report_answer_give,
    report_hand_over,
    report_receive_step,
)
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit


def _review(report: Report) -> RegulationReview:
    review = RegulationReview.objects.filter(report_id=report.pk).first()
    if review is None:
        raise FeedbackError(_("This report is not feedback on a regulation."), code="invalid")
    return review


def _require_unit(actor: User, report: Report) -> None:
    if not can_act_for_unit(actor, report.unit):
        raise PermissionDenied(_("This report is not for your unit."))


def regulation_classify(
    *,
    actor: User,
    report: Report,
    classification: str,
    to_unit: OrgUnit | None = None,
    reason: str = "",
    assignee: User | None = None,
) -> Report:
    """The unit the feedback is with classifies it (art. 9): within its competence, it
    receives it for processing; about a regulation outside its competence, or about how
    another body applies one, it forwards it to that unit with the reason (the forwarding is
    late after ``forward_due_at``). About how the unit itself applies a regulation, it receives
    it and answers it as a report. Failing art. 7 is a refusal (``report_refuse``)."""
    if classification not in RegulationClass.values:
        message = _("Choose how the feedback is classified.")
        raise FeedbackError(message, fields={"classification": message})
    forward = to_unit is not None or classification == RegulationClass.OUTSIDE
    if forward and to_unit is None:
        message = _("Choose the unit competent for the regulation.")
        raise FeedbackError(message, fields={"to_unit": message})
    if forward and classification == RegulationClass.WITHIN:
        message = _("Feedback within your competence is not forwarded.")
        raise FeedbackError(message, fields={"to_unit": message})
    _require_unit(actor, report)
    with transaction.atomic():
        review = row_lock(RegulationReview.objects.all(), report.pk)
        REPORT_TRANSITIONS.check("receive", report.status)
        before, now = report.unit, timezone.now()
        if forward:
            reason = clean_text(reason, "reason", max_length=TEXT_MAX)
            if to_unit.pk == before.pk:
                message = _("Choose another unit than yours.")
                raise FeedbackError(message, fields={"to_unit": message})
            report = report_hand_over(actor=actor, report=report, to_unit=to_unit, reason=reason)
            review.classification = ""  # the competent unit classifies it again
            if review.forwarded_at is None:
                review.forwarded_at, review.forwarded_from = now, before
        else:
            report = report_receive_step(actor=actor, report=report, assignee=assignee)
            review.classification, review.classified_at = classification, now
        review.save(
            update_fields=["classification", "classified_at", "forwarded_at", "forwarded_from"]
        )
        event_record(
            actor=actor,
            action=FeedbackAuditAction.REGULATION_FORWARDED
            if forward
            else FeedbackAuditAction.REGULATION_CLASSIFIED,
            obj=report,
            changes={
                "classification": classification,
                **(
                    {"unit": [before.name, to_unit.name], "late": now > review.forward_due_at}
                    if forward
                    else {}
                ),
            },
        )
    return report


def _findings_clean(basis: str, findings: Mapping[str, str]) -> dict[str, str]:
    if basis not in RegulationBasis.values:
        message = _("Choose whether there is enough basis to assess the regulation.")
        raise FeedbackError(message, fields={"basis": message})
    cleaned = {k: v for k, v in findings.items() if v}
    unknown = [k for k, v in cleaned.items() if k not in RegulationCriterion.values]
    wrong = [k for k, v in cleaned.items() if v not in CriterionFinding.values]
    if unknown or wrong:
        message = _("Assess each criterion as met or not met.")
        raise FeedbackError(message, fields={"findings": message})
    missing = [c for c in RegulationCriterion.values if c not in cleaned]
    if basis == RegulationBasis.ENOUGH and missing:
        message = _("Assess the regulation on every criterion: %(missing)s.") % {
            "missing": ", ".join(str(RegulationCriterion(c).label).lower() for c in missing)
        }
        raise FeedbackError(message, fields={"findings": message})
    return cleaned


def _letter(report: Report, basis: str, findings: Mapping[str, str], outcome: str, text: str):
    lines = [
        _("Regulation: %(regulation)s") % {"regulation": report.regulation},
        _("About: %(content)s") % {"content": RegulationContent(report.regulation_content).label},
        str(RegulationBasis(basis).label),
    ]
    lines += [
        f"- {RegulationCriterion(c).label}: {CriterionFinding(v).label}"
        for c, v in findings.items()
    ]
    lines += [_("Decision: %(outcome)s") % {"outcome": RegulationOutcome(outcome).label}, "", text]
    return "\n".join(str(line) for line in lines)


def regulation_decide(
    *,
    actor: User,
    report: Report,
    basis: str,
    findings: Mapping[str, str],
    outcome: str,
    answer: str,
) -> Report:
    """The competent unit processes feedback on a regulation (art. 14): whether there is
    enough basis, the regulation assessed on each criterion, the decision (art. 15, or to keep
    collecting feedback), and the answer, drafted as a letter to the sender in its register
    with the assessment; the result is due for publication within the set working days."""
    cleaned = _findings_clean(basis, findings)
    if problem := regulation_decision_problem(basis, outcome):
        raise FeedbackError(str(problem), fields={"outcome": str(problem)})
    _require_unit(actor, report)
    answer = clean_text(answer, "answer", max_length=TEXT_MAX * 2)
    with transaction.atomic():
        review = row_lock(RegulationReview.objects.all(), report.pk)
        if review.classification != RegulationClass.WITHIN:
            raise FeedbackError(
                _("Only feedback classified as within your competence is decided on."),
                code="invalid",
            )
        report = report_answer_give(
            actor=actor,
            report=report,
            answer=answer,
            document_text=_letter(report, basis, cleaned, outcome, answer),
        )
        review.basis, review.findings, review.outcome = basis, cleaned, outcome
        review.decided_at = report.answered_at
        review.publish_due_at = publish_due(report.answered_at)
        review.save(update_fields=["basis", "findings", "outcome", "decided_at", "publish_due_at"])
        event_record(
            actor=actor,
            action=FeedbackAuditAction.REGULATION_DECIDED,
            obj=report,
            changes={"basis": basis, "findings": cleaned, "outcome": outcome},
        )
    return report


def regulation_publish(*, actor: User, report: Report, confirmed: bool = False) -> Report:
    """Publish the result on the portal (art. 19): the feedback, the assessment and the
    decision, without the sender. Text that still looks personal (an ID number, a phone, an
    e-mail) is refused unless the officer confirms it was checked."""
    _require_unit(actor, report)
    warning = personal_data_warning(report.title, report.description, report.answer)
    if warning and not confirmed:
        raise FeedbackError(warning, code="personal_data", fields={"confirmed": warning})
    with transaction.atomic():
        locked = row_lock(Report.objects.all(), report.pk)
        review = _review(locked)
        if locked.status not in (ReportStatus.ANSWERED, ReportStatus.CLOSED) or not review.outcome:
            raise FeedbackError(_("Only a decided result is published."), code="invalid")
        if locked.published_at is not None:
            return locked
        locked.published_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["published_at", "version"])
        event_record(
            actor=actor,
            action=FeedbackAuditAction.REGULATION_PUBLISHED,
            obj=locked,
            changes={
                "late": locked.published_at > review.publish_due_at,
                "personal_data_confirmed": bool(warning),
            },
        )
    return locked
