"""Directive tasks that serve a governance-index dimension (PAPI, PCI...): the panel the
surveys' standings page shows under each dimension (place ``surveys.index_dimensions`` of
:mod:`egov.common.panels`; ``surveys`` sits below ``directives`` and cannot import it, ADR
0021), and the directives an officer may add such a task to."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from egov.common.panels import Panel, PanelRow
from egov.directives.access import OFFICE_ROLES
from egov.directives.models import Task
from egov.directives.selectors import directive_list_for_user
from egov.directives.selectors.access import task_scope
from egov.documents.models import Document
from egov.orgs.access import reach_of
from egov.orgs.models import OrgUnit
from egov.surveys.standings import DIMENSIONS_PLACE, INDEXES

PLACE = DIMENSIONS_PLACE
SHOWN = 10


def serving_tasks(user: Any, index_code: str, dimension: str = "") -> QuerySet[Task]:
    """Tasks ``user`` may see that serve ``index_code`` (one dimension, or any)."""
    qs = task_scope(user).filter(index_code=index_code)
    if dimension:
        qs = qs.filter(index_dimension=dimension)
    return qs.select_related("lead_unit").order_by("-assigned_on", "-pk")


def directives_to_add_to(user: Any) -> QuerySet[Document]:
    """Directives assigning tasks whose assigning office ``user`` acts for (newest first)."""
    reach = reach_of(user, roles=OFFICE_ROLES)
    if reach.is_empty:
        return Document.objects.none()
    return (
        directive_list_for_user(user)
        .filter(reach.q("unit"), doc_type__assigns_tasks=True, direction="outgoing")
        .order_by("-issued_on", "-pk")
    )


def dimension_panels(user: Any, province: OrgUnit, index_code: str) -> dict[str, Panel]:
    """Per dimension of ``index_code``: the tasks serving it (those ``user`` sees) and the
    way to turn it into a task. One query for the index's tasks."""
    index = INDEXES.get(index_code)
    if index is None:
        return {}
    tasks: dict[str, list[Task]] = {}
    for task in serving_tasks(user, index_code)[:500]:
        tasks.setdefault(task.index_dimension, []).append(task)
    out = {}
    for dimension in index.dimensions:
        found = tasks.get(dimension.code, [])
        out[dimension.code] = Panel(
            title=_("Directive tasks serving it (%(count)d)") % {"count": len(found)},
            rows=tuple(
                PanelRow(
                    label=task.content[:120],
                    url=reverse("directives:task-detail", args=[task.pk]),
                    note=task.lead_unit.name,
                )
                for task in found[:SHOWN]
            ),
            more_label=_("Turn it into a task"),
            more_url=reverse("directives:dimension-serve", args=[index_code, dimension.code]),
        )
    return out
