"""The Hà Nội demo of meetings: a past online conference closed with minutes and a notice whose
two work-assigning conclusions are tasks in directives; an upcoming session invited with
papers; the audit chain intact."""

from __future__ import annotations

import datetime

import pytest

from egov.accounts.services import officer_account_create
from egov.audit.selectors import audit_chain_verify
from egov.common.testing import files as samples
from egov.directives.models import Task
from egov.meetings.demo import meetings_demo_load
from egov.meetings.models import CalendarFeed, Invitee, Meeting
from egov.meetings.selectors import meeting_figures
from egov.meetings.tests.conftest import at
from egov.orgs.loaders import orgs_dataset_load
from egov.orgs.models import OrgUnit
from egov.orgs.services import membership_grant

D = datetime.date


@pytest.fixture
def hanoi(db, clock, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    signed = samples.pdf()
    monkeypatch.setattr("egov.documents.services.issuing._signed_pdf", lambda document: signed)
    clock.set(at(2026, 11, 20, 17))  # a Friday
    orgs_dataset_load(actor=None, name="hanoi-2020")
    for email, name, kind, role, subtree in (
        ("chanhvanphong@hanoi.demo", "Thành phố Hà Nội", "province", "unit_head", True),
        ("chuyenvien.stttt@hanoi.demo", "Sở Thông tin và Truyền thông", "department",
         "specialist", False),
        ("chutich.badinh@hanoi.demo", "Quận Ba Đình", "district", "unit_head", True),
    ):  # fmt: skip
        user = officer_account_create(actor=None, full_name=email, email=email, password=None)
        membership_grant(
            actor=None,
            user=user,
            unit=OrgUnit.objects.active().get(kind=kind, name=name),
            role=role,
            includes_subtree=subtree,
            started_on=D(2020, 1, 2),
        )


def test_demo_has_a_month_of_meetings_with_weekly_sessions_and_tasks(hanoi):
    made = meetings_demo_load()

    sessions = list(Meeting.objects.filter(kind="ubnd_session").order_by("starts_at"))
    first, past, third, upcoming = sessions
    city = past.host_unit
    figures = meeting_figures(unit=city, first=D(2026, 1, 1), last=D(2026, 12, 31))
    assert made == {"meetings": 7, "tasks": 2}
    assert set(Meeting.objects.values_list("kind", flat=True)) == {
        "ubnd_session",
        "working",
        "conference",
        "online_conference",
    }
    assert all((s.starts_at - first.starts_at).days % 7 == 0 for s in sessions)  # weekly
    assert (first.status, third.status) == ("held", "held")
    assert all(s.actual_minutes for s in (first, past, third))
    assert past.speakers.get().seconds_spoken == 240
    assert (past.status, past.minutes.status, past.notice.status) == ("closed", "issued", "issued")
    assert Task.objects.filter(document=past.notice).count() == 2
    vote = past.items.get(number="2").votes.get()
    assert (vote.status, vote.count_for) == ("closed", 2)  # one in the room, one in writing
    assert vote.written_ballots.get().answered_at is not None
    assert upcoming.status == "invited" and not upcoming.invited_late
    assert upcoming.invitation.status == "issued"
    assert upcoming.items.count() == 2
    assert all(p.on_time for item in upcoming.items.all() for p in item.papers.all())
    assert (figures.held, figures.held_online, figures.conclusions_tasked) == (3, 3, 2)
    assert figures.timed == 3 and figures.planned_minutes == 60 + (40 + 50) + 60  # the items
    assert [(i.number, i.actual_minutes) for i in past.items.all()] == [
        ("1", 43),
        ("2", 45),
        ("2.1", None),  # the sub-items of item 2, not timed
        ("2.2", None),
    ]
    assert figures.actual_minutes == 60 + (43 + 45) + 70
    assert sorted(
        Invitee.objects.exclude(checked_in_at=None).values_list("checked_in_via", flat=True)
    ) == ["qr_phone", "qr_scan", "qr_scan"]  # the invitations' QR codes, at the door
    assert CalendarFeed.objects.filter(user__email="chanhvanphong@hanoi.demo").count() == 1
    assert audit_chain_verify().is_intact
