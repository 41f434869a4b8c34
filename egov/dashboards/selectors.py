"""Indicator values per unit and period: each figure read once for the unit's subtree (one
grouped query or roll-up read per figure, or per source for figures read together), rolled up
the org tree by ``path``, then made into rates, Decision 766 points, targets and bands. A page
costs a constant number of queries, whatever the number of units or rows.

Who sees what: an officer with a leading role (head of unit or of division) sees the units of
that role and, for a role over the subtree, every unit below (``orgs.access``); the city
office's head over the city sees all.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.http import Http404

from egov.common.figures import Number, figures_read
from egov.common.periods import Period
from egov.dashboards import rules
from egov.dashboards.choices import GROUP_POINTS, Direction, IndicatorKind
from egov.dashboards.models import (
    Indicator,
    IndicatorSet,
    LegendBand,
    Snapshot,
    SnapshotValue,
    Target,
)
from egov.orgs.access import Reach, acts_for_the_city, reach_of
from egov.orgs.choices import Role
from egov.orgs.levels import level_of
from egov.orgs.models import OrgUnit

LEADER_ROLES = (Role.UNIT_HEAD, Role.DIVISION_HEAD)
WORST_SHOWN = 3


@dataclass(frozen=True)
class Cell:
    """One indicator's value for one unit (its subtree) and period. ``available`` is False
    when a figure it needs has no data source yet (shown so, never as zero)."""

    available: bool
    numerator: Number | None = None
    denominator: Number | None = None
    value: Decimal | None = None
    target: Decimal | None = None
    band: rules.Band | None = None
    share: Decimal | None = None  # the rate behind a 766 score
    # In a closed period: the value is the frozen one; ``live`` is today's, when it differs.
    frozen: bool = False
    live: Decimal | None = None
    changed: bool = False

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target


@dataclass
class UnitRow:
    unit: OrgUnit
    level: str | None
    is_top: bool
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Board:
    """A dashboard: the top unit's row, then a row per unit right below it."""

    unit: OrgUnit
    period: Period
    indicator_set: IndicatorSet | None
    indicators: list[Indicator]
    rows: list[UnitRow]
    snapshot: Snapshot | None = None  # the period's close, when its values are frozen

    @property
    def top(self) -> UnitRow:
        return self.rows[0]

    @property
    def children(self) -> list[UnitRow]:
        return self.rows[1:]

    def worst(self, indicator: Indicator) -> list[UnitRow]:
        """The units below with the poorest value of ``indicator`` (below their target first)."""
        valued = [row for row in self.children if row.cells[indicator.code].value is not None]
        lower = indicator.direction == Direction.LOWER
        valued.sort(key=lambda row: row.cells[indicator.code].value, reverse=lower)
        return valued[:WORST_SHOWN]

    def rank(self, indicator: Indicator) -> dict[int, int]:
        """Rank (1 = best) of each unit below by ``indicator`` (ties share a rank)."""
        lower = indicator.direction == Direction.LOWER
        values = {
            row.unit.pk: row.cells[indicator.code].value
            for row in self.children
            if row.cells[indicator.code].value is not None
        }
        ordered = sorted(set(values.values()), reverse=not lower)
        return {pk: ordered.index(value) + 1 for pk, value in values.items()}


def dashboards_reach(user: object) -> Reach:
    return reach_of(user, roles=LEADER_ROLES)


def may_see_dashboards(user: object) -> bool:
    return getattr(user, "is_authenticated", False) and not dashboards_reach(user).is_empty


def may_close_periods(user: object) -> bool:
    """Closing a period freezes every unit's values: the city's leaders only (a leading role
    over the top of the organisation); a superuser as such does not."""
    return acts_for_the_city(user, roles=LEADER_ROLES, superusers=False)


def may_import_definitions(user: object) -> bool:
    """Importing indicator definitions and targets changes what every leader is measured
    against: the city office only (a specialist or higher role over the top unit)."""
    return acts_for_the_city(user)


def top_unit_for(user: object, unit_id: int | None = None) -> OrgUnit:
    """The unit a leader's dashboard opens on: ``unit_id`` if within reach (else 404), or the
    highest unit of their reach."""
    reach = dashboards_reach(user)
    if reach.is_empty:
        raise Http404
    units = OrgUnit.objects.filter(reach.q("self"))
    if unit_id is not None:
        unit = units.filter(pk=unit_id).first()
    else:
        unit = units.order_by("depth", "path").first()
    if unit is None:
        raise Http404
    return unit


def indicator_set_in_force(on: datetime.date) -> IndicatorSet | None:
    """The newest indicator set in force on ``on``."""
    return (
        IndicatorSet.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
        )
        .order_by("-valid_from")
        .first()
    )


def indicators_of(
    indicator_set: IndicatorSet | None, *, kind: str | None = None
) -> list[Indicator]:
    """The set's indicators with their targets and legend bands (three queries)."""
    if indicator_set is None:
        return []
    qs = Indicator.objects.filter(indicator_set=indicator_set)
    if kind:
        qs = qs.filter(kind=kind)
    return list(
        qs.select_related("legend").prefetch_related(
            Prefetch("targets", queryset=Target.objects.in_use().order_by("valid_from")),
            Prefetch("legend__bands", queryset=LegendBand.objects.order_by("-lower")),
        )
    )


def _units(top: OrgUnit) -> tuple[list[OrgUnit], dict[int, OrgUnit]]:
    """The subtree of ``top`` and the units above it (for levels), one query."""
    units = list(
        OrgUnit.objects.filter(Q(path__startswith=top.path) | Q(pk__in=top.ancestor_ids()))
        .only("pk", "path", "kind", "name", "parent_id", "depth", "status")
        .order_by("path")
    )
    return units, {unit.pk: unit for unit in units}


def _read_figures(
    codes: Iterable[str], top: OrgUnit, period: Period, subtree: Sequence[OrgUnit]
) -> dict[str, dict[int, Number] | None]:
    """Each figure's values per unit (None: no data source yet); figures of one source that
    share a read are read together (``figures_read``)."""
    unit_ids = None if top.parent_id is None else [unit.pk for unit in subtree]
    return figures_read(sorted(set(codes)), first=period.first, last=period.last, unit_ids=unit_ids)


def _rollup(values: dict[int, Number] | None, paths: dict[int, str]) -> dict[int, Number] | None:
    """Each unit's total over its subtree: a unit's own value added to it and to every unit
    above it within the subtree read (one pass; None stays None: no data source yet)."""
    if values is None:
        return None
    totals: dict[int, Number] = {}
    for unit_id, value in values.items():
        path = paths.get(unit_id)
        if path is None:
            continue
        for part in path.strip("/").split("/"):
            pk = int(part)
            totals[pk] = totals.get(pk, 0) + value
    return totals


def _cell(
    indicator: Indicator,
    totals: dict[str, dict[int, Number] | None],
    unit_id: int,
    level: str | None,
    on: datetime.date,
) -> Cell:
    numerator_totals = totals.get(indicator.numerator)
    denominator_totals = totals.get(indicator.denominator)
    if numerator_totals is None or denominator_totals is None:
        return Cell(available=False)
    numerator = numerator_totals.get(unit_id, 0)
    denominator = denominator_totals.get(unit_id, 0)
    share = rules.rate(numerator, denominator)
    value = share
    if indicator.kind == IndicatorKind.SCORE:
        value = rules.points(
            share,
            full=indicator.points,
            full_at=indicator.full_at,
            full_when_empty=indicator.full_when_empty,
        )
    target = rules.target_for(
        (
            rules.TargetRule(t.level, t.valid_from, t.valid_to, t.value)
            for t in indicator.targets.all()
        ),
        level=level,
        on=on,
    )
    band = None
    if indicator.legend is not None:
        bands = [rules.Band(b.lower, b.label, b.colour) for b in indicator.legend.bands.all()]
        band = rules.band_of(
            bands,
            value,
            target=target,
            relative=indicator.legend.relative_to_target,
            lower_is_better=indicator.direction == Direction.LOWER,
        )
    return Cell(True, numerator, denominator, value, target, band, share)


def board_for(
    *,
    top: OrgUnit,
    period: Period,
    indicators: list[Indicator],
    indicator_set=None,
    every_unit: bool = False,
    top_only: bool = False,
) -> Board:
    """The values of ``indicators`` for ``top`` and each active unit right below it (with
    ``every_unit``: every active unit of the subtree), each over its subtree, for ``period``.
    Permission is the caller's (``top_unit_for``)."""
    subtree_and_above, by_id = _units(top)
    subtree = [unit for unit in subtree_and_above if unit.path.startswith(top.path)]
    paths = {unit.pk: unit.path for unit in subtree}
    codes = [code for ind in indicators for code in (ind.numerator, ind.denominator)]
    totals = {
        code: _rollup(values, paths)
        for code, values in _read_figures(codes, top, period, subtree).items()
    }
    ancestors = list(by_id.values())
    below = [u for u in subtree if u.pk != top.pk and u.is_active]
    shown = [top] + (below if every_unit else [u for u in below if u.parent_id == top.pk])
    if top_only:
        shown = [top]
    shown[1:] = sorted(shown[1:], key=lambda unit: (unit.kind, unit.name))
    rows = []
    for unit in shown:
        level = level_of(unit, ancestors)
        row = UnitRow(unit=unit, level=level, is_top=unit.pk == top.pk)
        for indicator in indicators:
            row.cells[indicator.code] = _cell(indicator, totals, unit.pk, level, period.last)
        rows.append(row)
    return Board(top, period, indicator_set, indicators, rows)


# --- Decision 766 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupScore:
    code: str
    label: str
    max_points: int
    points: Decimal
    missing: int  # components without a data source yet


@dataclass
class ScoreRow:
    unit: OrgUnit
    level: str | None
    groups: list[GroupScore]
    total: Decimal | None  # None: nothing to score in the period
    band: rules.Band | None
    rank: int | None
    costliest: Indicator | None
    lost: Decimal


def _score_row(row: UnitRow, indicators: list[Indicator], bands: list[rules.Band]) -> ScoreRow:
    from egov.dashboards.choices import Group766

    groups = []
    costliest, lost_most = None, Decimal(0)
    valued = 0
    for group in Group766:
        members = [ind for ind in indicators if ind.group == group.value]
        got, missing = Decimal(0), 0
        for ind in members:
            cell = row.cells[ind.code]
            if not cell.available:
                missing += 1
                continue
            valued += cell.value is not None and not (ind.full_when_empty and cell.share is None)
            got += cell.value or 0
            lost = ind.points - (cell.value or 0)
            if lost > lost_most:
                costliest, lost_most = ind, lost
        groups.append(
            GroupScore(group.value, str(group.label), GROUP_POINTS[group.value], got, missing)
        )
    if not valued:  # nothing happened in the unit to score: no total, no rank
        return ScoreRow(row.unit, row.level, groups, None, None, None, None, Decimal(0))
    total = sum((g.points for g in groups), Decimal(0))
    band = rules.band_of(bands, total)
    return ScoreRow(row.unit, row.level, groups, total, band, None, costliest, lost_most)


@dataclass
class Scoreboard:
    board: Board
    rows: list[ScoreRow]

    @property
    def top(self) -> ScoreRow:
        return self.rows[0]

    @property
    def peers(self) -> list[ScoreRow]:
        return self.rows[1:]


def scoreboard_for(
    *, top: OrgUnit, period: Period, indicator_set: IndicatorSet | None
) -> Scoreboard:
    """The Decision 766 points of ``top`` and of each unit right below it, with each unit's rank
    among its peers of the same level (departments among departments, communes among
    communes) and the component that cost it the most points."""
    indicators = indicators_of(indicator_set, kind=IndicatorKind.SCORE)
    board = board_for(top=top, period=period, indicators=indicators, indicator_set=indicator_set)
    bands = []
    if indicator_set is not None and indicator_set.score_legend_id is not None:
        rows_ = LegendBand.objects.filter(legend_id=indicator_set.score_legend_id)
        bands = [rules.Band(b.lower, b.label, b.colour) for b in rows_]
    rows = [_score_row(row, indicators, bands) for row in board.rows]
    peers = rows[1:]
    for level in {row.level for row in peers}:
        scored = (r for r in peers if r.level == level and r.total is not None)
        same = sorted(scored, key=lambda r: r.total, reverse=True)
        totals = [r.total for r in same]
        for row in same:
            row.rank = totals.index(row.total) + 1
    peers.sort(key=lambda r: (r.level or "", r.rank is None, r.rank or 0, r.unit.name))
    return Scoreboard(board, [rows[0], *peers])


# --- Closed periods -------------------------------------------------------------------------


def snapshot_of(period: Period) -> Snapshot | None:
    """The closed snapshot of exactly ``period`` (same kind and first day), if any."""
    return (
        Snapshot.objects.filter(kind=period.kind, first=period.first)
        .select_related("closed_by")
        .first()
    )


def _counted(number: Decimal | None) -> Number | None:
    """A frozen count as the live one shows it: 15, not 15.00 (minutes keep their decimals)."""
    if number is not None and number == number.to_integral_value():
        return int(number)
    return number


def board_frozen(board: Board, snapshot: Snapshot) -> Board:
    """``board`` with each cell replaced by its frozen value of ``snapshot`` (one query), the
    live value kept beside it where a later correction changed it. A unit or indicator the
    snapshot does not hold (made after the close) keeps its live cell."""
    unit_ids = [row.unit.pk for row in board.rows]
    frozen = {
        (v.unit_id, v.indicator_code): v
        for v in SnapshotValue.objects.filter(snapshot=snapshot, unit_id__in=unit_ids)
    }
    for row in board.rows:
        for code, live in list(row.cells.items()):
            kept = frozen.get((row.unit.pk, code))
            if kept is None:
                continue
            band = (
                rules.Band(kept.band_lower, kept.band_label, kept.band_colour)
                if kept.band_label
                else None
            )
            row.cells[code] = Cell(
                available=kept.available,
                numerator=_counted(kept.numerator),
                denominator=_counted(kept.denominator),
                value=kept.value,
                target=kept.target,
                band=band,
                share=kept.share,
                frozen=True,
                live=live.value,
                changed=live.available and live.value != kept.value,
            )
    return board


# --- Trends ---------------------------------------------------------------------------------

TREND_PERIODS = 12


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    value: Decimal | None
    frozen: bool


def trend_for(
    *, top: OrgUnit, period: Period, indicators: list[Indicator], count: int = TREND_PERIODS
) -> dict[str, list[TrendPoint]]:
    """Each indicator's value for ``top`` (its subtree) over the ``count`` periods ending with
    ``period``, oldest first: the frozen value of a closed period, else computed now (one read
    per figure and open period)."""
    periods = [period]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    periods.reverse()
    frozen = {
        (v.snapshot.first, v.indicator_code): v.value
        for v in SnapshotValue.objects.filter(
            unit=top,
            snapshot__kind=period.kind,
            snapshot__first__in=[p.first for p in periods],
            indicator_code__in=[ind.code for ind in indicators],
        ).select_related("snapshot")
    }
    closed = {first for first, _code in frozen}
    trend: dict[str, list[TrendPoint]] = {ind.code: [] for ind in indicators}
    for each in periods:
        live = {}
        if each.first not in closed:
            live = board_for(top=top, period=each, indicators=indicators, top_only=True).top.cells
        for ind in indicators:
            if each.first in closed:
                point = TrendPoint(each, frozen.get((each.first, ind.code)), True)
            else:
                point = TrendPoint(each, live[ind.code].value, False)
            trend[ind.code].append(point)
    return trend
