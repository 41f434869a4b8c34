"""Background jobs of the document registry (django-tasks). Thin: parse the arguments, call a
service.

Run the archiving notices once a day (cron: ``egov archive_notices``, or ``--enqueue`` to hand
the run to the workers); the run is idempotent.
"""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def archive_notices_run(day: str | None = None) -> dict[str, int]:
    """The daily archiving notice run for ``day`` (ISO date; default today)."""
    from egov.documents.services.archive_notices import archive_notices_send

    run = archive_notices_send(today=datetime.date.fromisoformat(day) if day else None)
    return {"files": run.files, "emails": run.emails}
