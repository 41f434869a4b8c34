"""The meeting figures the dashboards read (``egov.common.figures``), per host unit and period:
meetings held (held or closed) that started in the period, those held online (an online room
was given), their papers and those sent electronically, their connected points and the people
present at them, as ``selectors.meeting_figures`` counts them."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, day_bounds, figures_register, unit_filter
from egov.meetings.choices import MeetingStatus
from egov.meetings.models import ConnectedPoint, Meeting, Paper
from egov.meetings.selectors import duration_values, pages_saved


def _held(first, last, unit_ids, condition: Q | None = None) -> dict[int, int]:
    start, end = day_bounds(first, last)
    rows = (
        Meeting.objects.filter(
            status__in=[MeetingStatus.HELD, MeetingStatus.CLOSED],
            starts_at__gte=start,
            starts_at__lt=end,
            **unit_filter("host_unit_id", unit_ids),
        )
        .values("host_unit_id")
        .annotate(n=Count("pk", filter=condition))
        .order_by()
    )
    return {row["host_unit_id"]: row["n"] for row in rows if row["n"]}


def held(*, first, last, unit_ids):
    return _held(first, last, unit_ids)


def held_online(*, first, last, unit_ids):
    return _held(first, last, unit_ids, ~Q(online_url=""))


def _held_rows(model, meeting_path: str, first, last, unit_ids):
    start, end = day_bounds(first, last)
    return model.objects.filter(
        **{
            f"{meeting_path}__status__in": [MeetingStatus.HELD, MeetingStatus.CLOSED],
            f"{meeting_path}__starts_at__gte": start,
            f"{meeting_path}__starts_at__lt": end,
        },
        **unit_filter(f"{meeting_path}__host_unit_id", unit_ids),
    )


def _by_host(rows, meeting_path: str, value) -> dict[int, int]:
    host = f"{meeting_path}__host_unit_id"
    grouped = rows.values(host).annotate(n=value).order_by()
    return {row[host]: row["n"] for row in grouped if row["n"]}


def papers(*, first, last, unit_ids):
    return _by_host(
        _held_rows(Paper, "item__meeting", first, last, unit_ids).filter(replaced_by__isnull=True),
        "item__meeting",
        Count("pk"),
    )


def papers_electronic(*, first, last, unit_ids):
    rows = (
        _held_rows(Paper, "item__meeting", first, last, unit_ids)
        .filter(replaced_by__isnull=True)
        .filter(secret=False)
    )
    return _by_host(rows, "item__meeting", Count("pk"))


def printed_pages_saved(*, first, last, unit_ids):
    start, end = day_bounds(first, last)
    meetings = Meeting.objects.filter(
        status__in=[MeetingStatus.HELD, MeetingStatus.CLOSED],
        starts_at__gte=start,
        starts_at__lt=end,
        **unit_filter("host_unit_id", unit_ids),
    )
    hosts = dict(meetings.values_list("pk", "host_unit_id"))
    result: dict[int, int] = {}
    for pk, (pages, _unknown) in pages_saved(meetings).items():
        if pages:
            result[hosts[pk]] = result.get(hosts[pk], 0) + pages
    return result


def points(*, first, last, unit_ids):
    return _by_host(
        _held_rows(ConnectedPoint, "meeting", first, last, unit_ids), "meeting", Count("pk")
    )


def point_participants(*, first, last, unit_ids):
    rows = _held_rows(ConnectedPoint, "meeting", first, last, unit_ids)
    return _by_host(rows, "meeting", Sum("present"))


def _minutes(key: str):
    def values(*, first, last, unit_ids):
        rows = duration_values(first=first, last=last, unit_ids=unit_ids)
        return {unit_id: line[key] for unit_id, line in rows.items() if line[key]}

    return values


timed, planned_minutes, actual_minutes = (
    _minutes(key) for key in ("timed", "planned_minutes", "actual_minutes")
)


def minutes_saved(*, first, last, unit_ids):
    rows = duration_values(first=first, last=last, unit_ids=unit_ids)
    return {
        unit_id: line["planned_minutes"] - line["actual_minutes"]
        for unit_id, line in rows.items()
        if line["planned_minutes"] != line["actual_minutes"]
    }


FIGURES = (
    Figure(
        "meetings.papers",
        _("Papers of the meetings held"),
        _("Papers on the agenda of the meetings held in the period, by host unit."),
        Measure.COUNT,
        papers,
    ),
    Figure(
        "meetings.papers_electronic",
        _("Papers sent electronically"),
        _(
            "Papers of the meetings held that every participant received through the system "
            "(not secret: Decision 45/2018 sends papers electronically, secret ones excepted)."
        ),
        Measure.COUNT,
        papers_electronic,
    ),
    Figure(
        "meetings.pages_saved",
        _("Printed pages saved"),
        _(
            "Pages of the papers of the meetings held sent electronically (current versions, "
            "not secret), times each meeting's invitees: the copies a paper meeting prints. A "
            "paper whose page count is unknown (no PDF to count) counts nothing."
        ),
        Measure.COUNT,
        printed_pages_saved,
    ),
    Figure(
        "meetings.points",
        _("Connected points of the meetings held"),
        _("Connected points (district and commune halls) of the meetings held in the period."),
        Measure.COUNT,
        points,
    ),
    Figure(
        "meetings.point_participants",
        _("Participants at the connected points"),
        _("People present at the connected points, as each point's officer reported."),
        Measure.COUNT,
        point_participants,
    ),
    Figure(
        "meetings.held",
        _("Meetings held"),
        _("Meetings held that started in the period, by host unit."),
        Measure.COUNT,
        held,
    ),
    Figure(
        "meetings.held_online",
        _("Meetings held online"),
        _("Meetings held in the period with an online room."),
        Measure.COUNT,
        held_online,
    ),
    Figure(
        "meetings.timed",
        _("Meetings held with their duration recorded"),
        _(
            "Meetings held in the period whose chair timed the agenda items or recorded the "
            "actual start and end."
        ),
        Measure.COUNT,
        timed,
    ),
    Figure(
        "meetings.planned_minutes",
        _("Planned minutes of the timed meetings"),
        _(
            "The planned minutes of the timed agenda items (where the chair timed them, else "
            "of the meeting), summed over the timed meetings."
        ),
        Measure.MINUTES,
        planned_minutes,
    ),
    Figure(
        "meetings.actual_minutes",
        _("Actual minutes of the timed meetings"),
        _(
            "The actual minutes of the timed agenda items (where the chair timed them, else "
            "the meeting's start to end), summed over the same meetings."
        ),
        Measure.MINUTES,
        actual_minutes,
    ),
    Figure(
        "meetings.minutes_saved",
        _("Minutes saved against the plan"),
        _("Planned minus actual minutes of the timed meetings (negative when they ran over)."),
        Measure.MINUTES,
        minutes_saved,
    ),
)


def register() -> None:
    figures_register(*FIGURES)
