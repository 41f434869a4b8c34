"""Pure pieces of the survey roll-up shared by its writer (``services.rollup``) and its
readers (the index page, the figures): the grains, the count of each answer value, and the
rows covering a period."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import Q

from egov.common.periods import PeriodKind, period_cover

GRAINS = (PeriodKind.YEAR, PeriodKind.MONTH, PeriodKind.DAY)  # coarsest first
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


def rollup_cells(first: datetime.date, last: datetime.date) -> Q:
    """The rows whose period lies in ``first..last``: whole years, months and single days,
    each day exactly once."""
    cells = Q(pk__in=[])
    for cell in period_cover(first, last, GRAINS):
        cells |= Q(grain=cell.grain, start__gte=cell.first, start__lte=cell.last)
    return cells
