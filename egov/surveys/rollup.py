"""Pure pieces of the survey roll-up shared by its writer (``services.rollup``) and its
readers (the index page, the figures): the grains, the count of each answer value, and the
rows covering a period.

The rows of every procedure are kept per day, month and year; the rows of one procedure per
month and year only (``PROCEDURE_GRAINS``): per day they were most of the table at city scale
(issue 20: 11.4 M rows for 2 M answers, each answer a new day row for its procedure at its unit
and every unit above). A period read for one procedure takes its whole months and years from
the roll-up and counts the days of a partial month at either end from the answers themselves
(:func:`rollup_split`): fewer than two months of one procedure's answers, found by the
answers' ``(survey, procedure_code, submitted_on)`` index."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q

from egov.common.periods import CoverRange, PeriodKind, period_cover

GRAINS = (PeriodKind.YEAR, PeriodKind.MONTH, PeriodKind.DAY)  # coarsest first
PROCEDURE_GRAINS = (PeriodKind.YEAR, PeriodKind.MONTH)  # the rows of one procedure
COUNTED_KINDS = frozenset({"single", "multiple", "likert", "matrix"})


def answer_values(kinds: Mapping[str, str], answers: Mapping[str, Any]) -> dict[str, dict]:
    """The count of each value of the answers to choice, Likert and matrix questions
    (``kinds``: question code → kind), keyed by the value as text: a multiple choice counts
    each option picked, a matrix each row's level."""
    out: dict[str, dict[str, int]] = {}
    for code, value in answers.items():
        if kinds.get(code) not in COUNTED_KINDS:
            continue
        items = (
            value
            if isinstance(value, list)
            else (value.values() if isinstance(value, dict) else [value])
        )
        counter = out.setdefault(code, {})
        for item in items:
            counter[str(item)] = counter.get(str(item), 0) + 1
    return out


def values_merge(into: dict[str, dict[str, int]], more: Mapping[str, Mapping[str, int]]) -> None:
    for code, counts in more.items():
        target = into.setdefault(code, {})
        for value, n in counts.items():
            target[value] = target.get(value, 0) + n


def _cells(cover: Iterable[CoverRange]) -> Q:
    cells = Q(pk__in=[])
    for cell in cover:
        cells |= Q(grain=cell.grain, start__gte=cell.first, start__lte=cell.last)
    return cells


def rollup_cells(first: datetime.date, last: datetime.date) -> Q:
    """The rows whose period lies in ``first..last``: whole years, months and single days,
    each day exactly once (the rows of every procedure)."""
    return _cells(period_cover(first, last, GRAINS))


def rollup_split(
    first: datetime.date, last: datetime.date, *, procedure_code: str = ""
) -> tuple[Q, list[tuple[datetime.date, datetime.date]]]:
    """The rows covering ``first..last`` and the days the roll-up does not keep, to count
    from the answers: none for every procedure (``procedure_code`` blank); for one procedure
    the days of a partial month at either end (the cover's day ranges: at most two, together
    under two months)."""
    if not procedure_code:
        return rollup_cells(first, last), []
    cover = period_cover(first, last, GRAINS)
    return (
        _cells(cell for cell in cover if cell.grain in PROCEDURE_GRAINS),
        [(cell.first, cell.last) for cell in cover if cell.grain not in PROCEDURE_GRAINS],
    )
