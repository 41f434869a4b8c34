"""The city's accepted reports to the national reporting system (Hệ thống thông tin báo cáo
quốc gia, Decree 09/2019 art. 12), through the integration layer's connector (ADR 0018).

A report reaches the city when the regime's receiving unit accepts it (the top of the chain);
that acceptance queues one :class:`NationalSending` with the report's message in the
documented shape (``egov.integration.services.national_reporting``), in the acceptance's
transaction; the try runs as a django-tasks job after commit. The system acknowledges with
its receipt number, or refuses with a reason (failed, not tried again unchanged: the
receiving unit may send again), or cannot be reached (the next try after a doubling wait, by
the deferred job or ``egov reporting_national_send``; after ``MAX_ATTEMPTS`` the sending is
failed with the last error). No connector configured: nothing is queued, the report is
accepted all the same."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.integration.exceptions import ConnectorUnavailable, NationalRefusal
from egov.integration.rules import push_next_wait
from egov.integration.services import (
    IndicatorLine,
    NationalReport,
    national_report_message,
    national_report_send,
    national_reporting_connected,
)
from egov.orgs.models import OrgUnit
from egov.reporting.choices import AuditAction, NationalSendingState, SubmissionStatus
from egov.reporting.models import NationalSending, Submission
from egov.reporting.services import DECIDERS, ReportError, _require
from egov.reporting.services_correction import correction_of

MAX_ATTEMPTS = 10  # doubling from 30 s, at most an hour apart: about six hours of tries


def goes_national(submission: Submission) -> bool:
    """Whether the report is one of the city's: sent to the regime's receiving unit."""
    return submission.receiver_id == submission.regime.receiving_unit_id


def _unit_code(unit: OrgUnit) -> str:
    return unit.admin_code or f"egov-{unit.pk}"


def national_message(
    submission: Submission, corrects: NationalSending | None = None, reason: str = ""
) -> dict[str, Any]:
    """The report as the national system is told it (the documented JSON shape); also the
    API's export of an accepted report. A correction names the receipt of the sending it
    replaces (``corrects``) and why."""
    regime = submission.regime
    values = {v.indicator_id: v for v in submission.values.all()}
    indicators = list(regime.indicators.select_related("parent"))
    document = submission.document
    report = NationalReport(
        report_code=f"{regime.code}.{_unit_code(submission.unit)}.{submission.period_first:%Y%m%d}",
        version=submission.times_submitted,
        regime_code=regime.code,
        regime_name=regime.name,
        frequency=regime.frequency,
        legal_basis=regime.legal_basis,
        period_first=submission.period_first,
        period_last=submission.period_last,
        cutoff_first=submission.cutoff_first,
        cutoff_last=submission.cutoff_last,
        unit_code=_unit_code(submission.unit),
        unit_name=submission.unit.name,
        receiver_code=_unit_code(submission.receiver),
        receiver_name=submission.receiver.name,
        submitted_at=submission.submitted_at,
        accepted_at=submission.decided_at,
        document_number=(document.number_notation or "") if document else "",
        is_signed=submission.signed_at is not None,
        lines=[
            IndicatorLine(
                code=i.code,
                name=i.name,
                unit_of_measure=i.unit_of_measure,
                number=values[i.pk].number if i.pk in values else None,
                text=values[i.pk].text if i.pk in values else "",
                total_code=i.parent.code if i.parent_id else "",
                option=i.option,
            )
            for i in indicators
        ],
        narrative=submission.narrative,
        corrects_receipt=corrects.receipt if corrects is not None else "",
        correction_reason=reason if corrects is not None else "",
    )
    return national_report_message(report)


def national_message_current(
    submission: Submission, sendings: list[NationalSending]
) -> dict[str, Any]:
    """The message of the report's current version: as sent, when a sending of it exists
    (``sendings`` oldest first); else as it would be sent now (a correction when the system
    took an earlier version)."""
    for sending in reversed(sendings):
        if sending.message.get("PhienBan") == submission.times_submitted:
            return sending.message
    return national_message(submission, *correction_of(submission))


def national_sending_queue(*, actor: Any, submission: Submission) -> NationalSending | None:
    """Queue the accepted report for the national system, inside the caller's transaction;
    the try is enqueued after commit. A report the system already took (a corrected version
    accepted again) is sent as a correction of that sending. None when the report is not the
    city's or no national connector is configured."""
    if submission.status != SubmissionStatus.ACCEPTED or not goes_national(submission):
        return None
    if not national_reporting_connected():
        return None
    corrects, reason = correction_of(submission)
    sending = NationalSending.objects.create(
        submission=submission,
        message=national_message(submission, corrects, reason),
        idempotency_key=uuid.uuid4().hex,
        next_attempt_at=timezone.now(),
        corrects=corrects,
    )
    event_record(
        actor=actor,
        action=AuditAction.NATIONAL_SENDING_QUEUED,
        obj=submission,
        changes={
            "sending": sending.pk,
            "version": submission.times_submitted,
            "corrects": corrects.receipt if corrects is not None else None,
        },
    )
    transaction.on_commit(lambda: _enqueue(sending.pk), robust=True)
    return sending


def _enqueue(sending_pk: int, when: Any = None) -> None:
    from egov.reporting.tasks import national_sending_send

    if when is not None:
        if not national_sending_send.get_backend().supports_defer:
            return  # egov reporting_national_send picks it up when due
        national_sending_send.using(run_after=when).enqueue(sending_pk=sending_pk)
        return
    national_sending_send.enqueue(sending_pk=sending_pk)


def national_sending_try(*, sending_pk: int) -> str:
    """One try of a queued sending; returns its state. The network call is made outside any
    transaction; the outcome is written on the row if it is still queued (a second worker
    trying the same sending at once: the national system applies the key once, one outcome
    is written)."""
    sending = (
        NationalSending.objects.select_related("submission__unit").filter(pk=sending_pk).first()
    )
    if sending is None:
        return "missing"
    if sending.state != NationalSendingState.QUEUED:
        return sending.state
    submission = sending.submission
    try:
        receipt = national_report_send(
            message=sending.message,
            idempotency_key=sending.idempotency_key,
            unit_id=submission.receiver_id,
        )
    except ConnectorUnavailable as exc:
        return _tried(sending, error=exc.message)
    except NationalRefusal as exc:
        return _tried(sending, error=exc.message, refused=True)
    return _tried(sending, receipt=receipt)


def _tried(
    sending: NationalSending, *, receipt: str = "", error: str = "", refused: bool = False
) -> str:
    now = timezone.now()
    attempts = sending.attempts + 1
    with transaction.atomic():
        locked = row_lock(NationalSending.objects.all(), sending.pk)
        if locked.state != NationalSendingState.QUEUED:
            return locked.state
        locked.attempts = attempts
        if receipt:
            locked.state = NationalSendingState.ACKNOWLEDGED
            locked.receipt, locked.acknowledged_at = receipt, now
            locked.last_error, locked.next_attempt_at = "", None
            action = AuditAction.NATIONAL_SENDING_ACKNOWLEDGED
        elif refused or attempts >= MAX_ATTEMPTS:
            locked.state = NationalSendingState.FAILED
            locked.last_error, locked.next_attempt_at = error[:300], None
            action = AuditAction.NATIONAL_SENDING_FAILED
        else:
            locked.last_error = error[:300]
            locked.next_attempt_at = now + push_next_wait(attempts)
            action = None
        locked.save()
        if action is not None:
            event_record(
                actor=None,
                action=action,
                obj=locked.submission,
                changes={
                    "sending": locked.pk,
                    "receipt": locked.receipt,
                    "reason": locked.last_error,
                    "attempts": attempts,
                },
            )
        else:
            when = locked.next_attempt_at
            transaction.on_commit(lambda: _enqueue(locked.pk, when), robust=True)
    return locked.state


def national_sendings_try_due(*, limit: int = 200) -> dict[str, int]:
    """Try every queued sending whose next try is due, oldest first (the cron run)."""
    due = NationalSending.objects.filter(
        state=NationalSendingState.QUEUED, next_attempt_at__lte=timezone.now()
    ).order_by("pk")
    counts = {"acknowledged": 0, "waiting": 0, "failed": 0}
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        state = national_sending_try(sending_pk=pk)
        key = {"acknowledged": "acknowledged", "failed": "failed"}.get(state, "waiting")
        counts[key] += 1
    return counts


def national_sending_again(*, actor: Any, submission: Submission) -> NationalSending:
    """Send a report again whose last sending failed; by the receiving unit. A new sending
    (a new message from the report as it is, a new idempotency key)."""
    with transaction.atomic():
        locked = row_lock(Submission.objects.select_related("regime"), submission.pk)
        _require(
            actor,
            locked.receiver,
            DECIDERS,
            _("Only the receiving unit sends the report to the national reporting system."),
        )
        last = locked.national_sendings.order_by("-pk").first()
        if last is None or last.state != NationalSendingState.FAILED:
            raise ReportError(_("Only a failed sending to the national system is sent again."))
        sending = national_sending_queue(actor=actor, submission=locked)
        if sending is None:
            raise ReportError(_("The national reporting system is not connected."))
    return sending
