"""Fixtures of the complaints tests: the people of a district (a clerk who receives, a
specialist and the chairman who handle, the head of a division, an officer of another
district), a citizen, and a clock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import World, make_officer
from egov.accounts.models import User
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind, Verdict
from egov.complaints.models import Petition
from egov.complaints.reminders import complaints_reminders_send
from egov.workdays.rules import VN_TZ


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=VN_TZ)


class Clock:
    def __init__(self) -> None:
        self.moment: datetime.datetime | None = None

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    real_now = timezone.now
    frozen = Clock()
    frozen.set(at(2026, 12, 7))  # a Monday, under the rules of 1 July 2026
    monkeypatch.setattr(timezone, "now", lambda: frozen.moment or real_now())
    return frozen


@dataclass
class People:
    receiver: User  # clerk of the district: receives citizens, registers petitions
    handler: User  # specialist of the district: classifies and settles
    chairman: User  # head of the district (subtree): sees everything, not named
    division_head: User  # head of a division below: does not see the district's petitions
    outsider: User  # an officer of another district


@pytest.fixture
def people(world: World) -> People:
    return People(
        receiver=make_officer("tiepdan@example.vn", world.district_a, "clerk"),
        handler=make_officer("thanhtra@example.vn", world.district_a, "specialist"),
        chairman=make_officer("chutich@example.vn", world.district_a, "unit_head", subtree=True),
        division_head=make_officer("truongphong@example.vn", world.division_a, "division_head"),
        outsider=make_officer("khac@example.vn", world.district_b, "specialist", subtree=True),
    )


@pytest.fixture
def inspectorate(world):
    return make_officer("thanhtra.tp@example.vn", world.city, "specialist", subtree=True)


@pytest.fixture
def accepted(clock, people, world):
    clock.set(at(2026, 9, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.VISIT,
        received_at=at(2026, 9, 1),
        subject="Khiếu nại của 30 hộ dân về bồi thường giải phóng mặt bằng",
        content="Khiếu nại mức bồi thường",
        petitioner_name="Trần Văn Bình",
        contested_on=datetime.date(2026, 8, 20),
    )
    return services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
        is_complex=True,
    )


def petition_made(people, unit, received, name, *, kind=PetitionKind.COMPLAINT, accept=True):
    petition = services.petition_register(
        actor=people.receiver if unit.name == "Quận Ba Đình" else people.outsider,
        unit=unit,
        channel=Channel.POST,
        received_at=received,
        subject="Khiếu nại về bồi thường",
        content="Nội dung khiếu nại",
        petitioner_name=name,
        contested_on=received.date() - datetime.timedelta(days=5),
    )
    if not accept:
        return petition
    handler = people.handler if unit.name == "Quận Ba Đình" else people.outsider
    return services.petition_classify(
        actor=handler, petition=petition, kind=kind, is_competent=True, outcome=Outcome.ACCEPT
    )


def settled_made(people, petition, on):
    services.petition_step_record(
        actor=people.handler, petition=petition, step="verify", on=on, note="Xác minh tại chỗ"
    )
    return services.petition_settle(
        actor=people.handler,
        petition=Petition.objects.get(pk=petition.pk),
        decided_on=on,
        verdict=Verdict.PARTLY,
        summary="Khiếu nại đúng một phần",
    )


@pytest.fixture
def cases(clock, people, world):
    """District A: one complaint accepted in September and left open (late from mid
    October), one accepted in September and settled on 30 September (on time); district B: one
    accepted in November, open and within its limit on 7 December."""
    clock.set(at(2026, 9, 2))
    late = petition_made(people, world.district_a, at(2026, 9, 1), "Lê Văn Cường")
    settled = petition_made(people, world.district_a, at(2026, 9, 1, 10), "Đỗ Thị Hoa")
    clock.set(at(2026, 9, 30))
    settled = settled_made(people, settled, datetime.date(2026, 9, 30))
    clock.set(at(2026, 11, 26))
    other = petition_made(people, world.district_b, at(2026, 11, 25), "Ngô Văn Nam")
    clock.set(at(2026, 12, 7))
    complaints_reminders_send(today=datetime.date(2026, 12, 7))
    return late, settled, other
