"""The second complaint: registered at the level above after the first-instance decision, within
30 days ending on a working day (across New Year), refused before the decision, past the limit
or twice with nothing saved; accepted with the second-instance limit of 45 days; the case
carries both decisions."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError
from egov.complaints import rules, services
from egov.complaints.choices import Channel, Outcome, PetitionKind, Verdict
from egov.complaints.models import Petition
from egov.complaints.selectors import limits_of, rule_set_in_force
from egov.complaints.services_appeal import petition_appeal_register
from egov.complaints.tests.conftest import at
from egov.workdays.selectors import work_calendar_get

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def city_receiver(world):
    return make_officer("tiepdan.tp@example.vn", world.city, "specialist", subtree=True)


def _accepted(clock, people, world) -> Petition:
    clock.set(at(2026, 12, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại quyết định thu hồi đất",
        content="Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND",
        petitioner_name="Trần Văn Bình",
        contested_on=D(2026, 11, 20),
    )
    return services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )


@pytest.fixture
def decided(clock, people, world) -> Petition:
    petition = _accepted(clock, people, world)
    clock.set(at(2026, 12, 4, 16))
    petition = services.petition_step_record(
        actor=people.handler, petition=petition, step="verify", on=D(2026, 12, 3), note="Xác minh"
    )
    petition = services.petition_settle(
        actor=people.handler,
        petition=petition,
        decided_on=D(2026, 12, 4),
        verdict=Verdict.WRONG,
        summary="Khiếu nại sai.",
    )
    clock.set(at(2026, 12, 7))
    return petition


def test_the_time_limit_to_complain_again_ends_on_a_working_day() -> None:
    calendar = work_calendar_get()
    limits = limits_of(rule_set_in_force(D(2026, 12, 7)))
    deadline = rules.appeal_deadline

    # 30 days from 2/12/2026 is Friday 1/1/2027, New Year's Day: the limit ends Monday 4/1
    assert deadline(
        calendar, limits, decided_on=D(2026, 12, 2), settlement_due_on=None, is_remote=False
    ) == D(2027, 1, 4)
    assert deadline(
        calendar, limits, decided_on=D(2026, 12, 9), settlement_due_on=None, is_remote=True
    ) == D(2027, 1, 25)  # 45 days in a remote area (Saturday 23/1 → Monday 25/1)
    assert deadline(
        calendar, limits, decided_on=None, settlement_due_on=D(2026, 12, 7), is_remote=False
    ) == D(2027, 1, 6)  # no decision in time: from the end of the first-instance limit
    assert (
        rules.settlement_days(
            limits, kind=PetitionKind.COMPLAINT, is_complex=True, is_remote=True, instance=2
        )
        == 70
    )


def test_a_second_complaint_before_the_decision_is_refused(
    clock, people, world, city_receiver
) -> None:
    first = _accepted(clock, people, world)
    clock.set(at(2026, 12, 7))
    with pytest.raises(DomainError) as refused:
        petition_appeal_register(
            actor=city_receiver,
            first=first,
            received_at=at(2026, 12, 7, 8),
            channel=Channel.POST,
            content="Không đồng ý",
        )
    assert refused.value.message.startswith("Chỉ được khiếu nại lần hai sau khi có quyết định")
    assert Petition.objects.count() == 1
    assert not AuditEvent.objects.filter(action="complaints.appeal_registered").exists()


def test_a_second_complaint_past_the_limit_is_refused(clock, decided, city_receiver) -> None:
    clock.set(at(2027, 1, 5))
    with pytest.raises(DomainError) as refused:
        petition_appeal_register(
            actor=city_receiver,
            first=decided,
            received_at=at(2027, 1, 5, 8),
            channel=Channel.POST,
            content="Không đồng ý",
        )
    assert refused.value.message == "Thời hạn khiếu nại lần hai đã hết vào ngày 04/01/2027."
    assert Petition.objects.count() == 1


def test_the_district_officer_cannot_register_it_for_the_city(clock, decided, people) -> None:
    with pytest.raises(DomainError):
        petition_appeal_register(
            actor=people.receiver,
            first=decided,
            received_at=at(2026, 12, 7, 8),
            channel=Channel.POST,
            content="Không đồng ý",
        )
    assert Petition.objects.count() == 1


def test_the_second_complaint_is_accepted_and_carries_both_decisions(
    client, clock, decided, world, city_receiver
) -> None:
    client.force_login(city_receiver)
    response = client.post(
        reverse("complaints:petition-action", args=[decided.pk, "appeal"]),
        {
            "appeal-received_at": "2026-12-07T08:00",
            "appeal-channel": Channel.POST,
            "appeal-content": "Không đồng ý với quyết định giải quyết lần đầu",
        },
    )
    assert response.status_code == 302
    appeal = Petition.objects.get(instance=2)
    assert (appeal.unit, appeal.first_instance, appeal.petitioner_name) == (
        world.city,
        decided,
        "Trần Văn Bình",
    )
    again = client.post(
        reverse("complaints:petition-action", args=[decided.pk, "appeal"]),
        {
            "appeal-received_at": "2026-12-07T09:00",
            "appeal-channel": Channel.POST,
            "appeal-content": "Lần nữa",
        },
    )
    assert again.status_code == 400
    assert Petition.objects.filter(instance=2).count() == 1

    appeal = services.petition_classify(
        actor=city_receiver,
        petition=appeal,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    assert appeal.settlement_due_on == D(2027, 1, 21)  # 45 days from Monday 7/12/2026
    clock.set(at(2026, 12, 9, 16))
    appeal = services.petition_step_record(
        actor=city_receiver, petition=appeal, step="verify", on=D(2026, 12, 8), note="Xác minh"
    )
    appeal = services.petition_settle(
        actor=city_receiver,
        petition=appeal,
        decided_on=D(2026, 12, 9),
        verdict=Verdict.WRONG,
        summary="Giữ nguyên quyết định lần đầu.",
    )
    client.force_login(city_receiver)  # a new session: the idle one expired over the days
    page = client.get(reverse("complaints:petition-detail", args=[appeal.pk])).content.decode()
    assert appeal.decision.subject.startswith("Quyết định giải quyết khiếu nại lần hai")
    assert decided.decision.subject in page
    assert (
        appeal.decision.subject
        in client.get(reverse("complaints:petition-detail", args=[decided.pk])).content.decode()
    )
