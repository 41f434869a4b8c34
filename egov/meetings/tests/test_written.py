"""Written ballots of absent members: sent by the chair with a deadline in working days,
answered online, counted by the rules of every vote (named: the ballot kept; secret: only
the counter), refused late, twice, or to someone not sent one; the minutes wait for them."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.meetings import services
from egov.meetings.choices import MeetingKind, VoteStatus
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Ballot, Invitee, Turnout, WrittenBallot
from egov.meetings.services.written import (
    absent_voters,
    vote_send_written,
    written_ballot_cast,
    written_vote_close_due,
    written_votes_close_due,
)
from egov.meetings.tests.conftest import at, issue


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _voting(world, people, clock, *, secret=False):
    """A session (Tuesday 10 March 2026) with the department (present) and two members
    invited by name: the department's specialist and an officer of a district, both absent."""
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
    dept = services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    services.invitee_add(actor=people.office, meeting=meeting, person=people.dept_staff)
    services.invitee_add(actor=people.office, meeting=meeting, person=people.outsider)
    item = services.item_add(
        actor=people.office, meeting=meeting, title="Dự thảo", planned_minutes=45
    )
    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(document, people.office, people.chairman)
    services.meeting_invite(actor=people.office, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 8))
    services.invitee_check_in(actor=people.office, invitee=dept)
    services.invitee_check_in(
        actor=people.office,
        invitee=Invitee.objects.get(meeting=meeting, unit=None, person=people.dept_staff),
    )
    vote = services.vote_open(
        actor=people.chairman, item=item, question="Thông qua dự thảo?", secret=secret
    )
    services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
    return meeting, vote


def test_absent_members_are_the_named_invitees_not_checked_in(world, people, clock):
    meeting, vote = _voting(world, people, clock)

    assert absent_voters(meeting, vote) == [people.outsider]


def test_written_ballot_is_counted_in_a_named_vote_with_its_deadline(
    world, people, clock, django_capture_on_commit_callbacks
):
    _meeting, vote = _voting(world, people, clock)

    with django_capture_on_commit_callbacks(execute=True):
        vote = vote_send_written(actor=people.chairman, vote=vote, workdays=2)
    clock.set(at(2026, 3, 11, 15))
    written_ballot_cast(actor=people.outsider, vote=vote, choice="against")
    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert vote.written_until == at(2026, 3, 11, 17)  # two working days from Tuesday 8:00
    assert (vote.count_for, vote.count_against, vote.count_abstain) == (1, 1, 0)
    assert dict(Ballot.objects.filter(vote=vote).values_list("voter", "choice")) == {
        people.dept_head.pk: "for",
        people.outsider.pk: "against",
    }
    written = WrittenBallot.objects.get(vote=vote)
    assert (written.voter, written.answered_at) == (people.outsider, at(2026, 3, 11, 15))
    assert Notification.objects.filter(recipient=people.outsider).count() == 1
    assert AuditEvent.objects.filter(action="meetings.vote_written_sent").count() == 1
    assert AuditEvent.objects.filter(action="meetings.written_ballot_cast").count() == 1


def test_secret_written_ballot_keeps_no_choice(world, people, clock):
    _meeting, vote = _voting(world, people, clock, secret=True)
    vote = vote_send_written(actor=people.chairman, vote=vote, workdays=3)

    written_ballot_cast(actor=people.outsider, vote=vote, choice="abstain")
    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.count_for, vote.count_against, vote.count_abstain) == (1, 0, 1)
    assert not Ballot.objects.filter(vote=vote).exists()
    assert Turnout.objects.filter(vote=vote).count() == 2
    cast = AuditEvent.objects.get(action="meetings.written_ballot_cast")
    assert "abstain" not in str(cast.changes)


def test_written_ballot_refusals(world, people, clock):
    meeting, vote = _voting(world, people, clock)
    with pytest.raises(MeetingError, match="between 1 and 15 working days"):
        vote_send_written(actor=people.chairman, vote=vote, workdays=0)
    with pytest.raises(PermissionDenied):
        vote_send_written(actor=people.office, vote=vote, workdays=3)
    with pytest.raises(PermissionDenied):  # not sent one yet
        written_ballot_cast(actor=people.outsider, vote=vote, choice="for")
    vote = vote_send_written(actor=people.chairman, vote=vote, workdays=1)

    with pytest.raises(MeetingError, match="This vote is Awaiting written ballots"):
        services.vote_cast(actor=people.dept_staff, vote=vote, choice="for")
    with pytest.raises(PermissionDenied):
        written_ballot_cast(actor=people.dept_head, vote=vote, choice="for")
    services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)
    with pytest.raises(MeetingError, match="awaits written ballots"):
        services.minutes_draft(
            actor=people.office,
            meeting=meeting,
            drafting_unit=world.city_office,
            expected_version=None,
        )
    clock.set(at(2026, 3, 11, 8))  # one working day from Tuesday 8:00 ends Tuesday 17:00
    with pytest.raises(MeetingError, match="time for written ballots has passed"):
        written_ballot_cast(actor=people.outsider, vote=vote, choice="for")

    assert Turnout.objects.filter(vote=vote).count() == 1
    assert not AuditEvent.objects.filter(action="meetings.written_ballot_cast").exists()


def test_written_ballot_twice_is_refused(world, people, clock):
    _meeting, vote = _voting(world, people, clock)
    vote = vote_send_written(actor=people.chairman, vote=vote, workdays=3)
    written_ballot_cast(actor=people.outsider, vote=vote, choice="for")

    with pytest.raises(MeetingError, match="already voted"):
        written_ballot_cast(actor=people.outsider, vote=vote, choice="against")

    assert Ballot.objects.get(vote=vote, voter=people.outsider).choice == "for"


def test_nobody_absent_is_refused(world, people, clock):
    meeting, vote = _voting(world, people, clock)
    outsider = Invitee.objects.get(meeting=meeting, person=people.outsider)
    services.invitee_check_in(actor=people.office, invitee=outsider)

    with pytest.raises(MeetingError, match="Nobody absent"):
        vote_send_written(actor=people.chairman, vote=vote, workdays=3)

    vote.refresh_from_db()
    assert (vote.status, vote.written_until) == ("open", None)
    assert not WrittenBallot.objects.exists()


def test_absent_member_answers_on_the_meeting_page(client, world, people, clock):
    meeting, vote = _voting(world, people, clock)
    client.force_login(people.chairman)
    sent = client.post(
        reverse("meetings:meeting-action", args=[meeting.pk, "vote-written"]),
        {"target": vote.pk, "workdays": 3},
    )
    client.force_login(people.outsider)

    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    cast = client.post(
        reverse("meetings:meeting-action", args=[meeting.pk, "written-ballot"]),
        {"vote": vote.pk, "choice": "against"},
    )

    assert sent.status_code == 302
    assert f'id="written-{vote.pk}"' in page.content.decode()
    assert cast.status_code == 302
    assert Ballot.objects.get(vote=vote, voter=people.outsider).choice == "against"


def _awaiting(world, people, clock, *, secret=False, workdays=2):
    """A vote sent to the absent district officer, due Wednesday 11 March 2026 17:00 (two
    working days from Tuesday 8:00)."""
    meeting, vote = _voting(world, people, clock, secret=secret)
    return meeting, vote_send_written(actor=people.chairman, vote=vote, workdays=workdays)


def test_written_vote_closes_by_itself_at_its_deadline_and_once(world, people, clock):
    _meeting, vote = _awaiting(world, people, clock)
    clock.set(at(2026, 3, 11, 15))
    written_ballot_cast(actor=people.outsider, vote=vote, choice="against")

    clock.set(at(2026, 3, 11, 16))  # before the deadline: nothing closes
    assert written_votes_close_due() == 0
    vote.refresh_from_db()
    assert vote.status == VoteStatus.WRITTEN

    clock.set(at(2026, 3, 11, 17, 1))
    assert written_votes_close_due() == 1
    assert written_votes_close_due() == 0  # a second run closes nothing twice
    vote.refresh_from_db()

    assert (vote.status, vote.closed_at) == (VoteStatus.CLOSED, at(2026, 3, 11, 17, 1))
    assert (vote.count_for, vote.count_against, vote.count_abstain) == (1, 1, 0)
    closed = AuditEvent.objects.get(action="meetings.vote_closed_at_deadline")
    assert closed.actor is None and closed.object_id == str(vote.pk)
    assert closed.changes["written_sent"] == 1 and closed.changes["written_answered"] == 1
    assert not AuditEvent.objects.filter(action="meetings.vote_closed").exists()
    with pytest.raises(MeetingError, match="This vote is Closed"):
        services.vote_close(actor=people.chairman, vote=vote)


@pytest.mark.parametrize("secret", [False, True])
def test_the_close_at_the_deadline_counts_as_the_chairs_close(world, people, clock, secret):
    """The same vote closed both ways (rolled back in between) gives the same count."""
    from django.db import transaction

    _meeting, vote = _awaiting(world, people, clock, secret=secret)
    clock.set(at(2026, 3, 12, 9))  # past the deadline, nobody answered
    with transaction.atomic():
        by_chair = services.vote_close(actor=people.chairman, vote=vote)
        transaction.set_rollback(True)
    by_deadline = written_vote_close_due(vote_pk=vote.pk)

    counts = ("status", "count_for", "count_against", "count_abstain", "closed_at")
    assert [getattr(by_deadline, f) for f in counts] == [getattr(by_chair, f) for f in counts]
    assert (by_deadline.count_for, by_deadline.count_against) == (1, 0)


def test_a_vote_the_chair_closed_is_left_alone_at_the_deadline(world, people, clock):
    _meeting, vote = _awaiting(world, people, clock)
    clock.set(at(2026, 3, 11, 9))
    closed = services.vote_close(actor=people.chairman, vote=vote)
    clock.set(at(2026, 3, 12, 9))

    assert written_vote_close_due(vote_pk=vote.pk) is None
    assert written_votes_close_due() == 0
    vote.refresh_from_db()
    assert (vote.closed_at, vote.version) == (closed.closed_at, closed.version)
    assert not AuditEvent.objects.filter(action="meetings.vote_closed_at_deadline").exists()


def test_daily_command_closes_what_was_due_by_the_end_of_its_day(world, people, clock):
    _meeting, vote = _awaiting(world, people, clock)
    clock.set(at(2026, 3, 13, 9))  # Friday: the deadline (Wednesday 17:00) has passed
    out = io.StringIO()

    call_command("meetings_written_close", date="2026-03-10", stdout=out)  # before it
    vote.refresh_from_db()
    assert vote.status == VoteStatus.WRITTEN
    assert "0 votes closed" in out.getvalue()

    call_command("meetings_written_close", stdout=out)
    call_command("meetings_written_close", stdout=out)
    vote.refresh_from_db()
    assert vote.status == VoteStatus.CLOSED
    assert out.getvalue().count("1 votes closed") == 1
    assert AuditEvent.objects.filter(action="meetings.vote_closed_at_deadline").count() == 1


def test_sending_defers_the_close_to_the_deadline_on_a_waiting_backend(
    world, people, clock, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _meeting, vote = _voting(world, people, clock)
    with django_capture_on_commit_callbacks(execute=True):
        vote = vote_send_written(actor=people.chairman, vote=vote, workdays=2)

    deferred = [r for r in default_task_backend.results if r.task.name == "written_vote_close"]
    assert [(r.args, r.task.run_after) for r in deferred] == [([vote.pk], at(2026, 3, 11, 17))]
