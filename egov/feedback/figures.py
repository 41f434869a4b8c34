"""Figures of citizen feedback for the dashboards (egov.common.figures): additive counts per
unit (the unit the item is with) and per local day.

- received: questions asked / reports submitted on the day;
- answered: first answers given on the day;
- answered on time: of those, given by their due moment (for a report, the first time limit:
  a reopened report does not get a second chance at being on time);
- late: items whose (first) time limit fell on the day and has passed without an answer by
  then (answered late, or still unanswered; a report refused or merged in time is not late);
- answer days: the sum of working days from receipt to the first answer of the items first
  answered on the day (divided by "answered", the average time to answer);
- refused, and refused late: reports refused on the day, and of those the ones refused after
  the national portal's limit (``Report.refuse_due_at``, 2 working days from sending);
- supplements requested, and requested late: reports whose sender was first asked on the day
  to supplement them, and of those the ones asked after the limit (``supplement_due_at``)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure
from egov.feedback.choices import ReportStatus
from egov.feedback.models import Question, RegulationReview, Report
from egov.workdays.rules import VN_TZ, CalendarRangeError, working_days_between
from egov.workdays.selectors import work_calendar_get

THOUSANDTH = Decimal("0.001")


def _bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, ...]:
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=VN_TZ)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, VN_TZ)
    return start, end


def _count(rows: QuerySet, unit_ids: Collection[int] | None) -> dict[int, int]:
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    return dict(rows.order_by().values_list("unit_id").annotate(n=Count("pk")))


def questions_received(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    return _count(Question.objects.filter(asked_at__gte=start, asked_at__lt=end), unit_ids)


def questions_answered(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    return _count(Question.objects.filter(answered_at__gte=start, answered_at__lt=end), unit_ids)


def questions_answered_on_time(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Question.objects.filter(
        answered_at__gte=start, answered_at__lt=end, answered_at__lte=F("due_at")
    )
    return _count(rows, unit_ids)


def reports_received(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    return _count(Report.objects.filter(submitted_at__gte=start, submitted_at__lt=end), unit_ids)


def reports_answered(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(first_answered_at__gte=start, first_answered_at__lt=end)
    return _count(rows, unit_ids)


def reports_answered_on_time(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(
        first_answered_at__gte=start,
        first_answered_at__lt=end,
        first_answered_at__lte=F("first_due_at"),
    )
    return _count(rows, unit_ids)


def questions_late(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Question.objects.filter(due_at__gte=start, due_at__lt=min(end, timezone.now()))
    rows = rows.filter(Q(answered_at__isnull=True) | Q(answered_at__gt=F("due_at")))
    return _count(rows, unit_ids)


def reports_late(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(
        first_due_at__gte=start, first_due_at__lt=min(end, timezone.now())
    ).alias(finished_at=Coalesce("first_answered_at", "closed_at"))
    rows = rows.filter(Q(finished_at__isnull=True) | Q(finished_at__gt=F("first_due_at")))
    return _count(rows, unit_ids)


def reports_refused(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(
        status=ReportStatus.REFUSED, closed_at__gte=start, closed_at__lt=end
    )
    return _count(rows, unit_ids)


def reports_refused_late(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(
        status=ReportStatus.REFUSED,
        closed_at__gte=start,
        closed_at__lt=end,
        closed_at__gt=F("refuse_due_at"),
    )
    return _count(rows, unit_ids)


def supplements_requested(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(
        supplement_requested_at__gte=start, supplement_requested_at__lt=end
    )
    return _count(rows, unit_ids)


def supplements_requested_late(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(
        supplement_requested_at__gte=start,
        supplement_requested_at__lt=end,
        supplement_requested_at__gt=F("supplement_due_at"),
    )
    return _count(rows, unit_ids)


def _count_by(rows: QuerySet, field: str, unit_ids: Collection[int] | None) -> dict[int, int]:
    if unit_ids is not None:
        rows = rows.filter(**{f"{field}__in": list(unit_ids)})
    return dict(rows.order_by().values_list(field).annotate(n=Count("pk")))


def regulations_forwarded(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = RegulationReview.objects.filter(forwarded_at__gte=start, forwarded_at__lt=end)
    return _count_by(rows, "forwarded_from_id", unit_ids)


def regulations_forwarded_on_time(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = RegulationReview.objects.filter(
        forwarded_at__gte=start, forwarded_at__lt=end, forwarded_at__lte=F("forward_due_at")
    )
    return _count_by(rows, "forwarded_from_id", unit_ids)


def regulations_published(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = RegulationReview.objects.filter(
        report__published_at__gte=start, report__published_at__lt=end
    )
    return _count_by(rows, "report__unit_id", unit_ids)


def regulations_published_on_time(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    rows = RegulationReview.objects.filter(
        report__published_at__gte=start,
        report__published_at__lt=end,
        report__published_at__lte=F("publish_due_at"),
    )
    return _count_by(rows, "report__unit_id", unit_ids)


def _days(rows: QuerySet, unit_ids: Collection[int] | None, start: str, end: str) -> dict:
    """Per unit, the working days from ``start`` to ``end`` summed over ``rows`` (one query
    and the cached calendar)."""
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    calendar = work_calendar_get()
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for unit_id, began, ended in rows.order_by().values_list("unit_id", start, end).iterator():
        try:
            sums[unit_id] += working_days_between(calendar, began, ended)
        except CalendarRangeError:
            continue  # outside the calendar's years: not counted
    return {unit: total.quantize(THOUSANDTH) for unit, total in sums.items()}


def questions_answer_days(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Decimal]:
    start, end = _bounds(first, last)
    rows = Question.objects.filter(answered_at__gte=start, answered_at__lt=end)
    return _days(rows, unit_ids, "asked_at", "answered_at")


def reports_answer_days(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Decimal]:
    start, end = _bounds(first, last)
    rows = Report.objects.filter(first_answered_at__gte=start, first_answered_at__lt=end)
    return _days(rows, unit_ids, "submitted_at", "first_answered_at")


FIGURES = (
    Figure(
        code="feedback.questions_received",
        label=_("Questions received"),
        description=_("Questions asked on the day, by the unit they are with."),
        measure=Measure.COUNT,
        values=questions_received,
    ),
    Figure(
        code="feedback.questions_answered",
        label=_("Questions answered"),
        description=_("Questions answered on the day, by the unit they are with."),
        measure=Measure.COUNT,
        values=questions_answered,
    ),
    Figure(
        code="feedback.questions_answered_on_time",
        label=_("Questions answered on time"),
        description=_("Questions answered on the day by their due moment."),
        measure=Measure.COUNT,
        values=questions_answered_on_time,
    ),
    Figure(
        code="feedback.reports_received",
        label=_("Reports received"),
        description=_("Reports sent on the day, by the unit handling them."),
        measure=Measure.COUNT,
        values=reports_received,
    ),
    Figure(
        code="feedback.reports_answered",
        label=_("Reports answered"),
        description=_("Reports first answered on the day, by the unit handling them."),
        measure=Measure.COUNT,
        values=reports_answered,
    ),
    Figure(
        code="feedback.reports_answered_on_time",
        label=_("Reports answered on time"),
        description=_("Reports first answered on the day within their first time limit."),
        measure=Measure.COUNT,
        values=reports_answered_on_time,
    ),
    Figure(
        code="feedback.questions_late",
        label=_("Questions late"),
        description=_(
            "Questions whose time limit fell on the day and passed without an answer by then."
        ),
        measure=Measure.COUNT,
        values=questions_late,
    ),
    Figure(
        code="feedback.reports_late",
        label=_("Reports late"),
        description=_(
            "Reports whose first time limit fell on the day and passed without an answer by then."
        ),
        measure=Measure.COUNT,
        values=reports_late,
    ),
    Figure(
        code="feedback.questions_answer_days",
        label=_("Working days to answer questions"),
        description=_(
            "Working days from asking to answering, summed over the questions answered on the "
            "day (with the questions answered: the average time to answer)."
        ),
        measure=Measure.DAYS,
        values=questions_answer_days,
    ),
    Figure(
        code="feedback.reports_answer_days",
        label=_("Working days to answer reports"),
        description=_(
            "Working days from sending to the first answer, summed over the reports first "
            "answered on the day (with the reports answered: the average time to answer)."
        ),
        measure=Measure.DAYS,
        values=reports_answer_days,
    ),
    Figure(
        code="feedback.reports_refused",
        label=_("Reports refused"),
        description=_("Reports refused on the day, by the unit that refused them."),
        measure=Measure.COUNT,
        values=reports_refused,
    ),
    Figure(
        code="feedback.reports_refused_late",
        label=_("Reports refused late"),
        description=_(
            "Of those, refused after the national portal's limit (2 working days from sending)."
        ),
        measure=Measure.COUNT,
        values=reports_refused_late,
    ),
    Figure(
        code="feedback.supplements_requested",
        label=_("Supplements requested"),
        description=_(
            "Reports whose sender was first asked on the day to supplement them, by the unit "
            "that asked."
        ),
        measure=Measure.COUNT,
        values=supplements_requested,
    ),
    Figure(
        code="feedback.supplements_requested_late",
        label=_("Supplements requested late"),
        description=_(
            "Of those, first asked after the national portal's limit (5 working days from sending)."
        ),
        measure=Measure.COUNT,
        values=supplements_requested_late,
    ),
    Figure(
        code="feedback.regulations_forwarded",
        label=_("Feedback on regulations forwarded"),
        description=_(
            "Feedback on regulations forwarded on the day to the competent unit (Decree "
            "20/2008 art. 9), by the unit that forwarded it."
        ),
        measure=Measure.COUNT,
        values=regulations_forwarded,
    ),
    Figure(
        code="feedback.regulations_forwarded_on_time",
        label=_("Feedback on regulations forwarded on time"),
        description=_("Of those, forwarded within the working days allowed from their receipt."),
        measure=Measure.COUNT,
        values=regulations_forwarded_on_time,
    ),
    Figure(
        code="feedback.regulations_published",
        label=_("Results on regulations published"),
        description=_(
            "Results of feedback on regulations published on the day (Decree 20/2008 art. "
            "19), by the unit that decided them."
        ),
        measure=Measure.COUNT,
        values=regulations_published,
    ),
    Figure(
        code="feedback.regulations_published_on_time",
        label=_("Results on regulations published on time"),
        description=_("Of those, published within the working days allowed after the answer."),
        measure=Measure.COUNT,
        values=regulations_published_on_time,
    ),
)
