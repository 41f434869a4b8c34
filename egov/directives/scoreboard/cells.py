"""Counting the roll-up rows (:class:`~egov.directives.models.ScoreboardFigure`).

A day row is counted from the tallies of its unit and day; every coarser row (dekad, month,
quarter, year) is the sum of the rows of the grain below it. A change therefore recounts a few
tallies and a few dozen small rows, never a year of tallies. Used inside the locked
transaction of :mod:`egov.directives.scoreboard.services`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import reduce
from operator import or_

from django.db.models import Case, Count, IntegerField, Q, Value, When

from egov.common.periods import period_end, period_start
from egov.directives.models import ReportTally, ScoreboardFigure, TaskTally
from egov.directives.scoreboard.choices import COUNTERS, GRAINS, LATE_OUTCOMES, Grain
from egov.directives.scoreboard.rules import PAST
from egov.directives.scoreboard.tallies import BATCH, Cell, chunks

Key = tuple[int, datetime.date]  # unit id, first day of the cell
OR_CHUNK = 200


def _column(outcome: str, late: bool) -> str:
    return f"{outcome}_late" if late and outcome in LATE_OUTCOMES else outcome


def _any(conditions: Iterable[Q]) -> Q:
    return reduce(or_, conditions, Q(pk__in=[]))


def _grouped(keys: Iterable[Key]) -> dict[datetime.date, list[int]]:
    """Cells grouped by first day: a day's changes touch few days, months and years, so one
    condition per day (``unit_id IN ...``) keeps the queries short."""
    by_start: dict[datetime.date, list[int]] = {}
    for unit_id, start in keys:
        by_start.setdefault(start, []).append(unit_id)
    return by_start


def _cells_q(keys: Iterable[Key], field: str, grain: str | None = None) -> Iterator[Q]:
    """Conditions selecting ``keys`` (on ``field``; with ``grain``, every day of each cell),
    a few hundred units at a time."""
    for start, units in sorted(_grouped(keys).items()):
        for part in chunks(sorted(units), OR_CHUNK):
            if grain is None:
                yield Q(**{field: start, "unit_id__in": part})
            else:
                yield Q(
                    **{
                        f"{field}__gte": start,
                        f"{field}__lte": period_end(grain, start),
                        "unit_id__in": part,
                    }
                )


def _day_counts(where: Q | None) -> dict[Key, Counter]:
    """Task tallies by assigned day and report tallies by due day, per unit, as counters."""
    late = Case(
        When(overdue_after=PAST, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    rows: dict[Key, Counter] = {}
    for tally in (TaskTally, ReportTally):
        qs = tally.objects.all() if where is None else tally.objects.filter(where)
        groups = (
            qs.annotate(is_late=late)
            .values_list("unit_id", "day", "outcome", "is_late")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for unit_id, day, outcome, is_late, n in groups.iterator(chunk_size=BATCH):
            rows.setdefault((unit_id, day), Counter())[_column(outcome, bool(is_late))] += n
    return rows


def roll_up(rows: Mapping[Key, Counter], grain: str) -> dict[Key, Counter]:
    """The rows of ``grain`` summed from the finer rows given."""
    parents: dict[Key, Counter] = {}
    for (unit_id, start), counts in rows.items():
        parents.setdefault((unit_id, period_start(grain, start)), Counter()).update(counts)
    return parents


def _figure(grain: str, key: Key, counts: Counter) -> ScoreboardFigure:
    return ScoreboardFigure(
        grain=grain,
        unit_id=key[0],
        start=key[1],
        **{name: counts.get(name, 0) for name in COUNTERS},
    )


def _write(grain: str, keys: list[Key], rows: Mapping[Key, Counter]) -> None:
    """Replace the rows of ``keys`` by the non-empty ``rows``."""
    ScoreboardFigure.objects.filter(_any(_cells_q(keys, "start")), grain=grain).delete()
    ScoreboardFigure.objects.bulk_create(
        [_figure(grain, key, counts) for key, counts in rows.items() if +counts], batch_size=BATCH
    )


def _children(grain: str, parent_grain: str, parents: list[Key]) -> dict[Key, Counter]:
    cells = _any(_cells_q(parents, "start", parent_grain))
    rows = ScoreboardFigure.objects.filter(cells, grain=grain).values_list(
        "unit_id", "start", *COUNTERS
    )
    return {
        (unit_id, start): Counter(dict(zip(COUNTERS, values, strict=True)))
        for unit_id, start, *values in rows
    }


def cells_recount(cells: set[Cell]) -> int:
    """Recount the day rows of these (unit, day) cells from the tallies, then every coarser
    row containing them from the rows below it; returns how many rows were recounted."""
    keys = sorted(cells)
    day_rows = _day_counts(_any(_cells_q(keys, "day")))
    _write(Grain.DAY, keys, day_rows)
    recounted, finer, finer_keys = len(keys), Grain.DAY, keys
    for grain in GRAINS[1:]:
        parents = sorted({(unit_id, period_start(grain, start)) for unit_id, start in finer_keys})
        rows = roll_up(_children(finer, grain, parents), grain)
        _write(grain, parents, rows)
        recounted += len(parents)
        finer, finer_keys = grain, parents
    return recounted


def cells_rebuild() -> int:
    """Every roll-up row counted again from all tallies; returns how many were written."""
    ScoreboardFigure.objects.all().delete()
    rows = _day_counts(None)
    written = 0
    for grain in GRAINS:
        if grain != Grain.DAY:
            rows = roll_up(rows, grain)
        figures = [_figure(grain, key, counts) for key, counts in rows.items() if +counts]
        ScoreboardFigure.objects.bulk_create(figures, batch_size=BATCH)
        written += len(figures)
    return written
