"""Background jobs of periodic reporting (django-tasks). Thin: parse the day, call a service.

Run daily (cron: ``egov reporting_open_periods`` then ``egov reporting_reminders``, or with
``--enqueue`` to hand the runs to the workers); both runs are idempotent."""

from __future__ import annotations

import datetime

from django_tasks import task


def _day(day: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(day) if day else None


@task()
def reporting_periods_open_run(day: str | None = None) -> dict[str, int]:
    """Open the current period of every active regime for ``day`` (ISO; default today)."""
    from django.utils import timezone

    from egov.reporting.services import periods_open_due

    return {"created": periods_open_due(_day(day) or timezone.localdate())}


@task()
def reporting_reminders_run(day: str | None = None) -> dict[str, int]:
    """Remind the reporting units of reports due soon and overdue for ``day``."""
    from egov.reporting.reminders import reporting_reminders_send

    run = reporting_reminders_send(today=_day(day))
    return {"before": run.before, "overdue": run.overdue}
