"""The "tasks assigned" section on a directive's document page (registered with
``egov.documents.panels`` when the app is ready)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.directives.choices import TaskState
from egov.directives.selectors import task_list_for_user
from egov.documents.models import Document
from egov.documents.panels import Panel, PanelRow

SHOWN = 20


def tasks_panel(user: Any, document: Document) -> Panel | None:
    """The tasks ``document`` assigns that ``user`` may see, with their state today."""
    if not document.doc_type.assigns_tasks or document.direction != "outgoing":
        return None
    lines = task_list_for_user(user, document=document, today=timezone.localdate())
    rows = tuple(
        PanelRow(
            label=line.task.content[:120],
            url=reverse("directives:task-detail", args=[line.task.pk]),
            note=f"{line.task.lead_unit.name} · {TaskState(line.state).label}",
        )
        for line in lines[:SHOWN]
    )
    return Panel(
        title=_("Tasks assigned (%(count)d)") % {"count": len(lines)},
        rows=rows,
        more_label=_("Open the task table of this directive"),
        more_url=reverse("directives:directive-detail", args=[document.pk]),
    )
