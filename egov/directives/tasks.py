"""Background jobs of task tracking (django-tasks). Thin: parse the arguments, call a service.

Run the reminders once a day (cron: ``egov task_reminders``, or ``--enqueue`` to hand the run
to the workers); the run is idempotent.
"""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def task_reminders_run(day: str | None = None) -> dict[str, int]:
    """The daily reminder run for ``day`` (ISO date; default today). Returns its counts."""
    from egov.directives.services import task_reminders_send

    run = task_reminders_send(today=datetime.date.fromisoformat(day) if day else None)
    return {
        "reports_created": run.reports_created,
        "reminders_before": run.reminders_before,
        "reminders_overdue": run.reminders_overdue,
    }
