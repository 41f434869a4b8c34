"""The agenda tree: items with sub-items (like OpenSlides' agenda), numbered "2.1" in reading
order on the page, in the invitation and in the minutes; each level within the time of what
holds it; papers, votes and timers on any item."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.testing import files as samples
from egov.meetings import rules, services
from egov.meetings.choices import MeetingKind
from egov.meetings.exceptions import MeetingError
from egov.meetings.selectors import meeting_figures
from egov.meetings.services.timers import item_end, item_start
from egov.meetings.tests.conftest import at, issue

D = datetime.date
MIN = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _meeting(world, people, minutes=120):
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.UBND_SESSION,
        title="Phiên họp UBND",
        starts_at=at(2026, 3, 10, 8),
        planned_minutes=minutes,
        place="Phòng họp số 1",
    )
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    return meeting


def _add(people, meeting, title, minutes, parent=None):
    return services.item_add(
        actor=people.office,
        meeting=meeting,
        title=title,
        planned_minutes=minutes,
        parent=parent,
    )


def _tree(world, people):
    """1. Báo cáo (30); 2. Dự thảo (60) with 2.1 Mục tiêu (20), 2.2 Giải pháp (30) and
    2.1.1 Chỉ tiêu số (10)."""
    meeting = _meeting(world, people)
    first = _add(people, meeting, "Báo cáo", 30)
    second = _add(people, meeting, "Dự thảo", 60)
    goals = _add(people, meeting, "Mục tiêu", 20, second)
    means = _add(people, meeting, "Giải pháp", 30, second)
    digital = _add(people, meeting, "Chỉ tiêu số", 10, goals)
    return meeting, first, second, goals, means, digital


def test_pure_numbering_and_outermost():
    assert rules.item_number(None, 2) == "2"
    assert rules.item_number("2", 1) == "2.1"
    assert rules.item_path("0002", 1) == "0002.0001"
    assert len(rules.item_path(rules.item_path(None, 3), 12)) == rules.item_path_length(2)
    assert rules.outermost(["0001", "0002", "0002.0001", "0002.0001.0001", "0003.0002"]) == {
        "0001",
        "0002",
        "0003.0002",
    }


def test_sub_items_are_numbered_in_reading_order(world, people):
    meeting, _first, second, goals, means, digital = _tree(world, people)
    third = _add(people, meeting, "Kết luận", 10)

    assert [(i.number, i.title, i.depth) for i in meeting.items.all()] == [
        ("1", "Báo cáo", 1),
        ("2", "Dự thảo", 1),
        ("2.1", "Mục tiêu", 2),
        ("2.1.1", "Chỉ tiêu số", 3),
        ("2.2", "Giải pháp", 2),
        ("3", "Kết luận", 1),
    ]
    assert (goals.parent, means.order, third.order) == (second, 2, 3)
    assert list(second.children.all()) == [goals, means]
    assert str(digital) == "2.1.1. Chỉ tiêu số"
    event = AuditEvent.objects.get(action="meetings.item_added", object_id=digital.pk)
    assert event.changes["number"] == "2.1.1" and event.changes["parent"] == goals.pk


def test_each_level_fits_in_what_holds_it(world, people):
    meeting, first, second, _goals, _means, digital = _tree(world, people)

    with pytest.raises(MeetingError, match="longer than item 2 \\(60 minutes\\)") as refused:
        _add(people, meeting, "Tổ chức thực hiện", 11, second)  # 20 + 30 + 11 > 60
    assert refused.value.fields == {"planned_minutes": refused.value.message}
    with pytest.raises(MeetingError, match="longer than the meeting"):
        _add(people, meeting, "Khác", 31)  # 30 + 60 + 31 > 120: sub-items count in item 2
    with pytest.raises(MeetingError, match="at most 3 levels"):
        _add(people, meeting, "Quá sâu", 5, digital)
    other = _meeting(world, people)
    with pytest.raises(MeetingError, match="Choose an item of this meeting"):
        _add(people, other, "Lạc", 5, first)

    assert _add(people, meeting, "Tổ chức thực hiện", 10, second).number == "2.3"
    assert meeting.items.count() == 6


def test_invitation_and_minutes_number_the_tree(world, people, clock):
    meeting, _first, second, goals, _means, _digital = _tree(world, people)

    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )

    lines = document.body.splitlines()
    start = lines.index("Agenda:")
    assert lines[start + 1 : start + 6] == [
        "1. Báo cáo",
        "2. Dự thảo",
        "   2.1. Mục tiêu",
        "      2.1.1. Chỉ tiêu số",
        "   2.2. Giải pháp",
    ]
    issue(document, people.office, people.chairman)
    services.meeting_invite(actor=people.office, meeting=meeting, expected_version=None)
    services.invitee_check_in(actor=people.dept_head, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=goals, question="Thông qua mục tiêu?")
    services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
    services.vote_close(actor=people.chairman, vote=vote)
    services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)
    minutes = services.minutes_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )

    assert "   2.1. Mục tiêu" in minutes.body.splitlines()
    assert "Vote on Thông qua mục tiêu?: 1 for, 0 against, 0 abstain." in minutes.body
    assert vote.item == goals and goals.parent == second


def test_papers_attach_to_a_sub_item(world, people):
    _meeting, _first, _second, goals, _means, _digital = _tree(world, people)

    paper, warning = services.paper_upload(
        actor=people.office, item=goals, upload=samples.pdf(), name="muc-tieu.pdf"
    )

    assert paper.item == goals and paper.on_time == (warning is None)
    assert list(goals.papers.all()) == [paper]


def test_a_sub_item_runs_inside_its_item_and_counts_once(world, people, clock):
    meeting, _first, second, goals, means, _digital = _tree(world, people)
    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(document, people.office, people.chairman)
    services.meeting_invite(actor=people.office, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 8))
    services.meeting_start(actor=people.chairman, meeting=meeting, expected_version=None)
    item_start(actor=people.office, item=second)
    clock.set(at(2026, 3, 10, 8) + 5 * MIN)
    item_start(actor=people.office, item=goals)  # item 2 goes on around it
    clock.set(at(2026, 3, 10, 8) + 25 * MIN)
    item_start(actor=people.office, item=means)  # 2.1 ends, 2 goes on
    clock.set(at(2026, 3, 10, 8) + 50 * MIN)
    item_end(actor=people.office, item=second)  # 2.2 ends with it
    clock.set(at(2026, 3, 10, 9))
    services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)
    services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)

    minutes = {i.number: i.actual_minutes for i in meeting.items.all()}
    figures = meeting_figures(unit=world.city, first=D(2026, 3, 1), last=D(2026, 3, 31))

    assert minutes == {"1": None, "2": 50, "2.1": 20, "2.1.1": None, "2.2": 25}
    # item 2 holds its sub-items' time: 60 planned against 50, not 60 + 20 + 30 against 95
    assert (figures.timed, figures.planned_minutes, figures.actual_minutes) == (1, 60, 50)


def test_page_adds_a_sub_item_and_shows_the_tree(client, world, people):
    meeting, _first, second, _goals, _means, digital = _tree(world, people)
    client.force_login(people.office)
    url = reverse("meetings:meeting-action", args=[meeting.pk, "item"])

    added = client.post(
        url,
        {"item-title": "Tổ chức thực hiện", "item-parent": second.pk, "item-planned_minutes": 5},
    )
    too_deep = client.post(
        url, {"item-title": "Quá sâu", "item-parent": digital.pk, "item-planned_minutes": 5}
    )
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()

    assert added.status_code == 302
    assert too_deep.status_code == 400  # not a choice: an item at the last level holds none
    assert meeting.items.filter(number="2.3", parent=second).exists()
    assert "<h4>2.3. Tổ chức thực hiện</h4>" in page
    assert "<h5>2.1.1. Chỉ tiêu số</h5>" in page
    assert page.index("2.1.1. Chỉ tiêu số") < page.index("2.2. Giải pháp") < page.index("2.3.")


def test_api_gives_the_numbers_and_parents(client, world, people):
    meeting, first, second, goals, _means, _digital = _tree(world, people)
    client.force_login(people.office)

    agenda = client.get(reverse("api:meeting_get", args=[meeting.pk])).json()["agenda"]

    assert [(a["number"], a["parent_id"]) for a in agenda[:3]] == [
        ("1", None),
        ("2", None),
        ("2.1", second.pk),
    ]
    assert agenda[2]["id"] == goals.pk and agenda[0]["id"] == first.pk
