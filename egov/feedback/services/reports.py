"""Reports on local problems (phản ánh, kiến nghị) on the workflow engine (ADR 0009: the
services call the engine and mirror its clock).

The internal procedure: the unit receives the report (one working day; Decision 766 / DVCQG
lets two for a refusal) and processes it with the rest of the category's time (DVCQG: processed
within 15 working days from sending). Receiving may assign an officer; the head may assign
later; processing may be handed over to another unit with a reason; the answer finishes the
instance. The report is then closed by the citizen's rating or by the unit, and the citizen may
reopen it once within ``EGOV_FEEDBACK_REOPEN_DAYS`` days of the answer (a new instance)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.common.text import fold
from egov.feedback.choices import (
    PRODUCT_CATEGORY,
    CategoryKind,
    Channel,
    FeedbackAuditAction,
    Rating,
    RegulationClass,
    RegulationContent,
    ReportStatus,
)
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Category, Report, ReportPhoto
from egov.feedback.rules import REPORT_TRANSITIONS
from egov.feedback.services._common import TEXT_MAX, TITLE_MAX, clean_text, code_assign, person_tell
from egov.feedback.services.answers import (
    answer_document_draft,
    national_limits,
    regulation_receiver,
    regulation_review_start,
)
from egov.feedback.services.intake import photos_check, place_check, who_sends
from egov.feedback.services.routing import category_route, report_definition
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition, ProcessInstance
from egov.workflow.services import (
    process_finish,
    process_start,
    step_assign,
    step_forward,
    step_handover,
)


def report_submit(
    *,
    actor: User,
    category: Category,
    area: OrgUnit | None,
    title: str,
    description: str,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photos: Sequence[IO[bytes]] = (),
    request_key: str = "",
    channel: str = Channel.ONLINE,
    contact_name: str = "",
    contact_phone: str = "",
    regulation: str = "",
    regulation_content: str = "",
) -> Report:
    """A citizen sends a report (or an officer enters one for someone who phoned or came in);
    it goes to the responsible unit and its clock starts. The same ``request_key`` again
    returns the first report.

    In a category about regulations (Decree 20/2008/NĐ-CP) the report names the regulation
    and what it is about (art. 5), ``area`` is the unit that issued it, and it goes to that
    unit, or to the receiving unit when one is set (art. 8, ``regulation_receiver``), which
    classifies it and forwards what is not within its competence (art. 9,
    ``regulation_classify``); no place, pin or photo."""
    who = who_sends(actor, channel, contact_name, contact_phone)
    # a citizen's key is theirs; a consumer on a scan page has only the key of the form
    keyed = bool(request_key) and (who.get("reporter") is not None or channel == Channel.SCAN)
    same = Report.objects.filter(reporter=who.get("reporter"), request_key=request_key)
    if keyed:
        found = same.first()
        if found is not None:
            return found
    title = clean_text(title, "title", max_length=TITLE_MAX)
    description = clean_text(description, "description", max_length=TEXT_MAX)
    on_regulation = category.kind == CategoryKind.REGULATION
    if on_regulation:
        regulation = clean_text(regulation, "regulation", max_length=300)
        if regulation_content not in RegulationContent.values:
            message = _("Choose what your feedback on the regulation is about.")
            raise FeedbackError(message, fields={"regulation_content": message})
        address, latitude, longitude, photos = "", None, None, ()
    else:
        regulation, regulation_content = "", ""
        address = clean_text(address, "address", max_length=300)
    if area is None:
        message = _("This field is required.")
        raise FeedbackError(message, code="required", fields={"area": message})
    if not category.is_active or not area.is_active:
        message = _("Choose a category in use and an existing place.")
        raise FeedbackError(message, fields={"category": message})
    place_check(latitude, longitude)
    checked = photos_check(photos)
    unit = regulation_receiver(area) if on_regulation else category_route(category, area)
    days = category.answer_days or Decimal(settings.EGOV_FEEDBACK_REPORT_DAYS)
    definition = report_definition(Decimal(days))
    now = timezone.now()
    try:
        with transaction.atomic():
            report = Report.objects.create(
                code=uuid.uuid4().hex[:20],
                category=category,
                area=area,
                unit=unit,
                title=title,
                description=description,
                regulation=regulation,
                regulation_content=regulation_content,
                address=address,
                latitude=latitude,
                longitude=longitude,
                submitted_at=now,
                due_at=now,
                request_key=request_key[:64] if keyed else "",
                search_text=fold(f"{title} {description} {address} {regulation}"),
                **national_limits(now),
                **who,
            )
            code_assign(report, "PA")
            for content, extension, (found, clean) in checked:
                ReportPhoto.objects.create(
                    report=report,
                    file=ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}"),
                    content_type=found.content_type,
                    sha256=found.sha256,
                    exif_latitude=clean.latitude,
                    exif_longitude=clean.longitude,
                )
            _process_start(report, definition, now)
            if on_regulation:
                regulation_review_start(report, unit)
            event_record(
                actor=actor,
                action=FeedbackAuditAction.REPORT_SUBMITTED,
                obj=report,
                changes={
                    "category": category.name,
                    "unit": unit.name,
                    "channel": str(who["channel"]),
                    "on_behalf_of": who.get("contact_name", ""),
                    "photos": len(checked),
                    **({"regulation": regulation} if on_regulation else {}),
                },
            )
    except IntegrityError:
        found = same.first() if keyed else None
        if found is None:
            raise
        return found
    return report


def report_from_scan(
    *,
    actor: User,
    area_id: int,
    subject: str,
    address: str,
    link: str,
    description: str,
    photos: Sequence[IO[bytes]] = (),
    contact_name: str = "",
    contact_phone: str = "",
    request_key: str = "",
) -> Report:
    """A consumer reports a problem with a product from its public scan page (no login): a
    report of the ``PRODUCT_CATEGORY`` category at the producer's unit (``area_id``), titled
    with the product and lot (``subject``), the page's address kept in the text. It goes
    through :func:`report_submit` like every report: same routing, clock, photos and audit."""
    category = Category.objects.filter(code=PRODUCT_CATEGORY, is_active=True).first()
    if category is None:
        raise FeedbackError(_("Reports on products are not received at the moment."))
    area = OrgUnit.objects.active().filter(pk=area_id).first()
    if area is None:
        message = _("This product's page no longer names a unit. Open it again from the code.")
        raise FeedbackError(message, fields={"description": message})
    subject = clean_text(subject, "subject", max_length=150)
    text = clean_text(description, "description", max_length=TEXT_MAX - 300)
    return report_submit(
        actor=actor,
        category=category,
        area=area,
        title=_("Problem with %(subject)s") % {"subject": subject},
        description=f"{text}\n\n{link.strip()[:250]}" if link.strip() else text,
        address=(address or "").strip()[:300] or area.name,
        photos=photos,
        request_key=request_key,
        channel=Channel.SCAN,
        contact_name=contact_name,
        contact_phone=contact_phone,
    )


def _process_start(report: Report, definition: ProcessDefinition, at: datetime.datetime) -> None:
    instance = process_start(
        actor=None,
        definition=definition,
        owner_unit=report.unit,
        subject=report,
        subject_label=f"{report.code} — {report.title}"[:300],
        received_at=at,
    )
    report.process = instance
    report.due_at = instance.due_at
    report.first_due_at = report.first_due_at or instance.due_at
    report.save(update_fields=["process", "due_at", "first_due_at"])


def _locked(report: Report) -> tuple[Report, ProcessInstance | None]:
    report = row_lock(Report.objects.all(), report.pk)
    instance = ProcessInstance.objects.get(pk=report.process_id) if report.process_id else None
    return report, instance


def _mirror(report: Report, instance: ProcessInstance) -> None:
    """Copy the clock and the handling unit from the engine (ADR 0009)."""
    report.due_at = instance.due_at
    if instance.current_step_id:
        report.unit_id = instance.current_step.unit_id


def _record(actor: User, report: Report, action: str, fields: list[str], **changes: object) -> None:
    report.version += 1
    report.save(update_fields=[*fields, "version"])
    event_record(actor=actor, action=action, obj=report, changes=changes)


def report_receive(*, actor: User, report: Report, assignee: User | None = None) -> Report:
    """The unit receives the report for processing, optionally naming the officer (feedback on
    a regulation is received by classifying it: ``regulation_classify``)."""
    if report.regulation:
        raise FeedbackError(
            _("Classify feedback on a regulation to receive it."), code="classify_first"
        )
    return report_receive_step(actor=actor, report=report, assignee=assignee)


def report_receive_step(*, actor: User, report: Report, assignee: User | None = None) -> Report:
    """The reception step on the engine, for both kinds of report."""
    with transaction.atomic():
        report, instance = _locked(report)
        REPORT_TRANSITIONS.check("receive", report.status)
        instance = step_forward(
            actor=actor, instance=instance, expected_version=instance.version, assignee=assignee
        )
        _mirror(report, instance)
        report.status = ReportStatus.PROCESSING
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_RECEIVED,
            ["status", "due_at", "unit"],
            assignee=assignee.full_name if assignee else "",
        )
    return report


def report_refuse(*, actor: User, report: Report, reason: str) -> Report:
    """Refuse at reception (Decree 20/2008 art. 9: fails the requirements of art. 7)."""
    reason = clean_text(reason, "reason", max_length=1000)
    with transaction.atomic():
        report, instance = _locked(report)
        REPORT_TRANSITIONS.check("refuse", report.status)
        process_finish(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            outcome="refused",
            note=reason,
        )
        report.status, report.refusal_reason = ReportStatus.REFUSED, reason
        report.closed_at = timezone.now()
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_REFUSED,
            ["status", "refusal_reason", "closed_at"],
            reason=reason,
        )
        _tell_reporter(report, _("Your report %(code)s was refused") % {"code": report.code})
    return report


def report_assign(*, actor: User, report: Report, assignee: User) -> Report:
    """A head names (or an officer takes) who processes the report."""
    with transaction.atomic():
        report, instance = _locked(report)
        REPORT_TRANSITIONS.check("assign", report.status)
        step_assign(
            actor=actor, instance=instance, expected_version=instance.version, assignee=assignee
        )
    return report


def report_hand_over(*, actor: User, report: Report, to_unit: OrgUnit, reason: str) -> Report:
    """Hand the report over to another unit, with the reason; the due moment stays."""
    with transaction.atomic():
        report, instance = _locked(report)
        REPORT_TRANSITIONS.check("hand_over", report.status)
        before = report.unit.name
        instance = step_handover(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            to_unit=to_unit,
            reason=reason,
        )
        _mirror(report, instance)
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_HANDED_OVER,
            ["unit", "due_at"],
            unit=[before, to_unit.name],
            reason=reason,
        )
    return report


def _tell_reporter(report: Report, subject: str) -> None:
    person_tell(
        report.reporter,
        subject=subject,
        body=_("Open your report “%(title)s” to read it.") % {"title": report.title},
        link=f"/feedback/reports/{report.pk}/",
        obj=report,
    )


def report_answer(*, actor: User, report: Report, answer: str) -> Report:
    """The processing officer answers; the answer is drafted as a letter in the unit's
    register, the instance finishes and the reporter is told, with the reporters of the
    duplicates merged into this report. Feedback on a regulation within the unit's competence
    is answered by deciding on it (``regulation_decide``, Decree 20/2008 art. 14)."""
    if report.regulation and report.review.classification != RegulationClass.IMPLEMENTATION:
        raise FeedbackError(
            _("Assess the regulation and decide on it to answer this feedback."),
            code="decide_first",
        )
    return report_answer_give(actor=actor, report=report, answer=answer)


def report_answer_give(
    *, actor: User, report: Report, answer: str, document_text: str = ""
) -> Report:
    """The answer of either kind of report: ``document_text`` (default: the answer) is the
    body of the official letter."""
    answer = clean_text(answer, "answer", max_length=TEXT_MAX * 2)
    with transaction.atomic():
        report, instance = _locked(report)
        REPORT_TRANSITIONS.check("answer", report.status)
        step_forward(actor=actor, instance=instance, expected_version=instance.version)
        document = answer_document_draft(actor=actor, item=report, text=document_text or answer)
        now = timezone.now()
        report.status, report.answer, report.answered_by = ReportStatus.ANSWERED, answer, actor
        report.answered_at, report.answer_document = now, document
        report.first_answered_at = report.first_answered_at or now
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_ANSWERED,
            [
                *("status", "answer", "answered_by", "answered_at", "first_answered_at"),
                "answer_document",
            ],
            answer=answer[:500],
            document=document.pk,
        )
        _tell_reporter(report, _("Your report %(code)s was answered") % {"code": report.code})
        followers = report.duplicates.filter(status=ReportStatus.MERGED).select_related("reporter")
        for follower in followers:  # the reporters of merged duplicates follow this report
            _tell_reporter(
                follower, _("Your report %(code)s was answered") % {"code": follower.code}
            )
    return report


def report_close(*, actor: User, report: Report) -> Report:
    """An officer of the unit closes an answered report (e.g. after the time to reopen)."""
    with transaction.atomic():
        report, _instance = _locked(report)
        if not can_act_for_unit(actor, report.unit):
            raise PermissionDenied(_("This report is not for your unit."))
        REPORT_TRANSITIONS.check("close", report.status)
        report.status, report.closed_at = ReportStatus.CLOSED, timezone.now()
        _record(actor, report, FeedbackAuditAction.REPORT_CLOSED, ["status", "closed_at"])
    return report


def _require_reporter(actor: User, report: Report) -> None:
    if report.reporter_id is None or report.reporter_id != actor.pk:
        raise PermissionDenied(_("Only the person who sent the report can do this."))


def report_rate(*, actor: User, report: Report, rating: str) -> Report:
    """The reporter rates the answer (like / dislike, as on the national portal); rating
    closes the report."""
    if rating not in Rating.values:
        message = _("Choose satisfied or not satisfied.")
        raise FeedbackError(message, fields={"rating": message})
    with transaction.atomic():
        report, _instance = _locked(report)
        _require_reporter(actor, report)
        REPORT_TRANSITIONS.check("rate", report.status)
        if report.rating:
            raise FeedbackError(_("You have already rated this answer."), code="already_rated")
        report.rating, report.rated_at = rating, timezone.now()
        report.status = ReportStatus.CLOSED
        report.closed_at = report.closed_at or report.rated_at
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_RATED,
            ["rating", "rated_at", "status", "closed_at"],
            rating=rating,
        )
    return report


def report_reopen(*, actor: User, report: Report, reason: str) -> Report:
    """The reporter reopens the answered report once, within the set days of the answer; it
    starts again at the unit's reception with a new time limit."""
    reason = clean_text(reason, "reason", max_length=TEXT_MAX)
    with transaction.atomic():
        report, _instance = _locked(report)
        _require_reporter(actor, report)
        REPORT_TRANSITIONS.check("reopen", report.status)
        if report.reopened_at is not None:
            raise FeedbackError(_("A report can be reopened only once."), code="reopened_once")
        limit = report.answered_at + datetime.timedelta(days=settings.EGOV_FEEDBACK_REOPEN_DAYS)
        if timezone.now() > limit:
            raise FeedbackError(
                _("The time to reopen this report (%(days)s days after the answer) has passed.")
                % {"days": settings.EGOV_FEEDBACK_REOPEN_DAYS},
                code="reopen_too_late",
            )
        now = timezone.now()
        days = report.category.answer_days or Decimal(settings.EGOV_FEEDBACK_REPORT_DAYS)
        _process_start(report, report_definition(Decimal(days)), now)
        report.status, report.reopened_at = ReportStatus.RECEIVED, now
        report.rating, report.rated_at, report.closed_at = "", None, None
        report.escalation_level = 0  # a new time limit: escalated anew if missed
        if report.regulation:  # classified anew by the unit it is with
            report.review.classification = ""
            report.review.save(update_fields=["classification"])
        _record(
            actor,
            report,
            FeedbackAuditAction.REPORT_REOPENED,
            ["status", "reopened_at", "rating", "rated_at", "closed_at", "escalation_level"],
            reason=reason,
        )
    return report
