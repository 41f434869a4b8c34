"""The registry of figures the dashboards read (issue 23): each domain app declares the plain
numbers it can give, per org unit and period, in its own ``figures.py`` and registers them in
``AppConfig.ready()``; ``dashboards`` reads the registry and never the other way round (the
domain apps never import ``dashboards``).

A figure is **additive**: a count or a sum (of days, of scores) that adds up across units and
across days, so the dashboards can roll a unit's subtree up by the org tree's ``path`` and build
every rate as numerator / denominator figures. A figure gives the value of each unit's *own*
rows (the unit responsible for them: the competent unit of a dossier, the issuing unit of a
document, the reporting unit of a report); the roll-up to the units above is the dashboards'.

``values(first=, last=, unit_ids=)`` answers ``{unit_id: number}`` for the rows dated from
``first`` to ``last`` (both included, local days), for the given units or all units when
``unit_ids`` is None; a unit with nothing is left out (zero). It must run a constant number of
queries whatever the number of units or days (a roll-up table or one grouped query), and each
app tests it against a naive count (docs/adding-a-module.md).

Figures an app reads from one table can also share one read: ``together(codes=, first=, last=,
unit_ids=)`` answers ``{code: {unit_id: number}}`` for several of them in one query, and
:func:`figures_read` calls it once for all the codes asked for that share it (a page of fifteen
complaints figures reads the petitions' roll-up once, not fifteen times; issue 18).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

Number = int | Decimal
FigureValues = Callable[..., Mapping[int, Number]]
FiguresTogether = Callable[..., Mapping[str, Mapping[int, Number]]]


class Measure(StrEnum):
    """What one unit of the figure is."""

    COUNT = "count"  # dossiers, documents, reports, answers…
    DAYS = "days"  # a sum of (working) days, for an average with a count
    SCORE = "score"  # a sum of points, for an average with a count
    MINUTES = "minutes"  # a sum of durations


@dataclass(frozen=True)
class Figure:
    """One figure an app can give. ``code`` is ``"<app>.<name>"`` and stable (indicators refer
    to it); ``label`` and ``description`` (how it is counted) are translated, lazily.
    ``together``, when given, reads this figure with others of the same source in one query
    (:func:`figures_read`); ``values`` still reads it alone."""

    code: str
    label: object
    description: object
    measure: Measure
    values: FigureValues
    together: FiguresTogether | None = None

    def read(
        self,
        *,
        first: datetime.date,
        last: datetime.date,
        unit_ids: Collection[int] | None = None,
    ) -> dict[int, Number]:
        return dict(self.values(first=first, last=last, unit_ids=unit_ids))


_registry: dict[str, Figure] = {}


def figures_register(*figures: Figure) -> None:
    """Declare figures (from ``AppConfig.ready()``). Registering the same code twice with a
    different function is a configuration error; the same figure again is a no-op."""
    for figure in figures:
        app, _, name = figure.code.partition(".")
        if not app or not name:
            raise ImproperlyConfigured(f"figure code {figure.code!r} is not '<app>.<name>'")
        known = _registry.get(figure.code)
        if known is not None and known.values is not figure.values:
            raise ImproperlyConfigured(f"figure {figure.code!r} registered twice")
        _registry[figure.code] = figure


def figures_registered() -> dict[str, Figure]:
    """Every declared figure by code."""
    return dict(_registry)


def figure_get(code: str) -> Figure | None:
    """The figure of ``code``, or None when no installed app gives it yet (the dashboards show
    "no data source yet", never zero)."""
    return _registry.get(code)


def figures_read(
    codes: Iterable[str],
    *,
    first: datetime.date,
    last: datetime.date,
    unit_ids: Collection[int] | None = None,
) -> dict[str, dict[int, Number] | None]:
    """The values of each figure of ``codes`` (None: no data source yet), the figures sharing a
    ``together`` read in one call of it: a constant number of queries per source, whatever the
    number of figures asked for."""
    values: dict[str, dict[int, Number] | None] = {}
    shared: dict[FiguresTogether, list[str]] = {}
    for code in dict.fromkeys(codes):
        figure = _registry.get(code)
        if figure is None:
            values[code] = None
        elif figure.together is None:
            values[code] = figure.read(first=first, last=last, unit_ids=unit_ids)
        else:
            shared.setdefault(figure.together, []).append(code)
    for together, group in shared.items():
        read = together(codes=group, first=first, last=last, unit_ids=unit_ids)
        values.update({code: dict(read.get(code, {})) for code in group})
    return values


def sums_by_unit(
    rows: Any, sums: Mapping[str, Any], unit_ids: Collection[int] | None
) -> dict[str, dict[int, Number]]:
    """Several figures from one roll-up in one grouped query: ``rows`` (a queryset of rows
    with a ``unit`` already narrowed to the period), ``sums`` an aggregate per figure code;
    each code's non-zero values by unit. The ``together`` read of a roll-up's figures."""
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    names = {code: f"n{index}" for index, code in enumerate(sums)}
    aggregates = {names[code]: aggregate for code, aggregate in sums.items()}
    values: dict[str, dict[int, Number]] = {code: {} for code in sums}
    for row in rows.values("unit_id").annotate(**aggregates).order_by():
        for code, name in names.items():
            if row[name]:
                values[code][row["unit_id"]] = row[name]
    return values


def day_bounds(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The moments ``[start, end)`` of the local days ``first`` to ``last`` (both included), in
    the project's time zone (Asia/Ho_Chi_Minh): filter a datetime column with ``__gte=start``
    and ``__lt=end`` so an index on it serves the range."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def unit_filter(field: str, unit_ids: Collection[int] | None) -> dict[str, object]:
    """The filter keeping rows of ``unit_ids`` on ``field`` (nothing when None: all units)."""
    return {} if unit_ids is None else {f"{field}__in": list(unit_ids)}
