"""Fixtures of the disclosure tests: an officer of commune A who publishes, one of commune B,
a department officer who consults, the city office's head, two citizens, a frozen clock, and
the files (an Excel list, a photo)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import PASSWORD, World, make_officer
from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.common.testing import files as sample_files
from egov.documents.models import DocumentType
from egov.documents.services import document_draft_create
from egov.documents.tests.conftest_pki import pki, pki_material  # noqa: F401 - fixtures
from egov.orgs.models import OrgUnit
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
    frozen.set(at(2026, 3, 2))  # a Monday
    monkeypatch.setattr(timezone, "now", lambda: frozen.moment or real_now())
    return frozen


@dataclass
class People:
    commune_officer: User
    other_commune_officer: User
    consulting_officer: User
    city_office_head: User
    citizen: User
    other_citizen: User


@pytest.fixture
def people(world: World) -> People:
    return People(
        commune_officer=make_officer("congkhai@example.vn", world.commune_a, "specialist"),
        other_commune_officer=make_officer("khac@example.vn", world.commune_b, "specialist"),
        consulting_officer=make_officer("so@example.vn", world.dept, "specialist"),
        city_office_head=make_officer("vp@example.vn", world.city, "unit_head", subtree=True),
        citizen=public_account_register(
            full_name="Nguyễn Văn An",
            password=PASSWORD,
            phone="0912345678",
            citizen_id="001085012345",
        ),
        other_citizen=public_account_register(
            full_name="Trần Thị Bình",
            password=PASSWORD,
            phone="0912000222",
            citizen_id="001190002222",
        ),
    )


def xlsx_of(rows: list[list[object]]) -> bytes:
    return sample_files.xlsx(rows)


def photo() -> bytes:
    return sample_files.jpeg()


@pytest.fixture
def draft(people: People, world: World):
    return document_draft_create(
        actor=people.consulting_officer,
        drafting_unit=world.dept,
        unit=world.dept,
        doc_type=DocumentType.objects.get(code="ke-hoach"),
        subject="Dự thảo Kế hoạch chuyển đổi số năm 2026",
        body="Phần I. Mục tiêu\nPhần II. Nhiệm vụ",
    )


@pytest.fixture
def dept_head(world: World, pki):  # noqa: F811 - the fixture imported above
    """The director of the department, whose unit has an abbreviation and a signing key: he
    signs and issues the synthesis."""
    OrgUnit.objects.filter(pk=world.dept.pk).update(short_name="STTTT")
    world.dept.refresh_from_db()
    pki.issue(world.dept)
    return make_officer("giamdoc@example.vn", world.dept, "unit_head")
