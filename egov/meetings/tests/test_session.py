"""During and around the meeting: named and secret votes with the quorum, the speakers list
and its timer, secret papers, overlap warnings, connected points, the .ics of a meeting and the
duration against plan."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.figures import figure_get
from egov.common.testing import files as samples
from egov.meetings import services
from egov.meetings.choices import MeetingKind
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Ballot, Invitee, Turnout
from egov.meetings.selectors import (
    duration_values,
    meeting_figures,
    meeting_overlaps,
    meeting_quorum,
    overlaps_of,
    paper_get_for_user,
    speaker_list,
)
from egov.meetings.tests.conftest import at, issue

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _meeting(world, people, *, online="", place="Phòng họp tầng 3", starts=None, quorum=None):
    return services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.UBND_SESSION,
        title="Phiên họp UBND thành phố",
        starts_at=starts or at(2026, 3, 10, 8),
        planned_minutes=120,
        place=place,
        online_url=online,
        quorum_percent=quorum,
    )


def _invited(world, people, *, units=(), online="", quorum=None):
    meeting = _meeting(world, people, online=online, quorum=quorum)
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    for unit in units:
        services.invitee_add(actor=people.office, meeting=meeting, unit=unit)
    item = services.item_add(
        actor=people.office, meeting=meeting, title="Dự thảo kế hoạch", planned_minutes=45
    )
    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(document, people.office, people.chairman)
    meeting, _warning = services.meeting_invite(
        actor=people.office, meeting=meeting, expected_version=None
    )
    return meeting, item


def test_quorum_is_the_meetings_share_of_invitees_checked_in(world, people, clock):
    meeting, item = _invited(world, people, units=[world.district_a, world.district_b], quorum=60)
    dept = Invitee.objects.get(meeting=meeting, unit=world.dept)
    services.invitee_check_in(actor=people.dept_head, invitee=dept)

    quorum = meeting_quorum(meeting)
    assert (quorum.invited, quorum.present, quorum.needed, quorum.reached) == (3, 1, 2, False)
    with pytest.raises(MeetingError, match="1 of 3 invitees present, 2 needed"):
        services.vote_open(actor=people.chairman, item=item, question="Thông qua?")

    district = Invitee.objects.get(meeting=meeting, unit=world.district_a)
    services.invitee_check_in(actor=people.office, invitee=district)
    assert meeting_quorum(meeting).reached
    assert services.vote_open(actor=people.chairman, item=item, question="Thông qua?")


def test_named_vote_keeps_who_chose_what(world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua?")
    services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
    services.vote_cast(actor=people.dept_staff, vote=vote, choice="against")
    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.count_for, vote.count_against, vote.secret) == (1, 1, False)
    assert dict(Ballot.objects.filter(vote=vote).values_list("voter", "choice")) == {
        people.dept_head.pk: "for",
        people.dept_staff.pk: "against",
    }


def test_secret_vote_stores_who_voted_but_never_their_choice(world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Bầu chọn?", secret=True)
    services.vote_cast(actor=people.dept_head, vote=vote, choice="against")
    services.vote_cast(actor=people.dept_staff, vote=vote, choice="against")
    with pytest.raises(MeetingError, match="already voted"):
        services.vote_cast(actor=people.dept_staff, vote=vote, choice="for")
    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.count_for, vote.count_against, vote.count_abstain) == (0, 2, 0)
    assert not Ballot.objects.filter(vote=vote).exists()
    assert set(Turnout.objects.filter(vote=vote).values_list("voter", flat=True)) == {
        people.dept_head.pk,
        people.dept_staff.pk,
    }
    casts = AuditEvent.objects.filter(action="meetings.vote_cast")
    assert casts.count() == 2
    assert not any("against" in str(event.changes) for event in casts)


def test_speakers_list_ordered_started_and_ended_by_the_chair(world, people, clock):
    meeting, item = _invited(world, people)
    first = services.speaker_request(actor=people.dept_head, meeting=meeting, item=item)
    assert services.speaker_request(actor=people.dept_head, meeting=meeting) == first
    second = services.speaker_request(actor=people.dept_staff, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.speaker_request(actor=people.outsider, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.speaker_start(actor=people.dept_head, speaker=first)

    services.speaker_move(actor=people.chairman, speaker=second, up=True)
    assert [s.person for s in speaker_list(meeting)] == [people.dept_staff, people.dept_head]

    clock.set(at(2026, 3, 10, 8))
    services.speaker_start(actor=people.chairman, speaker=second)
    clock.set(at(2026, 3, 10, 8) + datetime.timedelta(minutes=2, seconds=5))
    services.speaker_start(actor=people.chairman, speaker=first)  # the previous one stops
    second.refresh_from_db()
    assert (second.seconds_spoken, second.timer) == (125, "02:05")
    clock.set(at(2026, 3, 10, 8) + datetime.timedelta(minutes=3))
    first = services.speaker_end(actor=people.chairman, speaker=first)
    assert first.seconds_spoken == 55
    # asking again after the turn puts them back on the list
    again = services.speaker_request(actor=people.dept_head, meeting=meeting)
    assert again.pk != first.pk


def test_speakers_part_polled_by_the_page(client, world, people, clock):
    meeting, _item = _invited(world, people)
    speaker = services.speaker_request(actor=people.dept_head, meeting=meeting)
    services.speaker_start(actor=people.chairman, speaker=speaker)
    client.force_login(people.dept_staff)

    response = client.get(reverse("meetings:speakers", args=[meeting.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body and people.dept_head.full_name in body
    assert 'id="speaker-timer"' in body
    client.force_login(people.outsider)
    assert client.get(reverse("meetings:speakers", args=[meeting.pk])).status_code == 404


def test_secret_paper_only_for_its_named_readers(world, people, clock):
    meeting, item = _invited(world, people)
    with pytest.raises(MeetingError, match="Name the readers"):
        services.paper_upload(
            actor=people.office, item=item, upload=samples.pdf(), name="mat.pdf", secret=True
        )
    with pytest.raises(MeetingError, match="Only people of the meeting"):
        services.paper_upload(
            actor=people.office,
            item=item,
            upload=samples.pdf(),
            name="mat.pdf",
            secret=True,
            readers=[people.outsider],
        )
    paper, _ = services.paper_upload(
        actor=people.office,
        item=item,
        upload=samples.pdf(),
        name="mat.pdf",
        secret=True,
        readers=[people.dept_head],
    )

    assert paper_get_for_user(people.dept_head, meeting.pk, paper.pk) == paper
    assert paper_get_for_user(people.chairman, meeting.pk, paper.pk) == paper
    with pytest.raises(Http404):
        paper_get_for_user(people.dept_staff, meeting.pk, paper.pk)  # invited, not named
    services.paper_readers_set(actor=people.office, paper=paper, secret=False, readers=[])
    assert paper_get_for_user(people.dept_staff, meeting.pk, paper.pk) == paper


def test_overlapping_chair_room_or_person_is_warned(world, people, clock):
    first = _meeting(world, people)
    services.invitee_add(actor=people.office, meeting=first, person=people.dept_head)
    later = at(2026, 3, 10, 10)  # the first ends at 10:00: touching is no overlap

    assert (
        meeting_overlaps(
            starts_at=later,
            planned_minutes=60,
            chair_id=people.chairman.pk,
            place="Phòng họp tầng 3",
        )
        == []
    )
    warnings = meeting_overlaps(
        starts_at=at(2026, 3, 10, 9),
        planned_minutes=60,
        chair_id=people.chairman.pk,
        place="phòng họp tầng 3 ",
        person_ids=[people.dept_head.pk],
    )
    assert len(warnings) == 3
    assert any("room" in w for w in warnings)
    second = _meeting(world, people, starts=at(2026, 3, 10, 9), place="Phòng 2")
    assert [w for w in overlaps_of(second) if people.chairman.full_name in w]


def test_overlap_warned_when_planning_on_the_page(client, world, people, clock):
    _meeting(world, people)
    client.force_login(people.office)
    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "kind": "working",
            "title": "Họp trùng giờ",
            "host_unit": world.city.pk,
            "chair": people.chairman.pk,
            "starts_at": "2026-03-10T09:00",
            "planned_minutes": 60,
            "place": "Phòng họp tầng 3",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Phòng họp tầng 3" in response.content.decode()
    assert len([m for m in response.context["messages"] if m.level_tag == "warning"]) == 2


def test_connected_points_of_an_online_meeting(world, people, clock):
    hall = make_officer("vanphong.bd@example.vn", world.district_a, "specialist")
    room = _meeting(world, people)
    with pytest.raises(MeetingError, match="online meeting"):
        services.point_add(actor=people.office, meeting=room, unit=world.district_a, officer=hall)
    meeting, _item = _invited(world, people, online="https://meet.hanoi.gov.vn/ubnd")
    with pytest.raises(MeetingError, match="officer must be of the connected unit"):
        services.point_add(
            actor=people.office, meeting=meeting, unit=world.district_a, officer=people.outsider
        )
    point = services.point_add(
        actor=people.office,
        meeting=meeting,
        unit=world.district_a,
        officer=hall,
        place="Hội trường UBND quận",
    )
    assert (
        services.point_add(
            actor=people.office, meeting=meeting, unit=world.district_a, officer=hall
        )
        == point
    )
    with pytest.raises(PermissionDenied):
        services.point_check_in(actor=people.outsider, point=point, present=3)
    services.point_check_in(actor=hall, point=point, present=25)
    point = services.point_check_in(actor=hall, point=point, present=27)
    assert (point.present, point.joined_at is not None) == (27, True)


def test_meeting_ics_for_whoever_sees_the_meeting(client, world, people, clock):
    meeting, _item = _invited(world, people)
    client.force_login(people.dept_head)

    single = client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    client.force_login(people.outsider)
    hidden = client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))

    assert single.status_code == 200 and single["Content-Type"].startswith("text/calendar")
    text = single.content.decode()
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260310T080000" in text
    assert "SUMMARY:Phiên họp UBND thành phố" in text
    assert hidden.status_code == 404


def test_duration_against_plan(world, people, clock):
    meeting, _item = _invited(world, people, online="https://meet.hanoi.gov.vn/ubnd")
    with pytest.raises(MeetingError, match="start of the meeting first"):
        services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 8))
    meeting = services.meeting_start(actor=people.chairman, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 9) + datetime.timedelta(minutes=35))
    meeting = services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)
    meeting = services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)

    assert meeting.actual_minutes == 95
    values = duration_values(first=D(2026, 3, 1), last=D(2026, 3, 31))
    assert values == {
        world.city.pk: {"timed": 1, "planned_minutes": 120, "actual_minutes": 95, "online": 1}
    }
    assert duration_values(first=D(2026, 3, 1), last=D(2026, 3, 31), unit_ids=[world.dept.pk]) == {}
    figures = meeting_figures(unit=world.city, first=D(2026, 1, 1), last=D(2026, 12, 31))
    assert (figures.timed, figures.planned_minutes, figures.actual_minutes) == (1, 120, 95)
    # the same numbers reach the dashboards through the figures registry
    registered = [
        figure_get(code).read(first=D(2026, 3, 1), last=D(2026, 3, 31))
        for code in (
            "meetings.timed",
            "meetings.planned_minutes",
            "meetings.actual_minutes",
            "meetings.minutes_saved",
        )
    ]
    assert registered == [{world.city.pk: n} for n in (1, 120, 95, 25)]


@override_settings(EGOV_MEETING_QUORUM_PERCENT=100)
def test_default_quorum_from_the_setting(world, people, clock):
    assert _meeting(world, people).quorum_percent == 100


def test_page_actions_of_the_session(client, world, people, clock):
    meeting, item = _invited(world, people)
    secret, _ = services.paper_upload(
        actor=people.office,
        item=item,
        upload=samples.pdf(),
        name="mat.pdf",
        secret=True,
        readers=[people.dept_head],
    )

    def post(action, data=None):
        url = reverse("meetings:meeting-action", kwargs={"pk": meeting.pk, "action": action})
        return client.post(url, data or {})

    client.force_login(people.dept_staff)
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "mat.pdf" in page
    assert reverse("meetings:paper-file", args=[meeting.pk, secret.pk]) not in page
    assert post("speak").status_code == 302
    assert post("start", {"expected_version": meeting.version}).status_code == 403

    client.force_login(people.chairman)
    meeting.refresh_from_db()
    assert post("start", {"expected_version": meeting.version}).status_code == 302
    speaker = meeting.speakers.get()
    assert post("speaker-start", {"target": speaker.pk}).status_code == 302
    assert post("speaker-end", {"target": speaker.pk}).status_code == 302
    refused = post("vote-open", {"vote-item": item.pk, "vote-question": "Thông qua?"})
    assert refused.status_code == 400  # no quorum: nobody checked in
    meeting.refresh_from_db()
    assert post("end", {"expected_version": meeting.version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.started_at and meeting.ended_at
