"""Background jobs of paperless meetings (django-tasks). Thin: ids in, a service called.

``written_vote_close`` is deferred to a vote's written-ballot deadline when the ballots are
sent (on a backend that can wait: the database worker); ``meetings_written_close_run`` is the
daily catch-up (cron: ``egov meetings_written_close``, or ``--enqueue``). Both are idempotent."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def written_vote_close(vote_pk: int) -> bool:
    """Close the vote at its written ballots' deadline; False when there was nothing to do."""
    from egov.meetings.services.written import written_vote_close_due

    return written_vote_close_due(vote_pk=vote_pk) is not None


@task()
def meetings_written_close_run(day: str | None = None) -> dict[str, int]:
    """Close the votes whose written ballots' deadline passed by the end of ``day`` (ISO;
    default today), never before their deadline (the cut-off is at most now)."""
    from django.utils import timezone

    from egov.meetings.services.written import written_votes_close_due
    from egov.workdays.rules import VN_TZ

    now = timezone.now()
    if day:
        end = datetime.datetime.combine(
            datetime.date.fromisoformat(day) + datetime.timedelta(days=1),
            datetime.time(0, 0),
            tzinfo=VN_TZ,
        )
        now = min(now, end)
    return {"closed": written_votes_close_due(now=now)}
