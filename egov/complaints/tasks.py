"""Background jobs of complaints (django-tasks). Thin: parse the day, call the run.

Run daily (cron: ``egov complaints_reminders``, or with ``--enqueue`` to hand the run to the
workers); the run is idempotent."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def complaints_reminders_run(day: str | None = None) -> dict[str, int]:
    """Remind the handlers of petitions due soon and overdue for ``day`` (ISO; default today),
    and keep the overdue flags."""
    from egov.complaints.reminders import complaints_reminders_send

    run = complaints_reminders_send(today=datetime.date.fromisoformat(day) if day else None)
    return {
        "before": run.before,
        "overdue": run.overdue,
        "flagged": run.flagged,
        "cleared": run.cleared,
    }
