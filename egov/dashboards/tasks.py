"""Background jobs of the dashboards (django-tasks). Thin: parse the day, call a service.

Run daily (cron: ``egov dashboards_close``, or ``--enqueue``): the month, quarter and year
that ended are closed once."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def periods_close_run(day: str | None = None) -> dict[str, int]:
    """Close the periods that ended before ``day`` (ISO; default today)."""
    from django.utils import timezone

    from egov.dashboards.services import periods_close_due

    on = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return {"closed": periods_close_due(on)}
