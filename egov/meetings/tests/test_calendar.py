"""Calendar feeds: the officer's secret link (made, renewed, revoked), the officer's feed and
a unit's feed within reach, in local time through the icalendar library."""

from __future__ import annotations

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.meetings import ics, services
from egov.meetings.choices import MeetingKind
from egov.meetings.models import CalendarFeed
from egov.meetings.selectors import calendar_feed_user
from egov.meetings.services.calendar import calendar_feed_issue, calendar_feed_revoke
from egov.meetings.tests.conftest import at


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _meeting(world, people, *, title="Họp giao ban Sở"):
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.WORKING,
        title=title,
        starts_at=at(2026, 3, 10, 8),
        planned_minutes=90,
        place="Phòng 301",
    )
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    return meeting


def test_feed_is_local_time_with_its_timezone():
    event = ics.Event(
        uid="x@y",
        starts_at=at(2026, 3, 10, 8),
        ends_at=at(2026, 3, 10, 9),
        summary="Họp, bàn; " + "Kế hoạch chuyển đổi số " * 6,
    )

    text = ics.calendar_bytes([event], name="Lịch").decode()
    parsed = icalendar.Calendar.from_ical(text)
    (vevent,) = parsed.walk("VEVENT")

    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260310T080000" in text
    assert "BEGIN:VTIMEZONE" in text and "X-WR-TIMEZONE:Asia/Ho_Chi_Minh" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert str(vevent["summary"]) == "Họp, bàn; " + "Kế hoạch chuyển đổi số " * 6
    assert vevent.decoded("dtstart") == at(2026, 3, 10, 8)


def test_link_is_renewed_and_revoked(world, people, clock):
    first = calendar_feed_issue(actor=people.dept_head)
    second = calendar_feed_issue(actor=people.dept_head)

    assert calendar_feed_user(first.token) is None
    assert calendar_feed_user(second.token) == people.dept_head
    assert calendar_feed_revoke(actor=people.dept_head) == second
    assert calendar_feed_revoke(actor=people.dept_head) is None
    assert calendar_feed_user(second.token) is None
    assert list(
        AuditEvent.objects.filter(action__startswith="meetings.calendar_feed")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "meetings.calendar_feed_issued",
        "meetings.calendar_feed_issued",
        "meetings.calendar_feed_revoked",
    ]


def test_officer_feed_and_unit_feed(client, world, people, clock):
    meeting = _meeting(world, people)
    feed = calendar_feed_issue(actor=people.dept_head)
    outsider = calendar_feed_issue(actor=people.outsider)

    mine = client.get(reverse("meetings:calendar-feed", args=[feed.token]))
    unit = client.get(reverse("meetings:calendar-unit-feed", args=[feed.token, world.dept.pk]))
    foreign = client.get(
        reverse("meetings:calendar-unit-feed", args=[outsider.token, world.dept.pk])
    )
    none = client.get(reverse("meetings:calendar-feed", args=[outsider.token]))
    bad = client.get(reverse("meetings:calendar-feed", args=["x" * 43]))

    assert mine.status_code == 200 and mine["Content-Type"].startswith("text/calendar")
    assert f"UID:meeting-{meeting.pk}@" in mine.content.decode()
    assert unit.status_code == 200
    assert f"UID:meeting-{meeting.pk}@" in unit.content.decode()  # the department is invited
    assert foreign.status_code == 404  # a unit outside the officer's reach
    assert "BEGIN:VEVENT" not in none.content.decode()
    assert bad.status_code == 404
    calendar_feed_revoke(actor=people.dept_head)
    assert client.get(reverse("meetings:calendar-feed", args=[feed.token])).status_code == 404


def test_officer_makes_and_revokes_the_link_on_the_page(client, world, people, clock):
    client.force_login(people.dept_head)
    url = reverse("meetings:calendar-link")

    made = client.post(url, {"action": "issue"})
    page = client.get(reverse("meetings:meeting-list")).content.decode()
    revoked = client.post(url, {"action": "revoke"})
    wrong = client.post(url, {"action": "steal"})

    assert (made.status_code, revoked.status_code, wrong.status_code) == (302, 302, 400)
    assert 'id="calendar-feed"' in page
    assert f"/units/{world.dept.pk}.ics" in page
    assert not CalendarFeed.objects.filter(user=people.dept_head, revoked_at=None).exists()
