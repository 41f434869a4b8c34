"""The reporting figures the dashboards read (``egov.common.figures``), per reporting unit and
period: reports due in the period (``due_on``), those sent through the system, and those sent
by their due day (the first sending counts, as ``rules.timeliness``)."""

from __future__ import annotations

from collections import Counter

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, figures_register, unit_filter
from egov.reporting import rules
from egov.reporting.choices import NationalSendingState
from egov.reporting.models import NationalSending, Submission


def _grades(first, last, unit_ids) -> list[tuple[int, str]]:
    rows = Submission.objects.filter(
        due_on__range=(first, last), **unit_filter("unit_id", unit_ids)
    ).values_list("unit_id", "status", "first_submitted_at", "due_on")
    return [
        (unit_id, rules.timeliness(status, sent and timezone.localtime(sent).date(), due_on))
        for unit_id, status, sent, due_on in rows
    ]


def reports_expected(*, first, last, unit_ids):
    return dict(Counter(unit for unit, _ in _grades(first, last, unit_ids)))


def reports_sent(*, first, last, unit_ids):
    grades = _grades(first, last, unit_ids)
    return dict(Counter(unit for unit, grade in grades if grade != "missing"))


def reports_on_time(*, first, last, unit_ids):
    grades = _grades(first, last, unit_ids)
    return dict(Counter(unit for unit, grade in grades if grade == "on_time"))


def reports_of_the_city(*, first, last, unit_ids):
    """Reports due in the period sent to the regime's receiving unit (the city's: the ones
    shared with the national reporting system), by the unit reporting."""
    rows = Submission.objects.filter(
        due_on__range=(first, last),
        receiver_id=F("regime__receiving_unit_id"),
        **unit_filter("unit_id", unit_ids),
    ).values_list("unit_id", flat=True)
    return dict(Counter(rows))


def reports_shared_nationally(*, first, last, unit_ids):
    """Of those, the reports the national reporting system acknowledged (once per report,
    however many corrected versions it took)."""
    rows = (
        NationalSending.objects.filter(
            state=NationalSendingState.ACKNOWLEDGED,
            submission__due_on__range=(first, last),
            **unit_filter("submission__unit_id", unit_ids),
        )
        .order_by()  # the model's ordering would add pk to the DISTINCT: a correction twice
        .values_list("submission__unit_id", "submission_id")
        .distinct()
    )
    return dict(Counter(unit for unit, _report in rows))


FIGURES = (
    Figure(
        "reporting.reports_expected",
        _("Reports expected"),
        _("Reports due in the period, by reporting unit."),
        Measure.COUNT,
        reports_expected,
    ),
    Figure(
        "reporting.reports_sent",
        _("Reports sent through the system"),
        _("Reports due in the period that were sent through the reporting system."),
        Measure.COUNT,
        reports_sent,
    ),
    Figure(
        "reporting.reports_on_time",
        _("Reports sent on time"),
        _("Reports due in the period first sent on or before their due day."),
        Measure.COUNT,
        reports_on_time,
    ),
    Figure(
        "reporting.reports_of_the_city",
        _("Reports reaching the city"),
        _("Reports due in the period sent to the regime's receiving unit, by reporting unit."),
        Measure.COUNT,
        reports_of_the_city,
    ),
    Figure(
        "reporting.reports_shared_nationally",
        _("Reports shared with the national reporting system"),
        _(
            "Reports due in the period that the national reporting system acknowledged, by "
            "reporting unit."
        ),
        Measure.COUNT,
        reports_shared_nationally,
    ),
)


def register() -> None:
    figures_register(*FIGURES)
