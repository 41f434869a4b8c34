"""URL arguments of the dashboards' unit routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): the scoped unit itself; for an import of
indicator definitions, an upload with nothing in it (the library is city-wide, so the scoped
unit plays no part in who may open it: the city office)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from egov.accounts.services import officer_account_create
from egov.dashboards.models import DefinitionImport, IndicatorSet
from egov.orgs.models import OrgUnit


def _unit(unit: OrgUnit) -> dict[str, object]:
    return {"pk": unit.pk}


def _definition_import(unit: OrgUnit) -> dict[str, object]:
    indicator_set, _ = IndicatorSet.objects.get_or_create(
        code="matrix", defaults={"name": "Bộ chỉ số", "valid_from": datetime.date(2019, 1, 1)}
    )
    uploader = officer_account_create(
        actor=None, full_name="Cán bộ", email=f"import.{unit.pk}@example.vn", password=None
    )
    staged = DefinitionImport.objects.create(
        indicator_set=indicator_set, filename="chi-so.xlsx", sha256="0" * 64, uploaded_by=uploader
    )
    return {"pk": staged.pk}


DASHBOARDS_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "dashboards:dashboard-unit": _unit,
    "dashboards:dashboard-xlsx": _unit,
    "dashboards:dashboard-trends": _unit,
    "dashboards:dashboard-pdf": _unit,
    "dashboards:scoreboard-unit": _unit,
    "dashboards:scoreboard-xlsx": _unit,
    "dashboards:definition-import": _definition_import,
    "dashboards:definition-import-apply": _definition_import,
}
