"""The meeting figures page and its xlsx export: both read the same selectors with the same
filters (unit within reach, period), so the screen and the workbook show the same numbers."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.common.charts import BarChart, BarInput, bar_chart
from egov.common.tables import Sheet, table_response, xlsx_write
from egov.meetings.models import Meeting
from egov.meetings.selectors import (
    MeetingFigures,
    held_meetings,
    held_points,
    meeting_durations,
    meeting_figures,
)
from egov.orgs.access import reach_of
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ


def _day(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


WITHIN, OVER, SAVED = "#1f5fa8", "#b3261e", "#9aa3ad"
CHART_BARS = 40  # the table below the chart lists every meeting held


def duration_chart(held: list[Meeting]) -> BarChart | None:
    """One bar per timed meeting held (the first ``CHART_BARS``): its actual minutes within
    the plan, then over it, then the planned minutes it did not use; None when none was
    timed. The bar's length is the larger of planned and actual."""
    bars = []
    for meeting in held:
        duration = getattr(meeting, "duration", None)
        if duration is None:
            continue
        planned, actual = duration.planned, duration.actual
        parts = [
            ("within", WITHIN, min(actual, planned)),
            ("over", OVER, max(actual - planned, 0)),
            ("saved", SAVED, max(planned - actual, 0)),
        ]
        text = _("%(actual)s of %(planned)s min") % {"actual": actual, "planned": planned}
        bars.append(BarInput(meeting.title, parts, text))
    if not bars:
        return None
    legend = [
        (_("Within the plan"), WITHIN),
        (_("Over the plan"), OVER),
        (_("Planned minutes not used"), SAVED),
    ]
    return bar_chart(bars[:CHART_BARS], legend=legend, width=360, label_chars=34)


def _figures(request: HttpRequest) -> dict[str, Any]:
    """The unit (within reach), the period (default: this year), the figures and the
    meetings held with their duration."""
    reach = reach_of(request.user)
    units = list(OrgUnit.objects.active().filter(reach.q("self")).order_by("path")[:500])
    unit = next(
        (u for u in units if str(u.pk) == request.GET.get("unit")), units[0] if units else None
    )
    today = timezone.localdate()
    first = _day(request.GET.get("first")) or datetime.date(today.year, 1, 1)
    last = _day(request.GET.get("last")) or datetime.date(today.year, 12, 31)
    figures = meeting_figures(unit=unit, first=first, last=last) if unit else None
    held = list(held_meetings(unit=unit, first=first, last=last)[:500]) if unit else []
    durations = meeting_durations(Meeting.objects.filter(pk__in=[m.pk for m in held]))
    for meeting in held:
        meeting.duration = durations.get(meeting.pk)
    return {
        "units": units,
        "unit": unit,
        "first": first,
        "last": last,
        "figures": figures,
        "held": held,
        "chart": duration_chart(held),
    }


@require_GET
@officer_required
def meeting_figures_page(request: HttpRequest) -> HttpResponse:
    """Meetings held, the share online, papers on time and sent electronically, people at
    the connected points and conclusions turned into tasks for a unit within reach and a
    period (default: this year)."""
    return render(request, "meetings/figures.html", _figures(request))


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _summary(figures: MeetingFigures) -> list[list[Any]]:
    return [
        [_("Figure"), _("Value"), _("Of"), _("Share")],
        [_("Meetings held"), figures.held, None, None],
        [
            _("Held online"),
            figures.held_online,
            figures.held,
            _share(figures.held_online, figures.held),
        ],
        [
            _("Papers sent on time"),
            figures.papers_on_time,
            figures.papers,
            _share(figures.papers_on_time, figures.papers),
        ],
        [
            _("Papers sent electronically"),
            figures.papers_electronic,
            figures.papers,
            _share(figures.papers_electronic, figures.papers),
        ],
        [_("Printed pages saved"), figures.pages_saved, None, None],
        [_("Papers of unknown page count"), figures.papers_pages_unknown, figures.papers, None],
        [_("Connected points"), figures.points, None, None],
        [
            _("Participants at the connected points"),
            figures.point_participants,
            figures.points,
            None,
        ],
        [
            _("Conclusions turned into tasks"),
            figures.conclusions_tasked,
            figures.conclusions,
            _share(figures.conclusions_tasked, figures.conclusions),
        ],
        [_("Planned minutes of the timed meetings"), figures.planned_minutes, None, None],
        [_("Actual minutes of the timed meetings"), figures.actual_minutes, None, None],
    ]


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment, VN_TZ).replace(tzinfo=None) if moment else None


def figures_workbook(context: dict[str, Any]) -> bytes:
    """The figures, the meetings held and their connected points as an .xlsx workbook."""
    held = context["held"]
    meetings = [
        [
            _("Meeting"),
            _("Host unit"),
            _("Starts at"),
            _("Online"),
            _("Connected points"),
            _("Participants at the points"),
            _("Planned minutes"),
            _("Actual minutes"),
        ],
        *(
            [
                m.title,
                m.host_unit.name,
                _local(m.starts_at),
                _("online") if m.is_online else _("in the room"),
                m.point_count,
                m.point_present or 0,
                m.duration.planned if m.duration else m.planned_minutes,
                m.duration.actual if m.duration else None,
            ]
            for m in held
        ),
    ]
    points = [
        [_("Meeting"), _("Connected point"), _("Hall"), _("Joined at"), _("People present")],
        *(
            [p.meeting.title, p.unit.name, p.place, _local(p.joined_at), p.present]
            for p in held_points(held)
        ),
    ]
    period = [_("Unit"), context["unit"].name, _("Period"), context["first"], context["last"]]
    return xlsx_write(
        [
            Sheet(_("Figures"), [period, [], *_summary(context["figures"])], {"A": 40}),
            Sheet(_("Meetings held"), meetings, {"A": 50, "B": 30, "C": 18}),
            Sheet(_("Connected points"), points, {"A": 50, "B": 30, "C": 30, "D": 18}),
        ]
    )


@require_GET
@officer_required
def meeting_figures_xlsx(request: HttpRequest) -> HttpResponse:
    """The figures page's numbers as an Excel workbook (the same filters)."""
    context = _figures(request)
    if context["unit"] is None:
        context["figures"] = MeetingFigures(0, 0, 0, 0, 0, 0)
        context["unit"] = OrgUnit(name="")
    first, last = context["first"], context["last"]
    return table_response(
        figures_workbook(context), filename=f"meetings-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
    )
