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


@task()
def task_import_read(job_id: int) -> str:
    """Read an uploaded task table (a job of ``egov.jobs``); returns the job's final state."""
    from egov.directives.services.jobs import task_import_read_work
    from egov.jobs.services import job_run

    return job_run(job_id, task_import_read_work)


@task()
def scoreboard_export_build(job_id: int) -> str:
    """Build the scoreboard workbook (a job of ``egov.jobs``); returns the job's final state."""
    from egov.directives.services.jobs import scoreboard_export_work
    from egov.jobs.services import job_run

    return job_run(job_id, scoreboard_export_work)
