"""Behaviour of paperless meetings: planning, the invitation through the registry with the
Decision 45 lead time, papers seen by invitees only, answers, check-in, opinions, votes,
conclusions turned into directives tasks, the figures."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.test import override_settings
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, DomainError, PermissionDenied
from egov.common.files import FileRefused
from egov.common.testing import files as samples
from egov.directives.models import Task
from egov.meetings import services
from egov.meetings.choices import MeetingKind, MeetingStatus, Response
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Ballot, Invitee
from egov.meetings.selectors import (
    meeting_figures,
    meeting_get_for_user,
    meeting_list_for_user,
    paper_get_for_user,
)
from egov.meetings.tests.conftest import at, issue

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    """The refusals are matched in English here; the pages' Vietnamese in test_views.py."""
    with translation.override("en"):
        yield


def _meeting(world, people, *, starts=None, online=""):
    return services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.UBND_SESSION,
        title="Phiên họp UBND thành phố tháng 3",
        starts_at=starts or at(2026, 3, 10, 8),  # Tuesday next week
        planned_minutes=120,
        place="Phòng họp tầng 3",
        online_url=online,
    )


def _invited(world, people, clock, *, starts=None):
    """A meeting with the department invited, one item with a paper, invitation issued and
    sent."""
    meeting = _meeting(world, people, starts=starts)
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    item = services.item_add(
        actor=people.office,
        meeting=meeting,
        title="Dự thảo kế hoạch chuyển đổi số",
        planned_minutes=45,
        presenter="Sở Thông tin và Truyền thông",
    )
    services.paper_upload(actor=people.office, item=item, upload=samples.pdf(), name="du-thao.pdf")
    document = services.invitation_draft(
        actor=people.office,
        meeting=meeting,
        drafting_unit=world.city_office,
        expected_version=None,
    )
    issue(document, people.office, people.chairman)
    meeting, warning = services.meeting_invite(
        actor=people.office, meeting=meeting, expected_version=None
    )
    return meeting, item, warning


def test_invitation_is_a_registry_document_and_sent_on_time(world, people, clock):
    meeting, item, warning = _invited(world, people, clock)

    assert warning is None
    assert meeting.status == MeetingStatus.INVITED
    assert (meeting.invitation.doc_type.code, meeting.invitation.status) == ("giay-moi", "issued")
    assert meeting.invitation.number_notation.endswith("/GM-UBND")
    assert "Dự thảo kế hoạch chuyển đổi số" in meeting.invitation.body
    assert not meeting.invited_late
    assert item.papers.get().on_time


def test_invitation_must_be_issued_before_sending(world, people, clock):
    meeting = _meeting(world, people)
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=1
    )

    with pytest.raises(MeetingError, match="signed and issued"):
        services.meeting_invite(actor=people.office, meeting=meeting, expected_version=None)


def test_late_invitation_is_warned_by_default(world, people, clock):
    # Monday 2 March for Wednesday 4 March: one working day between, three are asked.
    meeting, _item, warning = _invited(world, people, clock, starts=at(2026, 3, 4, 8))

    assert "3 working days" in warning and "only 1" in warning
    assert meeting.invited_late
    assert not meeting.items.get().papers.get().on_time


@override_settings(EGOV_MEETING_LEAD_RULE="refuse")
def test_late_invitation_is_refused_under_the_refuse_rule(world, people, clock):
    with pytest.raises(MeetingError, match="Decision 45/2018"):
        _invited(world, people, clock, starts=at(2026, 3, 4, 8))


@override_settings(EGOV_MEETING_LEAD_WORKDAYS=2)
def test_lead_time_counts_working_days_not_weekends(world, people, clock):
    clock.set(at(2026, 3, 5))  # Thursday; Friday and Monday lie between it and Tuesday
    meeting, _item, warning = _invited(world, people, clock, starts=at(2026, 3, 10, 8))

    assert warning is None and not meeting.invited_late


def test_papers_only_for_invitees_and_host(world, people, clock):
    meeting, item, _ = _invited(world, people, clock)
    paper = item.papers.get()

    assert meeting_get_for_user(people.dept_head, meeting.pk) == meeting
    assert paper_get_for_user(people.dept_staff, meeting.pk, paper.pk) == paper
    assert list(meeting_list_for_user(people.dept_head)) == [meeting]
    assert list(meeting_list_for_user(people.outsider)) == []
    with pytest.raises(Http404):
        paper_get_for_user(people.outsider, meeting.pk, paper.pk)


def test_hostile_paper_is_refused(world, people, clock):
    meeting = _meeting(world, people)
    item = services.item_add(actor=people.office, meeting=meeting, title="A", planned_minutes=10)

    with pytest.raises(FileRefused):
        services.paper_upload(actor=people.office, item=item, upload=b"MZ\x90\x00", name="x.pdf")
    assert not item.papers.exists()


def test_agenda_longer_than_the_meeting_is_refused(world, people, clock):
    meeting = _meeting(world, people)
    services.item_add(actor=people.office, meeting=meeting, title="A", planned_minutes=100)

    with pytest.raises(MeetingError) as error:
        services.item_add(actor=people.office, meeting=meeting, title="B", planned_minutes=30)
    assert "planned_minutes" in error.value.fields


def test_online_conference_keeps_its_room(world, people):
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.ONLINE_CONFERENCE,
        title="Hội nghị trực tuyến",
        starts_at=at(2026, 3, 10),
        planned_minutes=60,
        place="Hội trường",
    )
    assert meeting.online_url.startswith("https://meet.jit.si/egov-")  # made for it
    with pytest.raises(MeetingError) as error:
        services.meeting_update(
            actor=people.office, meeting=meeting, expected_version=None, online_url=""
        )
    assert "online_url" in error.value.fields


def test_outsider_cannot_manage(world, people):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=people.outsider,
            host_unit=world.city,
            chair=people.chairman,
            kind=MeetingKind.WORKING,
            title="Họp",
            starts_at=at(2026, 3, 10),
            planned_minutes=60,
            place="P1",
        )


def test_answers_delegation_and_check_in(world, people, clock):
    meeting, _item, _ = _invited(world, people, clock)
    invitee = Invitee.objects.get(meeting=meeting, unit=world.dept)

    with pytest.raises(DomainError) as error:
        services.invitee_answer(actor=people.dept_head, invitee=invitee, response="declined")
    assert "reason" in error.value.fields
    with pytest.raises(MeetingError) as error:
        services.invitee_answer(
            actor=people.dept_head,
            invitee=invitee,
            response="delegated",
            delegate=people.outsider,
        )
    assert "delegate" in error.value.fields
    services.invitee_answer(
        actor=people.dept_head, invitee=invitee, response="delegated", delegate=people.dept_staff
    )
    with pytest.raises(PermissionDenied):  # the unit answered through its delegate now
        services.invitee_answer(actor=people.outsider, invitee=invitee, response="confirmed")
    services.invitee_check_in(actor=people.dept_staff, invitee=invitee)
    first = Invitee.objects.get(pk=invitee.pk).checked_in_at
    services.invitee_check_in(actor=people.dept_staff, invitee=invitee)

    invitee.refresh_from_db()
    assert (invitee.response, invitee.delegate) == (Response.DELEGATED, people.dept_staff)
    assert invitee.checked_in_at == first
    assert AuditEvent.objects.filter(action="meetings.invitee_checked_in").count() == 1


def test_stale_answer_is_refused(world, people, clock):
    meeting, _item, _ = _invited(world, people, clock)
    invitee = Invitee.objects.get(meeting=meeting)
    services.invitee_answer(
        actor=people.dept_head, invitee=invitee, response="confirmed", expected_version=1
    )

    with pytest.raises(ConcurrentChange):
        services.invitee_answer(
            actor=people.dept_head,
            invitee=invitee,
            response="declined",
            reason="Bận",
            expected_version=1,
        )


def test_vote_counted_once_and_closed_by_the_chair(world, people, clock):
    meeting, item, _ = _invited(world, people, clock)
    invitee = Invitee.objects.get(meeting=meeting)
    services.invitee_answer(actor=people.dept_head, invitee=invitee, response="confirmed")
    services.opinion_give(actor=people.dept_head, item=item, text="Đề nghị bổ sung kinh phí.")

    with pytest.raises(PermissionDenied):
        services.vote_open(actor=people.office, item=item, question="Thông qua dự thảo?")
    with pytest.raises(MeetingError, match="quorum is not reached: 0 of 1"):
        services.vote_open(actor=people.chairman, item=item, question="Thông qua dự thảo?")
    services.invitee_check_in(actor=people.dept_head, invitee=invitee)
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua dự thảo?")
    services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
    with pytest.raises(MeetingError, match="already voted"):
        services.vote_cast(actor=people.dept_head, vote=vote, choice="against")
    with pytest.raises(PermissionDenied):
        services.vote_cast(actor=people.outsider, vote=vote, choice="for")
    with pytest.raises(PermissionDenied):
        services.vote_close(actor=people.dept_head, vote=vote)
    vote = services.vote_close(actor=people.chairman, vote=vote)
    with pytest.raises(MeetingError, match="Closed"):
        services.vote_cast(actor=people.dept_staff, vote=vote, choice="for")

    assert (vote.count_for, vote.count_against, vote.count_abstain) == (1, 0, 0)
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert item.opinions.get().author == people.dept_head


def _held_with_notice(world, people, clock):
    meeting, _item, _ = _invited(world, people, clock)
    invitee = Invitee.objects.get(meeting=meeting)
    services.invitee_check_in(actor=people.office, invitee=invitee)
    clock.set(at(2026, 3, 10, 11))
    meeting = services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)
    work = services.conclusion_add(
        actor=people.chairman,
        meeting=meeting,
        text="Sở TT&TT hoàn thiện dự thảo kế hoạch.",
        lead_unit=world.dept,
        deadline_on=D(2026, 3, 31),
    )
    services.conclusion_add(actor=people.chairman, meeting=meeting, text="Thống nhất chủ trương.")
    minutes = services.minutes_draft(
        actor=people.office,
        meeting=meeting,
        drafting_unit=world.city_office,
        expected_version=None,
    )
    notice = services.notice_draft(
        actor=people.office,
        meeting=meeting,
        drafting_unit=world.city_office,
        expected_version=None,
    )
    return meeting, work, minutes, notice


def test_conclusion_becomes_a_directives_task_on_the_issued_notice(world, people, clock):
    meeting, work, minutes, notice = _held_with_notice(world, people, clock)

    assert (minutes.doc_type.code, notice.doc_type.code) == ("bien-ban", "thong-bao")
    assert "Sở TT&TT hoàn thiện dự thảo kế hoạch." in notice.body
    with pytest.raises(MeetingError, match="conclusion notice"):
        services.conclusion_to_task(actor=people.office, conclusion=work)
    issue(notice, people.office, people.chairman)
    work = services.conclusion_to_task(actor=people.office, conclusion=work)
    again = services.conclusion_to_task(actor=people.office, conclusion=work)

    task = Task.objects.get()
    assert again.task_id == work.task_id == task.pk
    assert (task.document_id, task.lead_unit, task.deadline_on) == (
        notice.pk,
        world.dept,
        D(2026, 3, 31),
    )
    words = meeting.conclusions.get(order=2)
    with pytest.raises(MeetingError, match="no lead unit"):
        services.conclusion_to_task(actor=people.office, conclusion=words)
    meeting = services.meeting_close(actor=people.office, meeting=meeting, expected_version=None)
    assert meeting.status == MeetingStatus.CLOSED


def test_every_change_is_audited_with_declared_actions(world, people, clock):
    _held_with_notice(world, people, clock)

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "meetings.meeting_created",
        "meetings.invitee_added",
        "meetings.item_added",
        "meetings.paper_added",
        "meetings.meeting_invitation_drafted",
        "meetings.meeting_invited",
        "meetings.invitee_checked_in",
        "meetings.meeting_held",
        "meetings.conclusion_added",
        "meetings.meeting_minutes_drafted",
        "meetings.meeting_notice_drafted",
    } <= actions


def test_figures_match_a_naive_count(world, people, clock):
    _meeting, work, _minutes, notice = _held_with_notice(world, people, clock)
    issue(notice, people.office, people.chairman)
    services.conclusion_to_task(actor=people.office, conclusion=work)
    online = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.ONLINE_CONFERENCE,
        title="Hội nghị trực tuyến",
        starts_at=at(2026, 3, 20),
        planned_minutes=60,
        online_url="https://meet.jit.si/hn-1",
    )  # planned, not held: not counted

    figures = meeting_figures(unit=world.city, first=D(2026, 3, 1), last=D(2026, 3, 31))
    district = meeting_figures(unit=world.district_a, first=D(2026, 3, 1), last=D(2026, 3, 31))

    assert online.status == MeetingStatus.PLANNED
    assert (figures.held, figures.held_online, figures.online_share) == (1, 0, 0)
    assert (figures.papers, figures.papers_on_time) == (1, 1)
    assert (figures.conclusions, figures.conclusions_tasked) == (2, 1)
    assert district.held == 0 and district.online_share is None
