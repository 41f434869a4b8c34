"""Background job of the figures roll-up (django-tasks). Thin: parse the days, call the service.

Enqueue it periodically (e.g. every 10 minutes from cron: ``egov figures_refresh``, or
``figures_refresh.enqueue()``); without days it refreshes yesterday and today.
"""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def figures_refresh(day_from: str | None = None, day_to: str | None = None) -> int:
    """Recompute the roll-up rows of the days from ``day_from`` to ``day_to`` (ISO dates,
    both included); idempotent. Returns the number of rows written."""
    from egov.onestop.services.figures import figures_default_range, figures_refresh_range

    default_from, default_to = figures_default_range()
    start = datetime.date.fromisoformat(day_from) if day_from else default_from
    end = datetime.date.fromisoformat(day_to) if day_to else default_to
    return figures_refresh_range(day_from=start, day_to=end)
