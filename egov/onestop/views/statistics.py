"""The public statistics page (like the national portal's "Thống kê" page): per unit, the
dossiers received, settled on time, the online share and the ratings, for a year, from the
figures roll-up. Counts only: no dossier and no person is shown."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from egov.common.replica import replica_reads
from egov.onestop.selectors.figures import (
    FigureRow,
    figures_public,
    figures_refreshed_at,
    procedures_online_offer,
)
from egov.orgs.models import OrgUnit

FIRST_YEAR = 2018  # Decree 61/2018/NĐ-CP: the one-stop mechanism as counted today


def _year(raw: str | None, today: datetime.date) -> int:
    """The year asked for (``?year=``), this year by default; other input is a 404."""
    if not raw:
        return today.year
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= today.year:
        raise Http404
    return int(raw)


def on_time_share(row: FigureRow) -> Decimal | None:
    """Dossiers settled early or on time among those settled, in percent (one decimal)."""
    if not row.finished:
        return None
    share = Decimal(100) * (row.finished_early + row.finished_on_time) / row.finished
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@require_GET
@replica_reads
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Figures of the top unit (or ``?unit=``) and of the units right below it, for a year."""
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today)
    unit = None
    if (raw := request.GET.get("unit")) is not None:
        if not raw.isdigit() or len(raw) > 10:
            raise Http404
        unit = get_object_or_404(OrgUnit.objects.active(), pk=int(raw))
    first = datetime.date(year, 1, 1)
    last = min(datetime.date(year, 12, 31), today)
    rows = figures_public(unit=unit, period_from=first, period_to=last)
    context = {
        "year": year,
        "years": list(range(today.year, FIRST_YEAR - 1, -1)),
        "unit": rows[0].unit,
        "parent": rows[0].unit.parent,
        "rows": [(row, on_time_share(row)) for row in rows if row.kind != "own"],
        "offer": procedures_online_offer(),
        "period_from": first,
        "period_to": last,
        "refreshed_at": figures_refreshed_at(),
    }
    return render(request, "onestop/statistics.html", context)
