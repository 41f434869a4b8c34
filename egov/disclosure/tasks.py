"""Background jobs of disclosure and consultation (django-tasks). Thin: parse the day, call a
service.

``disclosure_unconfirmed_expire_run`` runs daily (cron: ``egov disclosure_unconfirmed_expire``,
or with ``--enqueue`` to hand the run to the workers); the run is idempotent."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def disclosure_unconfirmed_expire_run(day: str | None = None) -> dict[str, int]:
    """Expire the comments and supports never confirmed by the end of ``day`` (ISO; default
    now; never later than now)."""
    from django.utils import timezone

    from egov.disclosure.services.expiry import unconfirmed_expire
    from egov.workdays.rules import VN_TZ

    now = timezone.now()
    if day:
        end = datetime.datetime.combine(
            datetime.date.fromisoformat(day) + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=VN_TZ,
        )
        now = min(now, end)
    run = unconfirmed_expire(now=now)
    return {"comments": run.comments, "supports": run.supports}
