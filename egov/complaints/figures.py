"""Figures of complaints and citizen reception for the dashboards (egov.common.figures): each
unit's own rows (the receiving unit), read from the roll-up (``PetitionFigure``: whole years,
months and single days covering the period), one grouped query whatever the period, and one
for all of them when read together (``egov.common.figures.figures_read``). The crowded cases
still open are counted on their own small table."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, day_bounds, sums_by_unit
from egov.complaints.choices import PetitionKind
from egov.complaints.models import CrowdedCase, PetitionFigure
from egov.complaints.services_rollup import rollup_cells

# Each roll-up figure: what it sums and on which rows (channel, kind), by code.
_SUMS: dict[str, tuple[object, dict[str, object]]] = {}


def rolled_together(
    *,
    codes: Collection[str],
    first: datetime.date,
    last: datetime.date,
    unit_ids: Collection[int] | None = None,
) -> dict[str, dict[int, int]]:
    """The roll-up figures of ``codes`` per unit in one grouped query: the rows covering the
    period read once, each figure a sum over the rows of its channel or kind (``FILTER``).
    At 500,000 petitions, five years are some 70,000 rows: fourteen reads of them took about
    0.5 s, one about 50 ms (issue 18)."""
    sums = {}
    for code in codes:
        total, where = _SUMS[code]
        sums[code] = Sum(total, filter=Q(**where) if where else None)
    rows = PetitionFigure.objects.filter(rollup_cells(first, last))
    return sums_by_unit(rows, sums, unit_ids)


def _figure(code: str, label: object, description: object, total: object, **where: object):
    _SUMS[code] = (total, where)

    def values(
        *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
    ) -> Mapping[int, int]:
        return rolled_together(codes=[code], first=first, last=last, unit_ids=unit_ids)[code]

    values.__name__ = code.rpartition(".")[2]
    return Figure(
        code=code,
        label=label,
        description=description,
        measure=Measure.COUNT,
        values=values,
        together=rolled_together,
    )


def crowded_cases_open(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> Mapping[int, int]:
    """Crowded or long-running cases on a five-step plan still open on the period's last day:
    put on the plan by then and not settled by then (a stock, counted at the period's end)."""
    _start, end = day_bounds(first, last)
    qs = CrowdedCase.objects.filter(created_at__lt=end).filter(
        Q(petition__settled_on__isnull=True) | Q(petition__settled_on__gt=last)
    )
    if unit_ids is not None:
        qs = qs.filter(petition__unit_id__in=list(unit_ids))
    rows = qs.values("petition__unit_id").annotate(n=Count("pk")).order_by()
    return {row["petition__unit_id"]: row["n"] for row in rows if row["n"]}


COMPLAINT, DENUNCIATION = PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION
FIGURES = (
    _figure(
        "complaints.petitions_received",
        _("Petitions received"),
        _("Petitions registered, by the day they were received."),
        "received",
    ),
    _figure(
        "complaints.petitions_received_online",
        _("Petitions received on the portal"),
        _("Petitions sent by citizens on the portal, by the day they were received."),
        "received",
        channel="portal",
    ),
    _figure(
        "complaints.complaints_received",
        _("Complaints received"),
        _("Petitions classified as complaints, by the day they were received."),
        "received",
        kind=COMPLAINT,
    ),
    _figure(
        "complaints.denunciations_received",
        _("Denunciations received"),
        _("Petitions classified as denunciations, by the day they were received."),
        "received",
        kind=DENUNCIATION,
    ),
    _figure(
        "complaints.cases_accepted",
        _("Cases accepted"),
        _("Complaints and denunciations accepted for settlement, by acceptance day."),
        "accepted",
    ),
    _figure(
        "complaints.cases_settled",
        _("Cases settled"),
        _("Cases settled with a decision or conclusion, by its day."),
        "settled",
    ),
    _figure(
        "complaints.cases_settled_on_time",
        _("Cases settled on time"),
        _("Cases settled no later than their settlement time limit."),
        "settled_on_time",
    ),
    _figure(
        "complaints.cases_settled_late",
        _("Cases settled late"),
        _("Cases settled after their settlement time limit."),
        F("settled") - F("settled_on_time"),
    ),
    _figure(
        "complaints.complaints_found_right",
        _("Complaints found right"),
        _("Complaints settled and found right, by the day of the decision."),
        "found_right",
        kind=COMPLAINT,
    ),
    _figure(
        "complaints.complaints_found_partly_right",
        _("Complaints found partly right"),
        _("Complaints settled and found partly right, by the day of the decision."),
        "found_partly",
        kind=COMPLAINT,
    ),
    _figure(
        "complaints.complaints_found_wrong",
        _("Complaints found wrong"),
        _("Complaints settled and found wrong, by the day of the decision."),
        "found_wrong",
        kind=COMPLAINT,
    ),
    _figure(
        "complaints.denunciations_found_true",
        _("Denunciations found true"),
        _("Denunciations concluded true, by the day of the conclusion."),
        "found_right",
        kind=DENUNCIATION,
    ),
    _figure(
        "complaints.denunciations_found_partly_true",
        _("Denunciations found partly true"),
        _("Denunciations concluded partly true, by the day of the conclusion."),
        "found_partly",
        kind=DENUNCIATION,
    ),
    _figure(
        "complaints.denunciations_found_untrue",
        _("Denunciations found untrue"),
        _("Denunciations concluded untrue, by the day of the conclusion."),
        "found_wrong",
        kind=DENUNCIATION,
    ),
    _figure(
        "complaints.receptions",
        _("Citizen visits received"),
        _("Visits recorded in the reception book, by the day of the visit."),
        "receptions",
    ),
    Figure(
        code="complaints.crowded_cases_open",
        label=_("Crowded cases still open"),
        description=_(
            "Crowded or long-running cases on a five-step plan not settled at the end of the "
            "period."
        ),
        measure=Measure.COUNT,
        values=crowded_cases_open,
    ),
)
