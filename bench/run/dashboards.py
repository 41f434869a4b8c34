"""Indicators and dashboards in a run (issue 23): the request files of the HTTP scenarios and
an in-process measure.

- ``dashboard_city``: the city leader's dashboard (``/workspace/dashboards/``) as the city
  head, for months, quarters and years ending at days spread over the last five years (the
  page reads a month, a quarter or a year: its ``kind`` and a day ``on`` in it); target
  p95 ≤ 200 ms;
- ``dashboard_766``: the Decision 766 table of the city and every unit right below it
  (``/workspace/dashboards/766/``) for each quarter of the last five years, as the city head;
  ``dashboard_766_public``: the same table on the portal (``/dashboards/766/``, its rendered
  board cached a few minutes); target p95 ≤ 300 ms;
- in process: closing a month's snapshot (``snapshot_close``: every active unit × every
  indicator frozen) timed, inside a transaction rolled back so the data stays as generated
  and the run can be repeated; target ≤ 60 s.
"""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone

from bench.run.prepare import _write, city_head, session_for
from bench.run.report import Target
from egov.common.periods import Period, period_of
from egov.dashboards.choices import PeriodChoice
from egov.dashboards.models import Snapshot, SnapshotValue
from egov.dashboards.selectors import indicator_set_in_force
from egov.dashboards.services import snapshot_close

CITY_PATH = "/workspace/dashboards/"
TABLE_PATH = "/workspace/dashboards/766/"
PUBLIC_TABLE_PATH = "/dashboards/766/"
YEARS = 5


def dashboard_periods(until: datetime.date) -> list[tuple[str, datetime.date]]:
    """The month, the quarter and the year holding ``until`` and the same day of each of the
    four years before, as the page's ``kind`` and ``on``."""
    return [
        (kind, until.replace(year=until.year - back))
        for back in range(YEARS)
        for kind in PeriodChoice.values
    ]


def quarters(until: datetime.date) -> list[datetime.date]:
    """The first day of each quarter of the last five years, the one holding ``until`` last."""
    first = period_of(PeriodChoice.QUARTER, until)
    days = []
    for _ in range(4 * YEARS):
        days.append(first.first)
        first = first.previous()
    return days[::-1]


def dashboard_files(directory: Path, until: datetime.date) -> dict[str, Path]:
    head = session_for(city_head())
    city = [
        f"GET\t{CITY_PATH}?{urlencode({'kind': kind, 'on': on.isoformat()})}\t{head.headers()}\t"
        for kind, on in dashboard_periods(until)
    ]
    query = [
        urlencode({"kind": PeriodChoice.QUARTER, "on": on.isoformat()}) for on in quarters(until)
    ]
    return {
        "dashboard_city": _write(directory / "dashboard_city.txt", city),
        "dashboard_766": _write(
            directory / "dashboard_766.txt",
            [f"GET\t{TABLE_PATH}?{q}\t{head.headers()}\t" for q in query],
        ),
        "dashboard_766_public": _write(
            directory / "dashboard_766_public.txt",
            [f"GET\t{PUBLIC_TABLE_PATH}?{q}\t\t" for q in query],
        ),
    }


def month_to_close(until: datetime.date) -> Period | None:
    """The last month ended by ``until`` that nobody has closed (within the five years)."""
    month = period_of(PeriodChoice.MONTH, until).previous()
    for _ in range(12 * YEARS):
        if not Snapshot.objects.filter(kind=month.kind, first=month.first).exists():
            return month
        month = month.previous()
    return None


def snapshot_close_measure(until: datetime.date) -> dict:
    """Close the last month not yet closed as the daily run does (``actor`` None), count the
    values frozen, then roll back: the data stays as generated. Without an indicator set
    (data generated before the generator installed it) nothing is measured."""
    month = month_to_close(until)
    if month is None or indicator_set_in_force(month.last) is None:
        return {}
    with transaction.atomic():
        started = time.perf_counter()
        snapshot = snapshot_close(actor=None, period=month, today=timezone.localdate())
        seconds = time.perf_counter() - started
        values = SnapshotValue.objects.filter(snapshot=snapshot)
        rows = values.count()
        units = values.values("unit_id").distinct().count()
        transaction.set_rollback(True)
    return {
        "month": month.first.isoformat(),
        "seconds": seconds,
        "rows": rows,
        "units": units,
        "indicators": rows // units if units else 0,
    }


def dashboards_targets(data: dict) -> list[Target]:
    measured = data.get("snapshot_close")
    if not measured:
        return []
    return [
        Target(
            "Closing a month's snapshot (every unit × indicator; rolled back)",
            "≤ 60 s",
            f"{measured['seconds']:.1f} s ({measured['rows']:,} values frozen)",
            f"{measured['units']:,} units × {measured['indicators']} indicators, "
            f"month of {measured['month']}",
            measured["seconds"] <= 60,
        )
    ]
