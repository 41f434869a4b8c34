"""URL arguments of the dashboards' unit routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): the scoped unit itself."""

from __future__ import annotations

from collections.abc import Callable

from egov.orgs.models import OrgUnit


def _unit(unit: OrgUnit) -> dict[str, object]:
    return {"pk": unit.pk}


DASHBOARDS_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "dashboards:dashboard-unit": _unit,
    "dashboards:dashboard-xlsx": _unit,
    "dashboards:dashboard-trends": _unit,
    "dashboards:dashboard-pdf": _unit,
    "dashboards:scoreboard-unit": _unit,
    "dashboards:scoreboard-xlsx": _unit,
}
