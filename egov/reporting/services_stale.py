"""Consolidated reports whose figures below changed (issue 16 §2–§3): when a report whose
accepted numbers a consolidation above it used is reopened for correction, or accepted again
corrected, every consolidated report above that used them (the department's, then the
city's) is marked, with the report below that changed and since when. The mark is shown on
those reports' pages and in the completeness table; it is cleared when the consolidating unit
consolidates again (``services.submission_prefill``, the one roll-up).

"Used" is read from the moments kept on the reports: a consolidation (``consolidated_at``)
used the report below if it came after that report's acceptance (``decided_at``); one level
further up, only while the report in between is accepted. Marking does not bump the marked
report's version (nobody's values changed; an officer's open page stays valid) and is
audited on each marked report, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from egov.audit.services import event_record
from egov.reporting.choices import AuditAction, SubmissionStatus
from egov.reporting.models import Submission


def consolidation_above(submission: Submission) -> Submission | None:
    """The report of the level above that consolidates ``submission`` (that of its
    receiving unit for the same period), if the chain has one."""
    return Submission.objects.filter(
        regime_id=submission.regime_id,
        period_first=submission.period_first,
        level=submission.level + 1,
        unit_id=submission.receiver_id,
    ).first()


def _used(above: Submission, below: Submission) -> bool:
    return (
        above.consolidated_at is not None
        and below.decided_at is not None
        and below.decided_at <= above.consolidated_at
    )


def stale_mark(*, actor: Any, submission: Submission, accepted_again: bool = False) -> list[int]:
    """Mark the consolidated reports above ``submission`` whose figures rest on it: just
    reopened for correction (the consolidations that used its accepted numbers), or
    ``accepted_again`` once corrected (any consolidation already made above it lacks the
    corrected numbers). Returns the ids of the reports marked, lowest level first."""
    marked: list[Submission] = []
    below, above = submission, consolidation_above(submission)
    first = True
    while above is not None:
        if first:
            uses = above.consolidated_at is not None if accepted_again else _used(above, below)
        else:
            uses = below.status == SubmissionStatus.ACCEPTED and _used(above, below)
        if not uses:
            break
        marked.append(above)
        below, above, first = above, consolidation_above(above), False
    now = timezone.now()
    for report in marked:
        Submission.objects.filter(pk=report.pk).update(stale_since=now, stale_because=submission)
        event_record(
            actor=actor,
            action=AuditAction.SUBMISSION_MARKED_STALE,
            obj=report,
            changes={
                "stale_since": [report.stale_since, now],
                "because": submission.pk,
                "because_unit": submission.unit.name,
                "accepted_again": accepted_again,
            },
        )
    return [report.pk for report in marked]
