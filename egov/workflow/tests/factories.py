"""Building workflow state through the services, plus a settable clock for exact moments."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import World, make_officer
from egov.accounts.models import User
from egov.workdays.rules import VN_TZ
from egov.workflow.models import ProcessDefinition, ProcessInstance
from egov.workflow.services import (
    StepSpec,
    process_definition_create,
    process_definition_publish,
    process_start,
)

D = Decimal


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    """A moment in Vietnam time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class Clock:
    """``timezone.now()`` for the services under test; ``set`` moves it."""

    def __init__(self) -> None:
        self.moment: datetime.datetime | None = None

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    real_now = timezone.now
    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.moment or real_now())
    return frozen


def liaison_steps(world: World) -> list[StepSpec]:
    """Desk → district division → city department (liên thông up a level) → back to the
    district head (the owner unit): 0.5 + 1.5 + 2.5 + 1 = 5.5 working days."""
    return [
        StepSpec(1, "receive", "Tiếp nhận hồ sơ", "front_desk_officer", D("0.5"), world.desk_a),
        StepSpec(2, "appraise", "Thẩm định", "specialist", D("1.5"), world.division_a),
        StepSpec(3, "consult", "Thẩm định liên thông", "specialist", D("2.5"), world.dept),
        StepSpec(4, "sign", "Ký duyệt", "unit_head", D("1"), None),
    ]


def liaison_definition(
    world: World, *, code: str = "1.001731-BD", version: int = 1, publish: bool = True
) -> ProcessDefinition:
    definition = process_definition_create(
        actor=None,
        code=code,
        name="Hỗ trợ chi phí mai táng",
        version=version,
        effective_from=datetime.date(2025, 1, 1),
        total_days=D("5.5"),
        steps=liaison_steps(world),
        source="Quyết định thử nghiệm (test data)",
    )
    if publish:
        definition = process_definition_publish(actor=None, definition=definition)
    return definition


def dept_specialist(world: World) -> User:
    return make_officer("chuyenvien.sotttt@example.vn", world.dept, "specialist")


def started(
    world: World,
    subject: User,
    *,
    received_at: datetime.datetime,
    label: str = "Hồ sơ 000.00.01.H26-250122-0001 — Nguyễn Văn An",
    definition: ProcessDefinition | None = None,
) -> ProcessInstance:
    return process_start(
        actor=None,
        definition=definition or liaison_definition(world),
        owner_unit=world.district_a,
        subject=subject,
        subject_label=label,
        received_at=received_at,
    )
