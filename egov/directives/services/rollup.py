"""Progress of a split task rolls up from its sub-tasks: the mean of their percentages, the
sum of their actual figures (when they count in the task's unit), and done on the day the last
of them was done."""

from __future__ import annotations

from decimal import Decimal

from egov.directives.models import Task


def _roll_one(parent: Task) -> bool:
    subtasks = list(
        Task.objects.filter(parent=parent).values_list(
            "percent_done", "actual_value", "target_unit", "done_on"
        )
    )
    if not subtasks:
        return False
    percent = sum(row[0] for row in subtasks) // len(subtasks)
    figures = [row[1] for row in subtasks if row[1] is not None and row[2] == parent.target_unit]
    actual = sum(figures, Decimal(0)) if figures else parent.actual_value
    done_days = [row[3] for row in subtasks]
    done_on = parent.done_on
    if done_on is None and all(done_days):
        done_on = max(done_days)
    if (percent, actual, done_on) == (parent.percent_done, parent.actual_value, parent.done_on):
        return False
    parent.percent_done, parent.actual_value, parent.done_on = percent, actual, done_on
    parent.version += 1
    parent.save(update_fields=["percent_done", "actual_value", "done_on", "version"])
    return True


def progress_roll_up(task: Task) -> list[int]:
    """Recompute the ancestors of ``task`` (inside the caller's transaction, rows locked);
    the ids of the tasks that changed."""
    changed: list[int] = []
    parent_id = task.parent_id
    while parent_id is not None:
        parent = Task.objects.select_for_update().get(pk=parent_id)
        if _roll_one(parent):
            changed.append(parent.pk)
        parent_id = parent.parent_id
    return changed
