"""The satisfaction of a unit (and the units below) from both sources: the survey answers and
the one-stop shop's per-dossier ratings, each as a series and combined.

The one-stop ratings are read through the figures registry (``onestop.ratings``,
``onestop.ratings_satisfied``, ``onestop.ratings_dissatisfied``), because ``onestop`` sits above
``surveys`` (ADR 0021); the same registry carries the combined figures to the dashboards
(``surveys.combined_*``). Two measures, as the issue defines them:

- the share of satisfied (SIPAS practice: satisfied and very satisfied), with its 95 % interval;
- Decision 766/QĐ-TTg, "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC": (all − dissatisfied) /
  all, points = min(6, 6 × ratio / 0.90). The national figure also subtracts late dossiers and
  those with a complaint, which the dashboards' 766 scoreboard counts from the one-stop figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from egov.common.figures import figures_read
from egov.common.text import vi_sort_key
from egov.orgs.models import OrgUnit
from egov.surveys.rules import points_766
from egov.surveys.selectors import Share, share_of

SURVEY_CODES = (
    "surveys.responses",
    "surveys.responses_satisfied",
    "surveys.responses_dissatisfied",
)
RATING_CODES = ("onestop.ratings", "onestop.ratings_satisfied", "onestop.ratings_dissatisfied")


@dataclass(frozen=True)
class Series:
    """Answers (or ratings) of a period, the satisfied and the dissatisfied among them."""

    rated: int
    satisfied: int
    dissatisfied: int

    @property
    def share(self) -> Share:
        return share_of(self.satisfied, self.rated)

    @property
    def ratio_766(self) -> Decimal | None:
        result = points_766(self.rated, self.dissatisfied)
        return result[0] if result else None

    @property
    def points_766(self) -> Decimal | None:
        result = points_766(self.rated, self.dissatisfied)
        return result[1] if result else None

    def __add__(self, other: Series) -> Series:
        return Series(
            self.rated + other.rated,
            self.satisfied + other.satisfied,
            self.dissatisfied + other.dissatisfied,
        )


@dataclass(frozen=True)
class CombinedSatisfaction:
    """The survey series, the one-stop series (None when no installed app gives ratings) and
    both together."""

    answers: Series
    ratings: Series | None
    combined: Series


def _series(codes: tuple[str, str, str], first, last, unit_ids) -> Series | None:
    values = _read(codes, first, last, unit_ids)
    if values is None:
        return None
    return Series(*(int(sum(part.values())) for part in values))


def satisfaction_combined(
    unit: OrgUnit, *, first: datetime.date, last: datetime.date
) -> CombinedSatisfaction:
    """``unit``'s subtree, from ``first`` to ``last``: the survey figures in one read, the
    one-stop ratings one read each, and the subtree's ids, whatever the number of units or
    rows."""
    unit_ids = list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    answers = _series(SURVEY_CODES, first, last, unit_ids) or Series(0, 0, 0)
    ratings = _series(RATING_CODES, first, last, unit_ids)
    combined = answers + ratings if ratings is not None else answers
    return CombinedSatisfaction(answers=answers, ratings=ratings, combined=combined)


@dataclass(frozen=True)
class UnitSatisfaction:
    """One unit right below (its subtree rolled up), or the unit's own rows (``is_own``)."""

    unit: OrgUnit
    is_own: bool
    answers: Series
    ratings: Series | None

    @property
    def combined(self) -> Series:
        return self.answers + self.ratings if self.ratings is not None else self.answers


def _read(codes: tuple[str, str, str], first, last, unit_ids) -> list[dict[int, int]] | None:
    """The three figures of ``codes``, read together where their source allows it (the survey
    roll-up's in one query); None when one has no source."""
    values = figures_read(codes, first=first, last=last, unit_ids=unit_ids)
    if any(values[code] is None for code in codes):
        return None
    return [values[code] for code in codes]


def _rolled(values: list[dict[int, int]] | None, ids: list[int]) -> Series | None:
    if values is None:
        return None
    return Series(*(int(sum(part.get(i, 0) for i in ids)) for part in values))


def satisfaction_by_unit_below(
    unit: OrgUnit, *, first: datetime.date, last: datetime.date
) -> list[UnitSatisfaction]:
    """``unit``'s own rows and each unit right below it with its subtree rolled up by ``path``,
    from the figures registry: one read of the survey figures and one per one-stop figure for
    the whole subtree (six queries with the subtree's units), whatever the number of units
    below or of rows."""
    return satisfaction_overview(unit, first=first, last=last)[1]


def satisfaction_overview(
    unit: OrgUnit, *, first: datetime.date, last: datetime.date
) -> tuple[CombinedSatisfaction, list[UnitSatisfaction]]:
    """:func:`satisfaction_combined` and :func:`satisfaction_by_unit_below` from the same
    reads (the index page shows both)."""
    subtree = list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", "path"))
    unit_ids = [pk for pk, _path in subtree]
    answers = _read(SURVEY_CODES, first, last, unit_ids) or [{}, {}, {}]
    ratings = _read(RATING_CODES, first, last, unit_ids)
    children = sorted(
        OrgUnit.objects.filter(parent=unit, status="active"), key=lambda u: vi_sort_key(u.name)
    )
    rows = [UnitSatisfaction(unit, True, _rolled(answers, [unit.pk]), _rolled(ratings, [unit.pk]))]
    for child in children:
        ids = [pk for pk, path in subtree if path.startswith(child.path)]
        rows.append(UnitSatisfaction(child, False, _rolled(answers, ids), _rolled(ratings, ids)))
    whole = _rolled(answers, unit_ids) or Series(0, 0, 0)
    rated = _rolled(ratings, unit_ids)
    combined = CombinedSatisfaction(
        answers=whole, ratings=rated, combined=whole + rated if rated is not None else whole
    )
    return combined, rows
