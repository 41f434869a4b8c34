"""The secretary's running notes feed the minutes; an online meeting without a link gets a
room on the city's video conference system (``EGOV_MEETING_VIDEO_URL``)."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError, PermissionDenied
from egov.meetings import services
from egov.meetings.choices import MeetingKind
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Meeting, Note
from egov.meetings.services.notes import note_add
from egov.meetings.tests.conftest import at
from egov.meetings.tests.test_session import _invited


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_notes_by_the_secretary_once_and_refused_to_others(world, people, clock):
    meeting, item = _invited(world, people)
    other, other_item = _invited(world, people)
    clock.set(at(2026, 3, 10, 8, 5))

    first = note_add(actor=people.office, meeting=meeting, item=item, text=" Sở TT&TT trình bày ")
    again = note_add(actor=people.office, meeting=meeting, item=item, text="Sở TT&TT trình bày")
    chair = note_add(actor=people.chairman, meeting=meeting, text="Chủ tọa kết luận.")
    with pytest.raises(PermissionDenied):
        note_add(actor=people.dept_head, meeting=meeting, text="Ý kiến")
    with pytest.raises(MeetingError) as wrong_item:
        note_add(actor=people.office, meeting=meeting, item=other_item, text="Nhầm")
    with pytest.raises(DomainError) as empty:
        note_add(actor=people.office, meeting=meeting, text="   ")

    assert again == first and first.text == "Sở TT&TT trình bày"
    assert list(Note.objects.filter(meeting=meeting)) == [first, chair]
    assert (wrong_item.value.fields.keys(), empty.value.fields.keys()) == ({"item"}, {"text"})
    assert AuditEvent.objects.filter(action="meetings.note_added").count() == 2
    assert not Note.objects.filter(meeting=other).exists()


def test_minutes_drafted_from_the_notes(world, people, clock):
    meeting, item = _invited(world, people)
    clock.set(at(2026, 3, 10, 8, 5))
    note_add(actor=people.office, meeting=meeting, item=item, text="Sở TT&TT trình bày dự thảo.")
    clock.set(at(2026, 3, 10, 9, 40))
    note_add(actor=people.office, meeting=meeting, text="Thống nhất thông qua.")
    services.meeting_hold(actor=people.office, meeting=meeting, expected_version=None)

    minutes = services.minutes_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )

    assert (
        "Course of the meeting (secretary's notes):\n"
        "- 08:05 [1. Dự thảo kế hoạch]: Sở TT&TT trình bày dự thảo.\n"
        "- 09:40: Thống nhất thông qua.\n"
    ) in minutes.body
    services.meeting_close(actor=people.office, meeting=meeting, expected_version=None)
    with pytest.raises(MeetingError):
        note_add(actor=people.office, meeting=meeting, text="Muộn")


def test_notes_on_the_page_for_the_host_not_for_participants(client, world, people, clock):
    meeting, item = _invited(world, people)
    client.force_login(people.office)

    response = client.post(
        reverse("meetings:meeting-action", args=[meeting.pk, "note"]),
        {"note-item": item.pk, "note-text": "Đại biểu phát biểu ý kiến."},
    )
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    client.force_login(people.dept_head)
    theirs = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()

    assert response.status_code == 302
    assert "Đại biểu phát biểu ý kiến." in page and 'id="h-notes"' in page
    assert "Đại biểu phát biểu ý kiến." not in theirs and 'id="h-notes"' not in theirs


def _plan(people, world, **kw):
    values = {
        "kind": MeetingKind.WORKING,
        "title": "Họp",
        "starts_at": at(2026, 3, 10, 8),
        "planned_minutes": 60,
        "place": "Phòng 301",
        **kw,
    }
    return services.meeting_create(
        actor=people.office, host_unit=world.city, chair=people.chairman, **values
    )


def test_online_meetings_without_a_link_get_a_room(world, people):
    conference = _plan(people, world, kind=MeetingKind.ONLINE_CONFERENCE)
    online = _plan(people, world, online=True)
    given = _plan(people, world, online=True, online_url="https://hop.example.vn/phong-1")
    in_room = _plan(people, world)
    with override_settings(EGOV_MEETING_VIDEO_URL="https://hop.hanoi.gov.vn/r/{room}"):
        city = _plan(people, world, online=True)

    assert re.fullmatch(r"https://meet\.jit\.si/egov-[0-9a-f]{16}", conference.online_url)
    assert online.online_url.startswith("https://meet.jit.si/egov-")
    assert online.online_url != conference.online_url
    assert given.online_url == "https://hop.example.vn/phong-1"
    assert in_room.online_url == ""
    assert city.online_url.startswith("https://hop.hanoi.gov.vn/r/egov-")


def test_planning_form_held_online_makes_the_room(client, world, people):
    client.force_login(people.office)

    client.post(
        reverse("meetings:meeting-create"),
        {
            "kind": "working",
            "title": "Họp trực tuyến",
            "host_unit": world.city.pk,
            "chair": people.chairman.pk,
            "starts_at": "2026-03-10T08:00",
            "planned_minutes": "60",
            "online": "on",
        },
    )

    assert Meeting.objects.get().online_url.startswith("https://meet.jit.si/egov-")
