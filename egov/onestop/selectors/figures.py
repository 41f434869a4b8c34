"""The figures the city watches, per unit and level, for any period (the figures page and its
xlsx export), read from the daily roll-up so the page never scans every dossier.

Who sees what: an officer holding a leading role (head of unit or of division) sees their unit
and, when the role covers the units below it, its whole subtree; the city office (head over the
city's subtree) sees every unit. Each unit shown is rolled up over its subtree (materialised
path): city → districts and departments → communes.

Period figures (received, finished, refused, returned, ratings) are sums of
:class:`~egov.onestop.models.DossierDayFigure` rows: the whole years, whole months and single
days that cover the period, a partial month read as the month minus its other days when those
are fewer (:func:`egov.common.periods.period_cover_signed`), a few rows per unit for any
period. The carried-over count starts from the month-start count of open dossiers
(:class:`~egov.onestop.models.DossierMonthOpen`) and adds the days up to the period's first.
Point-in-time figures (in progress on time,
overdue, waiting for completion) are counted *now* from the open dossiers, filtered on the
indexed ``status`` (``OPEN_STATUSES``): open dossiers are the small working set of the desks,
not the city's history, so an indexed count is exact and current at every page load, whereas a
snapshot table would go stale between refreshes and would have to be written by every service
that changes a dossier's status.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from egov.common.periods import month_start, period_cover_signed
from egov.onestop.choices import (
    OPEN_STATUSES,
    Channel,
    DossierStatus,
    FigureGrain,
    OnlineLevel,
)
from egov.onestop.models import (
    Dossier,
    DossierDayFigure,
    DossierMonthOpen,
    FigureDayRefresh,
    Procedure,
)
from egov.onestop.selectors.online_offer import online_levels_offered
from egov.orgs.access import Reach, reach_of
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit

# The start of "everything before a period" (carried-over counts); no data is older.
EPOCH = datetime.date(1900, 1, 1)
COVER_GRAINS = (FigureGrain.YEAR, FigureGrain.MONTH, FigureGrain.DAY)
FIGURE_ROLES = (Role.UNIT_HEAD, Role.DIVISION_HEAD)
OFFER_FIELDS = (
    "code",
    "is_active",
    "effective_from",
    "effective_to",
    "channels",
    "working_days",
    "online_level",
)
PERIOD_COUNTERS = (
    "received",
    "received_online",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "refused",
    "returned",
    "rating_count",
    "rating_sum",
)


def _share(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as a percentage with one decimal, or None without a base."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FigureRow:
    """The figures of one unit shown on the page. ``kind`` is ``total`` (the unit chosen, with
    everything below it), ``own`` (its own dossiers only) or ``child`` (a unit right below it,
    with its subtree); the ``own`` and ``child`` rows add up to the ``total`` row."""

    unit: OrgUnit
    kind: str
    received: int = 0
    received_online: int = 0
    carried_over: int = 0
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    refused: int = 0
    returned: int = 0
    in_progress_on_time: int = 0
    in_progress_overdue: int = 0
    waiting_completion: int = 0
    rating_count: int = 0
    rating_sum: int = 0

    @property
    def received_other(self) -> int:
        """Received at the desk or by post."""
        return self.received - self.received_online

    @property
    def finished(self) -> int:
        return self.finished_early + self.finished_on_time + self.finished_late

    @property
    def online_share(self) -> Decimal | None:
        """Share of the dossiers received that were submitted online, in percent."""
        return _share(self.received_online, self.received)

    @property
    def average_rating(self) -> Decimal | None:
        """Average satisfaction score (1–5), one decimal (TT 01/2018 art. 15 rounding)."""
        if not self.rating_count:
            return None
        return (Decimal(self.rating_sum) / self.rating_count).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True)
class _Target:
    unit: OrgUnit
    kind: str
    path: str
    exact: bool

    def matches(self, path: str) -> bool:
        return path == self.path if self.exact else path.startswith(self.path)


def figures_reach(user: object) -> Reach:
    """The units whose figures ``user`` may see: those of their leading roles."""
    return reach_of(user, roles=FIGURE_ROLES)


def figures_units_for(user: object) -> QuerySet[OrgUnit]:
    """The units ``user`` may choose on the figures page, in tree order."""
    reach = figures_reach(user)
    if reach.is_empty:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(reach.q("self")).order_by("path")


def _top_unit(reach: Reach, unit: OrgUnit | None) -> OrgUnit:
    if unit is not None:
        if not reach.covers(unit):
            raise Http404
        return unit
    top = (
        OrgUnit.objects.filter(Q(pk__in=reach.unit_ids) | Q(path__in=reach.subtree_paths))
        .order_by("depth", "path")
        .first()
    )
    if top is None:
        raise Http404
    return top


def _targets(reach: Reach, top: OrgUnit) -> list[_Target]:
    """The rows to show: the unit, then (when the reach covers its subtree) its own dossiers
    and one row per unit right below it."""
    if not any(top.path.startswith(path) for path in reach.subtree_paths):
        return [_Target(top, "total", top.path, exact=True)]
    children = OrgUnit.objects.filter(parent=top).order_by("name", "pk")
    return [
        _Target(top, "total", top.path, exact=False),
        _Target(top, "own", top.path, exact=True),
        *(_Target(child, "child", child.path, exact=False) for child in children),
    ]


def _cover(first: datetime.date, last: datetime.date) -> tuple[Q, Q]:
    """The roll-up rows (years, months, days) that add up to the days ``first``..``last``, and
    among them those to subtract (a month minus its days outside the period:
    :func:`~egov.common.periods.period_cover_signed`)."""
    added, subtracted = Q(pk__in=[]), Q(pk__in=[])
    for grain, start, end, sign in period_cover_signed(first, last, COVER_GRAINS):
        part = Q(grain=grain, day__gte=start, day__lte=end)
        if sign > 0:
            added |= part
        else:
            subtracted |= part
    return added | subtracted, subtracted


def _signed(value: F | object, subtracted: Q) -> Case:
    return Case(When(subtracted, then=-value), default=value, output_field=IntegerField())


def _units(top: _Target) -> QuerySet:
    """Every unit the figures add up (the chosen unit, or its whole subtree). The figure
    queries filter on it as a subquery: a list of the ~870 ids of the city would be turned
    into 870 parameters by each of them (a third of the selector's time)."""
    scope = Q(path=top.path) if top.exact else Q(path__startswith=top.path)
    return OrgUnit.objects.filter(scope)


def _rollup_rows(unit_ids: QuerySet, cover: Q, level: str | None) -> QuerySet:
    rows = DossierDayFigure.objects.filter(cover, unit_id__in=unit_ids)
    return rows.filter(procedure_level=level) if level else rows


def _period_sums(
    unit_ids: QuerySet, period_from: datetime.date, period_to: datetime.date, level: str | None
) -> QuerySet:
    """The period's sums per unit id. Grouped on the roll-up's own ``unit_id`` (no join):
    PostgreSQL reads the covering rows once with the (grain, day) index and hashes them,
    instead of probing the roll-up once per unit of the tree. The cover is the query's
    condition, evaluated once per row, not a ``FILTER`` repeated in every sum; the rows to
    subtract (a partial month read as the month minus its other days) are summed negated."""
    cover, subtracted = _cover(period_from, period_to)
    rows = _rollup_rows(unit_ids, cover, level)
    # Annotations are prefixed: a name equal to a column would shadow it in later Sums.
    sums = {
        f"sum_{name}": Sum(_signed(F(name), subtracted))
        for name in PERIOD_COUNTERS
        if name != "received_online"
    }
    online = Sum(_signed(F("received"), subtracted), filter=Q(channel=Channel.ONLINE))
    return rows.values("unit_id").annotate(**sums, sum_received_online=online).order_by()


def _carried_over(unit_ids: QuerySet, period_from: datetime.date, level: str | None) -> QuerySet:
    """Per unit id (one or two rows each), the dossiers received before the period and not left
    processing before it: the count of open dossiers at the latest month start on or before the
    period's month that has one (:class:`~egov.onestop.models.DossierMonthOpen`), plus what was
    received minus what left processing from that month start to the period's first day (the
    month rows in between, then the days of the partial month or the month minus the rest of
    it), in one query (``UNION ALL``)."""
    start = month_start(period_from)
    latest = DossierMonthOpen.objects.filter(month__lte=start).order_by("-month")
    base = Coalesce(Subquery(latest.values("month")[:1]), Value(EPOCH))
    opens = DossierMonthOpen.objects.filter(month=base, unit_id__in=unit_ids)
    if level:
        opens = opens.filter(procedure_level=level)
    opens = opens.values("unit_id").annotate(carried_over=Sum("open_count")).order_by()
    days, subtracted = _cover(start, period_from - datetime.timedelta(days=1))
    months = Q(grain=FigureGrain.MONTH, day__gte=base, day__lt=start)
    moves = (
        _rollup_rows(unit_ids, months | days, level)
        .values("unit_id")
        .annotate(carried_over=Sum(_signed(F("received") - F("closed"), subtracted)))
        .order_by()
    )
    return opens.union(moves, all=True)


def _open_counts(unit_ids: QuerySet, level: str | None, now: datetime.datetime) -> QuerySet:
    """Open dossiers per (competent unit, receiving unit): a dossier counts for its competent
    unit, or for its receiving desk while none is set (as in the roll-up)."""
    waiting = Q(status=DossierStatus.SUPPLEMENT_REQUESTED)
    in_scope = Q(competent_unit_id__in=unit_ids) | Q(
        competent_unit__isnull=True, receiving_unit_id__in=unit_ids
    )
    dossiers = Dossier.objects.filter(in_scope, status__in=OPEN_STATUSES)
    if level:
        dossiers = dossiers.filter(procedure__level=level)
    return (
        dossiers.values("competent_unit_id", "receiving_unit_id")
        .annotate(
            waiting_completion=Count("pk", filter=waiting),
            in_progress_overdue=Count("pk", filter=~waiting & Q(due_at__lt=now)),
            in_progress_on_time=Count(
                "pk", filter=~waiting & (Q(due_at__isnull=True) | Q(due_at__gte=now))
            ),
        )
        .order_by()
    )


def _matching(targets: list[_Target], path: str) -> list[int]:
    """The indices of the targets a unit at ``path`` counts for, looked up through the path's
    ancestors (a few) instead of testing every target (about 50 for the city)."""
    wanted = set()
    parts = path.strip("/").split("/")
    ancestors = {"/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)}
    for index, target in enumerate(targets):
        if target.path in ancestors and target.matches(path):
            wanted.add(index)
    return sorted(wanted)


def figures_for(
    *,
    user: object,
    unit: OrgUnit | None = None,
    period_from: datetime.date,
    period_to: datetime.date,
    level: str | None = None,
    now: datetime.datetime | None = None,
) -> list[FigureRow]:
    """The figures of ``unit`` (default: the highest unit within reach) and of the units right
    below it, for the period (both days included) and procedure level. A unit out of reach is a
    404. A constant number of queries, whatever the number of dossiers or days."""
    reach = figures_reach(user)
    if reach.is_empty:
        raise Http404
    targets = _targets(reach, _top_unit(reach, unit))
    return _rows(targets, period_from, period_to, level, now)


def figures_public(
    *,
    unit: OrgUnit | None = None,
    period_from: datetime.date,
    period_to: datetime.date,
    level: str | None = None,
    now: datetime.datetime | None = None,
) -> list[FigureRow]:
    """The figures the portal publishes (like the national portal's statistics page): the
    same counts as :func:`figures_for`, for anyone, of ``unit`` (default: the top unit) and
    the units right below it. Counts only, from the roll-up: no dossier, no person."""
    top = unit or OrgUnit.objects.active().filter(parent__isnull=True).order_by("path").first()
    if top is None or not top.is_active:
        raise Http404
    reach = Reach(unit_ids=frozenset(), subtree_paths=(top.path,))
    return _rows(_targets(reach, top), period_from, period_to, level, now)


def _rows(
    targets: list[_Target],
    period_from: datetime.date,
    period_to: datetime.date,
    level: str | None,
    now: datetime.datetime | None,
) -> list[FigureRow]:
    units = _units(targets[0])
    paths = dict(units.values_list("pk", "path"))
    unit_ids = units.values("pk")
    per_unit: dict[int, Counter] = {}
    for row in _period_sums(unit_ids, period_from, period_to, level):
        sums = {name.removeprefix("sum_"): value or 0 for name, value in row.items()}
        per_unit.setdefault(sums.pop("unit_id"), Counter()).update(sums)
    for row in _carried_over(unit_ids, period_from, level):
        per_unit.setdefault(row["unit_id"], Counter())["carried_over"] += row["carried_over"] or 0
    for row in _open_counts(unit_ids, level, now or timezone.now()):
        unit_id = row.pop("competent_unit_id") or row.pop("receiving_unit_id")
        row.pop("receiving_unit_id", None)
        per_unit.setdefault(unit_id, Counter()).update(row)
    counters = [Counter() for _ in targets]
    for unit_id, values in per_unit.items():
        for index in _matching(targets, paths[unit_id]):
            counters[index].update(values)
    return [
        FigureRow(unit=target.unit, kind=target.kind, **counter)
        for target, counter in zip(targets, counters, strict=True)
    ]


@dataclass(frozen=True)
class OnlineOffer:
    """Procedures offered fully online (Decree 42/2022/NĐ-CP: end-to-end) among the current
    published procedures."""

    full: int
    total: int

    @property
    def share(self) -> Decimal | None:
        return _share(self.full, self.total)


def procedures_online_offer(
    *, level: str | None = None, on: datetime.date | None = None
) -> OnlineOffer:
    """Count the current version of each published procedure, fully online as the catalog
    offers it (``online_offer.online_level_offered``: end-to-end and really submittable)."""
    day = on or timezone.localdate()
    # Only the columns the offer reads (online_offer.online_level_offered): a procedure's
    # JSON columns (documents, fees, forms...) were most of the page's time.
    procedures = Procedure.objects.current(day).only(*OFFER_FIELDS)
    if level:
        procedures = procedures.filter(level=level)
    levels = online_levels_offered(procedures, day)
    full = sum(1 for offered in levels.values() if offered == OnlineLevel.FULL)
    return OnlineOffer(full=full, total=len(levels))


def figures_refreshed_at() -> datetime.datetime | None:
    """When the roll-up was last refreshed (any day)."""
    return FigureDayRefresh.objects.aggregate(last=Max("refreshed_at"))["last"]
