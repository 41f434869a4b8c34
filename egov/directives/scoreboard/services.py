"""Keeping the scoreboard roll-up up to date.

- ``scoreboard_refresh_tasks(task_ids)`` is called after commit by every task service that
  changes something the scoreboard counts (a task's lead unit, document, assigned day, deadline
  in force, completion or progress; a report's due day, sending, return or acceptance). It
  recomputes the tallies of those tasks and of their reports from the task tables, then
  recounts only the roll-up rows whose tallies changed (the day rows, then the dekad, month,
  quarter and year rows above them), in one transaction.
- ``scoreboard_settle()`` is the daily refresh (``egov scoreboard_settle``): deadlines passed
  since the last run are stored as one past day, which keeps the roll-up small; no number
  changes.
- ``scoreboard_rebuild()`` recomputes everything (``egov scoreboard_rebuild``), e.g. after a
  change of the working-day calendar.

Rows are derived data, not a change of any record's state: refreshing is not audited. Every
entry point locks :class:`~egov.directives.models.ScoreboardState` first, so refreshes run one
after the other and each recount sees the tallies of the refreshes before it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone

from egov.common.progress import ProgressCallback, progress_none
from egov.directives.models import ReportTally, ScoreboardState, Task, TaskTally
from egov.directives.scoreboard.cells import cells_rebuild, cells_recount
from egov.directives.scoreboard.rules import PAST
from egov.directives.scoreboard.tallies import (
    BATCH,
    Cell,
    chunks,
    tallies_compute,
    tallies_replace,
)
from egov.workdays.selectors import work_calendar_get

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh changed: tallies written or moved, roll-up rows recounted."""

    tallies: int
    cells: int


def _state_lock() -> ScoreboardState:
    ScoreboardState.objects.get_or_create(pk=1)
    return ScoreboardState.objects.select_for_update().get(pk=1)


def scoreboard_refresh_tasks(task_ids: Iterable[int | Task]) -> RefreshResult:
    """Recompute the tallies of these tasks and of their reports (a task or report deleted
    since loses its tally) and recount the roll-up rows they touch. Idempotent; one
    transaction. Accepts ids or ``Task`` objects."""
    ids = sorted({getattr(task, "pk", task) for task in task_ids})
    if not ids:
        return RefreshResult(0, 0)
    with transaction.atomic():
        state = _state_lock()
        calendar = work_calendar_get()
        changed: set[Cell] = set()
        written = 0
        for part in chunks(ids):
            tasks_new, reports_new = tallies_compute(calendar, part, state.settled_on)
            tasks_old = TaskTally.objects.in_bulk(part)
            reports_old = {row.pk: row for row in ReportTally.objects.filter(task_id__in=part)}
            for model, old, new in (
                (TaskTally, tasks_old, tasks_new),
                (ReportTally, reports_old, reports_new),
            ):
                count, cells = tallies_replace(model, old, new)
                written += count
                changed |= cells
        recounted = cells_recount(changed) if changed else 0
        state.refreshed_at = timezone.now()
        # The version of a rebuild, or of the first refresh; a later calendar change is
        # noticed by comparing it with the current version (see the selectors).
        state.calendar_version = state.calendar_version or calendar.version
        state.save(update_fields=["refreshed_at", "calendar_version"])
    logger.info("directives.scoreboard_refreshed", extra={"tasks": len(ids), "rows": recounted})
    return RefreshResult(written, recounted)


def scoreboard_refresh_tasks_on_commit(task_ids: Iterable[int | Task]) -> None:
    """Refresh these tasks once the current transaction commits (call it from inside a task
    service's transaction); outside a transaction, right away."""
    ids = [getattr(task, "pk", task) for task in task_ids]
    transaction.on_commit(partial(scoreboard_refresh_tasks, ids))


def scoreboard_settle(
    *, day: datetime.date | None = None, progress: ProgressCallback | None = None
) -> RefreshResult:
    """The daily refresh: store every overdue-after day that has passed by ``day`` (default:
    today; never later) as one past day, and recount the roll-up rows of the tallies moved.
    The states on ``day`` and after do not change (see ``rules.settle``). Idempotent.
    ``progress`` (``egov.common.progress``) hears its three steps."""
    progress = progress or progress_none
    today = timezone.localdate()
    day = min(day or today, today)
    with transaction.atomic():
        state = _state_lock()
        if state.settled_on is not None and state.settled_on >= day:
            return RefreshResult(0, 0)
        moved = 0
        touched: set[Cell] = set()
        progress("steps", 0, 3)
        for step, tally in enumerate((TaskTally, ReportTally), start=1):
            passed = tally.objects.filter(overdue_after__gt=PAST, overdue_after__lt=day)
            touched |= set(passed.values_list("unit_id", "day").distinct())
            moved += passed.update(overdue_after=PAST)
            progress("steps", step, 3)
        recounted = cells_recount(touched) if touched else 0
        progress("steps", 3, 3)
        state.settled_on = day
        state.refreshed_at = timezone.now()
        state.save(update_fields=["settled_on", "refreshed_at"])
    logger.info("directives.scoreboard_settled", extra={"day": day.isoformat(), "moved": moved})
    return RefreshResult(moved, recounted)


def scoreboard_rebuild(*, progress: ProgressCallback | None = None) -> RefreshResult:
    """Recompute every tally and every roll-up row from the task tables with the current
    working-day calendar, settled to today, in one transaction. ``progress``
    (``egov.common.progress``) hears the tasks counted, then the roll-up."""
    progress = progress or progress_none
    with transaction.atomic():
        state = _state_lock()
        calendar = work_calendar_get()
        settled_on = timezone.localdate()
        TaskTally.objects.all().delete()
        ReportTally.objects.all().delete()
        task_ids = list(Task.objects.order_by("pk").values_list("pk", flat=True))
        done = 0
        progress("tasks", done, len(task_ids))
        for part in chunks(task_ids):
            tasks, reports = tallies_compute(calendar, part, settled_on)
            TaskTally.objects.bulk_create(tasks.values(), batch_size=BATCH)
            ReportTally.objects.bulk_create(reports.values(), batch_size=BATCH)
            done += len(part)
            progress("tasks", done, len(task_ids))
        tallies = TaskTally.objects.count() + ReportTally.objects.count()
        progress("roll-up", 0, 1)
        written = cells_rebuild()
        progress("roll-up", 1, 1)
        now = timezone.now()
        state.refreshed_at = state.rebuilt_at = now
        state.calendar_version = calendar.version
        state.settled_on = settled_on
        state.save(update_fields=["refreshed_at", "rebuilt_at", "calendar_version", "settled_on"])
    logger.info("directives.scoreboard_rebuilt", extra={"tallies": tallies, "rows": written})
    return RefreshResult(tallies, written)
