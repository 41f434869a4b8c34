"""Fixtures of the task-tracking tests: the assigning office of the city, officers of a
department, a directive of the city, more Hà Nội units for matching, and a clock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import World, make_officer
from egov.accounts.models import User
from egov.directives.tests.factories import DirectiveFactory
from egov.documents.models import Document
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create
from egov.workdays.rules import VN_TZ


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    """A moment in Vietnam time."""
    return datetime.datetime(year, month, day, hour, tzinfo=VN_TZ)


class Clock:
    """``timezone.now()`` for the code under test; ``set`` moves it."""

    def __init__(self) -> None:
        self.moment: datetime.datetime | None = None

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    real_now = timezone.now
    frozen = Clock()
    frozen.set(at(2026, 3, 2))
    monkeypatch.setattr(timezone, "now", lambda: frozen.moment or real_now())
    return frozen


@pytest.fixture
def office(world: World) -> User:
    """Clerk of the city People's Committee office: the assigning office of city directives."""
    return make_officer("vanthu.vpubnd@example.vn", world.city, "clerk")


@pytest.fixture
def office_specialist(world: World) -> User:
    return make_officer("chuyenvien.vpubnd@example.vn", world.city, "specialist")


@pytest.fixture
def dept_specialist(world: World) -> User:
    return make_officer("chuyenvien.stttt@example.vn", world.dept, "specialist")


@pytest.fixture
def dept_head(world: World) -> User:
    return make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")


@pytest.fixture
def directive(world: World, clock: Clock) -> Document:
    """Kế hoạch 52/KH-UBND of the city, issued on Monday 2 March 2026."""
    return DirectiveFactory(
        unit=world.city,
        number=52,
        notation="KH-UBND",
        number_notation="52/KH-UBND",
        issued_on=datetime.date(2026, 3, 2),
    )


@dataclass
class Hanoi:
    """More units of Hà Nội for name matching, beside the world's."""

    home_affairs: OrgUnit
    agriculture: OrgUnit
    planning: OrgUnit
    soc_son: OrgUnit
    son_tay: OrgUnit
    division_b: OrgUnit


@pytest.fixture
def hanoi(world: World) -> Hanoi:
    def unit(name: str, kind: str, parent: OrgUnit, short: str = "") -> OrgUnit:
        return orgunit_create(actor=None, name=name, kind=kind, parent=parent, short_name=short)

    return Hanoi(
        home_affairs=unit("Sở Nội vụ", "department", world.city, "SNV"),
        agriculture=unit("Sở Nông nghiệp và Phát triển nông thôn", "department", world.city, "SNN"),
        planning=unit("Sở Kế hoạch và Đầu tư", "department", world.city, "SKHĐT"),
        soc_son=unit("Huyện Sóc Sơn", "district", world.city),
        son_tay=unit("Thị xã Sơn Tây", "district", world.city),
        # a second "Phòng Văn hóa và Thông tin": the name alone is ambiguous
        division_b=unit("Phòng Văn hóa và Thông tin", "division", world.district_b, "VHTT"),
    )
