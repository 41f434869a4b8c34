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


@task()
def national_sending_send(sending_pk: int) -> str:
    """One try of sending an accepted report to the national reporting system (idempotent: a
    sending no longer waiting is left as it is)."""
    from egov.reporting.services_national import national_sending_try

    return national_sending_try(sending_pk=sending_pk)


@task()
def national_sendings_run(day: str | None = None) -> dict[str, int]:
    """Try every sending to the national reporting system whose next try is due (cron:
    ``egov reporting_national_send``, every few minutes; ``day`` is not used: due is now)."""
    from egov.reporting.services_national import national_sendings_try_due

    return national_sendings_try_due()
