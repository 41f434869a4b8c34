"""Background jobs of citizen feedback (django-tasks). Thin: parse the day, call a service.

Run daily (cron: ``egov feedback_escalations``, or with ``--enqueue`` to hand the run to the
workers); the run is idempotent."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def feedback_escalations_run(day: str | None = None) -> dict[str, int]:
    """Escalate the questions and reports late at the end of ``day`` (ISO; default: now)."""
    from django.utils import timezone

    from egov.feedback.services.escalation import escalations_send
    from egov.workdays.rules import VN_TZ

    now = timezone.now()
    if day:
        end = datetime.datetime.combine(
            datetime.date.fromisoformat(day) + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=VN_TZ,
        )
        now = min(now, end)
    run = escalations_send(now=now)
    return {"questions": run.questions, "reports": run.reports, "people": run.people}
