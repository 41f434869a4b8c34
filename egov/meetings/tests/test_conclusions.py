"""A conclusion that assigns work names its lead unit and the units cooperating with it, as
a directives task does; the notice states them and the task carries them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.directives.choices import TaskUnitRole
from egov.directives.models import Task
from egov.meetings import services
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Conclusion, Invitee
from egov.meetings.tests.conftest import at, issue
from egov.meetings.tests.test_meetings import _invited

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _held(world, people, clock):
    meeting, _item, _ = _invited(world, people, clock)
    services.invitee_check_in(actor=people.office, invitee=Invitee.objects.get(meeting=meeting))
    clock.set(at(2026, 3, 10, 11))
    return services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)


def test_cooperating_units_go_into_the_notice_and_the_task(world, people, clock):
    meeting = _held(world, people, clock)
    work = services.conclusion_add(
        actor=people.chairman,
        meeting=meeting,
        text="Sở TT&TT hướng dẫn các quận số hóa hồ sơ.",
        lead_unit=world.dept,
        deadline_on=D(2026, 4, 30),
        cooperating=[world.district_a, world.district_b, world.district_a],
    )
    notice = services.notice_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(notice, people.office, people.chairman)

    services.conclusion_to_task(actor=people.office, conclusion=work)

    assert (
        "1. Sở TT&TT hướng dẫn các quận số hóa hồ sơ.\n"
        "   Lead: Sở Thông tin và Truyền thông; cooperating: Quận Ba Đình, Quận Hoàn Kiếm; "
        "deadline: 30/04/2026."
    ) in notice.body
    task = Task.objects.get()
    roles = set(task.units.values_list("unit__name", "role"))
    assert roles == {
        ("Sở Thông tin và Truyền thông", TaskUnitRole.LEAD),
        ("Quận Ba Đình", TaskUnitRole.COOPERATE),
        ("Quận Hoàn Kiếm", TaskUnitRole.COOPERATE),
    }
    added = AuditEvent.objects.get(action="meetings.conclusion_added")
    assert added.changes["cooperating"] == sorted([world.district_a.pk, world.district_b.pk])


def test_cooperating_units_need_a_lead_and_are_not_the_lead(world, people, clock):
    meeting = _held(world, people, clock)

    with pytest.raises(MeetingError) as no_lead:
        services.conclusion_add(
            actor=people.chairman, meeting=meeting, text="Phối hợp.", cooperating=[world.dept]
        )
    with pytest.raises(MeetingError) as lead_too:
        services.conclusion_add(
            actor=people.chairman,
            meeting=meeting,
            text="Chủ trì và phối hợp.",
            lead_unit=world.dept,
            deadline_on=D(2026, 4, 30),
            cooperating=[world.dept],
        )

    assert set(no_lead.value.fields) == set(lead_too.value.fields) == {"cooperating"}
    assert not Conclusion.objects.exists()
    assert not AuditEvent.objects.filter(action="meetings.conclusion_added").exists()


def test_conclusion_form_takes_cooperating_units(client, world, people, clock):
    meeting = _held(world, people, clock)
    client.force_login(people.office)

    response = client.post(
        reverse("meetings:meeting-action", args=[meeting.pk, "conclusion"]),
        {
            "conclusion-text": "Quận Ba Đình chủ trì rà soát.",
            "conclusion-lead_unit": world.district_a.pk,
            "conclusion-cooperating": [world.dept.pk, world.district_b.pk],
            "conclusion-deadline_on": "2026-04-30",
        },
    )
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()

    assert response.status_code == 302
    conclusion = Conclusion.objects.get()
    assert set(conclusion.cooperating_units.all()) == {world.dept, world.district_b}
    cooperating = page.split("Phối hợp: ", 1)[1].split(" · ", 1)[0]
    assert sorted(cooperating.split(", ")) == ["Quận Hoàn Kiếm", "Sở Thông tin và Truyền thông"]
