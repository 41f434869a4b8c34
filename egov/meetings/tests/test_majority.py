"""The majority a vote needs (``EGOV_MEETING_MAJORITY``, per meeting kind): of the members
present or of all members, more than half or at least two-thirds; the result is sealed on the
vote at its close, shown on the page and written into the minutes."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.meetings import rules, services
from egov.meetings.choices import MajorityBase, MajorityShare, MeetingKind
from egov.meetings.models import Invitee
from egov.meetings.services.written import vote_send_written, written_ballot_cast
from egov.meetings.tests.conftest import at, issue


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rule(base: str, share: str) -> rules.MajorityRule:
    return rules.MajorityRule(base, share)


@pytest.mark.parametrize(
    ("counted", "share", "needed"),
    [
        (1, MajorityShare.SIMPLE, 1),
        (2, MajorityShare.SIMPLE, 2),
        (3, MajorityShare.SIMPLE, 2),
        (4, MajorityShare.SIMPLE, 3),
        (27, MajorityShare.SIMPLE, 14),
        (1, MajorityShare.TWO_THIRDS, 1),
        (3, MajorityShare.TWO_THIRDS, 2),
        (4, MajorityShare.TWO_THIRDS, 3),
        (6, MajorityShare.TWO_THIRDS, 4),
        (27, MajorityShare.TWO_THIRDS, 18),
        (0, MajorityShare.TWO_THIRDS, 1),
    ],
)
def test_votes_needed_more_than_half_or_two_thirds(counted, share, needed):
    assert rules.majority_needed(counted, share) == needed


def test_outcome_counts_the_rules_base_never_below_who_voted():
    present = rule(MajorityBase.PRESENT, MajorityShare.SIMPLE)
    everyone = rule(MajorityBase.ALL, MajorityShare.SIMPLE)

    assert rules.vote_outcome(
        rule=present, count_for=2, members=5, present=3, voted=3
    ) == rules.VoteOutcome(counted=3, needed=2, passed=True)
    assert rules.vote_outcome(
        rule=everyone, count_for=2, members=5, present=3, voted=3
    ) == rules.VoteOutcome(counted=5, needed=3, passed=False)
    # two people of one invited unit voted: the count is of those who voted
    assert rules.vote_outcome(
        rule=everyone, count_for=1, members=1, present=1, voted=2
    ) == rules.VoteOutcome(counted=2, needed=2, passed=False)


def test_rule_of_a_kind_from_the_setting_with_a_simple_majority_of_those_present_by_default():
    setting = {"ubnd_session": "all:two_thirds", "working": "nonsense"}

    assert rules.majority_rule_for("ubnd_session", setting) == rule("all", "two_thirds")
    assert rules.majority_rule_for("working", setting) == rule("present", "simple")
    assert rules.majority_rule_for("conference", setting) == rule("present", "simple")


def _vote(world, people, clock, kind):
    """A meeting of ``kind`` with five invited units, three of them checked in, and a named
    vote where two of those present vote for and one against."""
    heads = {
        unit: make_officer(f"head{n}@example.vn", unit, "unit_head")
        for n, unit in enumerate([world.district_a, world.district_b, world.commune_a])
    }
    commune_b = make_officer("head.cb@example.vn", world.commune_b, "unit_head")
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=kind,
        title="Phiên họp",
        starts_at=at(2026, 3, 10, 8),
        planned_minutes=120,
        place="Phòng họp số 1",
        online_url="https://meet.example.vn/phien-hop"
        if kind == MeetingKind.ONLINE_CONFERENCE
        else "",
    )
    for unit in [world.dept, *heads, world.commune_b]:
        services.invitee_add(actor=people.office, meeting=meeting, unit=unit)
    item = services.item_add(
        actor=people.office, meeting=meeting, title="Dự thảo", planned_minutes=45
    )
    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(document, people.office, people.chairman)
    services.meeting_invite(actor=people.office, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 8))
    for unit in (world.dept, world.district_a, world.district_b):
        services.invitee_check_in(
            actor=people.office, invitee=Invitee.objects.get(meeting=meeting, unit=unit)
        )
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua dự thảo?")
    services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
    services.vote_cast(actor=heads[world.district_a], vote=vote, choice="for")
    services.vote_cast(actor=heads[world.district_b], vote=vote, choice="against")
    return meeting, vote, heads[world.commune_a], commune_b


def test_working_meeting_passes_on_more_than_half_of_those_present(world, people, clock):
    _meeting, vote, _ca, _cb = _vote(world, people, clock, MeetingKind.WORKING)

    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.majority_base, vote.majority_share) == ("present", "simple")
    assert (vote.counted, vote.needed, vote.passed) == (3, 2, True)
    assert vote.result_text == (
        "Passed: 2 for, 2 needed (more than half of the members present, 3 counted)."
    )
    closed = AuditEvent.objects.get(action="meetings.vote_closed")
    assert (closed.changes["passed"], closed.changes["needed"]) == ([None, True], [None, 2])


def test_ubnd_session_needs_more_than_half_of_all_members(world, people, clock):
    _meeting, vote, _ca, _cb = _vote(world, people, clock, MeetingKind.UBND_SESSION)

    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.majority_base, vote.majority_share) == ("all", "simple")
    assert (vote.counted, vote.needed, vote.passed) == (5, 3, False)
    assert vote.result_text.startswith("Not passed: 2 for, 3 needed (more than half of all")


def test_a_written_ballot_of_an_absent_member_counts_towards_the_majority(world, people, clock):
    _meeting, vote, commune_a, _cb = _vote(world, people, clock, MeetingKind.UBND_SESSION)
    Invitee.objects.filter(unit=world.commune_a).update(delegate=commune_a, response="delegated")
    vote = vote_send_written(actor=people.chairman, vote=vote, workdays=2)
    written_ballot_cast(actor=commune_a, vote=vote, choice="for")

    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.count_for, vote.counted, vote.needed, vote.passed) == (3, 5, 3, True)


@override_settings(EGOV_MEETING_MAJORITY={"working": "all:two_thirds"})
def test_two_thirds_rule_set_for_a_kind(world, people, clock):
    _meeting, vote, _ca, _cb = _vote(world, people, clock, MeetingKind.WORKING)

    vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.counted, vote.needed, vote.passed) == (5, 4, False)
    assert vote.majority_text == "at least two-thirds of all members"


def test_the_rule_is_the_one_the_vote_opened_with(world, people, clock):
    _meeting, vote, _ca, _cb = _vote(world, people, clock, MeetingKind.WORKING)

    with override_settings(EGOV_MEETING_MAJORITY={"working": "all:two_thirds"}):
        vote = services.vote_close(actor=people.chairman, vote=vote)

    assert (vote.counted, vote.needed, vote.passed) == (3, 2, True)


def test_result_shown_on_the_page_and_in_the_minutes(client, world, people, clock):
    meeting, vote, _ca, _cb = _vote(world, people, clock, MeetingKind.UBND_SESSION)
    client.force_login(people.dept_head)
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Cần quá nửa tổng số thành viên tán thành." in page

    services.vote_close(actor=people.chairman, vote=vote)
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert (
        "Không được thông qua: 2 phiếu tán thành, cần 3 (quá nửa tổng số thành viên, căn cứ "
        "tính 5 thành viên)." in page
    )

    services.meeting_hold(actor=people.office, meeting=meeting, expected_version=None)
    minutes = services.minutes_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    assert "Không được thông qua: 2 phiếu tán thành, cần 3" in minutes.body
