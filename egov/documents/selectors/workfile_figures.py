"""The "work files handled online" figure per unit and period (the plans: ≥ 80 % of the work
files of departments and districts, ≥ 30 % at commune level; 90 % / 60 % from 2025).

Cohorts: files opened in the period (``opened_on``) and files closed in it (``closed_on``);
"handled online" is fixed when the file is closed (``rules_workfiles.file_online``, the
definition in docs/glossary.md). The share is over the files closed. Counts are grouped in the
database on the indexed (unit, day) columns. Who sees which units: as the registry figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from egov.accounts.models import User
from egov.documents.models import WorkFile
from egov.documents.rules_workfiles import online_target
from egov.documents.selectors.figures import figures_units_for
from egov.orgs.levels import level_of
from egov.orgs.models import OrgUnit


@dataclass
class WorkFileFigure:
    unit: OrgUnit | None
    opened: int = 0
    closed: int = 0
    online: int = 0
    target: int | None = None

    @property
    def not_online(self) -> int:
        return self.closed - self.online

    @property
    def online_share(self) -> Decimal | None:
        if not self.closed:
            return None
        share = Decimal(100 * self.online) / Decimal(self.closed)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def below_target(self) -> bool:
        share = self.online_share
        return share is not None and self.target is not None and share < self.target


def work_file_figures(
    *, user: User, first: datetime.date, last: datetime.date, unit: OrgUnit | None = None
) -> tuple[list[WorkFileFigure], WorkFileFigure]:
    """Rows for the units ``user`` may see (``unit`` and below, if given) with files opened
    or closed in the period, in tree order, and the totals row."""
    units = figures_units_for(user)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    rows: dict[int, WorkFileFigure] = {}
    opened = (
        WorkFile.objects.filter(unit__in=units, opened_on__range=(first, last))
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    for row in opened:
        rows.setdefault(row["unit_id"], WorkFileFigure(unit=None)).opened = row["n"]
    closed = (
        WorkFile.objects.filter(unit__in=units, closed_on__range=(first, last))
        .values("unit_id")
        .annotate(n=Count("pk"), online=Count("pk", filter=Q(handled_online=True)))
    )
    for row in closed:
        figure = rows.setdefault(row["unit_id"], WorkFileFigure(unit=None))
        figure.closed, figure.online = row["n"], row["online"]
    total = WorkFileFigure(unit=None)
    result = []
    for found in units.filter(pk__in=list(rows)).order_by("path"):
        figure = rows[found.pk]
        figure.unit = found
        figure.target = online_target(level_of(found), last.year)
        total.opened += figure.opened
        total.closed += figure.closed
        total.online += figure.online
        result.append(figure)
    return result, total
