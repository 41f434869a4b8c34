"""Per-item timers: started and ended by the chair or the secretary during the meeting, one
item at a time; planned against actual minutes per item, and the duration figures counting
the timed items where there are any."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.figures import figure_get
from egov.meetings import rules, services
from egov.meetings.choices import MeetingKind
from egov.meetings.exceptions import MeetingError
from egov.meetings.selectors import duration_values, meeting_figures
from egov.meetings.services.timers import item_end, item_start
from egov.meetings.tests.conftest import at, issue

D = datetime.date
MIN = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _started(world, people, clock):
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.UBND_SESSION,
        title="Phiên họp UBND",
        starts_at=at(2026, 3, 10, 8),
        planned_minutes=120,
        place="Phòng họp số 1",
    )
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    first = services.item_add(
        actor=people.office, meeting=meeting, title="Báo cáo", planned_minutes=30
    )
    second = services.item_add(
        actor=people.office, meeting=meeting, title="Dự thảo", planned_minutes=40
    )
    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(document, people.office, people.chairman)
    services.meeting_invite(actor=people.office, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 8))
    services.meeting_start(actor=people.chairman, meeting=meeting, expected_version=None)
    return meeting, first, second


T0 = datetime.datetime(2026, 3, 10, 1, tzinfo=datetime.UTC)


def test_duration_counts_the_timed_items_like_with_like():
    items = [
        rules.ItemTime(30, T0, T0 + 35 * MIN),
        rules.ItemTime(40, T0 + 35 * MIN, T0 + 60 * MIN + datetime.timedelta(seconds=40)),
    ]

    by_items = rules.meeting_duration(
        planned_minutes=120, started_at=T0, ended_at=T0 + 100 * MIN, items=items
    )
    by_meeting = rules.meeting_duration(planned_minutes=120, started_at=T0, ended_at=T0 + 100 * MIN)

    assert by_items == rules.Duration(planned=70, actual=61, by_items=True)
    assert by_meeting == rules.Duration(planned=120, actual=100, by_items=False)
    assert rules.meeting_duration(planned_minutes=120, started_at=T0, ended_at=None) is None


def test_items_run_one_at_a_time_and_end_with_the_meeting(world, people, clock):
    meeting, first, second = _started(world, people, clock)

    clock.set(at(2026, 3, 10, 8) + 2 * MIN)
    item_start(actor=people.office, item=first)
    assert item_start(actor=people.office, item=first).started_at == at(2026, 3, 10, 8) + 2 * MIN
    clock.set(at(2026, 3, 10, 8) + 40 * MIN)
    item_start(actor=people.chairman, item=second)  # the first ends at the same moment
    clock.set(at(2026, 3, 10, 9) + 15 * MIN)
    services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.actual_minutes, first.is_over) == (38, True)
    assert (second.actual_minutes, second.is_over) == (35, False)
    assert not first.is_running and not second.is_running
    assert list(
        AuditEvent.objects.filter(action__in=["meetings.item_started", "meetings.item_ended"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "meetings.item_started",
        "meetings.item_ended",
        "meetings.item_started",
        "meetings.item_ended",
    ]


def test_item_timer_refusals(world, people, clock):
    meeting, first, second = _started(world, people, clock)

    with pytest.raises(PermissionDenied):
        item_start(actor=people.dept_head, item=first)
    with pytest.raises(MeetingError, match="has not started"):
        item_end(actor=people.office, item=first)
    item_start(actor=people.office, item=first)
    item_end(actor=people.office, item=first)
    with pytest.raises(MeetingError, match="already recorded"):
        item_start(actor=people.office, item=first)
    services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)
    with pytest.raises(MeetingError, match="The meeting has ended"):
        item_start(actor=people.office, item=second)

    second.refresh_from_db()
    assert second.started_at is None
    assert not AuditEvent.objects.filter(action="meetings.item_started", object_id=second.pk)


def test_item_needs_the_meeting_started(world, people, clock):
    meeting, first, _second = _started(world, people, clock)
    meeting.started_at = None
    meeting.save(update_fields=["started_at"])

    with pytest.raises(MeetingError, match="Record the start of the meeting first"):
        item_start(actor=people.office, item=first)


def test_figures_use_the_item_times_where_present(world, people, clock):
    meeting, first, _second = _started(world, people, clock)
    clock.set(at(2026, 3, 10, 8) + 5 * MIN)
    item_start(actor=people.office, item=first)
    clock.set(at(2026, 3, 10, 8) + 30 * MIN)
    item_end(actor=people.office, item=first)  # 25 of 30 planned; the second is not timed
    clock.set(at(2026, 3, 10, 10))
    services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)
    services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)

    values = duration_values(first=D(2026, 3, 1), last=D(2026, 3, 31))
    figures = meeting_figures(unit=world.city, first=D(2026, 3, 1), last=D(2026, 3, 31))
    actual = figure_get("meetings.actual_minutes").values(
        first=D(2026, 3, 1), last=D(2026, 3, 31), unit_ids=None
    )

    assert values == {
        world.city.pk: {"timed": 1, "planned_minutes": 30, "actual_minutes": 25, "online": 0}
    }
    assert (figures.timed, figures.planned_minutes, figures.actual_minutes) == (1, 30, 25)
    assert actual == {world.city.pk: 25}


def test_chair_starts_and_ends_an_item_on_the_page(client, world, people, clock):
    meeting, first, _second = _started(world, people, clock)
    client.force_login(people.chairman)
    action = reverse("meetings:meeting-action", args=[meeting.pk, "item-start"])

    started = client.post(action, {"target": first.pk})
    page = client.get(reverse("meetings:speakers", args=[meeting.pk]))
    ended = client.post(
        reverse("meetings:meeting-action", args=[meeting.pk, "item-end"]), {"target": first.pk}
    )

    assert (started.status_code, ended.status_code) == (302, 302)
    assert 'id="item-timer"' in page.content.decode()
    first.refresh_from_db()
    assert first.started_at is not None and first.ended_at is not None
