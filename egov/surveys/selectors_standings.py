"""Reads of a province's governance-index standings: one table per index, the dimensions down
and the years across, each dimension's change on the year before, the target in force, the
weak mark (``rules.standing_is_weak``) and the unit responsible for it.

The target in force for the latest scored year is the target of that year or, when that year
has none, of the latest year before it that has one (a plan's 2020 target stays the reference
until a later plan sets another)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

from egov.orgs.choices import UnitKind
from egov.orgs.models import OrgUnit
from egov.surveys.models import DimensionOwner, Standing
from egov.surveys.rules import standing_is_weak
from egov.surveys.standings import INDEXES, GovernanceIndex


@dataclass(frozen=True)
class StandingRow:
    """One dimension (``code`` blank: the total) across the years."""

    code: str
    name: str
    cells: list[Standing | None]
    latest: Standing | None
    change: Decimal | None
    target: Standing | None
    is_weak: bool
    owner: OrgUnit | None


@dataclass(frozen=True)
class StandingsTable:
    index: GovernanceIndex
    years: list[int]
    rows: list[StandingRow]

    @property
    def weak(self) -> list[StandingRow]:
        return [row for row in self.rows if row.is_weak and row.code]

    @property
    def sources(self) -> list[tuple[int, str]]:
        """Each year's publications the scores were taken from."""
        return sorted(
            {
                (cell.year, cell.source)
                for row in self.rows
                for cell in row.cells
                if cell is not None and cell.source
            }
        )


def provinces() -> list[OrgUnit]:
    """Province-level units (the city): whose standings are kept."""
    return list(OrgUnit.objects.filter(kind=UnitKind.PROVINCE, status="active").order_by("name"))


def _row(
    code: str, name: str, years: list[int], rows: dict[int, Standing], owner: OrgUnit | None
) -> StandingRow:
    scored = [year for year in years if rows.get(year) and rows[year].score is not None]
    latest = rows[scored[-1]] if scored else None
    previous = rows[scored[-2]] if len(scored) > 1 else None
    targets = [
        year
        for year in years
        if rows.get(year)
        and (rows[year].target_score is not None or rows[year].target_rank is not None)
        and (latest is None or year <= latest.year)
    ]
    target = rows[targets[-1]] if targets else None
    change = latest.score - previous.score if latest and previous else None
    is_weak = latest is not None and standing_is_weak(
        score=latest.score,
        previous=previous.score if previous else None,
        target_score=target.target_score if target else None,
        rank=latest.rank,
        target_rank=target.target_rank if target else None,
    )
    return StandingRow(
        code=code,
        name=name,
        cells=[rows.get(year) for year in years],
        latest=latest,
        change=change,
        target=target,
        is_weak=is_weak,
        owner=owner,
    )


def standings_table(province: OrgUnit, index_code: str) -> StandingsTable:
    """The province's standings in one index (two queries)."""
    index = INDEXES[index_code]
    by_dimension: dict[str, dict[int, Standing]] = {}
    for standing in Standing.objects.filter(province=province, index=index_code):
        by_dimension.setdefault(standing.dimension, {})[standing.year] = standing
    years = sorted({year for rows in by_dimension.values() for year in rows})
    owners = {
        owner.dimension: owner.unit
        for owner in DimensionOwner.objects.filter(
            province=province, index=index_code
        ).select_related("unit")
    }
    english = get_language() == "en"
    rows = [_row("", str(index.name), years, by_dimension.get("", {}), None)]
    rows += [
        _row(
            d.code,
            d.name_en if english else d.name_vi,
            years,
            by_dimension.get(d.code, {}),
            owners.get(d.code),
        )
        for d in index.dimensions
    ]
    return StandingsTable(index=index, years=years, rows=rows)
