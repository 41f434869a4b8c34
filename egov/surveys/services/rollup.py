"""The roll-up of survey answers and invitations (``AnswerFigure``), so a unit's index page
and the survey figures read a few dozen rows for any period, whatever the number of answers.

Each answer adds itself to the day, month and year rows of its family: its unit's own row
(numbers only, for the figures registry) and the subtree row of its channel of the unit and of
every unit above it (numbers and the count of each answer value); when it names a procedure,
also to that procedure's subtree rows of the month and the year (``PROCEDURE_GRAINS``: no day
rows per procedure, the index filtered by procedure counts a partial month's days from the
answers, :func:`egov.surveys.rollup.rollup_split`). The caller holds the lock of the family's
published survey, so the rows of a family are written one answer at a time. An invitation adds
itself to the day it was sent; its answer marks it answered on that same day.

``rollup_rebuild`` recomputes every row from the raw answers and invitations (repairs, bulk
loads such as the benchmark's, a unit moved in the tree); ``egov surveys_rollup_rebuild`` runs
it. The property test checks that the rows written answer by answer, the rebuilt rows and
counting the raw answers all give the same figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Min, Sum

from egov.common.periods import PeriodKind, add_months, month_start, period_start
from egov.common.progress import ProgressCallback, progress_none
from egov.orgs.models import OrgUnit
from egov.surveys.models import AnswerFigure, Invitation, Question, Response
from egov.surveys.rollup import GRAINS, PROCEDURE_GRAINS, answer_values, values_merge

NUMBERS = (
    "responses",
    "satisfied",
    "dissatisfied",
    "score_sum",
    "invitations",
    "invitations_answered",
)
BATCH = 5000


@dataclass
class Tally:
    """What one row adds up."""

    responses: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    score_sum: Decimal = Decimal(0)
    invitations: int = 0
    invitations_answered: int = 0
    values: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, other: Tally, *, with_values: bool = True) -> None:
        self.responses += other.responses
        self.satisfied += other.satisfied
        self.dissatisfied += other.dissatisfied
        self.score_sum += other.score_sum
        self.invitations += other.invitations
        self.invitations_answered += other.invitations_answered
        if with_values:
            values_merge(self.values, other.values)


def response_tally(response: Response, kinds: Mapping[str, str]) -> Tally:
    return Tally(
        responses=1,
        satisfied=int(response.is_satisfied),
        dissatisfied=int(response.is_dissatisfied),
        score_sum=response.overall_score or Decimal(0),
        values=answer_values(kinds, response.answers),
    )


def survey_kinds(survey_id: int) -> dict[str, str]:
    return dict(Question.objects.filter(section__survey_id=survey_id).values_list("code", "kind"))


# A row's key: (grain, start, unit id, subtree, channel, procedure code).
Key = tuple[str, datetime.date, int, bool, str, str]


def _keys(
    day: datetime.date,
    unit_ids: list[int],
    channel: str,
    procedure_code: str,
    grains: Iterable[str] = GRAINS,
) -> list[Key]:
    """The rows of ``grains`` an answer of ``day`` given at the last unit of ``unit_ids`` (its
    ancestors first, as in its path) adds to."""
    keys: list[Key] = []
    for grain in grains:
        start = period_start(grain, day)
        procedures = ("", procedure_code) if procedure_code and grain in PROCEDURE_GRAINS else ("",)
        keys.append((grain, start, unit_ids[-1], False, "", ""))
        keys.extend(
            (grain, start, unit_id, True, channel, procedure)
            for procedure in procedures
            for unit_id in unit_ids
        )
    return keys


def rollup_add(
    *,
    family: int,
    unit: OrgUnit,
    channel: str,
    procedure_code: str,
    day: datetime.date,
    tally: Tally,
) -> None:
    """Add ``tally`` to the rows of ``day`` of ``family`` for ``unit`` and the units above it
    (all procedures, and ``procedure_code``'s own month and year). Call inside the transaction
    that writes the answer or invitation, with the family's published survey locked
    (``select_for_update``)."""
    keys = _keys(day, unit.ancestor_ids(), channel, procedure_code)
    starts = {key[1] for key in keys}
    units = {key[2] for key in keys}
    found = {
        (row.grain, row.start, row.unit_id, row.subtree, row.channel, row.procedure_code): row
        for row in AnswerFigure.objects.select_for_update().filter(
            family=family,
            start__in=starts,
            unit_id__in=units,
            procedure_code__in={key[5] for key in keys},
        )
    }
    new, changed = [], []
    for key in keys:
        row = found.get(key)
        if row is None:
            grain, start, unit_id, subtree, row_channel, procedure = key
            row = AnswerFigure(
                grain=grain,
                start=start,
                family=family,
                unit_id=unit_id,
                subtree=subtree,
                channel=row_channel,
                procedure_code=procedure,
            )
            new.append(row)
        else:
            changed.append(row)
        for name in NUMBERS:
            setattr(row, name, getattr(row, name) + getattr(tally, name))
        if row.subtree:
            values_merge(row.values, tally.values)
    AnswerFigure.objects.bulk_create(new)
    AnswerFigure.objects.bulk_update(changed, [*NUMBERS, "values"])


@dataclass
class RebuildResult:
    responses: int = 0
    invitations: int = 0
    rows: int = 0


def _rows(family_keys: dict[tuple[int, Key], Tally]) -> Iterable[AnswerFigure]:
    for (family, key), tally in family_keys.items():
        grain, start, unit_id, subtree, channel, procedure = key
        yield AnswerFigure(
            grain=grain,
            start=start,
            family=family,
            unit_id=unit_id,
            subtree=subtree,
            channel=channel,
            procedure_code=procedure,
            values=tally.values if subtree else {},
            **{name: getattr(tally, name) for name in NUMBERS},
        )


def _write(family_keys: dict[tuple[int, Key], Tally]) -> int:
    rows = list(_rows(family_keys))
    for index in range(0, len(rows), BATCH):
        AnswerFigure.objects.bulk_create(rows[index : index + BATCH])
    return len(rows)


def rollup_rebuild(*, progress: ProgressCallback | None = None) -> RebuildResult:
    """Recompute every row from the raw answers and invitations, month by month (the day and
    month rows of a month, then the year rows at each year's end), in one transaction."""
    progress = progress or progress_none
    result = RebuildResult()
    paths = {
        pk: [int(part) for part in path.strip("/").split("/") if part]
        for pk, path in OrgUnit.objects.values_list("pk", "path")
    }
    families: dict[int, int] = {}
    kinds: dict[int, dict[str, str]] = {}
    for survey_id, family in Response.objects.values_list("survey_id", "survey__family").distinct():
        families[survey_id] = family
    for survey_id, family in Invitation.objects.values_list(
        "survey_id", "survey__family"
    ).distinct():
        families[survey_id] = family
    for survey_id, code, kind in Question.objects.filter(
        section__survey_id__in=list(families)
    ).values_list("section__survey_id", "code", "kind"):
        kinds.setdefault(survey_id, {})[code] = kind
    bounds = [
        Response.objects.aggregate(a=Min("submitted_on"), b=Max("submitted_on")),
        Invitation.objects.aggregate(a=Min("sent_on"), b=Max("sent_on")),
    ]
    firsts = [b["a"] for b in bounds if b["a"]]
    lasts = [b["b"] for b in bounds if b["b"]]
    with transaction.atomic():
        AnswerFigure.objects.all().delete()
        if not firsts:
            return result
        month, end = month_start(min(firsts)), max(lasts)
        months_total = (end.year - month.year) * 12 + end.month - month.month + 1
        done = 0
        years: dict[tuple[int, Key], Tally] = {}
        while month <= end:
            rows = _month_rows(month, paths, families, kinds, result)
            year_start = period_start(PeriodKind.YEAR, month)
            for (family, (grain, _start, *rest)), tally in rows.items():
                if grain != PeriodKind.MONTH:
                    continue
                key = (family, (PeriodKind.YEAR, year_start, *rest))
                target = years.get(key)
                if target is None:
                    target = years[key] = Tally()
                target.add(tally, with_values=key[1][3])
            result.rows += _write(rows)
            next_month = add_months(month, 1)
            if next_month.year != month.year or next_month > end:
                result.rows += _write(years)
                years = {}
            done += 1
            progress("months", done, months_total)
            month = next_month
    return result


def _month_rows(
    month: datetime.date,
    paths: dict[int, list[int]],
    families: dict[int, int],
    kinds: dict[int, dict[str, str]],
    result: RebuildResult,
) -> dict[tuple[int, Key], Tally]:
    """The day and month rows of ``month``, from its answers and invitations."""
    last = add_months(month, 1) - datetime.timedelta(days=1)
    rows: dict[tuple[int, Key], Tally] = {}
    grains = (PeriodKind.MONTH, PeriodKind.DAY)

    def add(family: int, day, unit_id: int, channel: str, procedure: str, tally: Tally) -> None:
        for key in _keys(day, paths[unit_id], channel, procedure, grains):
            target = rows.get((family, key))
            if target is None:
                target = rows[(family, key)] = Tally()
            target.add(tally, with_values=key[3])

    answers = (
        Response.objects.filter(submitted_on__range=(month, last))
        .only(
            "survey_id",
            "unit_id",
            "channel",
            "procedure_code",
            "submitted_on",
            "answers",
            "overall_score",
            "is_satisfied",
            "is_dissatisfied",
        )
        .order_by()
        .iterator(chunk_size=BATCH)
    )
    for response in answers:
        tally = response_tally(response, kinds.get(response.survey_id, {}))
        add(
            families[response.survey_id],
            response.submitted_on,
            response.unit_id,
            response.channel,
            response.procedure_code,
            tally,
        )
        result.responses += 1
    invitations = (
        Invitation.objects.filter(sent_on__range=(month, last))
        .values_list("survey_id", "unit_id", "channel", "procedure_code", "sent_on", "is_answered")
        .order_by()
        .iterator(chunk_size=BATCH)
    )
    for survey_id, unit_id, channel, procedure, sent_on, is_answered in invitations:
        tally = Tally(invitations=1, invitations_answered=int(is_answered))
        add(families[survey_id], sent_on, unit_id, channel, procedure, tally)
        result.invitations += 1
    return rows


def rollup_is_stale() -> bool:
    """True when the roll-up is behind the raw rows (a database that had answers before the
    roll-up existed, or before it was kept per procedure): the units' own day rows do not add
    up to the answers and invitations, or answers name a procedure and no row does. (The day
    rows per procedure kept before migration 0007 are deleted by that migration.)"""
    own = AnswerFigure.objects.filter(grain=PeriodKind.DAY, subtree=False).aggregate(
        responses=Sum("responses"), invitations=Sum("invitations")
    )
    if (own["responses"] or 0) != Response.objects.count():
        return True
    if (own["invitations"] or 0) != Invitation.objects.count():
        return True
    return (
        Response.objects.exclude(procedure_code="").exists()
        and not AnswerFigure.objects.exclude(procedure_code="").exists()
    )
